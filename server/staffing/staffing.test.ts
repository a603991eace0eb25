/**
 * Staffing on the engine of the run: stage changes (allowed and refused), the academy's training rule,
 * assignments and moves in one transaction as the map's grid_assignments_in_force sees them, the
 * compliance figures of a small city, the append-only history, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Actor } from '../auth/actor';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { assignWorker, unassignWorker } from './assignments';
import { complianceReport, streetGridStaffing } from './compliance';
import { changeStage, recordAssessment, recruitWorker } from './stages';
import { streetWorkers, workerRecord } from './workers';
import { scopeOf } from '../auth/policy';
import { setOnDuty } from '../field/duty';
import { workerIdsOf } from '../incidents/store';

// The academy's rule, as the academy answers it; a test may make it name unmet courses.
const training = vi.hoisted(() => ({ unmet: null as null | { code: string; name: LocalizedText }[] }));
vi.mock('../academy/training-rule', async (importOriginal) => {
  const real = await importOriginal<typeof import('../academy/training-rule')>();
  return {
    unmetTrainingRequirements: (...args: Parameters<typeof real.unmetTrainingRequirements>) =>
      training.unmet ? Promise.resolve(training.unmet) : real.unmetTrainingRequirements(...args),
  };
});

let t: TestDatabase;
let fx: AccessFixture;
const who = new Map<string, { actor: Actor; address: string }>();
const as = (name: string) => who.get(name)!;
// Every step a minute after the one before, from a fixed start: the fixture's grids and assignments began at "now".
let clock = Date.now() + 60_000;
const tick = () => new Date((clock += 60_000));

beforeAll(async () => {
  t = await openTestDatabase();
  fx = await seedAccessFixture(t.db);
  for (const username of ['street-hongshan', 'street-xinjiekou', 'district-xuanwu', 'district-qinhuai', 'dept-police', 'worker-hongshan', 'command', 'admin']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [username]);
    who.set(username, { actor: (await signInTestUser(t.db, u!.id)).actor, address: 'test' });
  }
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const HONGSHAN = '320102008';
const stageOf = async (workerId: number, at: Date) =>
  (await t.db.query<{ stage: string | null }>('SELECT stage FROM worker_stages_at($1) WHERE worker_id = $2', [at, workerId]))[0]!.stage;
const heldAt = async (workerId: number, at: Date) =>
  (await t.db.query<{ grid_code: string }>('SELECT grid_code FROM grid_assignments_in_force($1) WHERE worker_id = $2 ORDER BY grid_code', [at, workerId])).map(
    (r) => r.grid_code,
  );

describe('a worker from recruitment to leaving', () => {
  let workerId: number;
  const s = () => fx.streets[HONGSHAN];

  it('records a recruit with their source and a first stage event', async () => {
    const at = tick();
    ({ workerId } = await recruitWorker(t.db, as('street-hongshan'), { communityCode: `${HONGSHAN}001`, name: '王小梅', employment: 'full_time', recruitmentSource: 'open_recruitment', phone: '13900000009' }, at));
    expect(await stageOf(workerId, at)).toBe('recruited');
    expect(await stageOf(workerId, new Date(at.getTime() - 1))).toBeNull();
    const listed = (await streetWorkers(t.db, s().id, at)).find((w) => w.id === workerId);
    expect(listed).toMatchObject({ name: '王小梅', employment: 'full_time', recruitmentSource: 'open_recruitment', stage: 'recruited', grids: [] });
    // The same person twice is a double entry.
    await expect(
      recruitWorker(t.db, as('street-hongshan'), { communityCode: `${HONGSHAN}001`, name: '王小梅', employment: 'full_time', recruitmentSource: 'open_recruitment', phone: '13900000009' }, tick()),
    ).rejects.toMatchObject({ code: 'WORKER_ALREADY_RECORDED', kind: 'conflict' });
  });

  it('refuses skipping the training, a stale stage, and a grid before duty', async () => {
    await expect(changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'recruited', toStage: 'on_duty' }, tick())).rejects.toMatchObject({
      code: 'STAGE_MOVE_NOT_ALLOWED',
      kind: 'invalid',
    });
    await expect(changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'in_training', toStage: 'on_duty' }, tick())).rejects.toMatchObject({
      code: 'STAGE_CHANGED',
      kind: 'conflict',
    });
    await expect(assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: s().grids[1] }, tick())).rejects.toMatchObject({ code: 'WORKER_NOT_ON_DUTY' });
  });

  it('goes on duty only once the academy says the required courses are passed', async () => {
    await changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'recruited', toStage: 'in_training' }, tick());
    training.unmet = [{ code: 'GW-101', name: { 'zh-CN': '网格员基础', en: 'Grid work basics' } }];
    try {
      const refused = changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'in_training', toStage: 'on_duty' }, tick());
      await expect(refused).rejects.toMatchObject({ code: 'TRAINING_INCOMPLETE', kind: 'invalid' });
      await expect(refused).rejects.toMatchObject({ text: { 'zh-CN': expect.stringContaining('网格员基础'), en: expect.stringContaining('Grid work basics') } });
    } finally {
      training.unmet = null;
    }
    expect(await stageOf(workerId, new Date(clock))).toBe('in_training');
    // The academy's own answer (its placeholder, or the real rule once it lands, for a worker it knows nothing of).
    const at = tick();
    const moved = changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'in_training', toStage: 'on_duty' }, at);
    const outcome = await moved.then(() => 'on_duty', (e: { code: string }) => e.code);
    expect(['on_duty', 'TRAINING_INCOMPLETE']).toContain(outcome);
    if (outcome !== 'on_duty') {
      training.unmet = [];
      await changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'in_training', toStage: 'on_duty' }, tick());
      training.unmet = null;
    }
    expect(await stageOf(workerId, new Date(clock))).toBe('on_duty');
  });

  it('assigns a grid and moves the worker to another in one step: the map sees one holder at every moment', async () => {
    const [g1, g2] = s().grids;
    const t1 = tick();
    await assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: g1 }, t1);
    expect(await heldAt(workerId, t1)).toEqual([g1]);
    await expect(assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: g1 }, tick())).rejects.toMatchObject({ code: 'ALREADY_ASSIGNED' });
    await expect(assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: `${HONGSHAN}001999` }, tick())).rejects.toMatchObject({ code: 'GRID_NOT_IN_FORCE', kind: 'not_found' });
    // Another street's grid: outside what the street manages.
    await expect(assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: fx.streets['320102003'].grids[0] }, tick())).rejects.toMatchObject({
      code: 'STAFFING_OUT_OF_JURISDICTION',
      kind: 'forbidden',
    });
    const t2 = tick();
    expect(await assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: g2, fromGridCode: g1 }, t2)).toEqual({ gridCode: g2, endedGridCode: g1 });
    expect(await heldAt(workerId, new Date(t2.getTime() - 1))).toEqual([g1]);
    expect(await heldAt(workerId, t2)).toEqual([g2]);
    // A move whose new grid is refused leaves the old assignment as it was (one transaction).
    await expect(assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: g2, fromGridCode: g1 }, tick())).rejects.toMatchObject({ code: 'ALREADY_ASSIGNED' });
    await expect(assignWorker(t.db, as('street-hongshan'), { workerId, gridCode: g1, fromGridCode: `${HONGSHAN}001999` }, tick())).rejects.toMatchObject({
      code: 'ASSIGNMENT_NOT_FOUND',
    });
    expect(await heldAt(workerId, new Date(clock))).toEqual([g2]);
    const [row] = await t.db.query<{ assigned_by: number; ended_by: number }>(
      'SELECT assigned_by, ended_by FROM grid_assignment WHERE worker_id = $1 AND grid_code = $2',
      [workerId, g1],
    );
    expect(row).toEqual({ assigned_by: as('street-hongshan').actor.userId, ended_by: as('street-hongshan').actor.userId });
  });

  it('records an assessment once per period, not before the period begins', async () => {
    await recordAssessment(t.db, as('street-hongshan'), { workerId, period: '2026', result: 'competent' }, tick());
    await expect(recordAssessment(t.db, as('street-hongshan'), { workerId, period: '2026', result: 'excellent' }, tick())).rejects.toMatchObject({
      code: 'ASSESSMENT_ALREADY_RECORDED',
    });
    await expect(recordAssessment(t.db, as('street-hongshan'), { workerId, period: '2099-Q1', result: 'excellent' }, tick())).rejects.toMatchObject({
      code: 'ASSESSMENT_PERIOD_NOT_BEGUN',
    });
    expect((await streetWorkers(t.db, s().id, new Date(clock))).find((w) => w.id === workerId)?.lastAssessment).toEqual({ period: '2026', result: 'competent' });
  });

  it('leaves with a reason: leaving keeps the grid, left ends it', async () => {
    await expect(changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'on_duty', toStage: 'leaving' }, tick())).rejects.toMatchObject({
      code: 'LEAVING_REASON_REQUIRED',
    });
    await changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'on_duty', toStage: 'leaving', leavingReason: 'resigned', note: '本人申请' }, tick());
    expect(await heldAt(workerId, new Date(clock))).toEqual([s().grids[1]]);
    const at = tick();
    const left = await changeStage(t.db, as('street-hongshan'), { workerId, fromStage: 'leaving', toStage: 'left', leavingReason: 'resigned' }, at);
    expect(left.endedGrids).toEqual([s().grids[1]]);
    expect(await heldAt(workerId, at)).toEqual([]);
    const record = await workerRecord(t.db, as('district-xuanwu'), workerId, at);
    expect(record.events.map((e) => [e.kind, e.fromStage, e.toStage, e.leavingReason ?? e.result])).toEqual([
      ['stage', null, 'recruited', null],
      ['stage', 'recruited', 'in_training', null],
      ['stage', 'in_training', 'on_duty', null],
      ['assessment', null, null, 'competent'],
      ['stage', 'on_duty', 'leaving', 'resigned'],
      ['stage', 'leaving', 'left', 'resigned'],
    ]);
    expect(new Set(record.events.map((e) => e.by))).toEqual(new Set([as('street-hongshan').actor.displayName]));
    expect(record.assignments.map((a) => [a.gridCode, a.validTo !== null])).toEqual([
      [s().grids[0], true],
      [s().grids[1], true],
    ]);
  });

  it('keeps the history append-only, even for the owner', async () => {
    await expect(t.db.execute(`UPDATE worker_stage_event SET note = 'x' WHERE worker_id = $1`, [workerId])).rejects.toThrow(/append-only/);
    await expect(t.db.execute(`DELETE FROM worker_stage_event WHERE worker_id = $1`, [workerId])).rejects.toThrow(/append-only/);
    await expect(t.db.execute(`TRUNCATE worker_stage_event`)).rejects.toThrow(/append-only/);
  });
});

describe('who may do what', () => {
  const hongshanWorker = () => fx.streets[HONGSHAN].workerIds[1];

  it("answers another street's worker as missing, and refuses a reader's change", async () => {
    await expect(changeStage(t.db, as('street-xinjiekou'), { workerId: hongshanWorker(), fromStage: 'on_duty', toStage: 'in_training' }, tick())).rejects.toMatchObject({
      code: 'WORKER_NOT_FOUND',
      kind: 'not_found',
    });
    await expect(workerRecord(t.db, as('district-qinhuai'), hongshanWorker(), tick())).rejects.toMatchObject({ code: 'WORKER_NOT_FOUND' });
    // The district reads the worker, but only the street changes them.
    expect((await workerRecord(t.db, as('district-xuanwu'), hongshanWorker(), tick())).worker.stage).toBe('on_duty');
    await expect(changeStage(t.db, as('district-xuanwu'), { workerId: hongshanWorker(), fromStage: 'on_duty', toStage: 'in_training' }, tick())).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
    });
    await expect(workerRecord(t.db, as('dept-police'), hongshanWorker(), tick())).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(workerRecord(t.db, as('worker-hongshan'), hongshanWorker(), tick())).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(
      recruitWorker(t.db, as('street-xinjiekou'), { communityCode: `${HONGSHAN}001`, name: '越界', employment: 'part_time', recruitmentSource: 'community_cadre' }, tick()),
    ).rejects.toMatchObject({ code: 'STAFFING_OUT_OF_JURISDICTION' });
    const [log] = await t.db.query<{ username: string; reason: string }>(`SELECT username, reason FROM security_log WHERE action = 'denied' ORDER BY id DESC LIMIT 1`);
    expect(log).toEqual({ username: 'street-xinjiekou', reason: 'STAFFING_OUT_OF_JURISDICTION' });
  });

  it('gives reading to street editors, district reviewers, command and administrators; managing to street editors only', () => {
    const holders = (capability: 'staffing' | 'staffing_manage') => [...who.keys()].filter((u) => scopeOf(as(u).actor, capability) !== null).sort();
    expect(holders('staffing')).toEqual(['admin', 'command', 'district-qinhuai', 'district-xuanwu', 'street-hongshan', 'street-xinjiekou']);
    expect(holders('staffing_manage')).toEqual(['street-hongshan', 'street-xinjiekou']);
  });
});

describe('compliance figures', () => {
  it('counts no full-time worker, vacancies, workers of two grids and the part-time share, within the scope', async () => {
    const s = fx.streets['320104001'];
    const editor = (await t.db.query<{ id: number }>(`INSERT INTO app_user (username, display_name, password_hash) SELECT 'street-qinhong', '秦虹街道', password_hash FROM app_user WHERE username = 'admin' RETURNING id`))[0]!;
    await t.db.execute(`INSERT INTO user_grant (user_id, role, level, street_id) VALUES ($1, 'street_editor', 'street', $2)`, [editor.id, s.id]);
    const qinhong = { actor: (await signInTestUser(t.db, editor.id)).actor, address: 'test' };
    const before = tick();
    const start = await complianceReport(t.db, scopeOf(qinhong.actor, 'staffing')!, { level: 'street' }, before);
    expect(start.rows.map((r) => [r.code, r.comprehensiveGrids, r.gridsWithoutFullTime, r.vacancies, r.workers, r.multiGridWorkers])).toEqual([['320104001', 2, 0, 0, 2, 0]]);
    // Worker 乙 hands grid 2 back (a vacancy); a part-time community cadre is recruited, trained and given
    // grid 2 and grid 1: grid 2 has a worker but no full-time one, and the cadre holds two grids.
    const [g1, g2] = s.grids;
    await unassignWorker(t.db, qinhong, { workerId: s.workerIds[1], gridCode: g2 }, tick());
    const vacant = tick();
    let r = (await complianceReport(t.db, scopeOf(qinhong.actor, 'staffing')!, { level: 'grid' }, vacant)).rows;
    expect(r.map((x) => [x.code, x.status])).toEqual([[g1, 'ok'], [g2, 'vacant']]);
    expect((await streetGridStaffing(t.db, s.id, vacant)).map((g) => [g.code, g.status])).toEqual([[g1, 'ok'], [g2, 'vacant']]);

    const { workerId: cadre } = await recruitWorker(t.db, qinhong, { communityCode: '320104001001', name: '社区干部李', employment: 'part_time', recruitmentSource: 'community_cadre' }, tick());
    await changeStage(t.db, qinhong, { workerId: cadre, fromStage: 'recruited', toStage: 'in_training' }, tick());
    training.unmet = [];
    await changeStage(t.db, qinhong, { workerId: cadre, fromStage: 'in_training', toStage: 'on_duty' }, tick());
    training.unmet = null;
    await assignWorker(t.db, qinhong, { workerId: cadre, gridCode: g2 }, tick());
    await assignWorker(t.db, qinhong, { workerId: cadre, gridCode: g1 }, tick());
    const at = tick();
    r = (await complianceReport(t.db, scopeOf(qinhong.actor, 'staffing')!, { level: 'grid' }, at)).rows;
    expect(r.map((x) => [x.code, x.status, x.fullTime, x.partTime])).toEqual([[g1, 'ok', 1, 1], [g2, 'no_full_time', 0, 1]]);
    const report = await complianceReport(t.db, scopeOf(qinhong.actor, 'staffing')!, { level: 'community' }, at);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ comprehensiveGrids: 2, gridsWithoutFullTime: 1, vacancies: 0, staffingRate: 0.5, workers: 3, fullTime: 2, partTime: 1, multiGridWorkers: 1 });
    expect(report.rows[0]!.partTimeShare).toBeCloseTo(1 / 3, 12);
    // Priced as the planner prices (default: ¥4,500 full-time, ¥800 part-time a month; one of each per grid).
    expect(report.pricing).toEqual({ fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: 4500, partTimeMonthlyYuan: 800 });
    expect(report.rows[0]!.annualSubsidyFen).toBe(12 * (2 * 450_000 + 80_000));
    expect(report.rows[0]!.ruleAnnualSubsidyFen).toBe(12 * (2 * 450_000 + 2 * 80_000));
    expect(report.total).toMatchObject({ code: '*', workers: 3, vacancies: 0 });
    // The past stays as it was: at `vacant` grid 2 had no one.
    expect((await complianceReport(t.db, scopeOf(qinhong.actor, 'staffing')!, { level: 'street' }, vacant)).rows[0]).toMatchObject({ vacancies: 1, workers: 2 });
  });

  it('narrows to the scope: a district reviewer sees only their district, a code outside gives nothing', async () => {
    const at = tick();
    const qinhuai = await complianceReport(t.db, scopeOf(as('district-qinhuai').actor, 'staffing')!, { level: 'street' }, at);
    expect(qinhuai.rows.map((r) => r.code)).toEqual(['320104001']);
    const outside = await complianceReport(t.db, scopeOf(as('district-qinhuai').actor, 'staffing')!, { level: 'street', withinCode: HONGSHAN }, at);
    expect(outside.rows).toEqual([]);
    const city = await complianceReport(t.db, scopeOf(as('command').actor, 'staffing')!, { level: 'district' }, at);
    expect(city.rows.map((r) => r.code)).toEqual(['320102', '320104']);
    const street = await complianceReport(t.db, scopeOf(as('district-xuanwu').actor, 'staffing')!, { level: 'community', withinCode: HONGSHAN }, at);
    expect(street.rows.map((r) => r.code)).toEqual([`${HONGSHAN}001`]);
  });
});

describe('a worker out of post', () => {
  it('has their shift ended when they leave, and cannot start one again', async () => {
    const worker = as('worker-hongshan');
    const [workerId] = workerIdsOf(worker.actor);
    expect(workerId).toBeDefined();
    expect(await setOnDuty(t.db, worker.actor, true, tick())).toEqual({ onDuty: true });
    const from = await stageOf(workerId!, tick());
    await changeStage(t.db, as('street-hongshan'), { workerId: workerId!, fromStage: from as 'on_duty', toStage: 'leaving', leavingReason: 'resigned' }, tick());
    // Leaving, still in post: the shift goes on.
    expect(await setOnDuty(t.db, worker.actor, true, tick())).toEqual({ onDuty: true });
    await changeStage(t.db, as('street-hongshan'), { workerId: workerId!, fromStage: 'leaving', toStage: 'left', leavingReason: 'resigned' }, tick());
    const [row] = await t.db.query<{ on_duty: boolean }>('SELECT on_duty FROM grid_worker WHERE id = $1', [workerId]);
    expect(row!.on_duty).toBe(false);
    await expect(setOnDuty(t.db, worker.actor, true, tick())).rejects.toMatchObject({ code: 'WORKER_NOT_IN_POST', kind: 'forbidden' });
    // Ending a shift is always allowed.
    expect(await setOnDuty(t.db, worker.actor, false, tick())).toEqual({ onDuty: false });
  });
});
