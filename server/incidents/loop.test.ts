/**
 * The incident loop on a real database (the engine of the run): intake by every channel with the grid
 * and worker it binds, every transition by the duty that owns it and refused to everyone else, the stage
 * deadlines and escalation with a controlled clock, smart dispatch and its reasons, 20 simultaneous
 * dispatches of one case, the append-only history, and the durable scheduler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf } from '@/geo/time/china-day';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { startScheduler, ESCALATION_QUEUE } from '../jobs/scheduler';
import { categoryByCode, updateCategory } from './categories';
import { dispatchIncident, suggestDispatch } from './dispatch';
import { escalateOverdue } from './escalation';
import { reportIncident, type ReportInput } from './intake';
import { moveIncident, type LoopAction } from './loop';
import { placeOfCode } from './places';
import { getIncident, incidentKpis, listIncidents } from './view';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, Actor>();
const HONGSHAN = '320102008';
const QINHONG = '320104001';

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['command', 'worker-hongshan', 'street-hongshan', 'district-qinhuai', 'planner', 'admin']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    users.set(name, (await signInTestUser(t.db, u!.id)).actor);
  }
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const actor = (name: string) => users.get(name)!;
// After the fixture's grids took effect (they are in force from their insertion), on a whole minute.
const T0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

const report = (who: string, over: Partial<ReportInput> = {}, at = T0) =>
  reportIncident(t.db, { kind: 'user', actor: actor(who), scope: scopeOf(actor(who), 'incident_report')! }, {
    categoryCode: 'manhole_cover',
    description: '井盖缺失',
    severity: 3,
    source: 'patrol',
    place: { kind: 'point', lon: fx.streets[HONGSHAN].bbox[0] + 0.01, lat: 32.05 },
    ...over,
  }, at);

const versionOf = async (id: number) => (await t.db.query<{ version: number }>('SELECT version FROM incident WHERE id = $1', [id]))[0]!.version;
const move = async (who: string, id: number, action: LoopAction, at: Date, more: { note?: string; evaluation?: number } = {}) =>
  moveIncident(t.db, actor(who), { incidentId: id, expectedVersion: await versionOf(id), action, ...more }, at);

describe('intake', () => {
  it('binds a report at a point to the grid in force there and its full-time worker, with the category\'s department and first deadline', async () => {
    const r = await report('worker-hongshan');
    expect(r.gridCode).toBe(fx.streets[HONGSHAN].grids[0]);
    expect(r.gridWorkerId).toBe(fx.streets[HONGSHAN].workerIds[0]);
    expect(r.departmentCode).toBe('municipal');
    // 井盖: 30 minutes to accept.
    expect(r.stageDueAt).toEqual(minutes(30));
    expect(r.code).toMatch(new RegExp(`^SJ${chinaDayOf(T0).replace(/-/g, '')}\\d{6,}$`));
    const view = await getIncident(t.db, actor('command'), r.id, T0);
    expect(view.history.map((e) => [e.action, e.to, e.actorName])).toEqual([['report', 'reported', actor('worker-hongshan').displayName]]);
  });

  it('binds a scanned address to the address\'s grid, not to where the phone is', async () => {
    const s = fx.streets[HONGSHAN];
    const [a] = await t.db.query<{ code: string }>('SELECT code FROM standard_address WHERE id = $1', [s.addressId]);
    const scanned = await placeOfCode(t.db, { kind: 'address', code: a!.code }, T0);
    expect(scanned.grid?.code).toBe(s.grids[0]);
    expect(scanned.gridWorker?.id).toBe(s.workerIds[0]);
    const r = await report('worker-hongshan', { place: scanned.place, source: 'public_scan' });
    expect([r.gridCode, r.gridWorkerId]).toEqual([s.grids[0], s.workerIds[0]]);
    const [row] = await t.db.query<{ address_id: number; address_text: string }>('SELECT address_id, address_text FROM incident WHERE id = $1', [r.id]);
    expect(row).toEqual({ address_id: s.addressId, address_text: '红山街道1号' });
  });

  it('refuses a grid worker outside their grids, a place outside the city and an unknown category, writing nothing', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident'))[0]!.n;
    await expect(report('worker-hongshan', { place: { kind: 'point', lon: fx.streets[QINHONG].bbox[0] + 0.01, lat: 32.05 } })).rejects.toMatchObject({ code: 'OUTSIDE_YOUR_GRIDS' });
    await expect(report('command', { place: { kind: 'point', lon: 100, lat: 30 } })).rejects.toMatchObject({ code: 'LOCATION_OUTSIDE_CITY' });
    await expect(report('command', { categoryCode: 'no_such' })).rejects.toMatchObject({ code: 'CATEGORY_UNKNOWN' });
    await expect(report('command', { place: { kind: 'address', addressId: 2 ** 31 } })).rejects.toMatchObject({ code: 'ADDRESS_NOT_FOUND' });
    await expect(report('worker-hongshan', { photoIds: [2 ** 31] })).rejects.toMatchObject({ code: 'PHOTO_NOT_FOUND' });
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident'))[0]!.n).toBe(before);
  });
});

describe('the loop', () => {
  it('runs a case from report to evaluation, each step by its duty, with every event recorded', async () => {
    const r = await report('worker-hongshan');
    await expect(move('worker-hongshan', r.id, 'accept', minutes(1))).rejects.toMatchObject({ code: 'NOT_YOUR_DUTY' });
    await expect(move('district-qinhuai', r.id, 'accept', minutes(1))).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    await expect(move('street-hongshan', r.id, 'accept', minutes(1))).rejects.toMatchObject({ code: 'NOT_YOUR_DUTY' });
    await move('command', r.id, 'accept', minutes(5));
    // No skipping: an accepted case cannot be finished or closed.
    await expect(move('command', r.id, 'close', minutes(6))).rejects.toMatchObject({ code: 'NOT_FROM_THIS_STATE' });
    const advice = await suggestDispatch(t.db, actor('command'), r.id, minutes(6));
    expect(advice.suggestions[0]).toMatchObject({ workerId: fx.streets[HONGSHAN].workerIds[0], rule: 'grid_worker' });
    expect(advice.department.reason['zh-CN']).toContain('市政设施管理处');
    const d = await dispatchIncident(t.db, actor('command'), { incidentId: r.id, expectedVersion: advice.version, workerId: advice.suggestions[0]!.workerId }, minutes(10));
    // 井盖: 240 minutes to handle, from dispatch.
    expect(d.dueAt).toEqual(minutes(250));
    await expect(move('command', r.id, 'start', minutes(11))).rejects.toMatchObject({ code: 'NOT_YOUR_DUTY' });
    await move('worker-hongshan', r.id, 'start', minutes(20));
    await expect(move('worker-hongshan', r.id, 'finish', minutes(30))).rejects.toMatchObject({ code: 'NOTE_REQUIRED' });
    await move('worker-hongshan', r.id, 'finish', minutes(60), { note: '已更换井盖' });
    await move('worker-hongshan', r.id, 'verify_pass', minutes(90));
    await move('command', r.id, 'close', minutes(100));
    await expect(move('command', r.id, 'evaluate', minutes(110))).rejects.toMatchObject({ code: 'EVALUATION_REQUIRED' });
    await move('command', r.id, 'evaluate', minutes(110), { evaluation: 5 });
    const v = await getIncident(t.db, actor('command'), r.id, minutes(120));
    expect(v.history.map((e) => e.action)).toEqual(['report', 'accept', 'dispatch', 'start', 'finish', 'verify_pass', 'close', 'evaluate']);
    expect(v).toMatchObject({ status: 'evaluated', evaluation: 5, overdue: false, stageDueAt: null, actions: [] });
    expect(v.handler).toMatchObject({ workerId: fx.streets[HONGSHAN].workerIds[0], rule: 'grid_worker' });
  });

  it('sends a case that fails verification back to dispatch, counts it re-opened, and needs a reason', async () => {
    const r = await report('worker-hongshan');
    await move('command', r.id, 'accept', minutes(1));
    const advice = await suggestDispatch(t.db, actor('command'), r.id, minutes(2));
    await dispatchIncident(t.db, actor('command'), { incidentId: r.id, expectedVersion: advice.version, workerId: null, reason: '部门直接处置' }, minutes(2));
    // Dispatched to the department alone: the command centre records the department's report.
    await move('command', r.id, 'start', minutes(3));
    await move('command', r.id, 'finish', minutes(4), { note: '已处置' });
    await expect(move('worker-hongshan', r.id, 'verify_fail', minutes(5))).rejects.toMatchObject({ code: 'NOTE_REQUIRED' });
    // The grid has a worker of its own: they verify, not the command centre.
    await expect(move('command', r.id, 'verify_pass', minutes(5))).rejects.toMatchObject({ code: 'NOT_YOUR_DUTY' });
    await move('worker-hongshan', r.id, 'verify_fail', minutes(5), { note: '井盖仍缺失' });
    const v = await getIncident(t.db, actor('command'), r.id, minutes(6));
    expect(v).toMatchObject({ status: 'accepted', reopenedCount: 1, dueAt: null });
    expect((await t.db.query('SELECT 1 FROM incident_assignment WHERE incident_id = $1 AND ended_at IS NULL', [r.id])).length).toBe(0);
    // Back in the dispatch stage: its deadline starts at the failed check (井盖: 30 minutes).
    expect(v.stageDueAt).toEqual(minutes(35));
  });

  it('refuses a stale version and a move of a case outside the scope as not found', async () => {
    const r = await report('worker-hongshan');
    await expect(moveIncident(t.db, actor('command'), { incidentId: r.id, expectedVersion: 99, action: 'accept' }, minutes(1))).rejects.toMatchObject({ code: 'INCIDENT_STALE_VERSION' });
    await expect(getIncident(t.db, actor('district-qinhuai'), r.id, minutes(1))).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    await expect(getIncident(t.db, actor('command'), 2 ** 31, minutes(1))).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
  });

  it('keeps the history append-only, even for the owner', async () => {
    await expect(t.db.execute('UPDATE incident_event SET note = $1', ['x'])).rejects.toThrow();
    await expect(t.db.execute('DELETE FROM incident_event')).rejects.toThrow();
    await expect(t.db.script('TRUNCATE incident_event CASCADE')).rejects.toThrow();
  });
});

describe('stage deadlines and escalation', () => {
  it('escalates a case once per missed stage deadline, and catches up on every case due at its moment', async () => {
    const a = await report('worker-hongshan', {}, T0);
    const b = await report('worker-hongshan', { categoryCode: 'dispute' }, T0);
    // Nothing is due yet.
    expect(await escalateOverdue(t.db, minutes(10))).toBe(0);
    // 井盖 accept limit 30 min, 矛盾纠纷 60 min: a run at +90 (after missing several ticks) escalates both.
    expect(await escalateOverdue(t.db, minutes(90))).toBeGreaterThanOrEqual(2);
    expect(await escalateOverdue(t.db, minutes(91))).toBe(0);
    const va = await getIncident(t.db, actor('command'), a.id, minutes(91));
    expect(va).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect(va.history.at(-1)).toMatchObject({ action: 'escalate', actorKind: 'system' });
    const overdueList = await listIncidents(t.db, actor('command'), scopeOf(actor('command'), 'incidents')!, { overdueOnly: true, limit: 1000 }, minutes(91));
    expect(overdueList.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    // Accepted late: a new stage, a new deadline (井盖 dispatch 30 min), escalated again only when missed.
    await move('command', a.id, 'accept', minutes(100));
    expect((await getIncident(t.db, actor('command'), a.id, minutes(101))).overdue).toBe(false);
    expect(await escalateOverdue(t.db, minutes(129))).toBe(0);
    expect(await escalateOverdue(t.db, minutes(131))).toBeGreaterThanOrEqual(1);
    expect((await getIncident(t.db, actor('command'), a.id, minutes(131))).escalationLevel).toBe(2);
  });

  it('takes a changed limit for the next stage, not for the one under way', async () => {
    const before = await categoryByCode(t.db, 'street_lamp', { activeOnly: true });
    const r = await report('worker-hongshan', { categoryCode: 'street_lamp' });
    expect(r.stageDueAt).toEqual(minutes(before.limits.accept));
    const changed = await updateCategory(t.db, { userId: actor('admin').userId }, { code: 'street_lamp', expectedVersion: before.version, limits: { accept: 15, dispatch: 20 } }, T0);
    expect(changed.limits).toMatchObject({ accept: 15, dispatch: 20 });
    await expect(updateCategory(t.db, { userId: actor('admin').userId }, { code: 'street_lamp', expectedVersion: before.version, limits: { accept: 5 } }, T0)).rejects.toMatchObject({ code: 'CATEGORY_STALE_VERSION' });
    expect((await getIncident(t.db, actor('command'), r.id, T0)).stageDueAt).toEqual(minutes(before.limits.accept));
    await move('command', r.id, 'accept', minutes(1));
    expect((await getIncident(t.db, actor('command'), r.id, minutes(1))).stageDueAt).toEqual(minutes(21));
  });
});

describe('smart dispatch', () => {
  it('gives the nearest available worker, with the reason, when the grid\'s worker is off duty, and needs a reason to override', async () => {
    const s = fx.streets[HONGSHAN];
    const r = await report('worker-hongshan');
    await move('command', r.id, 'accept', minutes(1));
    await t.db.execute('UPDATE grid_worker SET on_duty = false WHERE id = $1', [s.workerIds[0]]);
    // 乙 (the neighbouring grid's worker) reported a live position 500 m from the case.
    await t.db.execute('UPDATE grid_worker SET position = ST_Point($2, 32.05, 4326), position_at = $3 WHERE id = $1', [s.workerIds[1], s.bbox[0] + 0.015, minutes(0)]);
    try {
      const advice = await suggestDispatch(t.db, actor('command'), r.id, minutes(2));
      expect(advice.gridWorkerNote?.['zh-CN']).toContain('不在岗');
      expect(advice.suggestions[0]).toMatchObject({ workerId: s.workerIds[1], rule: 'nearest_available' });
      expect(advice.suggestions[0]!.reason['zh-CN']).toMatch(/距事件 \d+ 米的在岗网格员，在办 \d+ 件/);
      expect(advice.suggestions.at(-1)).toMatchObject({ workerId: null, rule: 'department' });
      await expect(dispatchIncident(t.db, actor('command'), { incidentId: r.id, expectedVersion: advice.version, workerId: s.workerIds[0] }, minutes(3))).rejects.toMatchObject({ code: 'OVERRIDE_REASON_REQUIRED' });
      const other = fx.streets[QINHONG].workerIds[0];
      const d = await dispatchIncident(t.db, actor('command'), { incidentId: r.id, expectedVersion: advice.version, workerId: other, reason: '熟悉该井盖情况' }, minutes(3));
      expect(d.rule).toBe('override');
      const [a] = await t.db.query<{ rule: string; reason: string; worker_id: number }>('SELECT rule, reason, worker_id FROM incident_assignment WHERE id = $1', [d.assignmentId]);
      expect(a).toEqual({ rule: 'override', reason: '熟悉该井盖情况', worker_id: other });
    } finally {
      await t.db.execute('UPDATE grid_worker SET on_duty = true WHERE id = $1', [s.workerIds[0]]);
    }
  });

  it('dispatches one case once when 20 operators dispatch it at the same moment', async () => {
    const r = await report('worker-hongshan');
    await move('command', r.id, 'accept', minutes(1));
    const v = await versionOf(r.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, k) =>
        dispatchIncident(t.db, actor('command'), { incidentId: r.id, expectedVersion: v, workerId: k % 2 ? null : fx.streets[HONGSHAN].workerIds[0], reason: '并发' }, minutes(2)),
      ),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((x) => (x.status === 'rejected' ? [(x.reason as { code: string }).code] : []));
    expect(new Set(reasons)).toEqual(new Set(['ALREADY_DISPATCHED']));
    const [n] = await t.db.query<{ n: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM incident_assignment WHERE incident_id = $1) AS n,
              (SELECT count(*)::int FROM incident_event WHERE incident_id = $1 AND action = 'dispatch') AS events`,
      [r.id],
    );
    expect(n).toEqual({ n: 1, events: 1 });
  });
});

describe('what each role sees', () => {
  it('shows the reporter only to roles with personal data over the case, and lists only the scope', async () => {
    const r = await report('command', { source: 'hotline', reporterName: '王先生', reporterPhone: '13900001111' });
    expect((await getIncident(t.db, actor('command'), r.id, T0)).reporter).toEqual({ name: '王先生', phone: '13900001111' });
    expect((await getIncident(t.db, actor('worker-hongshan'), r.id, T0)).reporter).toEqual({ name: '王先生', phone: '13900001111' });
    const planner = await getIncident(t.db, actor('planner'), r.id, T0);
    expect([planner.reporter, planner.photosVisible]).toEqual([null, false]);
    const qinhuai = await listIncidents(t.db, actor('district-qinhuai'), scopeOf(actor('district-qinhuai'), 'incidents')!, { limit: 1000 }, T0);
    expect(qinhuai.every((i) => i.gridCode?.startsWith('320104'))).toBe(true);
    expect(qinhuai.some((i) => i.id === r.id)).toBe(false);
    const kpis = await incidentKpis(t.db, scopeOf(actor('command'), 'incidents')!, minutes(1));
    expect(kpis.newToday).toBeGreaterThan(5);
  });
});

describe('the scheduler', () => {
  it('keeps its schedule in the database across a restart and escalates at start what is overdue', async () => {
    const r = await report('worker-hongshan');
    const first = await startScheduler(t.db);
    await first.stop();
    // The app was down while the case's deadline passed.
    await t.db.execute("UPDATE incident SET stage_due_at = now() - interval '5 minutes' WHERE id = $1", [r.id]);
    const [schedule] = await t.db.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule WHERE name = $1', [ESCALATION_QUEUE]);
    expect(schedule).toEqual({ name: ESCALATION_QUEUE, cron: '* * * * *' });
    // A second start (the app restarted): the catch-up job escalates the case that fell due meanwhile.
    const second = await startScheduler(t.db);
    try {
      const deadline = Date.now() + 30_000;
      let level = 0;
      while (Date.now() < deadline && level === 0) {
        await new Promise((res) => setTimeout(res, 500));
        [{ escalation_level: level }] = await t.db.query<{ escalation_level: number }>('SELECT escalation_level FROM incident WHERE id = $1', [r.id]);
      }
      expect(level).toBe(1);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
