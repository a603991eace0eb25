/** The demo accounts: exactly the names the README and outside checks use, and the off switch. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../auth/sign-in';
import { seedAccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDemoAccounts, listDemoAccounts } from './demo-accounts';
import { ensureDemoCity } from './ensure-demo-city';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await seedAccessFixture(t.db);
}, 120_000);
afterEach(() => {
  delete process.env.GRIDATLAS_DEMO_ACCOUNTS;
});
afterAll(async () => {
  await t?.dispose();
});

const client = { address: 'test', userAgent: 'vitest' };

describe('the demo accounts', () => {
  it('are the ten of the README, each with its role and jurisdiction, and sign in with the demo password', async () => {
    const listed = await listDemoAccounts(t.db);
    expect(listed.map((a) => a.username)).toEqual([
      'street-hongshan', 'street-xinjiekou', 'district-xuanwu', 'district-qinhuai', 'city-filer',
      'command', 'planner', 'worker-hongshan', 'dept-police', 'admin',
    ]);
    expect(listed.map((a) => a.jurisdiction)).toEqual(['红山街道', '新街口街道', '玄武区', '秦淮区', '南京市', '南京市', '南京市', '红山街道', '南京市', '南京市']);
    const rows = await t.db.query<{ username: string; role: string; worker: string | null; layers: string[] | null }>(
      `SELECT u.username, g.role, w.name AS worker, g.layers FROM app_user u JOIN user_grant g ON g.user_id = u.id
         LEFT JOIN grid_worker w ON w.id = g.worker_id WHERE u.demo ORDER BY u.username`,
    );
    expect(rows.find((r) => r.username === 'worker-hongshan')).toMatchObject({ role: 'grid_worker', worker: '红山街道网格员甲' });
    expect(rows.find((r) => r.username === 'dept-police')).toMatchObject({ role: 'department_reader', layers: ['addresses', 'key_sites'] });
    for (const a of DEMO_ACCOUNTS) expect((await signIn(t.db, { username: a.username, password: DEMO_PASSWORD }, client)).username).toBe(a.username);
  });

  it('are not made twice, and a changed one is left as it is', async () => {
    await t.db.execute(`UPDATE app_user SET display_name = '改过的名字' WHERE username = 'planner'`);
    expect(await ensureDemoAccounts(t.db)).toEqual([]);
    const [p] = await t.db.query<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'planner'`);
    expect(p!.display_name).toBe('改过的名字');
  });

  it('an account whose password was changed is no longer offered as a demo account', async () => {
    const { changeOwnPassword } = await import('../auth/sign-in');
    const { resolveSession } = await import('../auth/sessions');
    const session = await signIn(t.db, { username: 'planner', password: DEMO_PASSWORD }, client);
    const resolved = await resolveSession(t.db, session.token, new Date());
    if (resolved.state !== 'active') throw new Error('no session');
    await changeOwnPassword(t.db, resolved.actor, { currentPassword: DEMO_PASSWORD, newPassword: 'planner-own-password' }, client);
    expect((await listDemoAccounts(t.db)).map((a) => a.username)).not.toContain('planner');
    expect(await ensureDemoAccounts(t.db)).toEqual([]);
  });

  it('GRIDATLAS_DEMO_ACCOUNTS=off: the sign-in page lists none, and those made before are disabled at start', async () => {
    process.env.GRIDATLAS_DEMO_ACCOUNTS = 'off';
    expect(await listDemoAccounts(t.db)).toEqual([]);
    await ensureDemoCity(t.db, () => undefined);
    await expect(signIn(t.db, { username: 'admin', password: DEMO_PASSWORD }, client)).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE demo AND disabled_at IS NULL`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
