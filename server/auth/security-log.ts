/**
 * The security log's one writer and reader. The table refuses UPDATE, DELETE and TRUNCATE itself
 * (migrations/0015), so what is written here stays.
 */
import type { Executor } from '../db';

export const SECURITY_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_in_locked',
  'sign_in_limited',
  'sign_out',
  'denied',
  'password_changed',
  'user_created',
  'user_updated',
  'user_disabled',
  'user_enabled',
  'grants_changed',
  'password_reset',
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

export interface SecurityEvent {
  action: SecurityAction;
  userId?: number | null;
  username?: string;
  /** A procedure, a route, or the account an administrator changed. */
  target?: string;
  reason?: string;
  address?: string;
  detail?: Record<string, unknown>;
}

/**
 * Text from outside (a typed username, an Origin) is cut short and cleared of what PostgreSQL cannot
 * store (NUL) or a log reader should not meet (control characters, lone surrogates) before it is stored.
 */
const clip = (s: string | undefined, n: number) =>
  (s ?? '').replace(/[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').slice(0, n);

export async function logSecurityEvent(db: Executor, e: SecurityEvent): Promise<void> {
  await db.execute(
    `INSERT INTO security_log (user_id, username, action, target, reason, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [e.userId ?? null, clip(e.username, 100), e.action, clip(e.target, 300), clip(e.reason, 100), clip(e.address, 100), JSON.stringify(e.detail ?? {})],
  );
}

export interface SecurityLogEntry {
  id: number;
  at: Date;
  username: string;
  action: SecurityAction;
  target: string;
  reason: string;
  address: string;
  detail: Record<string, unknown>;
}

/** The newest entries first, `limit` of them, older than `beforeId` when paging; optionally one action. */
export async function readSecurityLog(
  db: Executor,
  opts: { limit: number; beforeId?: number; action?: SecurityAction },
): Promise<SecurityLogEntry[]> {
  return db.query<SecurityLogEntry>(
    `SELECT id, at, username, action, target, reason, address, detail FROM security_log
      WHERE ($2::bigint IS NULL OR id < $2) AND ($3::text IS NULL OR action = $3)
      ORDER BY id DESC LIMIT $1::int`,
    [opts.limit, opts.beforeId ?? null, opts.action ?? null],
  );
}
