/**
 * The assessment figures on a real database: cases run through the loop at known times, then counted per
 * grid, street, district, department and worker within the caller's scope; and the CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as csvRoute } from '@/app/api/assessment/[group]/route';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { browserHeaders, TEST_ORIGIN } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { assessment, assessmentCsv } from './assessment';
import { dispatchIncident } from './dispatch';
import { reportIncident } from './intake';
import { moveIncident, type LoopAction } from './loop';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, { actor: Actor; token: string }>();
const HONGSHAN = '320102008';
const T0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
const at = (m: number) => new Date(T0.getTime() + m * 60_000);

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['command', 'worker-hongshan', 'district-qinhuai']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    users.set(name, await signInTestUser(t.db, u!.id));
  }
  // Three 井盖 cases in 红山 grid 1 (limit 240 min): one on time, one late and re-opened once, one not accepted.
  const actor = (n: string) => users.get(n)!.actor;
  const version = async (id: number) => (await t.db.query<{ version: number }>('SELECT version FROM incident WHERE id = $1', [id]))[0]!.version;
  const move = async (who: string, id: number, action: LoopAction, m: number, note = '说明') => moveIncident(t.db, actor(who), { incidentId: id, expectedVersion: await version(id), action, note }, at(m));
  const dispatch = async (id: number, m: number) => dispatchIncident(t.db, actor('command'), { incidentId: id, expectedVersion: await version(id), workerId: fx.streets[HONGSHAN].workerIds[0] }, at(m));
  const file = async () =>
    (await reportIncident(t.db, { kind: 'user', actor: actor('worker-hongshan'), scope: scopeOf(actor('worker-hongshan'), 'incident_report')! }, {
      categoryCode: 'manhole_cover', description: '井盖', severity: 2, source: 'patrol', place: { kind: 'point', lon: 118.71, lat: 32.05 },
    }, at(0))).id;
  const onTime = await file();
  await move('command', onTime, 'accept', 60);
  await dispatch(onTime, 120);
  await move('worker-hongshan', onTime, 'start', 130);
  await move('worker-hongshan', onTime, 'finish', 240);
  await move('worker-hongshan', onTime, 'verify_pass', 300);
  await move('command', onTime, 'close', 360);
  const late = await file();
  await move('command', late, 'accept', 30);
  await dispatch(late, 30);
  await move('worker-hongshan', late, 'start', 40);
  await move('worker-hongshan', late, 'finish', 100);
  await move('worker-hongshan', late, 'verify_fail', 110);
  await dispatch(late, 120);
  await move('worker-hongshan', late, 'start', 130);
  await move('worker-hongshan', late, 'finish', 480);
  const rejected = await file();
  await move('command', rejected, 'not_accept', 10, '重复上报');
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const period = { from: at(-1), to: at(600) };

describe('assessment', () => {
  it('counts cases, closure, on time, stage hours and re-opened per grid', async () => {
    const rows = await assessment(t.db, scopeOf(users.get('command')!.actor, 'incidents')!, { groupBy: 'grid', ...period });
    const grid = rows.find((r) => r.key === fx.streets[HONGSHAN].grids[0])!;
    expect(grid).toMatchObject({ reported: 3, notAccepted: 1, cases: 2, closed: 1, closureRate: 0.5, handledWithLimit: 2, onTime: 1, onTimeRate: 0.5, reopened: 1, reopenedShare: 0.5 });
    expect(grid.name['zh-CN']).toBe('红山街道一网格');
    // Accepted after 60 and 30 minutes: 0.75 h on average; the on-time case's handling took 2 h.
    expect(grid.hours.accept).toBe(0.75);
    expect(grid.hours.close).toBe(1);
  });

  it('groups by street, district, department and worker, within the scope only', async () => {
    const scope = scopeOf(users.get('command')!.actor, 'incidents')!;
    expect((await assessment(t.db, scope, { groupBy: 'district', ...period })).map((r) => [r.key, r.reported])).toEqual([['320102', 3]]);
    expect((await assessment(t.db, scope, { groupBy: 'department', ...period }))[0]).toMatchObject({ key: 'municipal', name: { 'zh-CN': '市政设施管理处' } });
    const [worker] = await assessment(t.db, scope, { groupBy: 'worker', ...period });
    expect(worker).toMatchObject({ key: String(fx.streets[HONGSHAN].workerIds[0]), cases: 2 });
    expect(await assessment(t.db, scopeOf(users.get('district-qinhuai')!.actor, 'incidents')!, { groupBy: 'grid', ...period })).toEqual([]);
    await expect(assessment(t.db, scope, { groupBy: 'grid', from: period.to, to: period.from })).rejects.toMatchObject({ code: 'PERIOD_INVALID' });
  });

  it('writes CSV with a byte-order mark, quoted cells and no formula, over HTTP too', async () => {
    const csv = assessmentCsv([{ key: '1', name: { 'zh-CN': '=HYPERLINK("x"),甲', en: 'a' }, reported: 1, notAccepted: 0, cases: 1, closed: 1, closureRate: 1, handledWithLimit: 1, onTime: 1, onTimeRate: 1, hours: { accept: 1, dispatch: null, handle: 2, verify: null, close: null }, reopened: 0, reopenedShare: 0, coverage: null }], 'zh-CN');
    expect(csv.startsWith('\uFEFF编码,名称')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x""),甲"`);
    const url = `${TEST_ORIGIN}/api/assessment/street.csv?from=${period.from.toISOString()}&to=${period.to.toISOString()}`;
    const res = await csvRoute(new Request(url, { headers: browserHeaders({ token: users.get('command')!.token }) }), { params: Promise.resolve({ group: 'street.csv' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(await res.text()).toContain('320102008,红山街道,3,1,2,1,50');
    const bad = await csvRoute(new Request(`${TEST_ORIGIN}/api/assessment/nope.csv?from=x`, { headers: browserHeaders({ token: users.get('command')!.token }) }), { params: Promise.resolve({ group: 'nope.csv' }) });
    expect(bad.status).toBe(400);
    const anonymous = await csvRoute(new Request(url, { headers: browserHeaders() }), { params: Promise.resolve({ group: 'street.csv' }) });
    expect(anonymous.status).toBe(401);
  });
});
