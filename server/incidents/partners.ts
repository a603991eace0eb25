/**
 * Partner systems' keys for Open311 (the 12345 hotline, a district's app): an administrator issues one
 * per system and sees it once; only its SHA-256 is stored. Every request with a key is counted; a revoked
 * key stops at the next request.
 */
import { API_KEY_PREFIX_LENGTH, hashApiKey, isPlausibleApiKey, newApiKey } from '../auth/api-keys';
import type { Executor } from '../db';
import { IncidentError } from './errors';

export interface PartnerKeyRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  requestCount: number;
}

export async function listPartnerKeys(db: Executor): Promise<PartnerKeyRow[]> {
  const rows = await db.query<{ id: number; name: string; key_prefix: string; created_at: Date; revoked_at: Date | null; last_used_at: Date | null; request_count: number }>(
    'SELECT id, name, key_prefix, created_at, revoked_at, last_used_at, request_count FROM partner_key ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.key_prefix, createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at, requestCount: r.request_count }));
}

/** Stores a key for a partner; `key` is given only for the demo partner (printed in the README). */
export async function issuePartnerKey(db: Executor, by: { userId: number | null }, name: string, at: Date, key = newApiKey()): Promise<{ id: number; key: string }> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO partner_key (name, key_prefix, key_sha256, created_by_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [name, key.slice(0, API_KEY_PREFIX_LENGTH), hashApiKey(key), by.userId, at],
  );
  return { id: row!.id, key };
}

export async function revokePartnerKey(db: Executor, id: number, at: Date): Promise<void> {
  const n = await db.execute('UPDATE partner_key SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1', [id, at]);
  if (n === 0) throw new IncidentError('PARTNER_KEY_NOT_FOUND', String(id));
}

/** The partner a key belongs to, if the key is live; the use is counted. */
export async function partnerByKey(db: Executor, key: string, at: Date): Promise<{ id: number; name: string } | null> {
  if (!isPlausibleApiKey(key)) return null;
  const [row] = await db.query<{ id: number; name: string }>(
    `UPDATE partner_key SET last_used_at = $2, request_count = request_count + 1
      WHERE key_sha256 = $1 AND revoked_at IS NULL RETURNING id, name`,
    [hashApiKey(key), at],
  );
  return row ?? null;
}
