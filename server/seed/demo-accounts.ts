/**
 * The demo city's accounts: one per role, all with the password DEMO_PASSWORD (the README says so and
 * says to change it). Outside checks sign in with exactly these names. Created when the demo city is
 * loaded and on every start while missing (a database seeded before accounts existed gets them too);
 * GRIDATLAS_DEMO_ACCOUNTS=off creates none, disables those made before, and hides the list on the
 * sign-in page. An account whose password was changed is no longer a demo account (app_user.demo).
 */
import { getDatabase, type Db, type Executor } from '../db';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { hashPassword } from '../auth/passwords';
import { insertGrants } from '../users/service';
import { logSecurityEvent } from '../auth/security-log';
import { endSessionsOfUser } from '../auth/sessions';
import { issuePartnerKey, revokePartnerKey } from '../incidents/partners';
import { BASE_DATA_LAYERS, ROLE_LABELS, type DataLayer, type JurisdictionLevel, type Role } from '../auth/roles';
import type { LocalizedText } from '@/geo/text/localized-text';

export const DEMO_PASSWORD = 'gridatlas-demo';

/** The demo partner system's Open311 key (the README prints it; GRIDATLAS_DEMO_ACCOUNTS=off revokes it). */
export const DEMO_PARTNER_KEY = 'gridatlas-demo-partner-key';
export const DEMO_PARTNER_NAME = '12345 热线（演示）';

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  level: JurisdictionLevel;
  /** The jurisdiction's code: the city's, a district's or a street's. */
  code: string;
  layers?: readonly DataLayer[];
}

const NANJING = '320100';
const XUANWU = '320102';
const QINHUAI = '320104';
const HONGSHAN = '320102008';
const XINJIEKOU = '320102003';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'street-hongshan', displayName: '红山街道网格编辑', role: 'street_editor', level: 'street', code: HONGSHAN },
  { username: 'street-xinjiekou', displayName: '新街口街道网格编辑', role: 'street_editor', level: 'street', code: XINJIEKOU },
  { username: 'district-xuanwu', displayName: '玄武区审核员', role: 'district_reviewer', level: 'district', code: XUANWU },
  { username: 'district-qinhuai', displayName: '秦淮区审核员', role: 'district_reviewer', level: 'district', code: QINHUAI },
  { username: 'city-filer', displayName: '市级备案员', role: 'city_filer', level: 'city', code: NANJING },
  { username: 'command', displayName: '指挥中心值班员', role: 'command_operator', level: 'city', code: NANJING },
  { username: 'planner', displayName: '网格规划员', role: 'planner', level: 'city', code: NANJING },
  // The grid worker's display name is the worker's own (set below from the grid_worker row).
  { username: 'worker-hongshan', displayName: '红山街道网格员', role: 'grid_worker', level: 'street', code: HONGSHAN },
  { username: 'dept-police', displayName: '公安部门（只读）', role: 'department_reader', level: 'city', code: NANJING, layers: BASE_DATA_LAYERS },
  { username: 'admin', displayName: '系统管理员', role: 'administrator', level: 'city', code: NANJING },
];

export const demoAccountsEnabled = (env: NodeJS.ProcessEnv = process.env) => env.GRIDATLAS_DEMO_ACCOUNTS?.trim().toLowerCase() !== 'off';

/** The full-time worker of the first 红山街道 grid (by code) that has one, at `at`. */
async function hongshanWorker(db: Executor, at: Date): Promise<{ id: number; name: string } | null> {
  const [w] = await db.query<{ id: number; name: string }>(
    `SELECT w.id, w.name
       FROM ${gridsInForce('$2')} g
       JOIN ${assignmentsInForce('$2')} a ON a.grid_code = g.code
       JOIN grid_worker w ON w.id = a.worker_id AND w.employment = 'full_time'
      WHERE g.code LIKE $1 ORDER BY g.code, w.id LIMIT 1`,
    [`${HONGSHAN}%`, at],
  );
  return w ?? null;
}

/** The demo accounts not in the database (by name: a real user of that name counts as present). */
export async function missingDemoAccounts(db: Executor): Promise<DemoAccount[]> {
  const existing = new Set((await db.query<{ username: string }>('SELECT username FROM app_user WHERE username = ANY ($1::text[])', [DEMO_ACCOUNTS.map((a) => a.username)])).map((r) => r.username));
  return DEMO_ACCOUNTS.filter((a) => !existing.has(a.username));
}

const TABLE: Record<JurisdictionLevel, string> = { city: 'city', district: 'district', street: 'street' };

/**
 * Creates the demo accounts that are missing (an existing one is left as it is: its password may have
 * been changed, as the README asks). An account whose jurisdiction is not in the database (a smaller
 * territory) is skipped. Returns the names created.
 */
export async function ensureDemoAccounts(db: Db, at = new Date()): Promise<string[]> {
  const missing = await missingDemoAccounts(db);
  if (missing.length === 0) return [];
  // Each account its own salt; hashed outside the transaction (scrypt is the slow part).
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  return db.transaction(async (tx) => {
    const created: string[] = [];
    for (const [i, account] of missing.entries()) {
      const [area] = await tx.query<{ id: number }>(`SELECT id FROM ${TABLE[account.level]} WHERE code = $1`, [account.code]);
      if (!area) continue;
      const worker = account.role === 'grid_worker' ? await hongshanWorker(tx, at) : null;
      if (account.role === 'grid_worker' && !worker) continue;
      const [user] = await tx.query<{ id: number }>(
        `INSERT INTO app_user (username, display_name, password_hash, demo) VALUES ($1, $2, $3, true)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [account.username, worker ? `${worker.name}（红山街道网格员）` : account.displayName, hashes[i]],
      );
      if (!user) continue;
      await insertGrants(tx, user.id, [
        { role: account.role, level: account.level, jurisdictionId: area.id, workerId: worker?.id ?? null, layers: account.layers ? [...account.layers] : null },
      ]);
      created.push(account.username);
    }
    return created;
  });
}

/**
 * With GRIDATLAS_DEMO_ACCOUNTS=off, demo accounts made on an earlier start are disabled and their
 * sessions ended (an administrator can re-enable one). Returns the names disabled.
 */
export async function disableDemoAccounts(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number; username: string }>(
      `UPDATE app_user SET disabled_at = date_trunc('milliseconds', now()), version = version + 1
        WHERE demo AND disabled_at IS NULL RETURNING id, username`,
    );
    for (const r of rows) {
      await endSessionsOfUser(tx, r.id, 'disabled');
      await logSecurityEvent(tx, { action: 'user_disabled', username: r.username, target: `user:${r.username}`, reason: 'GRIDATLAS_DEMO_ACCOUNTS=off', detail: { userId: r.id } });
    }
    return rows.map((r) => r.username);
  });
}

export interface DemoAccountListing {
  username: string;
  displayName: string;
  role: LocalizedText;
  jurisdiction: string;
}

/** The demo accounts the sign-in page offers, from the process's database (pages never open it themselves). */
export async function demoAccountsToOffer(): Promise<DemoAccountListing[]> {
  return listDemoAccounts((await getDatabase()).db);
}

/** The demo accounts the sign-in page offers (enabled, still on the demo password), in the table's order. */
export async function listDemoAccounts(db: Executor): Promise<DemoAccountListing[]> {
  if (!demoAccountsEnabled()) return [];
  const rows = await db.query<{ username: string; display_name: string; role: Role; jurisdiction: string }>(
    `SELECT u.username, u.display_name, g.role, coalesce(c.name, d.name, s.name) AS jurisdiction
       FROM app_user u JOIN user_grant g ON g.user_id = u.id
       LEFT JOIN city c ON c.id = g.city_id LEFT JOIN district d ON d.id = g.district_id LEFT JOIN street s ON s.id = g.street_id
      WHERE u.demo AND u.disabled_at IS NULL`,
  );
  const order = DEMO_ACCOUNTS.map((a) => a.username);
  return rows
    .sort((a, b) => order.indexOf(a.username) - order.indexOf(b.username))
    .map((r) => ({ username: r.username, displayName: r.display_name, role: ROLE_LABELS[r.role], jurisdiction: r.jurisdiction }));
}

/**
 * The demo partner's Open311 key, while demo accounts are on: issued when missing (by its hash, so a key
 * an administrator revoked stays revoked), revoked when they are turned off. Returns what it did.
 */
export async function ensureDemoPartner(db: Executor, enabled: boolean, at = new Date()): Promise<'issued' | 'revoked' | null> {
  const [row] = await db.query<{ id: number; revoked_at: Date | null }>(
    `SELECT id, revoked_at FROM partner_key WHERE key_sha256 = sha256(convert_to($1, 'UTF8'))`,
    [DEMO_PARTNER_KEY],
  );
  if (enabled && !row) {
    await issuePartnerKey(db, { userId: null }, DEMO_PARTNER_NAME, at, DEMO_PARTNER_KEY);
    return 'issued';
  }
  if (!enabled && row && !row.revoked_at) {
    await revokePartnerKey(db, row.id, at);
    return 'revoked';
  }
  return null;
}
