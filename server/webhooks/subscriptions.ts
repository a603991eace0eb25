/**
 * The departments' subscriptions to the change feed, as a city administrator manages them on
 * /admin/catalogue: subscribe a department key's system (a URL, the events its key may read), see how
 * its deliveries went, disable it, send it a test event. The secret is shown once, on creation.
 */
import { checkWebhookUrl, eventsOpenedBy, isWebhookEvent, WEBHOOK_EVENTS, type WebhookEvent } from '@/geo/webhooks/webhook-events';
import type { Executor } from '../db';
import { WebhookError } from './errors';
import { newWebhookSecret, SECRET_PREFIX_LENGTH } from './signature';

/** Live subscriptions one key may have: enough for a system and its standby, not a fan-out of our load. */
export const MAX_LIVE_PER_KEY = 5;

export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface WebhookSubscriptionRow {
  id: number;
  departmentKeyId: number;
  keyName: string;
  keyRevokedAt: Date | null;
  url: string;
  events: WebhookEvent[];
  secretPrefix: string;
  createdAt: Date;
  disabledAt: Date | null;
  counts: Record<DeliveryStatus, number>;
  /** The latest delivery's state, if any. */
  last: { status: DeliveryStatus; at: Date; statusCode: number | null; error: string | null } | null;
}

export async function listSubscriptions(db: Executor): Promise<WebhookSubscriptionRow[]> {
  const rows = await db.query<{
    id: number; department_key_id: number; key_name: string; key_revoked_at: Date | null; url: string; events: string[]; secret_prefix: string;
    created_at: Date; disabled_at: Date | null; pending: number; delivered: number; dead: number; cancelled: number;
    last_status: DeliveryStatus | null; last_at: Date | null; last_code: number | null; last_error: string | null;
  }>(
    `SELECT s.id, s.department_key_id, k.name AS key_name, k.revoked_at AS key_revoked_at, s.url, s.events, s.secret_prefix, s.created_at, s.disabled_at,
            coalesce(c.pending, 0) AS pending, coalesce(c.delivered, 0) AS delivered, coalesce(c.dead, 0) AS dead, coalesce(c.cancelled, 0) AS cancelled,
            l.status AS last_status, l.at AS last_at, l.last_status AS last_code, l.last_error
       FROM webhook_subscription s JOIN department_key k ON k.id = s.department_key_id
       LEFT JOIN (SELECT subscription_id,
                         count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
                         count(*) FILTER (WHERE status = 'dead')::int AS dead, count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
                    FROM webhook_delivery GROUP BY subscription_id) c ON c.subscription_id = s.id
       LEFT JOIN LATERAL (
         SELECT d.status, coalesce(d.delivered_at, (SELECT max(a.at) FROM webhook_attempt a WHERE a.delivery_id = d.id), d.created_at) AS at, d.last_status, d.last_error
           FROM webhook_delivery d WHERE d.subscription_id = s.id ORDER BY d.id DESC LIMIT 1) l ON true
      ORDER BY s.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    departmentKeyId: r.department_key_id,
    keyName: r.key_name,
    keyRevokedAt: r.key_revoked_at,
    url: r.url,
    events: r.events.filter(isWebhookEvent),
    secretPrefix: r.secret_prefix,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    counts: { pending: r.pending, delivered: r.delivered, dead: r.dead, cancelled: r.cancelled },
    last: r.last_status ? { status: r.last_status, at: r.last_at!, statusCode: r.last_code, error: r.last_error } : null,
  }));
}

export interface SubscriptionInput {
  departmentKeyId: number;
  url: string;
  events: string[];
}

/** Subscribes a live key's system; returns the secret, this once. */
export async function createSubscription(db: Executor, by: { userId: number | null }, input: SubscriptionInput, at: Date): Promise<{ id: number; secret: string }> {
  const url = checkWebhookUrl(input.url);
  if (!url.valid) throw new WebhookError(url.reason);
  const events = [...new Set(input.events)];
  if (events.length === 0) throw new WebhookError('WEBHOOK_EVENTS_REQUIRED');
  for (const e of events) if (!isWebhookEvent(e)) throw new WebhookError('WEBHOOK_EVENT_NOT_OPENED', e.slice(0, 40));
  return db.transaction(async (tx) => {
    // Locked: two subscriptions made at once still count against one limit, and a revocation waits.
    const [key] = await tx.query<{ collections: string[]; revoked_at: Date | null }>(
      'SELECT collections, revoked_at FROM department_key WHERE id = $1 FOR UPDATE',
      [input.departmentKeyId],
    );
    if (!key) throw new WebhookError('WEBHOOK_KEY_NOT_FOUND', String(input.departmentKeyId));
    if (key.revoked_at) throw new WebhookError('WEBHOOK_KEY_REVOKED');
    const opened = eventsOpenedBy(key.collections);
    for (const e of events as WebhookEvent[]) if (!opened.includes(e)) throw new WebhookError('WEBHOOK_EVENT_NOT_OPENED', `${e} (${WEBHOOK_EVENTS[e].collection})`);
    const [live] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_subscription WHERE department_key_id = $1 AND disabled_at IS NULL', [input.departmentKeyId]);
    if (live!.n >= MAX_LIVE_PER_KEY) throw new WebhookError('WEBHOOK_TOO_MANY');
    const secret = newWebhookSecret();
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO webhook_subscription (department_key_id, url, secret, secret_prefix, events, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.departmentKeyId, url.url, secret, secret.slice(0, SECRET_PREFIX_LENGTH), events, by.userId, at],
    );
    return { id: row!.id, secret };
  });
}

/** Disables a subscription: nothing more is sent, its pending deliveries are cancelled; its log stays. */
export async function disableSubscription(db: Executor, id: number, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const n = await tx.execute('UPDATE webhook_subscription SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1', [id, at]);
    if (n === 0) throw new WebhookError('WEBHOOK_NOT_FOUND', String(id));
    await tx.execute(`UPDATE webhook_delivery SET status = 'cancelled', last_error = 'subscription disabled' WHERE subscription_id = $1 AND status = 'pending'`, [id]);
  });
}

export interface DeliveryAttempt {
  at: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

export interface DeliveryRow {
  id: number;
  event: string;
  occurredAt: Date;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  /** Newest first. */
  log: DeliveryAttempt[];
}

/** A subscription's latest deliveries, newest first, each with its attempts. */
export async function subscriptionDeliveries(db: Executor, id: number, limit: number): Promise<DeliveryRow[]> {
  const [s] = await db.query<{ id: number }>('SELECT id FROM webhook_subscription WHERE id = $1', [id]);
  if (!s) throw new WebhookError('WEBHOOK_NOT_FOUND', String(id));
  const rows = await db.query<{
    id: number; kind: string; occurred_at: Date; status: DeliveryStatus; attempts: number; next_attempt_at: Date; delivered_at: Date | null;
    log: { at: string; duration_ms: number; status_code: number | null; error: string | null }[];
  }>(
    `SELECT d.id, e.kind, e.occurred_at, d.status, d.attempts, d.next_attempt_at, d.delivered_at,
            coalesce((SELECT jsonb_agg(jsonb_build_object('at', a.at, 'duration_ms', a.duration_ms, 'status_code', a.status_code, 'error', a.error) ORDER BY a.id DESC)
                        FROM webhook_attempt a WHERE a.delivery_id = d.id), '[]'::jsonb) AS log
       FROM webhook_delivery d JOIN change_event e ON e.id = d.change_event_id
      WHERE d.subscription_id = $1 ORDER BY d.id DESC LIMIT $2::int`,
    [id, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    event: r.kind,
    occurredAt: r.occurred_at,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    deliveredAt: r.delivered_at,
    log: r.log.map((a) => ({ at: new Date(a.at), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error })),
  }));
}

/**
 * Queues a test event for one live subscription (sent by the dispatcher like any other, never from the
 * request): a receiver's administrator sees the signature and the round trip work before real changes.
 */
export async function sendTestEvent(db: Executor, id: number, at: Date): Promise<{ deliveryId: number }> {
  return db.transaction(async (tx) => {
    const [s] = await tx.query<{ live: boolean }>(
      `SELECT s.disabled_at IS NULL AND k.revoked_at IS NULL AS live FROM webhook_subscription s JOIN department_key k ON k.id = s.department_key_id WHERE s.id = $1`,
      [id],
    );
    if (!s) throw new WebhookError('WEBHOOK_NOT_FOUND', String(id));
    if (!s.live) throw new WebhookError('WEBHOOK_DISABLED');
    const [row] = await tx.query<{ id: number }>(
      `WITH ev AS (INSERT INTO change_event (kind, occurred_at, payload) VALUES ('webhook.test', $2, $3::jsonb) RETURNING id)
       INSERT INTO webhook_delivery (subscription_id, change_event_id, next_attempt_at, created_at) SELECT $1, ev.id, $2, $2 FROM ev RETURNING id`,
      [id, at, JSON.stringify({ data: { subscription_id: id, message: '这是一条测试推送 / This is a test delivery' } })],
    );
    return { deliveryId: row!.id };
  });
}
