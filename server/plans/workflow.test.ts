/**
 * The approval workflow on a real database (the engine of the run): a street's draft submitted, reviewed,
 * returned, resubmitted, approved and filed, by the demo accounts and against the rules; the grids in
 * force, the workers' assignments and the lineage after filing; a filing for a later day; the append-only
 * plan log; and 50 simultaneous conflicting saves of one plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChinaDays, chinaDayOf, startOfChinaDay } from '@/geo/time/china-day';
import { findingKey } from '@/geo/plans/finding-key';
import type { Actor } from '../auth/actor';
import { provideDatabase } from '../db';
import { setAttributes } from '../drafts/operations/set-attributes';
import { updateGeometry } from '../drafts/operations/update-geometry';
import { getDraft, openDraft, restoreDraft } from '../drafts/store';
import { validateDraft } from '../drafts/validate-draft';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { createTileService } from '../tiles/tile-service';
import { addComment, listComments, resolveComment } from './comments';
import { planDiff } from './diff';
import { filePlan } from './filing';
import { movePlan } from './moves';
import { listNotifications } from './notifications';
import { approveArrangement, recordArrangement } from './arrangements';
import { setWarningReason } from './plan-topology';
import { listPlans, planById } from './store';
import { getPlan, gridTimeline } from './view';
import { scopeOf } from '../auth/policy';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, { actor: Actor; token: string }>();
const HONGSHAN = '320102008';

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['street-hongshan', 'street-xinjiekou', 'district-xuanwu', 'district-qinhuai', 'city-filer']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    users.set(name, await signInTestUser(t.db, u!.id));
  }
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const actor = (name: string) => users.get(name)!.actor;
const by = (name: string) => ({ id: actor(name).userId, username: actor(name).username });
const version = async (draftId: number) => (await planById(t.db, draftId))!.version;

/** Writes a reason for every warning the plan has now. */
async function explainWarnings(draftId: number, who = 'street-hongshan') {
  const report = await validateDraft(t.db, draftId);
  for (const f of report.findings.filter((x) => x.severity === 'warning')) {
    await setWarningReason(t.db, actor(who), { draftId, expectedVersion: await version(draftId), findingKey: findingKey(f), reason: '社区实际情况如此，已核实' }, new Date());
  }
  return report;
}

const move = async (who: string, draftId: number, action: Parameters<typeof movePlan>[2]['action'], comment?: string) =>
  movePlan(t.db, actor(who), { draftId, expectedVersion: await version(draftId), action, comment }, new Date());

describe('a plan from draft to filing', () => {
  let draftId: number;

  it('refuses the submission while a warning has no reason, then takes it', async () => {
    draftId = fx.streets[HONGSHAN].draftId;
    // The editor reshapes grid 1 (narrower) and grid 2 (wider): the shared edge moves east.
    const d0 = await getDraft(t.db, draftId);
    const [g1, g2] = ['g1', 'g2'].map((k) => d0.grids.features.find((f) => f.properties.key === k)!);
    expect(g1 && g2).toBeTruthy();
    const box = (x0: number, x1: number) => ({ type: 'MultiPolygon', coordinates: [[[[x0, 32.0], [x1, 32.0], [x1, 32.1], [x0, 32.1], [x0, 32.0]]]] });
    await updateGeometry(t.db, { draftId, expectedVersion: d0.version, by: by('street-hongshan') }, { key: 'g1', geometry: box(118.7, 118.73) });
    const d1 = await getDraft(t.db, draftId);
    await updateGeometry(t.db, { draftId, expectedVersion: d1.version, by: by('street-hongshan') }, { key: 'g2', geometry: box(118.73, 118.8) });
    const report = await validateDraft(t.db, draftId);
    expect(report.blocking).toBe(0);
    if (report.warnings > 0) {
      await expect(move('street-hongshan', draftId, 'submit')).rejects.toMatchObject({ code: 'WARNINGS_NEED_REASONS' });
    }
    await explainWarnings(draftId);
    const r = await move('street-hongshan', draftId, 'submit');
    expect(r.state).toBe('submitted');
  });

  it('freezes the submitted plan', async () => {
    const d = await getDraft(t.db, draftId);
    await expect(setAttributes(t.db, { draftId, expectedVersion: d.version, by: by('street-hongshan') }, { key: 'g1', attributes: { name: '改名' } }))
      .rejects.toMatchObject({ code: 'DRAFT_NOT_EDITABLE' });
    await expect(setWarningReason(t.db, actor('street-hongshan'), { draftId, expectedVersion: d.version, findingKey: 'X:g1', reason: 'r' }, new Date()))
      .rejects.toMatchObject({ code: 'PLAN_FROZEN' });
    // Nor can a restore replace it.
    await expect(restoreDraft(t.db, fx.streets[HONGSHAN].id, by('street-hongshan'), new Date(), new Date(0))).rejects.toMatchObject({ code: 'OPEN_PLAN_EXISTS' });
  });

  it('tells the district reviewer, and lists the plan in their queue only', async () => {
    const inbox = await listNotifications(t.db, actor('district-xuanwu').userId);
    expect(inbox.items.map((n) => [n.kind, n.draftId])).toContainEqual(['plan_submitted', draftId]);
    const xuanwu = await listPlans(t.db, scopeOf(actor('district-xuanwu'), 'draft_read')!, { states: ['submitted'] }, new Date());
    expect(xuanwu.plans.map((p) => p.draftId)).toEqual([draftId]);
    expect(xuanwu.counts.submitted).toBe(1);
    const qinhuai = await listPlans(t.db, scopeOf(actor('district-qinhuai'), 'draft_read')!, {}, new Date());
    expect(qinhuai.plans).toEqual([]);
  });

  it('lets only the right role of the right jurisdiction move each step', async () => {
    await expect(move('city-filer', draftId, 'start_review')).rejects.toMatchObject({ code: 'WRONG_ROLE' });
    await expect(move('street-hongshan', draftId, 'approve')).rejects.toMatchObject({ code: 'NOT_FROM_THIS_STATE' });
    await expect(move('district-xuanwu', draftId, 'approve')).rejects.toMatchObject({ code: 'NOT_FROM_THIS_STATE' });
    // Another district's reviewer cannot even see it (over HTTP, as the browser calls it).
    const { token } = users.get('district-qinhuai')!;
    const r = await trpcCall('plans.move', { draftId, expectedVersion: await version(draftId), action: 'start_review' }, 'POST', { token });
    expect([r.status, r.error?.data.reason]).toEqual([404, 'DRAFT_NOT_FOUND']);
    const g = await trpcCall('plans.get', { draftId }, 'GET', { token });
    expect(g.status).toBe(404);
  });

  it('never lets the author review: a user with both grants who edited the plan', async () => {
    const both = await createTestUser(t.db, 'editor-and-reviewer', [
      { role: 'street_editor', level: 'street', code: '320102003' },
      { role: 'district_reviewer', level: 'district', code: '320102' },
    ]);
    const { actor: a } = await signInTestUser(t.db, both);
    const other = fx.streets['320102003'].draftId;
    const d = await getDraft(t.db, other);
    await setAttributes(t.db, { draftId: other, expectedVersion: d.version, by: { id: a.userId, username: a.username } }, { key: 'g1', attributes: { name: '新街口一网格（改）' } });
    const report = await validateDraft(t.db, other);
    for (const f of report.findings.filter((x) => x.severity === 'warning')) {
      await setWarningReason(t.db, a, { draftId: other, expectedVersion: await version(other), findingKey: findingKey(f), reason: '已核实' }, new Date());
    }
    await movePlan(t.db, a, { draftId: other, expectedVersion: await version(other), action: 'submit' }, new Date());
    await expect(movePlan(t.db, a, { draftId: other, expectedVersion: await version(other), action: 'start_review' }, new Date()))
      .rejects.toMatchObject({ code: 'AUTHOR_CANNOT_DO_THIS' });
    await move('street-xinjiekou', other, 'withdraw');
    expect((await planById(t.db, other))!.status).toBe('withdrawn');
  });

  it('returns with a comment only, pinned to the map; the editor resolves it and resubmits', async () => {
    await move('district-xuanwu', draftId, 'start_review');
    await expect(move('district-xuanwu', draftId, 'return', '  ')).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    const pinned = await addComment(t.db, actor('district-xuanwu'), { draftId, body: '此处边界请沿道路', place: { type: 'Point', coordinates: [118.73, 32.05] } });
    expect(pinned.place).toEqual({ type: 'Point', coordinates: [118.73, 32.05] });
    await expect(addComment(t.db, actor('district-xuanwu'), { draftId, body: 'x', place: { type: 'Point', coordinates: [500, 0] } })).rejects.toMatchObject({ code: 'COMMENT_PLACE_INVALID' });
    await addComment(t.db, actor('street-hongshan'), { draftId, body: '收到', parentId: pinned.id });
    await move('district-xuanwu', draftId, 'return', '请按意见修改边界');
    expect((await planById(t.db, draftId))!.status).toBe('returned');
    const inbox = await listNotifications(t.db, actor('street-hongshan').userId);
    expect(inbox.items.map((n) => n.kind)).toContain('plan_returned');
    // Editable again: the editor fixes the attribute and resolves the thread.
    const d = await getDraft(t.db, draftId);
    await setAttributes(t.db, { draftId, expectedVersion: d.version, by: by('street-hongshan') }, { key: 'g2', attributes: { name: '红山二网格（调整）' } });
    await expect(resolveComment(t.db, actor('district-xuanwu'), { draftId, commentId: pinned.id, resolved: true })).rejects.toMatchObject({ code: 'WRONG_ROLE' });
    await resolveComment(t.db, actor('street-hongshan'), { draftId, commentId: pinned.id, resolved: true });
    const threads = await listComments(t.db, draftId);
    expect(threads.map((c) => [c.parentId === null, c.resolvedAt !== null])).toEqual([[true, true], [false, false]]);
    await explainWarnings(draftId);
    await move('street-hongshan', draftId, 'submit');
    await move('district-xuanwu', draftId, 'start_review');
  });

  it('shows the reviewer the change and its impact', async () => {
    const plan = (await planById(t.db, draftId))!;
    const diff = await planDiff(t.db, plan, new Date(), { personalData: true });
    const [c1, c2] = fx.streets[HONGSHAN].grids;
    expect(diff.changes.map((c) => [c.code, c.change])).toEqual([[c1, 'reshaped'], [c2, 'reshaped']]);
    expect(diff.changes[1]!.changedAttributes).toEqual(['name']);
    // Both outlines of each reshaped grid are drawn.
    expect(diff.features.features.filter((f) => f.properties.code === c1).map((f) => f.properties.side).sort()).toEqual(['new', 'old']);
    // The one address at x0+0.01 stays in grid 1 (118.71 < 118.73): nobody moves; both workers keep a reshaped grid.
    expect(diff.impact).toMatchObject({ gridsBefore: 2, gridsAfter: 2, reshaped: 2, added: 0, removed: 0, addressesMoved: 0 });
    expect(diff.impact.workers.map((w) => w.outcome)).toEqual(['keeps_reshaped_grid', 'keeps_reshaped_grid']);
    expect(diff.impact.workers[0]!.name).toContain('网格员');
    const hidden = await planDiff(t.db, plan, new Date(), { personalData: false });
    expect(hidden.impact.workers.every((w) => w.name === null)).toBe(true);
  });

  it('approves, and the filer (never the author) files it effective today', async () => {
    await move('district-xuanwu', draftId, 'approve');
    const inbox = await listNotifications(t.db, actor('city-filer').userId);
    expect(inbox.items.map((n) => n.kind)).toContain('plan_approved');
    const view = await getPlan(t.db, actor('city-filer'), draftId, new Date());
    expect(view.moves).toEqual(['file']);
    const before = await t.db.query<{ id: number; code: string }>(
      `SELECT g.id, g.code::text AS code FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 ORDER BY g.code`,
      [fx.streets[HONGSHAN].id],
    );
    const today = chinaDayOf(new Date());
    await expect(filePlan(t.db, actor('city-filer'), { draftId, expectedVersion: await version(draftId), filingNumber: 'N1', effectiveDate: addChinaDays(today, -1) }, new Date()))
      .rejects.toMatchObject({ code: 'EFFECTIVE_DATE_PAST' });
    const [dv0] = await t.db.query<{ version: number }>(`SELECT coalesce((SELECT version FROM data_version WHERE layer = 'grids'), 0) AS version`);
    const filed = await filePlan(t.db, actor('city-filer'), { draftId, expectedVersion: await version(draftId), filingNumber: '宁网备〔2026〕1号', effectiveDate: today }, new Date());
    expect(filed).toMatchObject({ state: 'filed', gridsClosed: 2, gridsInserted: 2, assignmentsEnded: 0 });
    const after = await t.db.query<{ id: number; code: string; name: string; created_by_plan: number }>(
      `SELECT g.id, g.code::text AS code, g.name, g.created_by_plan FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 ORDER BY g.code`,
      [fx.streets[HONGSHAN].id],
    );
    expect(after.map((g) => g.code)).toEqual(before.map((g) => g.code));
    expect(after.map((g) => g.created_by_plan)).toEqual([draftId, draftId]);
    expect(after[1]!.name).toBe('红山二网格（调整）');
    // The old versions stay queryable, retired by this plan; the load of the new ones is there.
    const old = await t.db.query<{ retired_by_plan: number }>('SELECT retired_by_plan FROM grid WHERE id = ANY ($1::bigint[])', [before.map((g) => g.id)]);
    expect(old.map((g) => g.retired_by_plan)).toEqual([draftId, draftId]);
    const load = await t.db.query<{ households: number }>('SELECT households FROM grid_load WHERE grid_id = ANY ($1::bigint[]) ORDER BY code', [after.map((g) => g.id)]);
    expect(load.map((l) => l.households)).toEqual([300, 0]);
    const [dv1] = await t.db.query<{ version: number }>(`SELECT version FROM data_version WHERE layer = 'grids'`);
    expect(dv1!.version).toBe(dv0!.version + 1);
    // Workers follow their grid by code.
    const staffed = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_assignments_in_force(now()) WHERE grid_code = ANY ($1::text[])`, [after.map((g) => g.code)]);
    expect(staffed[0]!.n).toBe(2);
    const timeline = await gridTimeline(t.db, after[0]!.code);
    expect(timeline.map((v) => [v.createdBy?.draftId ?? null, v.retiredBy?.draftId ?? null])).toEqual([[null, draftId], [draftId, null]]);
    expect(timeline[1]!.createdBy!.filingNumber).toBe('宁网备〔2026〕1号');
    expect((await getPlan(t.db, actor('street-hongshan'), draftId, new Date())).effectiveState).toBe('in_force');
    // A filed plan's page still shows what it changed: against the versions it retired.
    const filedDiff = await planDiff(t.db, (await planById(t.db, draftId))!, new Date(), { personalData: true });
    expect(filedDiff.comparedWith).toBe('retired');
    expect(filedDiff.changes.map((c) => c.change)).toEqual(['reshaped', 'reshaped']);
    expect(filedDiff.impact.workers.map((w) => w.outcome)).toEqual(['keeps_reshaped_grid', 'keeps_reshaped_grid']);
    expect((await listNotifications(t.db, actor('street-hongshan').userId)).items.map((n) => n.kind)).toContain('plan_filed');
  });

  it('logged every move with who, from, to, comment and digest', async () => {
    const log = (await getPlan(t.db, actor('district-xuanwu'), draftId, new Date())).log;
    expect(log.map((l) => `${l.action}:${l.from}>${l.to}`)).toEqual([
      'submit:editing>submitted', 'start_review:submitted>under_review', 'return:under_review>returned', 'submit:returned>submitted',
      'start_review:submitted>under_review', 'approve:under_review>approved', 'file:approved>filed',
    ]);
    expect(log.map((l) => l.actorName)).toEqual(['street-hongshan', 'district-xuanwu', 'district-xuanwu', 'street-hongshan', 'district-xuanwu', 'district-xuanwu', 'city-filer']);
    expect(log[2]!.comment).toBe('请按意见修改边界');
    expect(log.every((l) => /^[0-9a-f]{64}$/.test(l.topologyDigest))).toBe(true);
    // The resubmission changed a grid's name: a different digest from the first submission.
    expect(log[3]!.topologyDigest).not.toBe(log[0]!.topologyDigest);
  });

  it('opens the next draft from the filed grids, and restores an older division from a past date', async () => {
    const next = await openDraft(t.db, fx.streets[HONGSHAN].id, by('street-hongshan'));
    expect(next.draftId).not.toBe(draftId);
    expect(next.grids.features.map((f) => f.properties.name)).toContain('红山二网格（调整）');
    // The division before the filing, restored into the (never submitted) new draft, which it refills.
    const filedAt = (await planById(t.db, draftId))!.effectiveFrom!;
    const restored = await restoreDraft(t.db, fx.streets[HONGSHAN].id, by('street-hongshan'), new Date(), new Date(filedAt.getTime() - 1));
    expect(restored.draftId).toBe(next.draftId);
    expect(restored.grids.features.map((f) => f.properties.name)).toEqual(['红山街道一网格', '红山街道二网格']);
    expect(restored.canUndo).toBe(false);
    const { token } = users.get('street-hongshan')!;
    const future = await trpcCall('plans.restore', { streetId: fx.streets[HONGSHAN].id, date: '2199-01-01' }, 'POST', { token });
    expect([future.status, future.error?.data.reason]).toEqual([400, 'RESTORE_DATE_INVALID']);
    // Filing the restored division supersedes the first filing, as a logged move of the system.
    await explainWarnings(restored.draftId);
    await move('street-hongshan', restored.draftId, 'submit');
    await move('district-xuanwu', restored.draftId, 'start_review');
    await move('district-xuanwu', restored.draftId, 'approve');
    const second = await filePlan(t.db, actor('city-filer'), { draftId: restored.draftId, expectedVersion: await version(restored.draftId), filingNumber: '宁网备〔2026〕4号', effectiveDate: chinaDayOf(new Date()) }, new Date());
    expect(second.superseded).toEqual([draftId]);
    const first = await getPlan(t.db, actor('district-xuanwu'), draftId, new Date());
    expect([first.state, first.log.at(-1)!.action, first.log.at(-1)!.actorName, first.log.at(-1)!.comment]).toEqual(['superseded', 'supersede', 'system', '由备案 宁网备〔2026〕4号 取代']);
    const names = await t.db.query<{ name: string }>(
      `SELECT g.name FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 ORDER BY g.code`, [fx.streets[HONGSHAN].id]);
    expect(names.map((n) => n.name)).toEqual(['红山街道一网格', '红山街道二网格']);
  });
});

describe('a plan filed for a later day', () => {
  it('changes nothing in force, on the map or in its tiles until that day', async () => {
    const street = fx.streets['320104001'];
    const d = await getDraft(t.db, street.draftId);
    // A third grid: grid 2 is split by area (the east half becomes a new code).
    const box = (x0: number, x1: number) => ({ type: 'MultiPolygon', coordinates: [[[[x0, 32.0], [x1, 32.0], [x1, 32.1], [x0, 32.1], [x0, 32.0]]]] });
    await updateGeometry(t.db, { draftId: d.draftId, expectedVersion: d.version, by: by('street-hongshan') }, { key: 'g2', geometry: box(118.95, 119.0) });
    const [editor] = await t.db.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'district-qinhuai'`);
    const qinhuaiEditor = await createTestUser(t.db, 'qinhong-editor', [{ role: 'street_editor', level: 'street', code: '320104001' }]);
    const { actor: ed } = await signInTestUser(t.db, qinhuaiEditor);
    expect(editor).toBeDefined();
    // g2 shrank: the west half of the old grid 2 is now a gap until a new grid fills it; a second update
    // widens g1 instead, so the street stays covered with two grids and grid 2 loses area.
    const d2 = await getDraft(t.db, d.draftId);
    await updateGeometry(t.db, { draftId: d.draftId, expectedVersion: d2.version, by: { id: ed.userId, username: ed.username } }, { key: 'g1', geometry: box(118.9, 118.95) });
    const report = await validateDraft(t.db, d.draftId);
    for (const f of report.findings.filter((x) => x.severity === 'warning')) {
      await setWarningReason(t.db, ed, { draftId: d.draftId, expectedVersion: await version(d.draftId), findingKey: findingKey(f), reason: '已核实' }, new Date());
    }
    await movePlan(t.db, ed, { draftId: d.draftId, expectedVersion: await version(d.draftId), action: 'submit' }, new Date());
    await move('district-qinhuai', d.draftId, 'start_review');
    await move('district-qinhuai', d.draftId, 'approve');
    const tomorrow = addChinaDays(chinaDayOf(new Date()), 1);
    const tiles = createTileService({ db: t.db, capabilities: t.capabilities, cache: false });
    const versionNow = await tiles.layerVersion('grids');
    const filed = await filePlan(t.db, actor('city-filer'), { draftId: d.draftId, expectedVersion: await version(d.draftId), filingNumber: '宁网备〔2026〕2号', effectiveDate: tomorrow }, new Date());
    expect(filed.effectiveFrom).toBe(startOfChinaDay(tomorrow).toISOString());
    const inForce = (at: Date) =>
      t.db.query<{ code: string; xmax: number; created_by_plan: number | null }>(
        `SELECT g.code::text AS code, ST_XMax(g.geom) AS xmax, g.created_by_plan FROM grids_in_force($2) g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 ORDER BY g.code`,
        [street.id, at],
      );
    expect((await inForce(new Date())).map((g) => g.created_by_plan)).toEqual([null, null]);
    expect((await inForce(new Date())).map((g) => g.xmax)).toEqual([118.95, 119.0]);
    const dayAfter = new Date(startOfChinaDay(tomorrow).getTime() + 3_600_000);
    expect((await inForce(dayAfter)).map((g) => g.created_by_plan)).toEqual([d.draftId, d.draftId]);
    // The tiles of now keep their version apart from the data bump; the next day's differ from today's.
    expect(await tiles.layerVersion('grids', dayAfter)).not.toBe(await tiles.layerVersion('grids', new Date()));
    expect(versionNow).not.toBe(await tiles.layerVersion('grids'));
    expect((await getPlan(t.db, actor('city-filer'), d.draftId, new Date())).effectiveState).toBe('filed');
    expect((await getPlan(t.db, actor('city-filer'), d.draftId, dayAfter)).effectiveState).toBe('in_force');
    // A draft opened now starts from the grids about to take effect, not from those about to be replaced.
    const next = await openDraft(t.db, street.id, { id: ed.userId, username: ed.username });
    expect(next.grids.features.map((f) => f.properties.sourceGridId).sort()).toEqual(
      (await t.db.query<{ id: number }>('SELECT id FROM grid WHERE created_by_plan = $1 ORDER BY id', [d.draftId])).map((r) => r.id).sort(),
    );
  });
});

describe('the seed\'s hard cases: an enclave in a plan', () => {
  it('needs the arrangement recorded by the editor and approved by both districts', async () => {
    // An enclave: part of 新街口 (玄武区) lies inside 秦淮区 by arrangement.
    const street = fx.streets['320102003'];
    const [a] = await t.db.query<{ id: number }>(
      `INSERT INTO jurisdiction_arrangement (kind, name, home_street_id, host_district_id, responsibilities, geom)
       SELECT 'enclave', '新街口飞地', $1, id, '{"public_security":"host"}'::jsonb, ST_Multi(ST_MakeEnvelope(118.82, 32.02, 118.84, 32.04, 4326))
         FROM district WHERE code = '320104' RETURNING id`,
      [street.id],
    );
    const draft = await openDraft(t.db, street.id, by('street-xinjiekou'));
    const d = await getDraft(t.db, draft.draftId);
    await setAttributes(t.db, { draftId: d.draftId, expectedVersion: d.version, by: by('street-xinjiekou') }, { key: 'g1', attributes: { notes: '含飞地' } });
    const report = await explainWarnings(d.draftId, 'street-xinjiekou');
    expect(report.findings.some((f) => f.code === 'CROSS_JURISDICTION' && f.arrangement?.id === a!.id)).toBe(true);
    await expect(move('street-xinjiekou', d.draftId, 'submit')).rejects.toMatchObject({ code: 'ARRANGEMENT_NEEDED' });
    await recordArrangement(t.db, actor('street-xinjiekou'), {
      draftId: d.draftId, expectedVersion: await version(d.draftId), arrangementId: a!.id,
      responsibilities: { public_security: 'host', dispute_mediation: 'host', household_registration: 'home' }, transferCompleted: false, notes: '',
    });
    await move('street-xinjiekou', d.draftId, 'submit');
    expect((await listNotifications(t.db, actor('district-qinhuai').userId)).items.map((n) => n.kind)).toContain('arrangement_to_approve');
    await move('district-xuanwu', d.draftId, 'start_review');
    await expect(move('district-xuanwu', d.draftId, 'approve')).rejects.toMatchObject({ code: 'ARRANGEMENT_NOT_APPROVED' });
    await expect(approveArrangement(t.db, actor('street-xinjiekou'), { draftId: d.draftId, expectedVersion: await version(d.draftId), arrangementId: a!.id }))
      .rejects.toMatchObject({ code: 'ARRANGEMENT_NOT_YOURS' });
    await approveArrangement(t.db, actor('district-qinhuai'), { draftId: d.draftId, expectedVersion: await version(d.draftId), arrangementId: a!.id });
    await move('district-xuanwu', d.draftId, 'approve');
    const [flagged] = await t.db.query<{ status: string }>('SELECT status FROM jurisdiction_arrangement WHERE id = $1', [a!.id]);
    expect(flagged!.status).toBe('flagged');
    await filePlan(t.db, actor('city-filer'), { draftId: d.draftId, expectedVersion: await version(d.draftId), filingNumber: '宁网备〔2026〕3号', effectiveDate: chinaDayOf(new Date()) }, new Date());
    const [recorded] = await t.db.query<{ status: string; responsibilities: Record<string, string>; recorded_by_plan: number }>(
      'SELECT status, responsibilities, recorded_by_plan FROM jurisdiction_arrangement WHERE id = $1', [a!.id]);
    expect(recorded).toMatchObject({ status: 'recorded', recorded_by_plan: d.draftId, responsibilities: { household_registration: 'home' } });
  });
});

describe('the plan log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE by trigger, even from the owner', async () => {
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_log')) as [{ n: number }];
    expect(n).toBeGreaterThan(5);
    await expect(t.db.execute(`UPDATE plan_log SET comment = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.execute(`DELETE FROM plan_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.execute(`TRUNCATE plan_log`)).rejects.toThrow(/append-only/);
    const [{ m }] = (await t.db.query<{ m: number }>('SELECT count(*)::int AS m FROM plan_log')) as [{ m: number }];
    expect(m).toBe(n);
  });

  it('gives a role other than the owner no UPDATE, DELETE or TRUNCATE privilege', async () => {
    // The privileges themselves, as the catalogue holds them: PUBLIC and a reporting role may read and add only.
    await t.db.transaction(async (tx) => {
      await tx.execute('CREATE ROLE gridatlas_log_reader NOLOGIN');
      await tx.execute('GRANT SELECT, INSERT ON plan_log TO gridatlas_log_reader');
      const rows = await tx.query<{ privilege: string; allowed: boolean }>(
        `SELECT p AS privilege, has_table_privilege('gridatlas_log_reader', 'plan_log', p) AS allowed
           FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.privilege, r.allowed]))).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false });
      await tx.execute('SET LOCAL ROLE gridatlas_log_reader');
      await expect(tx.transaction((inner) => inner.execute(`UPDATE plan_log SET comment = 'x'`))).rejects.toThrow(/permission denied/);
      await expect(tx.transaction((inner) => inner.execute(`DELETE FROM plan_log`))).rejects.toThrow(/permission denied/);
      await tx.execute('RESET ROLE');
      await tx.execute('REVOKE ALL ON plan_log FROM gridatlas_log_reader');
      await tx.execute('DROP ROLE gridatlas_log_reader');
    });
  });
});

describe('optimistic versions', () => {
  it('50 simultaneous conflicting saves of one plan: exactly one succeeds, 49 conflict, nothing is lost', async () => {
    const draft = await openDraft(t.db, fx.streets['320102003'].id, by('street-xinjiekou'));
    const v = draft.version;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        setAttributes(t.db, { draftId: draft.draftId, expectedVersion: v, by: by('street-xinjiekou') }, { key: 'g1', attributes: { name: `并发保存${i}` } })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const conflicts = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'PLAN_STALE_VERSION');
    expect([ok.length, conflicts.length]).toEqual([1, 49]);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    const after = await getDraft(t.db, draft.draftId);
    expect(after.version).toBe(v + 1);
    expect(after.grids.features.find((f) => f.properties.key === 'g1')!.properties.name).toBe(`并发保存${winner}`);
  });
});
