/**
 * Sending the change feed's deliveries: outside every request and every transaction, so that a slow or
 * dead endpoint only ever costs the dispatcher its own time. A delivery is claimed (one statement, FOR
 * UPDATE SKIP LOCKED: several app processes on one server never take the same row; the embedded engine
 * has one session and takes turns anyway), POSTed with a timeout, and its attempt logged. A failure is
 * retried with exponential back-off; after MAX_ATTEMPTS it is dead.
 *
 * The app runs one dispatcher (startDispatcher, from scripts/start.ts beside the scheduler) that polls
 * and is woken by announceChanges() right after a change commits. Tests call deliverDue with their own
 * moment instead.
 */
import { WEBHOOK_EVENTS, isWebhookEvent } from '@/geo/webhooks/webhook-events';
import { now } from '../clock';
import type { Db, Executor } from '../db';
import { Semaphore } from '../db/semaphore';
import { changeEvents } from './outbox';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signDelivery } from './signature';

export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 30 * 60_000;
/** The wait after the `attempt`-th failed attempt: 30 s, 1 min, 2 min … capped at 30 min (about an hour in all over 8 attempts). */
export const backoffMs = (attempt: number) => Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), BACKOFF_CAP_MS);

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_CONCURRENCY = 4;
/**
 * How far a claim pushes a delivery ahead: longer than any attempt takes, so no one claims it again
 * meanwhile; if the process dies mid-attempt, the delivery is due again after it (sent at least once).
 */
const LEASE_MS = 60_000;
const ERROR_MAX = 500;

export interface DeliveryOptions {
  /** How long a receiver has to answer (default 5 s). */
  timeoutMs?: number;
  /** POSTs at once (default 4). */
  concurrency?: number;
}

interface Claimed {
  id: number;
  attempts: number;
  url: string;
  secret: string;
  /** The restricted fields the subscription's key opens ('collection.field'). */
  fields: string[];
  eventId: number;
  kind: string;
  occurredAt: Date;
  payload: { data: Record<string, unknown>; restricted?: Record<string, unknown> };
}

/**
 * Takes up to `limit` due deliveries of live subscriptions. Those of a disabled subscription or a
 * revoked key are cancelled first: they are never sent, whenever they were due.
 */
async function claimDue(db: Executor, at: Date, limit: number): Promise<Claimed[]> {
  await db.execute(
    `UPDATE webhook_delivery d
        SET status = 'cancelled', last_error = CASE WHEN k.revoked_at IS NOT NULL THEN 'department key revoked' ELSE 'subscription disabled' END
       FROM webhook_subscription s JOIN department_key k ON k.id = s.department_key_id
      WHERE d.subscription_id = s.id AND d.status = 'pending' AND (s.disabled_at IS NOT NULL OR k.revoked_at IS NOT NULL)`,
  );
  const rows = await db.query<{
    id: number; attempts: number; url: string; secret: string; fields: string[]; event_id: number; kind: string; occurred_at: Date;
    payload: Claimed['payload'];
  }>(
    `WITH due AS (
       SELECT d.id FROM webhook_delivery d
         JOIN webhook_subscription s ON s.id = d.subscription_id
         JOIN department_key k ON k.id = s.department_key_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND s.disabled_at IS NULL AND k.revoked_at IS NULL
        ORDER BY d.next_attempt_at, d.id LIMIT $2::int
        FOR UPDATE OF d SKIP LOCKED)
     UPDATE webhook_delivery d SET next_attempt_at = $1::timestamptz + $3::int * interval '1 millisecond'
       FROM due, webhook_subscription s, department_key k, change_event e
      WHERE d.id = due.id AND s.id = d.subscription_id AND k.id = s.department_key_id AND e.id = d.change_event_id
     RETURNING d.id, d.attempts, s.url, s.secret, k.fields, e.id AS event_id, e.kind, e.occurred_at, e.payload`,
    [at, limit, LEASE_MS],
  );
  return rows.map((r) => ({
    id: r.id, attempts: r.attempts, url: r.url, secret: r.secret, fields: r.fields, eventId: r.event_id, kind: r.kind, occurredAt: r.occurred_at, payload: r.payload,
  }));
}

/**
 * The body a subscription is sent: the event's public fields, and of its restricted ones those the key
 * opens, in the object of the collection's feature (an incident's description in `data.incident`).
 */
export function deliveryBody(d: Pick<Claimed, 'id' | 'eventId' | 'kind' | 'occurredAt' | 'payload' | 'fields'>): string {
  const data: Record<string, unknown> = structuredClone(d.payload.data);
  if (isWebhookEvent(d.kind)) {
    const collection = WEBHOOK_EVENTS[d.kind].collection;
    const feature = d.kind === 'incident.state_changed' ? (data.incident as Record<string, unknown> | undefined) : undefined;
    for (const [key, value] of Object.entries(d.payload.restricted ?? {})) {
      const [c, field] = key.split('.');
      if (feature && c === collection && field && d.fields.includes(key)) feature[field] = value;
    }
  }
  return JSON.stringify({ id: String(d.id), event: d.kind, event_id: String(d.eventId), occurred_at: d.occurredAt.toISOString(), data });
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
  ms: number;
}

const describe = (e: unknown, timeoutMs: number): string => {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return [err?.message ?? String(e), cause].filter(Boolean).join(': ');
};

/** One POST. Redirects are not followed: a receiver names its final URL, and a 3xx is a failure. */
async function post(d: Claimed, at: Date, timeoutMs: number): Promise<Outcome> {
  const body = deliveryBody(d);
  const timestamp = Math.floor(at.getTime() / 1000);
  const t0 = performance.now();
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'GridAtlas-Webhooks/1',
        [EVENT_HEADER]: d.kind,
        [DELIVERY_HEADER]: String(d.id),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signDelivery(d.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is not read: nothing in it matters, and a receiver that trickles it must not hold us.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, error: ok ? null : res.status >= 300 && res.status < 400 ? `redirect (HTTP ${res.status}) not followed` : `HTTP ${res.status}`, ms: performance.now() - t0 };
  } catch (e) {
    return { statusCode: null, error: describe(e, timeoutMs), ms: performance.now() - t0 };
  }
}

/** The attempt's line in the log and the delivery's new state, in one statement. */
async function recordAttempt(db: Executor, d: Claimed, at: Date, o: Outcome): Promise<'delivered' | 'pending' | 'dead'> {
  const attempts = d.attempts + 1;
  const status = o.error === null ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'dead' : 'pending';
  const next = status === 'pending' ? new Date(at.getTime() + backoffMs(attempts)) : at;
  const error = o.error?.slice(0, ERROR_MAX) ?? null;
  await db.execute(
    `WITH a AS (INSERT INTO webhook_attempt (delivery_id, at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5))
     UPDATE webhook_delivery SET attempts = $6, status = $7, next_attempt_at = $8, last_status = $4, last_error = $5,
                                 delivered_at = CASE WHEN $7 = 'delivered' THEN $2::timestamptz END
      WHERE id = $1`,
    [d.id, at, Math.round(o.ms), o.statusCode, error, attempts, status, next],
  );
  return status;
}

async function deliverOne(db: Executor, d: Claimed, at: Date, timeoutMs: number) {
  return recordAttempt(db, d, at, await post(d, at, timeoutMs));
}

export interface DeliveryRun {
  attempted: number;
  delivered: number;
  failed: number;
}

/** Sends every delivery due at `at` (up to `limit`), at most `concurrency` at once; resolves when all are logged. */
export async function deliverDue(db: Db, at: Date, opts: DeliveryOptions & { limit?: number } = {}): Promise<DeliveryRun> {
  const gate = new Semaphore(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const claimed = await claimDue(db, at, opts.limit ?? 100);
  const results = await Promise.all(claimed.map((d) => gate.run(() => deliverOne(db, d, at, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS))));
  const delivered = results.filter((r) => r === 'delivered').length;
  return { attempted: claimed.length, delivered, failed: claimed.length - delivered };
}

export interface Dispatcher {
  /** Looks for due deliveries now (as a commit that recorded a change does). */
  wake(): void;
  /** Stops claiming; resolves once the attempts under way are logged (each ends by its timeout). */
  stop(): Promise<void>;
}

export interface DispatcherOptions extends DeliveryOptions {
  /** The moment of each claim and attempt (default: the app's clock). */
  clock?: () => Date;
  /** Polls this often for due retries and for changes made by other processes (default 5 s). */
  pollMs?: number;
  log?: (message: string) => void;
}

/**
 * The process's dispatcher: at most `concurrency` POSTs under way, a free slot claiming the next due
 * delivery, so that one hanging endpoint holds one slot for its timeout and nothing else.
 */
export function startDispatcher(db: Db, opts: DispatcherOptions = {}): Dispatcher {
  const clock = opts.clock ?? now;
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = opts.log ?? (() => {});
  const inFlight = new Set<Promise<unknown>>();
  let claiming: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const fill = async () => {
    do {
      again = false;
      const free = concurrency - inFlight.size;
      if (free <= 0) return;
      const at = clock();
      const claimed = await claimDue(db, at, free);
      for (const d of claimed) {
        const sending: Promise<unknown> = deliverOne(db, d, at, timeoutMs)
          .then((status) => {
            if (status === 'dead') log(`webhook delivery ${d.id} is dead after ${MAX_ATTEMPTS} attempts`);
          })
          .catch((e) => log(`webhook delivery ${d.id}: ${e instanceof Error ? e.message : String(e)}`))
          .finally(() => {
            inFlight.delete(sending);
            wake();
          });
        inFlight.add(sending);
      }
      // Every free slot filled: more may be due.
      if (claimed.length === free) again = true;
    } while (again && !stopped);
  };
  function wake() {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = fill()
      // A failed claim (the database restarting) is tried again at the next wake or poll.
      .catch((e) => log(`webhooks: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        claiming = null;
        // A slot freed between the last claim and here asked in vain: ask again.
        if (again) wake();
      });
  }
  const timer = setInterval(wake, opts.pollMs ?? 5000);
  timer.unref?.();
  changeEvents().on('changed', wake);
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      changeEvents().off('changed', wake);
      await claiming;
      await Promise.allSettled([...inFlight]);
    },
  };
}
