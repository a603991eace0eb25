/**
 * Signing in and out, and changing one's own password. Failed sign-ins are limited twice: per account
 * (LOCK_AFTER consecutive failures lock it for LOCK_MINUTES; the locked account says so) and per client
 * address (ADDRESS_LIMIT failures within ADDRESS_WINDOW_MINUTES, counted from the security log, refuse
 * further tries from it). An unknown name costs the same hashing as a known one and answers the same.
 */
import { now } from '../clock';
import { localized } from '@/geo/text/localized-text';
import type { Db } from '../db';
import { AuthError } from './errors';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { logSecurityEvent } from './security-log';
import { createSession, endSessionByToken, endSessionsOfUser, type NewSession } from './sessions';
import type { Actor } from './actor';

export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
export const ADDRESS_LIMIT = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

export interface Client {
  address: string;
  userAgent: string;
}

export interface SignedIn extends NewSession {
  username: string;
  mustChangePassword: boolean;
}

const minutesLeft = (until: Date, at: Date) => Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 60_000));
const retryDetail = (minutes: number) => localized(`请 ${minutes} 分钟后再试`, `try again in ${minutes} min`);

/**
 * Checks the name and password and opens a session. Every outcome is logged. Throws AuthError
 * BAD_CREDENTIALS, ACCOUNT_LOCKED, ACCOUNT_DISABLED or TOO_MANY_SIGN_INS.
 */
export async function signIn(db: Db, input: { username: string; password: string }, client: Client, at = now()): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase();
  const base = { username, address: client.address };
  const [{ n: recentFailures }] = (await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM security_log
      WHERE action = 'sign_in_failed' AND address = $1 AND at > $2::timestamptz - make_interval(mins => $3)`,
    [client.address, at, ADDRESS_WINDOW_MINUTES],
  )) as [{ n: number }];
  if (recentFailures >= ADDRESS_LIMIT) {
    await logSecurityEvent(db, { ...base, action: 'sign_in_limited', reason: 'TOO_MANY_SIGN_INS' });
    throw new AuthError('TOO_MANY_SIGN_INS', retryDetail(ADDRESS_WINDOW_MINUTES));
  }
  const [user] = await db.query<{
    id: number; password_hash: string; disabled_at: Date | null; locked_until: Date | null; must_change_password: boolean;
  }>('SELECT id, password_hash, disabled_at, locked_until, must_change_password FROM app_user WHERE username = $1', [username]);
  if (!user) {
    await verifyPassword(input.password, await decoyHash());
    await logSecurityEvent(db, { ...base, action: 'sign_in_failed', reason: 'UNKNOWN_USER' });
    throw new AuthError('BAD_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > at) {
    await logSecurityEvent(db, { ...base, userId: user.id, action: 'sign_in_locked', reason: 'ACCOUNT_LOCKED' });
    throw new AuthError('ACCOUNT_LOCKED', retryDetail(minutesLeft(user.locked_until, at)));
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    // One statement, so parallel wrong guesses each count.
    const [after] = await db.query<{ locked_until: Date | null }>(
      `UPDATE app_user SET
         failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END,
         locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3::timestamptz + make_interval(mins => $4) ELSE locked_until END
       WHERE id = $1 RETURNING locked_until`,
      [user.id, LOCK_AFTER, at, LOCK_MINUTES],
    );
    await logSecurityEvent(db, { ...base, userId: user.id, action: 'sign_in_failed', reason: 'BAD_PASSWORD' });
    if (after?.locked_until && after.locked_until > at) throw new AuthError('ACCOUNT_LOCKED', retryDetail(LOCK_MINUTES));
    throw new AuthError('BAD_CREDENTIALS');
  }
  // Only the right password learns that the account is disabled.
  if (user.disabled_at) {
    await logSecurityEvent(db, { ...base, userId: user.id, action: 'sign_in_failed', reason: 'ACCOUNT_DISABLED' });
    throw new AuthError('ACCOUNT_DISABLED');
  }
  return db.transaction(async (tx) => {
    await tx.execute('UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    const session = await createSession(tx, user.id, { ...client, at });
    await logSecurityEvent(tx, { ...base, userId: user.id, action: 'sign_in', detail: { sessionId: session.sessionId } });
    return { ...session, username, mustChangePassword: user.must_change_password };
  });
}

/** Ends the cookie's session server-side (a copied cookie stops working too). Idempotent. */
export async function signOut(db: Db, token: string | null, client: Client): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const ended = await endSessionByToken(tx, token, 'signed_out');
    if (ended) await logSecurityEvent(tx, { action: 'sign_out', userId: ended.userId, username: ended.username, address: client.address });
  });
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** The one password rule: long enough, and not the username. */
export function checkNewPassword(username: string, password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH || password.toLowerCase() === username.toLowerCase()) {
    throw new AuthError('PASSWORD_TOO_WEAK');
  }
}

/**
 * The actor changes their own password (also the way out of an administrator's reset): the current one
 * must be right; every other session of the user ends.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  client: Client,
): Promise<void> {
  const [user] = await db.query<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE id = $1', [actor.userId]);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    await logSecurityEvent(db, { action: 'denied', userId: actor.userId, username: actor.username, target: 'session.changePassword', reason: 'BAD_CREDENTIALS', address: client.address });
    throw new AuthError('BAD_CREDENTIALS');
  }
  checkNewPassword(actor.username, input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AuthError('PASSWORD_UNCHANGED');
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.execute(
      `UPDATE app_user SET password_hash = $2, must_change_password = false, demo = false,
              updated_at = date_trunc('milliseconds', now()), version = version + 1
        WHERE id = $1`,
      [actor.userId, hash],
    );
    await endSessionsOfUser(tx, actor.userId, 'password_changed', actor.sessionId);
    await logSecurityEvent(tx, { action: 'password_changed', userId: actor.userId, username: actor.username, address: client.address });
  });
}

/** For the administrator's service: the same rule and hashing as a user's own change. */
export async function newPasswordHash(username: string, password: string): Promise<string> {
  checkNewPassword(username, password);
  return hashPassword(password);
}
