/**
 * User administration: create, rename, disable and re-enable users, set their roles over jurisdictions,
 * reset a password (the user must change it at the next sign-in). Each change is one transaction with
 * its security-log entry, checked against the version the administrator saw, and a grant can only be
 * given inside the administrator's own jurisdiction.
 */
import { localized } from '@/geo/text/localized-text';
import type { Db, Executor } from '../db';
import type { Actor, Grant, Jurisdiction } from '../auth/actor';
import { grantsJsonSql } from '../auth/grants-sql';
import { codeInScope, scopeOf, scopePatterns, jurisdictionPrefix, type Scope } from '../auth/policy';
import { DATA_LAYERS, ROLE_LEVELS, type DataLayer, type JurisdictionLevel, type Role } from '../auth/roles';
import { logSecurityEvent, type SecurityAction } from '../auth/security-log';
import { endSessionsOfUser, forgetResolvedSessions } from '../auth/sessions';
import { newPasswordHash } from '../auth/sign-in';
import { codeMatchesSql } from '../data/sql';
import { UserError } from './errors';

export interface GrantInput {
  role: Role;
  level: JurisdictionLevel;
  /** The city's, district's or street's id. */
  jurisdictionId: number;
  /** A grid worker grant: the worker record (of the street). */
  workerId?: number | null;
  /** A department reader grant: the layers it may read. */
  layers?: DataLayer[] | null;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  /** A demo account still on the demo password. */
  demo: boolean;
  version: number;
  createdAt: Date;
  grants: Grant[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

const userColumns = (at: string) => `u.id, u.username, u.display_name, u.disabled_at, u.must_change_password, u.locked_until, u.demo,
  u.version, u.created_at, ${grantsJsonSql('u.id', at)} AS grants`;

interface UserRow {
  id: number; username: string; display_name: string; disabled_at: Date | null; must_change_password: boolean;
  locked_until: Date | null; demo: boolean; version: number; created_at: Date; grants: Grant[];
}

const toSummary = (r: UserRow, at: Date): UserSummary => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  disabled: r.disabled_at !== null,
  mustChangePassword: r.must_change_password,
  lockedUntil: r.locked_until && r.locked_until > at ? r.locked_until : null,
  demo: r.demo,
  version: r.version,
  createdAt: r.created_at,
  grants: r.grants,
});

/** The administrator's user_admin scope (the policy let them in, so they hold one). */
const adminScope = (actor: Actor): Scope => scopeOf(actor, 'user_admin') ?? { all: false, prefixes: [], workerIds: [] };

/**
 * The users an administrator manages: every user for the city's, else those with a grant inside their
 * jurisdiction (and users with no grant at all, who are nobody's yet).
 */
export async function listUsers(db: Executor, actor: Actor, at: Date): Promise<UserSummary[]> {
  const rows = await db.query<UserRow>(
    `SELECT ${userColumns('$1')} FROM app_user u
      WHERE $2::text[] IS NULL
         OR NOT EXISTS (SELECT 1 FROM user_grant g WHERE g.user_id = u.id)
         OR EXISTS (SELECT 1 FROM user_grant g
                      LEFT JOIN district d ON d.id = g.district_id LEFT JOIN street s ON s.id = g.street_id
                     WHERE g.user_id = u.id AND ${codeMatchesSql('coalesce(s.code, d.code)', '$2')})
      ORDER BY u.username`,
    [at, scopePatterns(adminScope(actor))],
  );
  return rows.map((r) => toSummary(r, at));
}

async function userById(db: Executor, id: number, at: Date): Promise<UserSummary> {
  const [row] = await db.query<UserRow>(`SELECT ${userColumns('$2')} FROM app_user u WHERE u.id = $1`, [id, at]);
  if (!row) throw new UserError('USER_NOT_FOUND', String(id));
  return toSummary(row, at);
}

/** The areas an administrator can grant roles over: the city, its districts and their streets. */
export async function jurisdictions(db: Executor, actor: Actor): Promise<Jurisdiction[]> {
  const rows = await db.query<Jurisdiction>(
    `SELECT 'city' AS level, id, code, name FROM city
     UNION ALL SELECT 'district', id, code, name FROM district
     UNION ALL SELECT 'street', id, code, name FROM street
     ORDER BY code, level`,
  );
  const scope = adminScope(actor);
  return rows.filter((j) => scope.all || codeInScope(scope, j.code));
}

/** The grid workers of a street, for a grid worker grant. */
export async function workersOfStreet(db: Executor, streetId: number): Promise<{ id: number; name: string; employment: string; community: string }[]> {
  return db.query(
    `SELECT w.id, w.name, w.employment, c.name AS community
       FROM grid_worker w JOIN community c ON c.id = w.community_id
      WHERE c.street_id = $1 ORDER BY c.code, w.employment, w.name`,
    [streetId],
  );
}

const LEVEL_TABLE: Record<JurisdictionLevel, string> = { city: 'city', district: 'district', street: 'street' };

/** Checks a grant and finds its jurisdiction; refuses one outside the administrator's own. */
async function checkedGrant(tx: Executor, scope: Scope, g: GrantInput): Promise<GrantInput & { code: string }> {
  const describe = `${g.role}@${g.level}:${g.jurisdictionId}`;
  if (!ROLE_LEVELS[g.role]?.includes(g.level)) throw new UserError('GRANT_INVALID', describe);
  const [j] = await tx.query<{ code: string }>(`SELECT code FROM ${LEVEL_TABLE[g.level]} WHERE id = $1`, [g.jurisdictionId]);
  if (!j) throw new UserError('JURISDICTION_NOT_FOUND', describe);
  if (!codeInScope(scope, jurisdictionPrefix({ level: g.level, code: j.code }))) throw new UserError('GRANT_OUTSIDE_ADMIN_SCOPE', describe);
  const workerId = g.role === 'grid_worker' ? g.workerId ?? null : null;
  if (g.role === 'grid_worker') {
    const [w] = workerId
      ? await tx.query<{ ok: boolean }>(
          'SELECT c.street_id = $2 AS ok FROM grid_worker w JOIN community c ON c.id = w.community_id WHERE w.id = $1',
          [workerId, g.jurisdictionId],
        )
      : [];
    if (!w?.ok) throw new UserError('GRANT_INVALID', localized(`${describe}：须选择本街道的网格员`, `${describe}: choose a grid worker of this street`));
  }
  const layers = g.role === 'department_reader' ? [...new Set(g.layers ?? [])] : null;
  if (layers && (layers.length === 0 || layers.some((l) => !DATA_LAYERS.includes(l)))) {
    throw new UserError('GRANT_INVALID', localized(`${describe}：须选择可读的数据图层`, `${describe}: choose the data layers it may read`));
  }
  return { ...g, workerId, layers, code: j.code };
}

/** Adds grants to a user as given (checked by the caller: checkedGrant, or the demo table). */
export async function insertGrants(tx: Executor, userId: number, grants: readonly GrantInput[]): Promise<void> {
  for (const g of grants) {
    await tx.execute(
      `INSERT INTO user_grant (user_id, role, level, city_id, district_id, street_id, worker_id, layers)
       VALUES ($1, $2, $3, CASE WHEN $3 = 'city' THEN $4::int END, CASE WHEN $3 = 'district' THEN $4::int END,
               CASE WHEN $3 = 'street' THEN $4::int END, $5, $6::text[])
       ON CONFLICT DO NOTHING`,
      [userId, g.role, g.level, g.jurisdictionId, g.workerId ?? null, g.layers ?? null],
    );
  }
}

async function logChange(tx: Executor, actor: Actor, action: SecurityAction, user: { id: number; username: string }, detail: Record<string, unknown> = {}) {
  await logSecurityEvent(tx, { action, userId: actor.userId, username: actor.username, target: `user:${user.username}`, detail: { userId: user.id, ...detail } });
}

export interface NewUser {
  username: string;
  displayName: string;
  /** The first password, told to the user, who must change it at their first sign-in. */
  password: string;
  grants: GrantInput[];
}

export async function createUser(db: Db, actor: Actor, input: NewUser, at: Date): Promise<UserSummary> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new UserError('USERNAME_INVALID', input.username);
  if (input.grants.length === 0) throw new UserError('NO_GRANT');
  const hash = await newPasswordHash(username, input.password);
  const id = await db.transaction(async (tx) => {
    const scope = adminScope(actor);
    const grants = [];
    for (const g of input.grants) grants.push(await checkedGrant(tx, scope, g));
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO app_user (username, display_name, password_hash, must_change_password) VALUES ($1, $2, $3, true)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, input.displayName.trim(), hash],
    );
    if (!row) throw new UserError('USERNAME_TAKEN', username);
    await insertGrants(tx, row.id, grants);
    await logChange(tx, actor, 'user_created', { id: row.id, username }, { grants: grants.map(({ code, ...g }) => ({ ...g, code })) });
    return row.id;
  });
  return userById(db, id, at);
}

/** Bumps the user's version if it is still `expectedVersion`; refuses a stale one. */
async function claim(
  tx: Executor,
  userId: number,
  expectedVersion: number,
  /** More assignments, written from constants; their values bound from $3 on. */
  set = '',
  values: readonly unknown[] = [],
): Promise<{ id: number; username: string }> {
  // Every change of a user passes here: sessions resolved from memory must be asked for again.
  forgetResolvedSessions();
  const [row] = await tx.query<{ id: number; username: string }>(
    `UPDATE app_user SET version = version + 1, updated_at = date_trunc('milliseconds', now())${set}
      WHERE id = $1 AND version = $2 RETURNING id, username`,
    [userId, expectedVersion, ...values],
  );
  if (row) return row;
  const [exists] = await tx.query<{ version: number }>('SELECT version FROM app_user WHERE id = $1', [userId]);
  if (!exists) throw new UserError('USER_NOT_FOUND', String(userId));
  throw new UserError('USER_STALE_VERSION', localized(`您看到的是第 ${expectedVersion} 版，当前为第 ${exists.version} 版`, `expected ${expectedVersion}, current ${exists.version}`));
}

export interface UserChange {
  userId: number;
  expectedVersion: number;
}

export async function updateUser(db: Db, actor: Actor, input: UserChange & { displayName: string }, at: Date): Promise<UserSummary> {
  await db.transaction(async (tx) => {
    await assertManaged(tx, actor, input.userId, at);
    const user = await claim(tx, input.userId, input.expectedVersion, ', display_name = $3', [input.displayName.trim()]);
    await logChange(tx, actor, 'user_updated', user, { displayName: input.displayName.trim() });
  });
  return userById(db, input.userId, at);
}

/** Disabling ends the user's sessions at once; re-enabling also lifts a lock. */
export async function setDisabled(db: Db, actor: Actor, input: UserChange & { disabled: boolean }, at: Date): Promise<UserSummary> {
  if (input.userId === actor.userId) throw new UserError('CANNOT_CHANGE_OWN_ACCESS');
  await db.transaction(async (tx) => {
    await assertManaged(tx, actor, input.userId, at);
    const set = input.disabled
      ? `, disabled_at = coalesce(disabled_at, date_trunc('milliseconds', now()))`
      : ', disabled_at = NULL, failed_sign_ins = 0, locked_until = NULL';
    const user = await claim(tx, input.userId, input.expectedVersion, set);
    if (input.disabled) await endSessionsOfUser(tx, input.userId, 'disabled');
    await logChange(tx, actor, input.disabled ? 'user_disabled' : 'user_enabled', user);
  });
  return userById(db, input.userId, at);
}

/** Replaces the user's grants. An administrator cannot take their own administrator grant away. */
export async function setGrants(db: Db, actor: Actor, input: UserChange & { grants: GrantInput[] }, at: Date): Promise<UserSummary> {
  if (input.grants.length === 0) throw new UserError('NO_GRANT');
  if (input.userId === actor.userId && !input.grants.some((g) => g.role === 'administrator')) throw new UserError('CANNOT_CHANGE_OWN_ACCESS');
  await db.transaction(async (tx) => {
    const before = await assertManaged(tx, actor, input.userId, at);
    const scope = adminScope(actor);
    // Grants outside the administrator's jurisdiction are not theirs to remove either.
    for (const g of before.grants) {
      if (!codeInScope(scope, jurisdictionPrefix(g.jurisdiction))) throw new UserError('GRANT_OUTSIDE_ADMIN_SCOPE', `${g.role}@${g.jurisdiction.code}`);
    }
    const grants = [];
    for (const g of input.grants) grants.push(await checkedGrant(tx, scope, g));
    const user = await claim(tx, input.userId, input.expectedVersion);
    await tx.execute('DELETE FROM user_grant WHERE user_id = $1', [input.userId]);
    await insertGrants(tx, input.userId, grants);
    await logChange(tx, actor, 'grants_changed', user, {
      before: before.grants.map((g) => ({ role: g.role, jurisdiction: g.jurisdiction.code })),
      after: grants.map((g) => ({ role: g.role, jurisdiction: g.code, workerId: g.workerId, layers: g.layers })),
    });
  });
  return userById(db, input.userId, at);
}

/** Sets a password the administrator tells the user; they must change it at sign-in. Their sessions end. */
export async function resetPassword(db: Db, actor: Actor, input: UserChange & { newPassword: string }, at: Date): Promise<UserSummary> {
  const target = await assertManaged(db, actor, input.userId, at);
  const hash = await newPasswordHash(target.username, input.newPassword);
  await db.transaction(async (tx) => {
    const user = await claim(tx, input.userId, input.expectedVersion, ', password_hash = $3, must_change_password = true, demo = false, failed_sign_ins = 0, locked_until = NULL', [hash]);
    await endSessionsOfUser(tx, input.userId, 'password_reset');
    await logChange(tx, actor, 'password_reset', user);
  });
  return userById(db, input.userId, at);
}

/** The user, if the administrator manages them (else not found: another jurisdiction's users are not listed). */
async function assertManaged(db: Executor, actor: Actor, userId: number, at: Date): Promise<UserSummary> {
  const user = await userById(db, userId, at);
  const scope = adminScope(actor);
  const theirs = scope.all || user.grants.length === 0 || user.grants.some((g) => codeInScope(scope, g.jurisdiction.code));
  if (!theirs) throw new UserError('USER_NOT_FOUND', String(userId));
  return user;
}
