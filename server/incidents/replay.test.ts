/**
 * The command centre's replay on a real database (the engine of the run): cases filed and moved at
 * controlled times, then the window's cases with their state at the start and their changes, the states
 * at given moments (as the browser computes them), the scope (another district's cases are absent), the
 * cases loaded without events (their step stamps), the bound, and the procedure's window check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateAt } from '@/app/command/replay-state';
import type { IncidentState } from '@/geo/incidents/incident-states';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { provideDatabase } from '../db';
import { appRouter } from '../routers/_app';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { dispatchIncident, suggestDispatch } from './dispatch';
import { reportIncident, type ReportInput } from './intake';
import { moveIncident, type LoopAction } from './loop';
import { replayIncidents, stampChanges, type Replay, type ReplayCase } from './replay';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, Actor>();
const HONGSHAN = '320102008';
const QINHONG = '320104001';

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['command', 'worker-hongshan', 'district-qinhuai']) {
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
const ms = (m: number) => minutes(m).getTime();

const report = (who: string, street: string, at: Date, over: Partial<ReportInput> = {}) =>
  reportIncident(t.db, { kind: 'user', actor: actor(who), scope: scopeOf(actor(who), 'incident_report')! }, {
    categoryCode: 'manhole_cover',
    description: '井盖缺失',
    severity: 3,
    source: 'patrol',
    place: { kind: 'point', lon: fx.streets[street as typeof HONGSHAN].bbox[0] + 0.01, lat: 32.05 },
    ...over,
  }, at);

const versionOf = async (id: number) => (await t.db.query<{ version: number }>('SELECT version FROM incident WHERE id = $1', [id]))[0]!.version;
const move = async (who: string, id: number, action: LoopAction, at: Date, more: { note?: string; evaluation?: number } = {}) =>
  moveIncident(t.db, actor(who), { incidentId: id, expectedVersion: await versionOf(id), action, ...more }, at);
const dispatchToDepartment = async (id: number, at: Date) => {
  const advice = await suggestDispatch(t.db, actor('command'), id, at);
  await dispatchIncident(t.db, actor('command'), { incidentId: id, expectedVersion: advice.version, workerId: null, reason: '部门直接处置' }, at);
};

const WINDOW = { since: minutes(5), until: minutes(65) };
const replayAs = (who: string, window = WINDOW, limit?: number) => replayIncidents(t.db, scopeOf(actor(who), 'incidents')!, window, limit);
const byId = (r: Replay) => new Map(r.cases.map((c) => [c.id, c]));

/** The cases of the scenario, by what happens to them. */
const ids = { moved: 0, reportedInWindow: 0, rejectedBefore: 0, evaluatedInWindow: 0, qinhuai: 0, reportedAfter: 0 };

beforeAll(async () => {
  // Reported before the window, accepted and dispatched in it.
  ids.moved = (await report('worker-hongshan', HONGSHAN, minutes(0))).id;
  await move('command', ids.moved, 'accept', minutes(10));
  await dispatchToDepartment(ids.moved, minutes(20));
  // Reported within the window.
  ids.reportedInWindow = (await report('worker-hongshan', HONGSHAN, minutes(30))).id;
  // Not accepted before the window: over before it starts, nothing in it.
  ids.rejectedBefore = (await report('worker-hongshan', HONGSHAN, minutes(0))).id;
  await move('command', ids.rejectedBefore, 'not_accept', minutes(2), { note: '重复上报' });
  // Closed before the window, evaluated in it.
  ids.evaluatedInWindow = (await report('worker-hongshan', HONGSHAN, minutes(0))).id;
  await move('command', ids.evaluatedInWindow, 'accept', minutes(1));
  await dispatchToDepartment(ids.evaluatedInWindow, minutes(1));
  await move('command', ids.evaluatedInWindow, 'start', minutes(2));
  await move('command', ids.evaluatedInWindow, 'finish', minutes(3), { note: '已处置' });
  await move('worker-hongshan', ids.evaluatedInWindow, 'verify_pass', minutes(4));
  await move('command', ids.evaluatedInWindow, 'close', minutes(4));
  await move('command', ids.evaluatedInWindow, 'evaluate', minutes(40), { evaluation: 4 });
  // Another district (秦淮区): open at the start, accepted in the window.
  ids.qinhuai = (await report('command', QINHONG, minutes(0))).id;
  await move('command', ids.qinhuai, 'accept', minutes(50));
  // Reported after the window.
  ids.reportedAfter = (await report('worker-hongshan', HONGSHAN, minutes(70))).id;
}, 120_000);

describe('the replay of a window', () => {
  it('has every case with an event in the window or open at its start, with its state then and its changes', async () => {
    const r = await replayAs('command');
    expect(r).toMatchObject({ since: WINDOW.since, until: WINDOW.until, truncated: false });
    const cases = byId(r);
    expect(cases.get(ids.moved)).toMatchObject({ initial: 'reported', changes: [[ms(10), 'accepted'], [ms(20), 'dispatched']], history: 'events' });
    expect(cases.get(ids.reportedInWindow)).toMatchObject({ initial: null, changes: [[ms(30), 'reported']] });
    expect(cases.get(ids.evaluatedInWindow)).toMatchObject({ initial: 'closed', changes: [[ms(40), 'evaluated']] });
    expect(cases.get(ids.qinhuai)).toMatchObject({ initial: 'reported', changes: [[ms(50), 'accepted']], gridCode: fx.streets[QINHONG].grids[0] });
    expect(cases.has(ids.rejectedBefore)).toBe(false);
    expect(cases.has(ids.reportedAfter)).toBe(false);
    const moved = cases.get(ids.moved)!;
    expect(moved.category).toBe('manhole_cover');
    expect(moved.point[0]).toBeCloseTo(fx.streets[HONGSHAN].bbox[0] + 0.01, 6);
    expect(moved.point[1]).toBeCloseTo(32.05, 6);
    // Newest first.
    expect(r.cases.map((c) => c.id)).toEqual([...r.cases.map((c) => c.id)].sort((a, b) => b - a));
  });

  it('gives the map of any moment of the window: the last change at or before it', async () => {
    const cases = byId(await replayAs('command'));
    const at = (id: number, m: number) => stateAt(cases.get(id)!, ms(m));
    const table: [number, number, IncidentState | null][] = [
      [ids.moved, 5, 'reported'],
      [ids.moved, 9.99, 'reported'],
      [ids.moved, 10, 'accepted'],
      [ids.moved, 25, 'dispatched'],
      [ids.reportedInWindow, 29, null],
      [ids.reportedInWindow, 30, 'reported'],
      [ids.evaluatedInWindow, 5, 'closed'],
      [ids.evaluatedInWindow, 65, 'evaluated'],
      [ids.qinhuai, 49, 'reported'],
      [ids.qinhuai, 65, 'accepted'],
    ];
    for (const [id, m, state] of table) expect({ id, m, state: at(id, m) }).toEqual({ id, m, state });
  });

  it('holds only the caller\'s scope: a district reviewer of 秦淮区 sees none of 玄武区\'s cases', async () => {
    const r = await replayAs('district-qinhuai');
    expect(r.cases.length).toBeGreaterThan(0);
    expect(r.cases.every((c) => c.gridCode?.startsWith('320104'))).toBe(true);
    const cases = byId(r);
    expect(cases.has(ids.qinhuai)).toBe(true);
    for (const id of [ids.moved, ids.reportedInWindow, ids.evaluatedInWindow, ...fx.streets[HONGSHAN].incidentIds]) expect(cases.has(id)).toBe(false);
  });

  it('replays a case loaded without events from its step stamps', async () => {
    // The fixture's cases were inserted a day ago with no history: open at the start, unchanged in it.
    const cases = byId(await replayAs('district-qinhuai'));
    for (const id of fx.streets[QINHONG].incidentIds) expect(cases.get(id)).toMatchObject({ initial: 'reported', changes: [], history: 'stamps' });
    const at = (h: number) => new Date(T0.getTime() + h * 3_600_000);
    expect(
      stampChanges({
        status: 'handling', reported_at: at(0), accepted_at: at(1), dispatched_at: at(2), handling_at: null, handled_at: null,
        verified_at: null, closed_at: null, evaluated_at: null,
      }),
    ).toEqual([[at(0).getTime(), 'reported'], [at(1).getTime(), 'accepted'], [at(2).getTime(), 'dispatched'], [at(2).getTime(), 'handling']]);
    expect(
      stampChanges({
        status: 'rejected', reported_at: at(0), accepted_at: null, dispatched_at: null, handling_at: null, handled_at: null,
        verified_at: null, closed_at: at(1), evaluated_at: null,
      }),
    ).toEqual([[at(0).getTime(), 'reported'], [at(1).getTime(), 'rejected']]);
  });

  it('is bounded, keeping the newest cases and saying so', async () => {
    const all = await replayAs('command');
    const cut = await replayAs('command', WINDOW, 2);
    expect(cut).toMatchObject({ truncated: true, limit: 2 });
    expect(cut.cases.map((c: ReplayCase) => c.id)).toEqual(all.cases.slice(0, 2).map((c) => c.id));
    expect((await replayAs('command', WINDOW, all.cases.length)).truncated).toBe(false);
  });

  it('is the procedure command.replay, which refuses a window that ends before it starts or spans over a week', async () => {
    const caller = appRouter.createCaller({ db: t.db, at: minutes(66), session: { state: 'active', actor: actor('district-qinhuai') }, address: 'test', sessionToken: null });
    const r = await caller.command.replay(WINDOW);
    expect(r.cases.map((c) => c.id)).toEqual((await replayAs('district-qinhuai')).cases.map((c) => c.id));
    await expect(caller.command.replay({ since: WINDOW.until, until: WINDOW.since })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.command.replay({ since: minutes(-8 * 24 * 60), until: WINDOW.until })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
