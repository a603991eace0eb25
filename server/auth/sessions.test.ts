/**
 * Signing in and out over HTTP, as a browser does it: the cookie's attributes, expiry (idle and
 * absolute), sign-out ending the session on the server, the per-account lock and the per-address limit,
 * the cross-site refusal, and the append-only security log. On the engine of the run.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { POST as signInRoute } from '@/app/api/auth/sign-in/route';
import { POST as signOutRoute } from '@/app/api/auth/sign-out/route';
import { provideDatabase } from '../db';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { browserHeaders, TEST_ORIGIN, trpcCall } from '../testing/http-calls';
import { createTestUser, TEST_PASSWORD } from '../testing/users';
import { CLIENT_ADDRESS_HEADER, SESSION_COOKIE_NAME } from './http';
import { endSessionsOfUser, forgetResolvedSessions, resolveSession, resolveSessionForReading, sessionLimits } from './sessions';
import { ADDRESS_LIMIT, LOCK_AFTER } from './sign-in';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  await t.db.script(`INSERT INTO city (code, name, geom) VALUES ('320100', '南京市', ST_Multi(ST_MakeEnvelope(118, 31, 119, 33, 4326)))`);
  for (const name of ['alice', 'bob', 'carol', 'dave']) await createTestUser(t.db, name, [{ role: 'planner', level: 'city', code: '320100' }]);
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const signIn = (username: string, password: string, opts: { address?: string; origin?: string | null; url?: string } = {}) =>
  signInRoute(
    new Request(opts.url ?? `${TEST_ORIGIN}/api/auth/sign-in`, {
      method: 'POST',
      body: JSON.stringify({ username, password }),
      headers: browserHeaders({ origin: opts.origin, headers: { [CLIENT_ADDRESS_HEADER]: opts.address ?? '10.0.0.1' } }, true),
    }),
  );

const tokenOf = (res: Response) => res.headers.get('set-cookie')!.match(new RegExp(`${SESSION_COOKIE_NAME}=([^;]*)`))![1]!;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: { 'zh-CN': string; en: string } } }).error;

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite session cookie and signs the user in', async () => {
    const res = await signIn('Alice', TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: 'alice', mustChangePassword: false });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await trpcCall('session.me', undefined, 'GET', { token: tokenOf(res) });
    expect((me.result as { username: string }).username).toBe('alice');
  });

  it('marks the cookie Secure over HTTPS, and refuses an Origin that is not the Host', async () => {
    const res = await signIn('alice', TEST_PASSWORD, { url: 'https://gridatlas.example/api/auth/sign-in', origin: 'https://gridatlas.example' });
    expect(res.status).toBe(403);
    // The Origin must match the Host; behind TLS the Host is the public one.
    const ok = await signInRoute(
      new Request('https://gridatlas.example/api/auth/sign-in', {
        method: 'POST',
        body: JSON.stringify({ username: 'alice', password: TEST_PASSWORD }),
        headers: { host: 'gridatlas.example', origin: 'https://gridatlas.example', 'content-type': 'application/json' },
      }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown name alike, in both languages', async () => {
    const wrong = await signIn('bob', 'not-the-password');
    const unknown = await signIn('nobody', 'not-the-password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a).toEqual(b);
    expect(a).toEqual({ code: 'BAD_CREDENTIALS', message: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' } });
  });

  it('refuses malformed bodies with a 4xx, never a 500', async () => {
    for (const body of [
      'not json',
      '{"username":"a"}',
      '{"username":"a","password":"b","extra":1}',
      JSON.stringify({ username: 'a', password: 'x'.repeat(300) }),
      JSON.stringify({ username: 'a\u0000b', password: 'x' }),
      '{"username":"\\ud800","password":"x"}',
    ]) {
      const res = await signInRoute(new Request(`${TEST_ORIGIN}/api/auth/sign-in`, { method: 'POST', body, headers: browserHeaders({}, true) }));
      expect(res.status).toBe(400);
    }
  });

  it(`locks an account after ${LOCK_AFTER} wrong passwords, and the locked account says so`, async () => {
    for (let i = 0; i < LOCK_AFTER - 1; i++) expect((await signIn('carol', 'wrong', { address: '10.0.0.2' })).status).toBe(401);
    const locking = await signIn('carol', 'wrong', { address: '10.0.0.2' });
    expect(locking.status).toBe(403);
    expect((await errorOf(locking)).code).toBe('ACCOUNT_LOCKED');
    // Even the right password waits for the lock to pass.
    const right = await signIn('carol', TEST_PASSWORD, { address: '10.0.0.3' });
    expect(right.status).toBe(403);
    const error = await errorOf(right);
    expect(error.code).toBe('ACCOUNT_LOCKED');
    expect(error.message['zh-CN']).toMatch(/已被锁定.*分钟后再试/);
    await t.db.execute(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = 'carol'`);
    expect((await signIn('carol', TEST_PASSWORD, { address: '10.0.0.3' })).status).toBe(200);
  });

  it('counts parallel wrong guesses each (no lost update)', async () => {
    await Promise.all(Array.from({ length: LOCK_AFTER }, () => signIn('dave', 'wrong', { address: '10.0.0.4' })));
    const [row] = await t.db.query<{ locked: boolean }>(`SELECT locked_until > now() AS locked FROM app_user WHERE username = 'dave'`);
    expect(row!.locked).toBe(true);
  });

  it(`limits an address to ${ADDRESS_LIMIT} failures, whichever names it tries`, async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) await signIn(`guess-${i}`, 'wrong', { address: '10.9.9.9' });
    const limited = await signIn('alice', TEST_PASSWORD, { address: '10.9.9.9' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await errorOf(limited)).code).toBe('TOO_MANY_SIGN_INS');
    // Another address is not affected.
    expect((await signIn('alice', TEST_PASSWORD, { address: '10.9.9.8' })).status).toBe(200);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await signIn('alice', TEST_PASSWORD, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('CROSS_SITE_REQUEST');
  });
});

describe('sessions', () => {
  it('sign-out ends the session on the server: the old cookie stops working', async () => {
    const token = tokenOf(await signIn('alice', TEST_PASSWORD));
    expect((await trpcCall('session.me', undefined, 'GET', { token })).status).toBe(200);
    const out = await signOutRoute(new Request(`${TEST_ORIGIN}/api/auth/sign-out`, { method: 'POST', headers: browserHeaders({ token }, true) }));
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await trpcCall('session.me', undefined, 'GET', { token });
    expect([after.status, after.error?.data.reason]).toEqual([401, 'SESSION_EXPIRED']);
  });

  it('answers reads from memory for at most a second, and forgets at once when this process ends a session or changes a user', async () => {
    const token = tokenOf(await signIn('carol', TEST_PASSWORD));
    const [{ id: userId }] = (await t.db.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'carol'`)) as [{ id: number }];
    const now = Date.now();
    // Real time stands still here: what is remembered lasts as long as the request clock says.
    const wall = vi.spyOn(Date, 'now').mockReturnValue(now);
    onTestFinished(() => wall.mockRestore());
    expect((await resolveSessionForReading(t.db, token, new Date(now))).state).toBe('active');
    // Ended by another process (straight in the table): still answered from memory within the second…
    await t.db.execute(`UPDATE user_session SET ended_at = now(), end_reason = 'signed_out' WHERE user_id = $1`, [userId]);
    expect((await resolveSessionForReading(t.db, token, new Date(now + 500))).state).toBe('active');
    // …and asked for again after it; a change never reads from memory.
    expect((await resolveSessionForReading(t.db, token, new Date(now + 1000))).state).toBe('ended');
    expect((await resolveSession(t.db, token, new Date(now + 500))).state).toBe('ended');

    // Ended in this process: refused on the next read.
    const fresh = tokenOf(await signIn('carol', TEST_PASSWORD));
    expect((await resolveSessionForReading(t.db, fresh, new Date(now))).state).toBe('active');
    await endSessionsOfUser(t.db, userId, 'disabled');
    expect((await resolveSessionForReading(t.db, fresh, new Date(now + 1))).state).toBe('ended');

    // A change of grants (forgetResolvedSessions, as every change of a user calls it) is seen at once.
    const third = tokenOf(await signIn('carol', TEST_PASSWORD));
    const before = await resolveSessionForReading(t.db, third, new Date(now));
    await t.db.execute(`UPDATE user_grant SET role = 'administrator' WHERE user_id = $1`, [userId]);
    forgetResolvedSessions();
    const after = await resolveSessionForReading(t.db, third, new Date(now + 1));
    expect(before.state === 'active' && before.actor.grants.map((g) => g.role)).toEqual(['planner']);
    expect(after.state === 'active' && after.actor.grants.map((g) => g.role)).toEqual(['administrator']);
  });

  it('ends after the idle timeout and at the absolute end, whatever the activity', async () => {
    const token = tokenOf(await signIn('alice', TEST_PASSWORD));
    const limits = sessionLimits();
    const now = Date.now();
    expect((await resolveSession(t.db, token, new Date(now + (limits.idleMinutes - 1) * 60_000))).state).toBe('active');
    // That request refreshed last_seen_at; idle counts from it.
    expect((await resolveSession(t.db, token, new Date(now + (2 * limits.idleMinutes - 2) * 60_000))).state).toBe('active');
    expect((await resolveSession(t.db, token, new Date(now + (3 * limits.idleMinutes) * 60_000))).state).toBe('ended');
    const fresh = tokenOf(await signIn('alice', TEST_PASSWORD));
    let at = now;
    // Active every hour, it still ends at maxHours.
    for (; at < now + (limits.maxHours - 1) * 3_600_000; at += 3_600_000) expect((await resolveSession(t.db, fresh, new Date(at))).state).toBe('active');
    expect((await resolveSession(t.db, fresh, new Date(now + limits.maxHours * 3_600_000 + 1000))).state).toBe('ended');
  });

  it('refuses a state-changing tRPC call from another site, before it runs', async () => {
    const token = tokenOf(await signIn('alice', TEST_PASSWORD));
    const evil = await trpcCall('session.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'another-password-1' }, 'POST', {
      token,
      origin: 'http://evil.example',
    });
    expect([evil.status, evil.error?.data.reason]).toEqual([403, 'CROSS_SITE_REQUEST']);
    const viaFetchMetadata = await trpcCall('session.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'another-password-1' }, 'POST', {
      token,
      origin: null,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(viaFetchMetadata.status).toBe(403);
  });

  it('changing the password ends the other sessions and needs the current one', async () => {
    const a = tokenOf(await signIn('bob', TEST_PASSWORD, { address: '10.1.1.1' }));
    const b = tokenOf(await signIn('bob', TEST_PASSWORD, { address: '10.1.1.1' }));
    const wrong = await trpcCall('session.changePassword', { currentPassword: 'nope', newPassword: 'a-new-password-1' }, 'POST', { token: a });
    expect(wrong.error?.data.reason).toBe('BAD_CREDENTIALS');
    const weak = await trpcCall('session.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'bob' }, 'POST', { token: a });
    expect(weak.error?.data.reason).toBe('PASSWORD_TOO_WEAK');
    const ok = await trpcCall('session.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-1' }, 'POST', { token: a });
    expect(ok.status).toBe(200);
    expect((await trpcCall('session.me', undefined, 'GET', { token: a })).status).toBe(200);
    expect((await trpcCall('session.me', undefined, 'GET', { token: b })).status).toBe(401);
    expect((await signIn('bob', 'a-new-password-1', { address: '10.1.1.1' })).status).toBe(200);
  });
});

describe('the security log', () => {
  it('records sign-ins, failures and sign-outs with the address', async () => {
    const rows = await t.db.query<{ action: string }>(`SELECT DISTINCT action FROM security_log`);
    expect(rows.map((r) => r.action).sort()).toEqual(
      expect.arrayContaining(['sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_in_limited', 'sign_out', 'denied', 'password_changed']),
    );
    const [failure] = await t.db.query<{ address: string; username: string }>(`SELECT address, username FROM security_log WHERE action = 'sign_in_failed' ORDER BY id LIMIT 1`);
    expect(failure).toEqual({ address: '10.0.0.1', username: 'bob' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the owner', async () => {
    await expect(t.db.execute(`UPDATE security_log SET reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.execute(`DELETE FROM security_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.execute(`TRUNCATE security_log`)).rejects.toThrow(/append-only/);
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM security_log')) as [{ n: number }];
    expect(n).toBeGreaterThan(10);
  });
});
