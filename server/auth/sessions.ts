/**
 * Sign-in sessions, kept in the database (both engines): the cookie carries a random token, the table
 * its SHA-256. A session ends when the user signs out, when it has been idle too long, at its absolute
 * end, or when an administrator disables the user or resets their password.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db';
import type { Actor, Grant } from './actor';
import { grantsJsonSql } from './grants-sql';

export interface SessionLimits {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  maxHours: number;
}

/** From GRIDATLAS_SESSION_IDLE_MINUTES (default 120) and GRIDATLAS_SESSION_MAX_HOURS (default 12: one working day). */
export function sessionLimits(env: NodeJS.ProcessEnv = process.env): SessionLimits {
  const num = (v: string | undefined, fallback: number) => {
    const n = Number(v);
    return v && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { idleMinutes: num(env.GRIDATLAS_SESSION_IDLE_MINUTES, 120), maxHours: num(env.GRIDATLAS_SESSION_MAX_HOURS, 12) };
}

/** last_seen_at is refreshed at most this often, so reading the map does not write on every tile. */
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** A token is 32 random bytes, base64url: anything else is not worth a query. */
export const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export interface NewSession {
  token: string;
  sessionId: number;
  expiresAt: Date;
}

export async function createSession(
  db: Executor,
  userId: number,
  opts: { address: string; userAgent: string; at: Date; limits?: SessionLimits },
): Promise<NewSession> {
  const limits = opts.limits ?? sessionLimits();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(opts.at.getTime() + limits.maxHours * 3_600_000);
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
     VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING id`,
    [hashToken(token), userId, opts.at, expiresAt, opts.address.slice(0, 100), opts.userAgent.slice(0, 300)],
  );
  return { token, sessionId: row!.id, expiresAt };
}

export type SessionState = { state: 'active'; actor: Actor } | { state: 'ended' } | { state: 'none' };

/**
 * The actor of a session token at `at`: 'none' when the token names no session, 'ended' when the
 * session was ended, ran out (idle or absolute) or its user is disabled.
 */
export async function resolveSession(db: Executor, token: string | null, at: Date, limits = sessionLimits()): Promise<SessionState> {
  if (!token || !looksLikeToken(token)) return { state: 'none' };
  const [s] = await db.query<{
    session_id: number; last_seen_at: Date; expires_at: Date; ended_at: Date | null;
    user_id: number; username: string; display_name: string; must_change_password: boolean; disabled_at: Date | null; grants: Grant[];
  }>(
    `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.ended_at,
            u.id AS user_id, u.username, u.display_name, u.must_change_password, u.disabled_at,
            ${grantsJsonSql('u.id', '$2')} AS grants
       FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.token_hash = $1`,
    [hashToken(token), at],
  );
  if (!s) return { state: 'none' };
  const idleEnd = s.last_seen_at.getTime() + limits.idleMinutes * 60_000;
  if (s.ended_at || s.disabled_at || at >= s.expires_at || at.getTime() >= idleEnd) return { state: 'ended' };
  if (at.getTime() - s.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db.execute('UPDATE user_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [s.session_id, at]);
  }
  return {
    state: 'active',
    actor: {
      userId: s.user_id,
      username: s.username,
      displayName: s.display_name,
      grants: s.grants,
      sessionId: s.session_id,
      mustChangePassword: s.must_change_password,
    },
  };
}

/**
 * A map opens dozens of tiles at once, each request with the cookie: the read-only routes take a session
 * resolved in the last SESSION_MEMO_MS from memory (resolveSessionForReading) instead of asking the
 * database each time. Whatever in this process ends a session or changes a user (sign-out, disabling,
 * grants, passwords: endSessionByToken, endSessionsOfUser, forgetResolvedSessions) forgets them all at
 * once; a change made by another process is seen within SESSION_MEMO_MS. Only active sessions are kept,
 * by the token's hash, at most SESSION_MEMO_ENTRIES of them.
 */
const SESSION_MEMO_MS = 1000;
const SESSION_MEMO_ENTRIES = 10_000;
/** Kept from `from` to `until` on the request's clock, and for SESSION_MEMO_MS of real time at most (a test's clock may stand still). */
const resolved = new Map<string, { state: SessionState; from: number; until: number; wallUntil: number }>();
let sessionEpoch = 0;

/** Forgets every session resolved from memory: call it when a user's standing or grants change. */
export function forgetResolvedSessions(): void {
  sessionEpoch++;
  resolved.clear();
}

/** resolveSession for requests that only read, answered from memory for a moment (see SESSION_MEMO_MS). */
export async function resolveSessionForReading(db: Executor, token: string | null, at: Date): Promise<SessionState> {
  if (!token || !looksLikeToken(token)) return { state: 'none' };
  const key = hashToken(token).toString('base64');
  const hit = resolved.get(key);
  const t = at.getTime();
  if (hit && hit.from <= t && t < hit.until && Date.now() < hit.wallUntil) return hit.state;
  const epoch = sessionEpoch;
  const state = await resolveSession(db, token, at);
  // A change while the query ran may have been missed by it: keep nothing then.
  if (state.state === 'active' && epoch === sessionEpoch) {
    if (resolved.size >= SESSION_MEMO_ENTRIES) resolved.clear();
    resolved.set(key, { state, from: t, until: t + SESSION_MEMO_MS, wallUntil: Date.now() + SESSION_MEMO_MS });
  }
  return state;
}

export type SessionEndReason = 'signed_out' | 'disabled' | 'password_changed' | 'password_reset';

/** Ends one session (sign-out). Returns the user it belonged to, if it was still open. */
export async function endSessionByToken(db: Executor, token: string, reason: SessionEndReason): Promise<{ userId: number; username: string } | null> {
  if (!looksLikeToken(token)) return null;
  forgetResolvedSessions();
  const [row] = await db.query<{ user_id: number; username: string }>(
    `UPDATE user_session s SET ended_at = date_trunc('milliseconds', now()), end_reason = $2
       FROM app_user u
      WHERE s.token_hash = $1 AND s.ended_at IS NULL AND u.id = s.user_id
      RETURNING s.user_id, u.username`,
    [hashToken(token), reason],
  );
  return row ? { userId: row.user_id, username: row.username } : null;
}

/** Ends every open session of a user, except `keepSessionId` (the one changing its own password). */
export async function endSessionsOfUser(db: Executor, userId: number, reason: SessionEndReason, keepSessionId?: number): Promise<number> {
  forgetResolvedSessions();
  return db.execute(
    `UPDATE user_session SET ended_at = date_trunc('milliseconds', now()), end_reason = $2
      WHERE user_id = $1 AND ended_at IS NULL AND id IS DISTINCT FROM $3::bigint`,
    [userId, reason, keepSessionId ?? null],
  );
}
