/**
 * How a delivery is signed, and how a receiver checks it (README, "Change feed"): HMAC-SHA256 with the
 * subscription's secret over "<timestamp>.<body>", the timestamp in unix seconds. Signing the timestamp
 * with the body lets a receiver refuse a replayed old delivery.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const EVENT_HEADER = 'X-GridAtlas-Event';
export const DELIVERY_HEADER = 'X-GridAtlas-Delivery';
export const TIMESTAMP_HEADER = 'X-GridAtlas-Timestamp';
export const SIGNATURE_HEADER = 'X-GridAtlas-Signature';

/**
 * A new signing secret. Its own prefix (not the read keys' ga_ of server/auth/api-keys.ts): an
 * administrator who pastes it as X-GridAtlas-Key, or a receiver who mixes the two up, can tell at once.
 */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
export const SECRET_PREFIX_LENGTH = 10;

/** The X-GridAtlas-Signature value of a body sent at `timestamp` (unix seconds). */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * What a receiver does: the signature matches (compared in constant time) and the timestamp is within
 * `toleranceSeconds` of its own clock.
 */
export function verifyDelivery(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signDelivery(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
