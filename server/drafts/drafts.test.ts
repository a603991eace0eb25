/**
 * Draft editing against a real database (PGlite, or PostGIS when DATABASE_URL is set), on a tiny
 * fixture street whose geometry is known exactly (see __fixtures__/small-street.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { SwallowedQueryError } from '../db/errors';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import type { DomainError } from '../errors/domain-error';
import { appRouter } from '../routers/_app';
import { getDraft, openDraft } from './store';
import { redo, runEdit, undo } from './edit';
import { draftCandidates } from './draft-candidates';
import { createGrid } from './operations/create-grid';
import { deleteGrid } from './operations/delete-grid';
import { fillRest } from './operations/fill-rest';
import { mergeGrids } from './operations/merge-grids';
import { moveSharedVertex } from './operations/move-shared-vertex';
import { setAttributes } from './operations/set-attributes';
import { snapToNeighbours } from './operations/snap-to-neighbours';
import { splitGrid } from './operations/split-grid';
import { updateGeometry } from './operations/update-geometry';
import { createTestUser, signInTestUser } from '../testing/users';
import { seedSmallStreet, type SmallStreet } from './__fixtures__/small-street';
import { boxPolygon as poly, currentRef, draftState, expectDraftError, gridKeyOf, gridsWithVertex } from './__fixtures__/draft-assertions';

const state = (draftId: number) => draftState(db, draftId);
const ref = (draftId: number) => currentRef(db, draftId);
const keyOf = (draftId: number, code: string) => gridKeyOf(db, draftId, code);

let t: TestDatabase;
let db: Db;
let street: SmallStreet;

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
  street = await seedSmallStreet(db);
});
afterAll(async () => {
  await t?.dispose();
});

/** Vertices of the draft's grids that are not on the 1e-8 grid (rounded as GEOS's fixed precision model does). */
async function offGridVertices(draftId: number): Promise<string[]> {
  const rows = await db.query<{ grid_key: string; geometry: { coordinates: number[][][][] } | string }>(
    'SELECT grid_key, ST_AsGeoJSON(geom, 15)::json AS geometry FROM grid_draft_grid WHERE draft_id = $1 ORDER BY grid_key',
    [draftId],
  );
  const onGrid = (v: number) => Math.round(v * 1e8) / 1e8 === v;
  return rows.flatMap((r) => {
    const g = typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as { coordinates: number[][][][] }) : r.geometry;
    return g.coordinates.flat(2).filter((p) => !onGrid(p[0]!) || !onGrid(p[1]!)).map((p) => `${r.grid_key} ${p[0]},${p[1]}`);
  });
}

async function coverage(draftId: number, communityId: number): Promise<{ overlapPairs: number; gapM2: number; spillM2: number }> {
  const [o] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM grid_draft_grid x JOIN grid_draft_grid y
         ON x.draft_id = y.draft_id AND x.grid_key < y.grid_key AND x.geom && y.geom
      WHERE x.draft_id = $1 AND ST_Relate(x.geom, y.geom, '2********')`,
    [draftId],
  );
  const [g] = await db.query<{ gap: number; spill: number }>(
    `WITH u AS (SELECT ST_Union(geom, 1e-8) AS geom FROM grid_draft_grid WHERE draft_id = $1 AND community_id = $2),
          c AS (SELECT geom FROM community WHERE id = $2)
     SELECT coalesce(ST_Area(ST_Difference(c.geom, u.geom, 1e-8)::geography), 0) AS gap,
            coalesce(ST_Area(ST_Difference(u.geom, c.geom, 1e-8)::geography), 0) AS spill FROM u, c`,
    [draftId, communityId],
  );
  return { overlapPairs: o!.n, gapM2: g!.gap, spillM2: g!.spill };
}

describe('opening a draft', () => {
  it('copies the grids in force (not history) and returns the same draft on reopening', async () => {
    const d = await openDraft(db, street.streetId, { id: await createTestUser(db, 'zhangsan'), username: 'zhangsan' });
    expect(d.version).toBe(1);
    expect(d.author).toBe('zhangsan');
    expect(d.canUndo).toBe(false);
    expect(d.grids.features.map((f) => f.properties.code)).toEqual([
      '320102001001001', '320102001001002', '320102001001003', '320102001001004', '320102001002001', '320102001002002',
    ]);
    expect(d.grids.features.every((f) => f.properties.sourceGridId != null)).toBe(true);
    const again = await openDraft(db, street.streetId);
    expect(again.draftId).toBe(d.draftId);
    const candidates = await draftCandidates(db, d.draftId);
    expect(candidates).toHaveLength(6);
    expect(candidates[0]).toMatchObject({ kind: 'comprehensive', communityCode: '320102001001' });
  });
  it('refuses an unknown street', async () => {
    await expectDraftError(openDraft(db, 999_999), 'STREET_NOT_FOUND');
  });
});

describe('edits', () => {
  let draftId: number;
  beforeAll(async () => {
    draftId = (await openDraft(db, street.streetId)).draftId;
  });

  it('refuses a stale version and an invalid polygon, changing nothing', async () => {
    const before = await state(draftId);
    const r = await ref(draftId);
    await expectDraftError(createGrid(db, { ...r, expectedVersion: r.expectedVersion - 1 + 10 }, { geometry: poly(118.021, 32.001, 118.022, 32.002) }), 'PLAN_STALE_VERSION');
    const bowtie = { type: 'Polygon', coordinates: [[[118.021, 32.001], [118.022, 32.002], [118.022, 32.001], [118.021, 32.002], [118.021, 32.001]]] };
    await expectDraftError(createGrid(db, r, { geometry: bowtie }), 'GRID_GEOMETRY_INVALID');
    const unclosed = { type: 'Polygon', coordinates: [[[118.021, 32.001], [118.022, 32.001], [118.022, 32.002], [118.021, 32.002]]] };
    await expectDraftError(createGrid(db, r, { geometry: unclosed }), 'GRID_GEOMETRY_INPUT');
    await expectDraftError(createGrid(db, r, { geometry: poly(32.0, 118.0, 32.01, 118.01) }), 'GRID_GEOMETRY_INPUT');
    await expectDraftError(updateGeometry(db, r, { key: 'g1', geometry: { type: 'Polygon', coordinates: [[[118, NaN], [118.1, 32], [118, 32.1], [118, NaN]]] } }), 'GRID_GEOMETRY_INPUT');
    await expectDraftError(createGrid(db, r, { geometry: poly(118.021, 32.001, 118.022, 32.002), attributes: { kind: 'dedicated' } }), 'GRID_ATTRIBUTES_INVALID');
    expect(await state(draftId)).toEqual(before);
    expect((await getDraft(db, draftId)).version).toBe(r.expectedVersion);
  });

  it('a failure inside an edit (a swallowed GEOS error) rolls the whole edit back', async () => {
    const before = await state(draftId);
    const r = await ref(draftId);
    await expectDraftError(
      runEdit(db, r, 'deleteGrid', {}, async (ctx) => {
        await ctx.touch(['g1']);
        await ctx.tx.execute('DELETE FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2', [draftId, 'g1']);
        throw new SwallowedQueryError('SELECT ST_Union(...)');
      }),
      'GEOMETRY_OPERATION_FAILED',
    );
    expect(await state(draftId)).toEqual(before);
    expect((await getDraft(db, draftId)).version).toBe(r.expectedVersion);
  });

  it('creates a grid with the next code never used in the community (history included)', async () => {
    const r = await ref(draftId);
    const res = await createGrid(db, r, { geometry: poly(118.021, 32.001, 118.022, 32.002), attributes: { notes: '测试' } });
    expect(res.version).toBe(r.expectedVersion + 1);
    expect(res.result.code).toBe('320102001002006'); // 005 exists in history
    const d = await getDraft(db, draftId);
    const g = d.grids.features.find((f) => f.properties.key === res.result.key)!;
    expect(g.properties).toMatchObject({ communityId: street.communityB, name: '西社区6号网格', notes: '测试' });
    // Undo removes it exactly, redo puts it back with the same key and code.
    const before = await state(draftId);
    const u = await undo(db, { draftId, expectedVersion: res.version });
    expect(Object.keys(await state(draftId))).not.toContain(res.result.key);
    await redo(db, { draftId, expectedVersion: u.version });
    expect(await state(draftId)).toEqual(before);
    await deleteGrid(db, await ref(draftId), { key: res.result.key });
  });

  it('moves a vertex shared by four grids in all of them: still no overlap, no gap; undo/redo exact', async () => {
    const before = await state(draftId);
    const r = await ref(draftId);
    const res = await moveSharedVertex(db, r, { from: [118.01, 32.01], to: [118.0123, 32.0081] });
    expect(res.result.keys).toHaveLength(4);
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    const [moved] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grid_draft_grid g, LATERAL ST_DumpPoints(g.geom) p
        WHERE g.draft_id = $1 AND ST_X(p.geom) = 118.0123 AND ST_Y(p.geom) = 32.0081`,
      [draftId],
    );
    expect(moved!.n).toBe(5); // in all four grids, twice where it starts (and closes) a ring
    const after = await state(draftId);
    const u = await undo(db, { draftId, expectedVersion: res.version });
    expect(await state(draftId)).toEqual(before);
    await redo(db, { draftId, expectedVersion: u.version });
    expect(await state(draftId)).toEqual(after);
    await expectDraftError(moveSharedVertex(db, await ref(draftId), { from: [118.5, 32.5], to: [118.6, 32.6] }), 'VERTEX_NOT_FOUND');
    await undo(db, await ref(draftId));
    expect(await state(draftId)).toEqual(before);
  });

  it('splits a grid: the larger part keeps the code, the other takes the next sequence', async () => {
    const key = await keyOf(draftId, '320102001001001');
    const r = await ref(draftId);
    await expectDraftError(splitGrid(db, r, { key, line: { type: 'LineString', coordinates: [[118.5, 32.5], [118.6, 32.6]] } }), 'SPLIT_LINE_DOES_NOT_CROSS');
    // A north-south cut 3/10 of the way across: the east part (0.007° wide) is larger.
    const res = await splitGrid(db, r, { key, line: { type: 'LineString', coordinates: [[118.003, 32.03], [118.003, 32.0]] } });
    expect(res.result.codes).toEqual(['320102001001001', '320102001001005']);
    const d = await getDraft(db, draftId);
    const keeper = d.grids.features.find((f) => f.properties.key === key)!;
    const part = d.grids.features.find((f) => f.properties.code === '320102001001005')!;
    expect(keeper.properties.areaM2).toBeGreaterThan(part.properties.areaM2);
    expect(part.properties.sourceGridId).toBeNull();
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    await undo(db, { draftId, expectedVersion: res.version });
  });

  it('a split across a slanted shared edge puts the cut points into the neighbour too: no overlap, no gap', async () => {
    const before = await state(draftId);
    const moved = await moveSharedVertex(db, await ref(draftId), { from: [118.01, 32.01], to: [118.0123, 32.0081] });
    const key = await keyOf(draftId, '320102001001001');
    const res = await splitGrid(db, { draftId, expectedVersion: moved.version }, { key, line: { type: 'LineString', coordinates: [[118.0031, 32.03], [118.0077, 31.99]] } });
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    // The oblique cut points were rounded onto the 1e-8 grid like every stored vertex, so a later
    // fixed-precision overlay (merge, fill, reshape) moves none of them off its neighbours.
    expect(await offGridVertices(draftId)).toEqual([]);
    const u = await undo(db, { draftId, expectedVersion: res.version });
    await undo(db, { draftId, expectedVersion: u.version });
    expect(await state(draftId)).toEqual(before);
  });

  it('a vertex moved onto another grid\'s edge becomes a vertex of that grid too: no T-junction', async () => {
    const before = await state(draftId);
    const bw = await keyOf(draftId, '320102001002001');
    // The NE/SE corner on the A/B border slides north along it; B's west grid has no vertex there.
    const res = await moveSharedVertex(db, await ref(draftId), { from: [118.02, 32.01], to: [118.02, 32.012] });
    expect(res.result.keys).toHaveLength(2);
    expect(await gridsWithVertex(db, draftId, 118.02, 32.012)).toContain(bw);
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    await undo(db, { draftId, expectedVersion: res.version });
    expect(await state(draftId)).toEqual(before);
  });

  it('merges adjacent grids into the one with the lowest code among equals, refuses non-adjacent ones', async () => {
    const nw = await keyOf(draftId, '320102001001001');
    const ne = await keyOf(draftId, '320102001001002');
    const se = await keyOf(draftId, '320102001001004');
    const bw = await keyOf(draftId, '320102001002001');
    const before = await state(draftId);
    const r = await ref(draftId);
    await expectDraftError(mergeGrids(db, r, { keys: [nw, se] }), 'MERGE_NOT_ADJACENT'); // touch at one point only
    await expectDraftError(mergeGrids(db, r, { keys: [ne, bw] }), 'MERGE_DIFFERENT_COMMUNITIES');
    await expectDraftError(mergeGrids(db, r, { keys: [nw] }), 'MERGE_TOO_FEW');
    const res = await mergeGrids(db, r, { keys: [ne, nw] });
    expect(res.result).toEqual({ key: nw, code: '320102001001001', removed: [ne] });
    const [g] = await db.query<{ eq: boolean }>(
      `SELECT ST_Equals(geom, ST_MakeEnvelope(118.0, 32.01, 118.02, 32.02, 4326)) AS eq FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2`,
      [draftId, nw],
    );
    expect(g!.eq).toBe(true);
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    await undo(db, { draftId, expectedVersion: res.version });
    expect(await state(draftId)).toEqual(before);
  });

  it('deletes a grid and fills the rest of the community with exactly the missing area', async () => {
    const se = await keyOf(draftId, '320102001001004');
    const before = await state(draftId);
    const del = await deleteGrid(db, await ref(draftId), { key: se });
    expect((await coverage(draftId, street.communityA)).gapM2).toBeGreaterThan(1000);
    const fill = await fillRest(db, { draftId, expectedVersion: del.version }, { communityId: street.communityA });
    // 004 is still in force: never reused. (005 of the undone split is free again: the merge test's
    // new edits discarded that redo branch, so it never happened.)
    expect(fill.result.code).toBe('320102001001005');
    const [g] = await db.query<{ eq: boolean }>(
      `SELECT ST_Equals(geom, ST_MakeEnvelope(118.01, 32.0, 118.02, 32.01, 4326)) AS eq FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2`,
      [draftId, fill.result.key],
    );
    expect(g!.eq).toBe(true);
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    await expectDraftError(fillRest(db, { draftId, expectedVersion: fill.version }, { communityId: street.communityA }), 'NOTHING_TO_FILL');
    await expectDraftError(fillRest(db, { draftId, expectedVersion: fill.version }, { communityId: 999_999 }), 'COMMUNITY_NOT_IN_STREET');
    const u1 = await undo(db, { draftId, expectedVersion: fill.version });
    await undo(db, { draftId, expectedVersion: u1.version });
    expect(await state(draftId)).toEqual(before);
  });

  it('sets attributes, enforcing dedicated type, undoable', async () => {
    const key = await keyOf(draftId, '320102001002002');
    const before = await state(draftId);
    const r = await ref(draftId);
    await expectDraftError(setAttributes(db, r, { key, attributes: { kind: 'dedicated' } }), 'GRID_ATTRIBUTES_INVALID');
    await expectDraftError(setAttributes(db, r, { key, attributes: { name: '  ' } }), 'GRID_ATTRIBUTES_INVALID');
    const res = await setAttributes(db, r, { key, attributes: { name: '医院网格', kind: 'dedicated', dedicatedType: 'hospital', responsibleUnit: '市一医院' } });
    const f = (await getDraft(db, draftId)).grids.features.find((x) => x.properties.key === key)!;
    expect(f.properties).toMatchObject({ name: '医院网格', kind: 'dedicated', dedicatedType: 'hospital', responsibleUnit: '市一医院', code: '320102001002002' });
    await undo(db, { draftId, expectedVersion: res.version });
    expect(await state(draftId)).toEqual(before);
  });

  it('snaps a grid drawn 2-3 m into its neighbours onto their shared edge: no overlap, no gap', async () => {
    const bw = await keyOf(draftId, '320102001002001');
    const before = await state(draftId);
    // The west edge is drawn ~2.8 m inside community A (0.00003° of longitude at 32°N).
    const r1 = await updateGeometry(db, await ref(draftId), { key: bw, geometry: poly(118.01997, 32.0, 118.03, 32.02) });
    expect((await coverage(draftId, street.communityA)).overlapPairs).toBeGreaterThan(0);
    const res = await snapToNeighbours(db, { draftId, expectedVersion: r1.version }, { key: bw, toleranceMetres: 5 });
    expect(res.result.movedVertices).toBeGreaterThanOrEqual(2);
    expect(await coverage(draftId, street.communityA)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    expect(await coverage(draftId, street.communityB)).toEqual({ overlapPairs: 0, gapM2: 0, spillM2: 0 });
    const u = await undo(db, { draftId, expectedVersion: res.version });
    await undo(db, { draftId, expectedVersion: u.version });
    expect(await state(draftId)).toEqual(before);
  });

  it('undoes a whole sequence back to the start and redoes it to the same end, bit for bit', async () => {
    const start = await state(draftId);
    let version = (await getDraft(db, draftId)).version;
    const nw = await keyOf(draftId, '320102001001001');
    const sw = await keyOf(draftId, '320102001001003');
    let survivor = '';
    const steps: (() => Promise<{ version: number }>)[] = [
      () => moveSharedVertex(db, { draftId, expectedVersion: version }, { from: [118.01, 32.01], to: [118.011, 32.009] }),
      () => splitGrid(db, { draftId, expectedVersion: version }, { key: nw, line: { type: 'LineString', coordinates: [[117.99, 32.015], [118.03, 32.0155]] } }),
      async () => {
        const merged = await mergeGrids(db, { draftId, expectedVersion: version }, { keys: [nw, sw] });
        survivor = merged.result.key;
        return merged;
      },
      () => deleteGrid(db, { draftId, expectedVersion: version }, { key: survivor }),
      () => fillRest(db, { draftId, expectedVersion: version }, { communityId: street.communityA }),
    ];
    for (const step of steps) version = (await step()).version;
    const end = await state(draftId);
    expect(end).not.toEqual(start);
    for (let i = 0; i < steps.length; i++) version = (await undo(db, { draftId, expectedVersion: version })).version;
    expect(await state(draftId)).toEqual(start);
    for (let i = 0; i < steps.length; i++) version = (await redo(db, { draftId, expectedVersion: version })).version;
    expect(await state(draftId)).toEqual(end);
    // A new edit after an undo discards the redo stack.
    version = (await undo(db, { draftId, expectedVersion: version })).version;
    expect((await getDraft(db, draftId)).canRedo).toBe(true);
    await setAttributes(db, { draftId, expectedVersion: version }, { key: await keyOf(draftId, '320102001002002'), attributes: { notes: 'x' } });
    const d = await getDraft(db, draftId);
    expect(d.canRedo).toBe(false);
    await expectDraftError(redo(db, { draftId, expectedVersion: d.version }), 'NOTHING_TO_REDO');
    // The grids in force were never touched by any of this.
    const [inForce] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM grids_in_force(now())`);
    expect(inForce!.n).toBe(6);
  });

  it('is reachable through the tRPC router, with domain errors as clean tRPC errors', async () => {
    const editor = await createTestUser(db, 'editor-meiyuan', [{ role: 'street_editor', level: 'street', code: '320102001' }]);
    const { actor } = await signInTestUser(db, editor);
    const caller = appRouter.createCaller({ db, at: new Date(), session: { state: 'active', actor }, address: 'test', sessionToken: null });
    const d = await caller.drafts.open({ streetId: street.streetId });
    expect(d.draftId).toBe(draftId);
    const err = await caller.drafts.deleteGrid({ draftId, expectedVersion: d.version - 1, key: 'g1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', cause: { code: 'PLAN_STALE_VERSION' } });
    expect((err as { cause: DomainError }).cause.text['zh-CN']).toMatch(/草稿已被修改/);
    const bad = await caller.drafts.createGrid({ draftId, expectedVersion: d.version, geometry: { type: 'Polygon', coordinates: 'x' } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
