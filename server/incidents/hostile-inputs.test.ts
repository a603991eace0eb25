/**
 * The incident procedures from outside, over HTTP, with what an outside check sends: ids at and past the
 * column limits, NUL and lone surrogates, extra fields, oversized text, a batch of 60, two operators at
 * once, a user of the wrong district and a district administrator changing the city's catalogue. Each
 * gets a clean 4xx with its code and both languages, and nothing half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { browserHeaders, TEST_ORIGIN, trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { handleTrpcRequest } from '../http/trpc-handler';

let t: TestDatabase;
let fx: AccessFixture;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['command', 'worker-hongshan', 'district-qinhuai']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    tokens.set(name, (await signInTestUser(t.db, u!.id)).token);
  }
  const districtAdmin = await createTestUser(t.db, 'admin-xuanwu', [{ role: 'administrator', level: 'district', code: '320102' }]);
  tokens.set('admin-xuanwu', (await signInTestUser(t.db, districtAdmin)).token);
  tokens.set('command-2', (await signInTestUser(t.db, (await t.db.query<{ id: number }>("SELECT id FROM app_user WHERE username = 'command'"))[0]!.id)).token);
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const as = (who: string) => ({ token: tokens.get(who)! });
const report = (over: Record<string, unknown> = {}) => ({
  categoryCode: 'dispute', description: '邻里纠纷', place: { kind: 'point', lon: 118.71, lat: 32.05 }, source: 'patrol', ...over,
});
const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident'))[0]!.n;

describe('hostile inputs to the incident procedures', () => {
  it('answers ids at and past the limits with a 404 or a 400, never a 500', async () => {
    for (const id of [2 ** 31, 2 ** 31 - 1, Number.MAX_SAFE_INTEGER]) {
      const r = await trpcCall('incidents.get', { id }, 'GET', as('command'));
      expect([id, r.status, r.error?.data.reason]).toEqual([id, 404, 'INCIDENT_NOT_FOUND']);
    }
    for (const id of [2 ** 53, -1, 0, 1.5]) expect((await trpcCall('incidents.get', { id }, 'GET', as('command'))).status).toBe(400);
    const worker = await trpcCall('incidents.dispatch', { incidentId: fx.streets['320102008'].incidentIds[0], expectedVersion: 1, workerId: 2 ** 31 }, 'POST', as('command'));
    expect([worker.status, worker.error?.data.reason]).toEqual([400, 'INPUT_INVALID']);
    const feed = await trpcCall('incidents.move', { incidentId: 2 ** 31, expectedVersion: 2 ** 31, action: 'accept' }, 'POST', as('command'));
    expect(feed.status).toBe(400);
  });

  it('refuses NUL, lone surrogates, extra fields and oversized text, storing nothing', async () => {
    const before = await count();
    for (const bad of [
      report({ description: '纠纷\u0000' }),
      report({ description: '纠纷\uD800' }),
      report({ reporterName: '王\u0000' }),
      report({ description: 'x'.repeat(4001) }),
      report({ description: '   ' }),
      report({ author: 'someone-else' }),
      report({ place: { kind: 'point', lon: 118.71, lat: 32.05, grid: '320102008001001' } }),
      report({ categoryCode: 'Dispute; DROP TABLE incident' }),
      report({ severity: 9 }),
      report({ reporterPhone: '<script>' }),
      report({ photoIds: Array.from({ length: 7 }, (_, i) => i + 1) }),
    ]) {
      const r = await trpcCall('incidents.report', bad, 'POST', as('command'));
      expect([r.status, r.error?.data.reason]).toEqual([400, 'INPUT_INVALID']);
      expect(r.error?.data.text['zh-CN']).toBeTruthy();
    }
    expect(await count()).toBe(before);
  });

  it('refuses a batch of 60 calls before any runs', async () => {
    const paths = Array.from({ length: 60 }, () => 'incidents.kpis').join(',');
    const input = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [i, { json: {} }]));
    const res = await handleTrpcRequest(new Request(`${TEST_ORIGIN}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { headers: browserHeaders(as('command')) }));
    const body = (await res.json()) as { error: { json: { data: { reason: string } } } }[];
    expect(res.status).toBe(400);
    expect(body[0]!.error.json.data.reason).toBe('BATCH_TOO_LARGE');
  });

  it('lets one of two operators accepting the same case at once win, and tells the other', async () => {
    const r = await trpcCall('incidents.report', report(), 'POST', as('command'));
    const id = (r.result as { id: number }).id;
    const [answers] = [await Promise.all(['command', 'command-2'].map((who) => trpcCall('incidents.move', { incidentId: id, expectedVersion: 1, action: 'accept' }, 'POST', as(who))))];
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(['INCIDENT_STALE_VERSION', 'NOT_FROM_THIS_STATE']).toContain(answers.find((a) => a.status === 409)!.error!.data.reason);
    const [events] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM incident_event WHERE incident_id = $1 AND action = 'accept'", [id]);
    expect(events!.n).toBe(1);
  });

  it('answers a user of the wrong district as if the case did not exist', async () => {
    const id = fx.streets['320102008'].incidentIds[0];
    for (const [path, input, method] of [
      ['incidents.get', { id }, 'GET'],
      ['incidents.move', { incidentId: id, expectedVersion: 1, action: 'accept' }, 'POST'],
    ] as const) {
      const theirs = await trpcCall(path, input, method, as('district-qinhuai'));
      const missing = await trpcCall(path, { ...input, ...('id' in input ? { id: 2 ** 31 } : { incidentId: 2 ** 31 }) }, method, as('district-qinhuai'));
      expect([theirs.status, theirs.error?.data.reason]).toEqual([404, 'INCIDENT_NOT_FOUND']);
      expect([missing.status, missing.error?.data.reason]).toEqual([404, 'INCIDENT_NOT_FOUND']);
    }
    const list = (await trpcCall('incidents.list', { limit: 1000 }, 'GET', as('district-qinhuai'))).result as { gridCode: string }[];
    expect(list.every((c) => c.gridCode.startsWith('320104'))).toBe(true);
  });

  it('keeps the city catalogue to a city administrator', async () => {
    const r = await trpcCall('incidents.updateCategory', { code: 'dispute', expectedVersion: 1, workloadWeight: 3 }, 'POST', as('admin-xuanwu'));
    expect([r.status, r.error?.data.reason]).toEqual([403, 'CATALOGUE_CITY_ONLY']);
    const keys = await trpcCall('incidents.issuePartnerKey', { name: '区级系统' }, 'POST', as('admin-xuanwu'));
    expect([keys.status, keys.error?.data.reason]).toEqual([403, 'PARTNER_KEYS_CITY_ONLY']);
  });
});
