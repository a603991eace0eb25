/**
 * Field work on a real database: positions batched into the day partitions and onto the live map,
 * partitions made ahead and dropped after the retention period, trails and patrol coverage scoped to
 * who may see them, the patrol log with its visited addresses, key-site inspections and their overdue
 * list, and the simulator walking and reporting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf } from '@/geo/time/china-day';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { provideDatabase } from '../db';
import { maintainPositionPartitions } from '../jobs/scheduler';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { reportPositions, setOnDuty } from './duty';
import { inspectionsDue, recordInspection } from './inspections';
import { subscribePositions } from './live';
import { savePatrolLog } from './patrol-logs';
import { dropExpiredPartitions, ensurePartitions, positionBuffer, writePositions } from './positions';
import { Simulator } from './simulator';
import { patrolCoverage, recentTrails } from './tracks';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, Actor>();
const HONGSHAN = '320102008';

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['command', 'worker-hongshan', 'district-qinhuai', 'street-hongshan']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    users.set(name, (await signInTestUser(t.db, u!.id)).actor);
  }
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.positionBuffer')];
  await t?.dispose();
});

const actor = (name: string) => users.get(name)!;
const partitions = async () =>
  (await t.db.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'worker_position'::regclass ORDER BY 1`)).map((r) => r.name);

describe('positions', () => {
  it('writes a batch into the day partitions (making a missing day), and moves each worker to their latest', async () => {
    const w = fx.streets[HONGSHAN].workerIds[0];
    const at = new Date();
    const older = new Date(at.getTime() - 40 * 86_400_000);
    const written = await writePositions(t.db, [
      { workerId: w, lon: 118.711, lat: 32.05, at: older, source: 'device' },
      { workerId: w, lon: 118.712, lat: 32.05, at, source: 'device' },
      { workerId: 2 ** 31 - 1, lon: 118.712, lat: 32.05, at, source: 'device' },
    ]);
    expect(written.map((p) => [p.workerId, p.lon])).toEqual([[w, 118.712]]);
    expect(await partitions()).toEqual(expect.arrayContaining([`worker_position_${chinaDayOf(older).replace(/-/g, '')}`, `worker_position_${chinaDayOf(at).replace(/-/g, '')}`]));
    const [rows] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM worker_position WHERE worker_id = $1', [w]);
    expect(rows!.n).toBe(2);
    // Partition pruning: a day's query reads that day's partition only.
    const plan = (await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM worker_position WHERE at >= $1 AND at < $2`, [at, new Date(at.getTime() + 3_600_000)])).map((r) => Object.values(r)[0]).join('\n');
    expect(plan).not.toContain(`worker_position_${chinaDayOf(older).replace(/-/g, '')}`);
  });

  it('makes the next days ahead and drops days past the retention period', async () => {
    const at = new Date();
    await ensurePartitions(t.db, at, new Date(at.getTime() + 2 * 86_400_000));
    const before = await partitions();
    const { dropped } = await maintainPositionPartitions(t.db, at);
    const after = await partitions();
    expect(dropped).toBe(0);
    expect(after.length).toBeGreaterThanOrEqual(3);
    expect(await dropExpiredPartitions(t.db, at, 30)).toBe(1);
    expect((await partitions()).length).toBe(before.length - 1);
  });

  it('takes only the caller\'s own positions, fresh and inside China, and shows them live to the scope', async () => {
    await expect(async () => reportPositions(t.db, actor('command'), [{ lon: 118.71, lat: 32.05 }], new Date())).rejects.toMatchObject({ code: 'NOT_A_WORKER' });
    await expect(async () => reportPositions(t.db, actor('worker-hongshan'), [{ lon: 32.05, lat: 118.71 }], new Date())).rejects.toMatchObject({ code: 'POSITION_OUTSIDE_CHINA' });
    await expect(async () => reportPositions(t.db, actor('worker-hongshan'), [{ lon: 118.71, lat: 32.05, at: new Date(Date.now() - 7 * 3_600_000) }], new Date())).rejects.toMatchObject({ code: 'POSITION_TIME_INVALID' });
    const abort = new AbortController();
    const seen = (name: string) => subscribePositions({ db: t.db, scope: scopeOf(actor(name), 'worker_positions')!, signal: abort.signal, stillAllowed: async () => true });
    const command = seen('command');
    const qinhuai = seen('district-qinhuai');
    const snapshot = (await command.next()).value!;
    expect(snapshot.snapshot).toBe(true);
    expect((await qinhuai.next()).value!.positions.every((p: { communityCode: string }) => p.communityCode.startsWith('320104'))).toBe(true);
    const t0 = Date.now();
    reportPositions(t.db, actor('worker-hongshan'), [{ lon: 118.7133, lat: 32.051 }], new Date());
    const live = (await command.next()).value!;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(live.positions).toEqual([expect.objectContaining({ workerId: fx.streets[HONGSHAN].workerIds[0], lon: 118.7133, onDuty: true })]);
    // 秦淮 never hears of a 玄武 worker: its next batch is the one of its own worker.
    const qinhongWorker = fx.streets['320104001'].workerIds[0];
    const next = qinhuai.next();
    positionBuffer(t.db).add([{ workerId: qinhongWorker, lon: 118.91, lat: 32.05, at: new Date(), source: 'device' }]);
    expect((await next).value!.positions.map((p: { workerId: number }) => p.workerId)).toEqual([qinhongWorker]);
    abort.abort();
    await command.return(undefined);
    await qinhuai.return(undefined);
  });

  it('sets on duty for the worker themself only', async () => {
    expect(await setOnDuty(t.db, actor('worker-hongshan'), false, new Date())).toEqual({ onDuty: false });
    expect((await t.db.query<{ on_duty: boolean }>('SELECT on_duty FROM grid_worker WHERE id = $1', [fx.streets[HONGSHAN].workerIds[0]]))[0]!.on_duty).toBe(false);
    await setOnDuty(t.db, actor('worker-hongshan'), true, new Date());
    await expect(setOnDuty(t.db, actor('street-hongshan'), true, new Date())).rejects.toMatchObject({ code: 'NOT_A_WORKER' });
  });
});

describe('trails and coverage', () => {
  it('gives trails of the scope only, and the share of the grid\'s addresses the track passed', async () => {
    const w = fx.streets[HONGSHAN].workerIds[0];
    const at = new Date();
    const from = new Date(at.getTime() - 30 * 60_000);
    // The fixture's address of 红山 grid 1 is at (x0 + 0.01, 32.07): a walk past it, then away.
    await writePositions(t.db, [0, 1, 2, 3].map((k) => ({ workerId: w, lon: 118.71, lat: 32.06 + k * 0.005, at: new Date(from.getTime() + k * 60_000), source: 'device' as const })));
    const trails = await recentTrails(t.db, scopeOf(actor('command'), 'worker_positions')!, 60, at);
    expect(trails.find((x) => x.workerId === w)!.path.length).toBeGreaterThanOrEqual(4);
    expect((await recentTrails(t.db, scopeOf(actor('district-qinhuai'), 'worker_positions')!, 60, at)).some((x) => x.workerId === w)).toBe(false);
    const near = await patrolCoverage(t.db, w, from, at, 50);
    expect(near).toMatchObject({ addresses: 1, passed: 1, share: 1 });
    const strict = await patrolCoverage(t.db, w, new Date(from.getTime() + 150_000), new Date(from.getTime() + 200_000), 50);
    expect(strict.passed).toBe(0);
    await expect(patrolCoverage(t.db, w, at, from, 50)).rejects.toMatchObject({ code: 'PERIOD_INVALID' });
  });
});

describe('patrol logs and inspections', () => {
  it('keeps one log per worker and day with the addresses visited in their grids, versioned', async () => {
    const s = fx.streets[HONGSHAN];
    const day = chinaDayOf(new Date());
    const log = await savePatrolLog(t.db, actor('worker-hongshan'), { day, body: '走访 1 号楼，居民反映路灯不亮', visitedAddressIds: [s.addressId], photoIds: [] }, new Date());
    expect(log).toMatchObject({ day, version: 1, visited: [{ id: s.addressId }] });
    expect(log.track.points).toBeGreaterThan(0);
    await expect(savePatrolLog(t.db, actor('worker-hongshan'), { day, body: '再写', visitedAddressIds: [], photoIds: [] }, new Date())).rejects.toMatchObject({ code: 'PATROL_LOG_STALE_VERSION' });
    expect((await savePatrolLog(t.db, actor('worker-hongshan'), { day, body: '再写', visitedAddressIds: [], photoIds: [], expectedVersion: 1 }, new Date())).version).toBe(2);
    await expect(savePatrolLog(t.db, actor('worker-hongshan'), { day, body: 'x', visitedAddressIds: [fx.streets['320104001'].addressId], photoIds: [], expectedVersion: 2 }, new Date())).rejects.toMatchObject({ code: 'ADDRESS_NOT_IN_YOUR_GRIDS' });
    await expect(savePatrolLog(t.db, actor('worker-hongshan'), { day: '2020-01-01', body: 'x', visitedAddressIds: [], photoIds: [] }, new Date())).rejects.toMatchObject({ code: 'PATROL_LOG_DAY_CLOSED' });
  });

  it('lists never-inspected sites as overdue, clears one by an inspection, and files an issue as a case', async () => {
    const s = fx.streets[HONGSHAN];
    const scope = scopeOf(actor('command'), 'incidents')!;
    const before = await inspectionsDue(t.db, scope, new Date(), { overdueOnly: true, limit: 100 });
    expect(before.map((x) => x.keySiteId)).toContain(s.keySiteId);
    // The fixture's 红山 school lies in grid 1 (the worker's).
    const r = await recordInspection(t.db, actor('worker-hongshan'), { keySiteId: s.keySiteId, result: 'issue', note: '消防通道堵塞', issue: { categoryCode: 'safety_hazard', severity: 3 } }, new Date());
    expect(r.incidentId).not.toBeNull();
    const after = await inspectionsDue(t.db, scope, new Date(), { overdueOnly: true, limit: 100 });
    expect(after.map((x) => x.keySiteId)).not.toContain(s.keySiteId);
    await expect(recordInspection(t.db, actor('worker-hongshan'), { keySiteId: fx.streets['320104001'].keySiteId, result: 'ok', note: '' }, new Date())).rejects.toMatchObject({ code: 'KEY_SITE_NOT_IN_YOUR_GRIDS' });
    const qinhuai = await inspectionsDue(t.db, scopeOf(actor('district-qinhuai'), 'incidents')!, new Date(), { limit: 100 });
    expect(qinhuai.every((x) => x.gridCode?.startsWith('320104'))).toBe(true);
  });
});

describe('the simulator', () => {
  it('walks full-time workers through their grids and raises incidents', async () => {
    const sim = new Simulator(t.db, () => new Date(), { workers: 4, tickMs: 100, incidentEveryMs: 50, speed: 50, seed: 1 });
    const before = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM worker_position WHERE source = 'simulator'"))[0]!.n;
    await sim.start();
    await new Promise((r) => setTimeout(r, 1200));
    sim.stop();
    await positionBuffer(t.db).flush();
    const after = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM worker_position WHERE source = 'simulator'"))[0]!.n;
    expect(after - before).toBeGreaterThanOrEqual(8);
    expect(sim.reported).toBeGreaterThan(0);
    const [e] = await t.db.query<{ actor_kind: string }>("SELECT actor_kind FROM incident_event WHERE action = 'report' ORDER BY id DESC LIMIT 1");
    expect(e!.actor_kind).toBe('system');
  });
});
