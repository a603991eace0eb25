/**
 * User administration over HTTP as the demo administrators would use it: every change logged, stale
 * versions refused, sessions ended on disable and reset, grants only inside the administrator's own
 * jurisdiction, a reset password that must be changed before anything else. On the engine of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as signInRoute } from '@/app/api/auth/sign-in/route';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { browserHeaders, TEST_ORIGIN, trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { SESSION_COOKIE_NAME } from '../auth/http';
import type { UserSummary } from './service';

let t: TestDatabase;
let fx: AccessFixture;
let admin: string;
let districtAdmin: string;

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  const [a] = await t.db.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'admin'`);
  admin = (await signInTestUser(t.db, a!.id)).token;
  districtAdmin = (await signInTestUser(t.db, await createTestUser(t.db, 'admin-qinhuai', [{ role: 'administrator', level: 'district', code: '320104' }]))).token;
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const as = (token: string) => ({
  query: (path: string, input?: unknown) => trpcCall(path, input, 'GET', { token }),
  mutate: (path: string, input: unknown) => trpcCall(path, input, 'POST', { token }),
});

const signIn = async (username: string, password: string) => {
  const res = await signInRoute(
    new Request(`${TEST_ORIGIN}/api/auth/sign-in`, { method: 'POST', body: JSON.stringify({ username, password }), headers: browserHeaders({}, true) }),
  );
  const token = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE_NAME}=([^;]*)`))?.[1] ?? null;
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, token };
};

const hongshan = () => fx.streets['320102008'];

describe('the administrator', () => {
  let created: UserSummary;

  it('creates a user, who must change the first password before anything else', async () => {
    const r = await as(admin).mutate('admin.createUser', {
      username: 'Wang-Fang',
      displayName: '王芳',
      password: 'first-password-1',
      grants: [{ role: 'street_editor', level: 'street', jurisdictionId: hongshan().id }],
    });
    expect(r.status).toBe(200);
    created = r.result as UserSummary;
    expect(created).toMatchObject({ username: 'wang-fang', displayName: '王芳', mustChangePassword: true, disabled: false, version: 1 });
    expect(created.grants).toEqual([expect.objectContaining({ role: 'street_editor', jurisdiction: expect.objectContaining({ code: '320102008', name: '红山街道' }) })]);

    const first = await signIn('wang-fang', 'first-password-1');
    expect(first.body).toEqual({ username: 'wang-fang', mustChangePassword: true });
    const blocked = await as(first.token!).query('drafts.streets');
    expect([blocked.status, blocked.error?.data.reason]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const changed = await as(first.token!).mutate('session.changePassword', { currentPassword: 'first-password-1', newPassword: 'my-own-password-2' });
    expect(changed.status).toBe(200);
    const streets = await as(first.token!).query('drafts.streets');
    expect((streets.result as { code: string }[]).map((s) => s.code)).toEqual(['320102008']);
  });

  it('refuses a taken name, a bad name, a weak password and a role at the wrong level, in both languages', async () => {
    const grant = [{ role: 'street_editor', level: 'street', jurisdictionId: hongshan().id }];
    const taken = await as(admin).mutate('admin.createUser', { username: 'wang-fang', displayName: 'x', password: 'first-password-1', grants: grant });
    expect([taken.status, taken.error?.data.reason]).toEqual([409, 'USERNAME_TAKEN']);
    const badName = await as(admin).mutate('admin.createUser', { username: '../admin', displayName: 'x', password: 'first-password-1', grants: grant });
    expect(badName.error?.data.reason).toBe('USERNAME_INVALID');
    const nul = await as(admin).mutate('admin.createUser', { username: 'nul', displayName: '王\u0000芳', password: 'first-password-1', grants: grant });
    expect([nul.status, nul.error?.data.reason]).toEqual([400, 'INPUT_INVALID']);
    const weak = await as(admin).mutate('admin.createUser', { username: 'weak', displayName: 'x', password: 'short', grants: grant });
    expect(weak.error?.data.reason).toBe('PASSWORD_TOO_WEAK');
    const level = await as(admin).mutate('admin.createUser', {
      username: 'level',
      displayName: 'x',
      password: 'first-password-1',
      grants: [{ role: 'district_reviewer', level: 'street', jurisdictionId: hongshan().id }],
    });
    expect([level.status, level.error?.data.reason]).toEqual([400, 'GRANT_INVALID']);
    expect(level.error?.data.text['zh-CN']).toMatch(/角色与辖区/);
    const worker = await as(admin).mutate('admin.createUser', {
      username: 'worker-elsewhere',
      displayName: 'x',
      password: 'first-password-1',
      grants: [{ role: 'grid_worker', level: 'street', jurisdictionId: hongshan().id, workerId: fx.streets['320104001'].workerIds[0] }],
    });
    expect(worker.error?.data.reason).toBe('GRANT_INVALID');
    const big = await as(admin).mutate('admin.createUser', {
      username: 'big',
      displayName: 'x',
      password: 'first-password-1',
      grants: [{ role: 'planner', level: 'street', jurisdictionId: 2 ** 31 }],
    });
    expect([big.status, big.error?.data.reason]).toEqual([400, 'INPUT_INVALID']);
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE username IN ('weak', 'level', 'worker-elsewhere', 'nul', 'big')`)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('disables a user: their sessions end at once and they cannot sign in; re-enabling lets them back', async () => {
    const session = await signIn('wang-fang', 'my-own-password-2');
    expect(session.status).toBe(200);
    const current = ((await as(admin).query('admin.users')).result as UserSummary[]).find((u) => u.username === 'wang-fang')!;
    const off = await as(admin).mutate('admin.setDisabled', { userId: current.id, expectedVersion: current.version, disabled: true });
    expect((off.result as UserSummary).disabled).toBe(true);
    expect((await as(session.token!).query('session.me')).status).toBe(401);
    const refused = await signIn('wang-fang', 'my-own-password-2');
    expect([refused.status, (refused.body.error as { code: string }).code]).toEqual([403, 'ACCOUNT_DISABLED']);
    const stale = await as(admin).mutate('admin.setDisabled', { userId: current.id, expectedVersion: current.version, disabled: false });
    expect([stale.status, stale.error?.data.reason]).toEqual([409, 'USER_STALE_VERSION']);
    const on = await as(admin).mutate('admin.setDisabled', { userId: current.id, expectedVersion: (off.result as UserSummary).version, disabled: false });
    expect((on.result as UserSummary).disabled).toBe(false);
    expect((await signIn('wang-fang', 'my-own-password-2')).status).toBe(200);
  });

  it('two administrators at once: one change wins, the other is told the user changed', async () => {
    const u = ((await as(admin).query('admin.users')).result as UserSummary[]).find((x) => x.username === 'wang-fang')!;
    const [a, b] = await Promise.all([
      as(admin).mutate('admin.updateUser', { userId: u.id, expectedVersion: u.version, displayName: '王芳（一）' }),
      as(admin).mutate('admin.updateUser', { userId: u.id, expectedVersion: u.version, displayName: '王芳（二）' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('resets a password: sessions end, the old password stops, the new one must be changed', async () => {
    const session = await signIn('wang-fang', 'my-own-password-2');
    const u = ((await as(admin).query('admin.users')).result as UserSummary[]).find((x) => x.username === 'wang-fang')!;
    const reset = await as(admin).mutate('admin.resetPassword', { userId: u.id, expectedVersion: u.version, newPassword: 'temporary-pass-3' });
    expect((reset.result as UserSummary).mustChangePassword).toBe(true);
    expect((await as(session.token!).query('session.me')).status).toBe(401);
    expect((await signIn('wang-fang', 'my-own-password-2')).status).toBe(401);
    expect((await signIn('wang-fang', 'temporary-pass-3')).body).toEqual({ username: 'wang-fang', mustChangePassword: true });
  });

  it('cannot disable themself or take their own administrator role away', async () => {
    const me = ((await as(admin).query('admin.users')).result as UserSummary[]).find((x) => x.username === 'admin')!;
    const off = await as(admin).mutate('admin.setDisabled', { userId: me.id, expectedVersion: me.version, disabled: true });
    expect(off.error?.data.reason).toBe('CANNOT_CHANGE_OWN_ACCESS');
    const demote = await as(admin).mutate('admin.setGrants', { userId: me.id, expectedVersion: me.version, grants: [{ role: 'planner', level: 'city', jurisdictionId: 1 }] });
    expect(demote.error?.data.reason).toBe('CANNOT_CHANGE_OWN_ACCESS');
  });

  it("a district's administrator manages only that district: grants and users elsewhere are not theirs", async () => {
    const outside = await as(districtAdmin).mutate('admin.createUser', {
      username: 'qinhuai-editor',
      displayName: 'x',
      password: 'first-password-1',
      grants: [{ role: 'street_editor', level: 'street', jurisdictionId: hongshan().id }],
    });
    expect([outside.status, outside.error?.data.reason]).toEqual([403, 'GRANT_OUTSIDE_ADMIN_SCOPE']);
    const inside = await as(districtAdmin).mutate('admin.createUser', {
      username: 'qinhuai-editor',
      displayName: 'x',
      password: 'first-password-1',
      grants: [{ role: 'street_editor', level: 'street', jurisdictionId: fx.streets['320104001'].id }],
    });
    expect(inside.status).toBe(200);
    const names = ((await as(districtAdmin).query('admin.users')).result as UserSummary[]).map((u) => u.username);
    expect(names).toContain('qinhuai-editor');
    expect(names).toContain('district-qinhuai');
    expect(names).not.toContain('street-hongshan');
    const hongshanEditor = ((await as(admin).query('admin.users')).result as UserSummary[]).find((u) => u.username === 'street-hongshan')!;
    const reach = await as(districtAdmin).mutate('admin.setDisabled', { userId: hongshanEditor.id, expectedVersion: hongshanEditor.version, disabled: true });
    expect([reach.status, reach.error?.data.reason]).toEqual([404, 'USER_NOT_FOUND']);
    const workers = await as(districtAdmin).query('admin.workers', { streetId: hongshan().id });
    expect([workers.status, workers.error?.data.reason]).toEqual([403, 'OUT_OF_JURISDICTION']);
    const jurisdictions = (await as(districtAdmin).query('admin.jurisdictions')).result as { code: string }[];
    expect(jurisdictions.map((j) => j.code)).toEqual(['320104', '320104001']);
  });

  it('logs every change with who did it, and the log reads newest first', async () => {
    const log = (await as(admin).query('admin.securityLog', { limit: 200 })).result as { action: string; username: string; target: string }[];
    const changes = log.filter((e) => e.target === 'user:wang-fang').map((e) => e.action);
    expect(changes).toEqual(['password_reset', 'user_updated', 'user_enabled', 'user_disabled', 'user_created']);
    expect(log.find((e) => e.action === 'user_created' && e.target === 'user:wang-fang')?.username).toBe('admin');
  });
});
