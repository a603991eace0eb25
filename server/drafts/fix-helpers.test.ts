/**
 * The topology engine's suggested fixes as draft edits, against a real database (PGlite, or PostGIS
 * when DATABASE_URL is set), on the fixture street of __fixtures__/small-street.ts (exact squares).
 * Each case builds a defect with ordinary edits, takes the finding's own `fix` and `geometry` from
 * validateDraft, applies it, and checks the finding is gone, nothing new appeared, and undo/redo are exact.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { SuggestedFix, TopologyFinding } from '../topology/finding-codes';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { getDraft, openDraft, type DraftRef } from './store';
import { redo, undo } from './edit';
import { clipToCommunity } from './operations/clip-to-community';
import { giveAreaToNeighbour } from './operations/give-area-to-neighbour';
import { createGrid } from './operations/create-grid';
import { deleteGrid } from './operations/delete-grid';
import { updateGeometry } from './operations/update-geometry';
import { validateDraft } from './validate-draft';
import { seedSmallStreet, type SmallStreet } from './__fixtures__/small-street';
import { boxPolygon as poly, currentRef, draftState, expectDraftError, gridKeyOf, gridsWithVertex } from './__fixtures__/draft-assertions';

let t: TestDatabase;
let db: Db;
let street: SmallStreet;
let draftId: number;

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
  street = await seedSmallStreet(db);
  draftId = (await openDraft(db, street.streetId)).draftId;
});
afterAll(async () => {
  await t?.dispose();
});

const NW = '320102001001001';
const NE = '320102001001002';
const SW = '320102001001003';
const SE = '320102001001004';
const B_EAST = '320102001002002';

const state = () => draftState(db, draftId);
const ref = () => currentRef(db, draftId);
const keyOf = (code: string) => gridKeyOf(db, draftId, code);

const hasVertex = async (key: string, x: number, y: number) => (await gridsWithVertex(db, draftId, x, y)).includes(key);

async function equalsBox(key: string, w: number, s: number, e: number, n: number): Promise<boolean> {
  const [g] = await db.query<{ eq: boolean }>(
    `SELECT ST_Equals(geom, ST_MakeEnvelope($3, $4, $5, $6, 4326)) AS eq FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2`,
    [draftId, key, w, s, e, n],
  );
  return g?.eq ?? false;
}

const findingId = (f: TopologyFinding) => `${f.code} ${[...f.gridKeys].sort().join(',')}`;

/** The findings of `after` that `before` did not have (by code and grids). */
function appeared(before: TopologyFinding[], after: TopologyFinding[]): string[] {
  const known = new Set(before.map(findingId));
  return after.map(findingId).filter((id) => !known.has(id));
}

/** The one finding of `code` (on `gridKey` when given), with the fix the engine suggests for it. */
function findingOf<K extends SuggestedFix['kind']>(
  findings: TopologyFinding[],
  code: string,
  kind: K,
  gridKey?: string,
): TopologyFinding & { fix: Extract<SuggestedFix, { kind: K }> } {
  const matching = findings.filter((f) => f.code === code && (gridKey === undefined || f.gridKeys.includes(gridKey)));
  expect(matching).toHaveLength(1);
  const f = matching[0]!;
  expect(f.fix?.kind).toBe(kind);
  return f as TopologyFinding & { fix: Extract<SuggestedFix, { kind: K }> };
}

/** A refused fix changes nothing: same grids bit for bit, same version, nothing to redo or undo added. */
async function expectRefused(run: (r: DraftRef) => Promise<unknown>, code: string): Promise<void> {
  const before = await state();
  const r = await ref();
  await expectDraftError(run(r), code);
  expect(await state()).toEqual(before);
  expect((await getDraft(db, draftId)).version).toBe(r.expectedVersion);
}

/** Undo puts back `before` bit for bit, redo puts back `after`. */
async function expectUndoRedo(version: number, before: Record<string, string>, after: Record<string, string>): Promise<void> {
  const u = await undo(db, { draftId, expectedVersion: version });
  expect(await state()).toEqual(before);
  const r = await redo(db, { draftId, expectedVersion: u.version });
  expect(r.redone.operation).toBe(u.undone.operation);
  expect(await state()).toEqual(after);
}

async function editsApplied(): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grid_draft_edit WHERE draft_id = $1 AND NOT undone', [draftId]);
  return row!.n;
}

// Each test starts from the draft as opened: whatever it applied is undone afterwards, even when it fails.
let start: Record<string, string>;
let applied: number;
beforeEach(async () => {
  start = await state();
  applied = await editsApplied();
});
afterEach(async () => {
  while ((await editsApplied()) > applied) await undo(db, await ref());
  expect(await state()).toEqual(start);
});

describe('giveAreaToNeighbour', () => {
  it('gives a gap to the neighbour the engine names (longest shared edge); refusals change nothing', async () => {
    // Redraw the NW quadrant short of its east and north edges: an L-shaped gap that shares 1.8 km of
    // edge with the new grid and 1.1 km with the NE quadrant.
    await deleteGrid(db, await ref(), { key: await keyOf(NW) });
    const { result: small } = await createGrid(db, await ref(), { geometry: poly(118.0, 32.01, 118.008, 32.0195) });
    const sw = await keyOf(SW);
    // Drawn beside the SW quadrant, on its north edge: its corner (118.008, 32.01) became SW's vertex too.
    expect(await hasVertex(sw, 118.008, 32.01)).toBe(true);
    const report = await validateDraft(db, draftId);
    const gap = findingOf(report.findings, 'COVERAGE_GAP', 'give-to-neighbour');
    expect(gap.fix).toMatchObject({ gridKey: null, targetGridKey: small.key });
    const neKey = await keyOf(NE);
    const seKey = await keyOf(SE);
    const bEast = await keyOf(B_EAST);

    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: gap.geometry, fromKey: null, toKey: `inforce:${NE}` }), 'GIVE_TARGET_NOT_IN_DRAFT');
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: gap.geometry, fromKey: null, toKey: 'g999' }), 'GIVE_TARGET_NOT_IN_DRAFT');
    // SE touches the gap at a corner only.
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: gap.geometry, fromKey: null, toKey: seKey }), 'GIVE_NOT_ADJACENT');
    // A grid of community B can take nothing of a gap in A (it would spill).
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: gap.geometry, fromKey: null, toKey: bEast }), 'NOTHING_TO_GIVE');
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: gap.geometry, fromKey: 'g999', toKey: small.key }), 'GRID_NOT_FOUND');
    // Part of a grid of A never goes to a grid of B, even named by hand.
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: poly(118.019, 32.011, 118.02, 32.019), fromKey: neKey, toKey: bEast }), 'GIVE_OTHER_COMMUNITY');
    // Land already held by a grid (the NE quadrant) is never taken without naming it as the source.
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: poly(118.011, 32.011, 118.019, 32.019), fromKey: null, toKey: neKey }), 'NOTHING_TO_GIVE');
    // Nor land outside the target's community (here outside the street).
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: poly(117.99, 32.01, 118.0, 32.02), fromKey: null, toKey: small.key }), 'NOTHING_TO_GIVE');
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: { type: 'Point', coordinates: [118, 32] }, fromKey: null, toKey: small.key }), 'GRID_GEOMETRY_INPUT');
    await expectRefused(
      (r) => giveAreaToNeighbour(db, r, { area: { type: 'Polygon', coordinates: [[[118, 32.01], [118.01, 32.02], [118.01, 32.01], [118, 32.02], [118, 32.01]]] }, fromKey: null, toKey: small.key }),
      'GRID_GEOMETRY_INVALID',
    );

    const before = await state();
    const res = await giveAreaToNeighbour(db, await ref(), { area: gap.geometry, fromKey: gap.fix.gridKey, toKey: gap.fix.targetGridKey });
    // The target keeps its old corner (118.008, 32.01) on its south edge, which SW already shares.
    expect(res.result).toMatchObject({ toKey: small.key, fromKey: null, fromDeleted: false, neighboursChanged: [] });
    expect(res.result.areaM2).toBeCloseTo(gap.areaM2!, -1);
    expect(res.result.sharedEdgeM).toBeGreaterThan(1700);
    expect(await equalsBox(small.key, 118.0, 32.01, 118.01, 32.02)).toBe(true);
    // No other grid changed.
    const after = await state();
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([small.key]);
    expect(await equalsBox(sw, 118.0, 32.0, 118.01, 32.01)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(fixed.findings.filter((f) => f.code === 'COVERAGE_GAP')).toEqual([]);
    expect(appeared(report.findings, fixed.findings)).toEqual([]);
    expect(fixed.blocking).toBe(0);

    await expectUndoRedo(res.version, before, after);
  });

  it('gives a sliver grid away whole: it is deleted and its neighbour takes its land', async () => {
    await deleteGrid(db, await ref(), { key: await keyOf(NW) });
    const { result: main } = await createGrid(db, await ref(), { geometry: poly(118.0, 32.01, 118.01, 32.0199) });
    // 11 m x 944 m along the community's north edge: thin (4πA/P² ≈ 0.04).
    const { result: sliver } = await createGrid(db, await ref(), { geometry: poly(118.0, 32.0199, 118.01, 32.02) });
    const report = await validateDraft(db, draftId);
    const f = findingOf(report.findings, 'GRID_SLIVER', 'give-to-neighbour', sliver.key);
    expect(f.fix).toMatchObject({ gridKey: sliver.key, targetGridKey: main.key });

    const before = await state();
    const res = await giveAreaToNeighbour(db, await ref(), { area: f.geometry, fromKey: f.fix.gridKey, toKey: f.fix.targetGridKey });
    expect(res.result).toMatchObject({ toKey: main.key, fromKey: sliver.key, fromDeleted: true });
    const after = await state();
    expect(Object.keys(after)).not.toContain(sliver.key);
    expect(await equalsBox(main.key, 118.0, 32.01, 118.01, 32.02)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(fixed.findings.filter((x) => x.code === 'GRID_SLIVER')).toEqual([]);
    expect(appeared(report.findings, fixed.findings)).toEqual([]);
    expect(fixed.blocking).toBe(0);

    await expectUndoRedo(res.version, before, after);
  });

  it('gives part of a grid: the source keeps the rest, both still tile, and the neighbours get the new vertices', async () => {
    const nw = await keyOf(NW);
    const ne = await keyOf(NE);
    const sw = await keyOf(SW);
    const strip = poly(118.009, 32.01, 118.01, 32.02);
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: strip, fromKey: nw, toKey: nw }), 'NOTHING_TO_GIVE');
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: poly(118.011, 32.011, 118.012, 32.012), fromKey: nw, toKey: ne }), 'NOTHING_TO_GIVE');

    const res = await giveAreaToNeighbour(db, await ref(), { area: strip, fromKey: nw, toKey: ne });
    expect(res.result.fromDeleted).toBe(false);
    expect(res.result.neighboursChanged).toContain(sw);
    expect(await equalsBox(nw, 118.0, 32.01, 118.009, 32.02)).toBe(true);
    expect(await equalsBox(ne, 118.009, 32.01, 118.02, 32.02)).toBe(true);
    // The new corner (118.009, 32.01) lies on the SW quadrant's north edge: it is now a vertex there too.
    expect(await hasVertex(sw, 118.009, 32.01)).toBe(true);
    expect((await validateDraft(db, draftId)).blocking).toBe(0);
  });

  it('fills a hole of a grid from the engine\'s hole finding', async () => {
    const ne = await keyOf(NE);
    const withHole = {
      type: 'Polygon',
      coordinates: [
        [[118.01, 32.01], [118.02, 32.01], [118.02, 32.02], [118.01, 32.02], [118.01, 32.01]],
        [[118.013, 32.013], [118.013, 32.017], [118.017, 32.017], [118.017, 32.013], [118.013, 32.013]],
      ],
    };
    await updateGeometry(db, await ref(), { key: ne, geometry: withHole });
    const report = await validateDraft(db, draftId);
    const hole = findingOf(report.findings, 'GRID_HOLE', 'give-to-neighbour');
    expect(hole.fix).toMatchObject({ gridKey: null, targetGridKey: ne });

    const before = await state();
    const res = await giveAreaToNeighbour(db, await ref(), { area: hole.geometry, fromKey: hole.fix.gridKey, toKey: hole.fix.targetGridKey });
    const after = await state();
    expect(await equalsBox(ne, 118.01, 32.01, 118.02, 32.02)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(fixed.findings.filter((f) => f.code === 'GRID_HOLE')).toEqual([]);
    expect(appeared(report.findings, fixed.findings)).toEqual([]);
    expect(fixed.blocking).toBe(0);

    await expectUndoRedo(res.version, before, after);
  });

  it('gives a multipart grid\'s stray parts away one neighbour at a time: no neighbour becomes multipart', async () => {
    const nw = await keyOf(NW);
    const ne = await keyOf(NE);
    const sw = await keyOf(SW);
    // NW owns two detached islands: a larger one inside NE, a smaller one inside SW (holes there).
    const inNe = [[118.013, 32.013], [118.017, 32.013], [118.017, 32.017], [118.013, 32.017], [118.013, 32.013]];
    const inSw = [[118.003, 32.003], [118.005, 32.003], [118.005, 32.005], [118.003, 32.005], [118.003, 32.003]];
    const quadrant = (w: number, s: number) => [[w, s], [w + 0.01, s], [w + 0.01, s + 0.01], [w, s + 0.01], [w, s]];
    await updateGeometry(db, await ref(), { key: ne, geometry: { type: 'Polygon', coordinates: [quadrant(118.01, 32.01), [...inNe].reverse()] } });
    await updateGeometry(db, await ref(), { key: sw, geometry: { type: 'Polygon', coordinates: [quadrant(118.0, 32.0), [...inSw].reverse()] } });
    await updateGeometry(db, await ref(), { key: nw, geometry: { type: 'MultiPolygon', coordinates: [[quadrant(118.0, 32.01)], [inNe], [inSw]] } });
    const report = await validateDraft(db, draftId);
    const multipart = findingOf(report.findings, 'GRID_MULTIPART', 'give-to-neighbour', nw);
    expect(multipart.fix).toMatchObject({ gridKey: nw, targetGridKey: ne });
    expect(multipart.geometry?.type).toBe('MultiPolygon');

    // The finding draws both islands; only the one NE shares an edge with goes to NE.
    await giveAreaToNeighbour(db, await ref(), { area: multipart.geometry, fromKey: nw, toKey: ne });
    expect(await equalsBox(ne, 118.01, 32.01, 118.02, 32.02)).toBe(true);
    const [parts] = await db.query<{ n: number }>('SELECT ST_NumGeometries(geom) AS n FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2', [draftId, nw]);
    expect(parts!.n).toBe(2);

    // The island left in SW now has its own suggestion, and taking it leaves every grid in one piece.
    const second = findingOf((await validateDraft(db, draftId)).findings, 'GRID_MULTIPART', 'give-to-neighbour', nw);
    expect(second.fix).toMatchObject({ gridKey: nw, targetGridKey: sw });
    await giveAreaToNeighbour(db, await ref(), { area: second.geometry, fromKey: nw, toKey: sw });
    expect(await equalsBox(sw, 118.0, 32.0, 118.01, 32.01)).toBe(true);
    expect(await equalsBox(nw, 118.0, 32.01, 118.01, 32.02)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(fixed.findings.filter((f) => f.code === 'GRID_MULTIPART')).toEqual([]);
    expect(fixed.blocking).toBe(0);
  });
});

describe('give-to-neighbour never crosses a community border', () => {
  const B_WEST = '320102001002001';
  const ring = (...pts: [number, number][]) => ({ type: 'Polygon', coordinates: [[...pts, pts[0]!]] });
  /**
   * Notches the NE and SE quadrants along community A's east border (x 118.02), so that the notch
   * [x0, 118.02] x [32.006, 32.015] shares 999 m with community B's west grid and less with each of
   * NE (555 m + the cap) and SE (444 m + the cap): the longest shared edge is across the border.
   */
  async function notchAlongBorder(x0: number): Promise<{ ne: string; se: string; bWest: string }> {
    const ne = await keyOf(NE);
    const se = await keyOf(SE);
    await updateGeometry(db, await ref(), { key: ne, geometry: ring([118.01, 32.01], [x0, 32.01], [x0, 32.015], [118.02, 32.015], [118.02, 32.02], [118.01, 32.02]) });
    await updateGeometry(db, await ref(), { key: se, geometry: ring([118.01, 32.0], [118.02, 32.0], [118.02, 32.006], [x0, 32.006], [x0, 32.01], [118.01, 32.01]) });
    return { ne, se, bWest: await keyOf(B_WEST) };
  }

  it('a gap in community A along the border with B goes to a grid of A (the old target B would spill)', async () => {
    const { ne, bWest } = await notchAlongBorder(118.019);
    const report = await validateDraft(db, draftId);
    const gap = findingOf(report.findings, 'COVERAGE_GAP', 'give-to-neighbour');
    // NE, not B's west grid, although B's grid shares the longer edge (999 m against 649 m).
    expect(gap.fix).toMatchObject({ gridKey: null, targetGridKey: ne });
    expect(gap.fix.sharedEdgeM).toBeGreaterThan(600);
    expect(gap.fix.sharedEdgeM).toBeLessThan(700);
    // Given by hand to B's grid, the gap is clipped to B's community: nothing of it can go there.
    await expectRefused((r) => giveAreaToNeighbour(db, r, { area: gap.geometry, fromKey: null, toKey: bWest }), 'NOTHING_TO_GIVE');

    const before = await state();
    const res = await giveAreaToNeighbour(db, await ref(), { area: gap.geometry, fromKey: gap.fix.gridKey, toKey: gap.fix.targetGridKey });
    expect(res.result.toKey).toBe(ne);
    const after = await state();
    // B's west grid keeps its land exactly (it only gains the new corners on its edge, as shared vertices).
    expect(await equalsBox(bWest, 118.02, 32.0, 118.03, 32.02)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(fixed.findings.filter((f) => f.code === 'COVERAGE_GAP' || f.code === 'GRID_SPILL')).toEqual([]);
    expect(appeared(report.findings, fixed.findings)).toEqual([]);
    expect(fixed.blocking).toBe(0);
    await expectUndoRedo(res.version, before, after);
  });

  it('a sliver grid of A along the border goes to a grid of A, not to the longer-edged grid of B', async () => {
    const { ne, bWest } = await notchAlongBorder(118.0199);
    // The notch as a grid of its own: 9 m x 999 m, in community A (it lies wholly there).
    const { result: sliver } = await createGrid(db, await ref(), { geometry: poly(118.0199, 32.006, 118.02, 32.015) });
    const report = await validateDraft(db, draftId);
    const f = findingOf(report.findings, 'GRID_SLIVER', 'give-to-neighbour', sliver.key);
    expect(f.fix).toMatchObject({ gridKey: sliver.key, targetGridKey: ne });

    const before = await state();
    const res = await giveAreaToNeighbour(db, await ref(), { area: f.geometry, fromKey: f.fix.gridKey, toKey: f.fix.targetGridKey });
    expect(res.result).toMatchObject({ toKey: ne, fromKey: sliver.key, fromDeleted: true });
    const after = await state();
    expect(await equalsBox(bWest, 118.02, 32.0, 118.03, 32.02)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(fixed.findings.filter((x) => x.code === 'GRID_SLIVER' || x.code === 'GRID_SPILL')).toEqual([]);
    expect(appeared(report.findings, fixed.findings)).toEqual([]);
    expect(fixed.blocking).toBe(0);
    await expectUndoRedo(res.version, before, after);
  });
});

describe('clipToCommunity', () => {
  it('cuts a grid spilling into the next community back to its own: spill and overlap both gone', async () => {
    const ne = await keyOf(NE);
    // 94 m into community B, over B's west grid.
    await updateGeometry(db, await ref(), { key: ne, geometry: poly(118.01, 32.01, 118.021, 32.02) });
    const report = await validateDraft(db, draftId);
    expect(report.findings.filter((f) => f.severity === 'blocking').map((f) => f.code).sort()).toEqual(['GRID_OVERLAP', 'GRID_SPILL']);
    const spill = findingOf(report.findings, 'GRID_SPILL', 'clip-to-parent');
    expect(spill.fix.gridKey).toBe(ne);

    const before = await state();
    const res = await clipToCommunity(db, await ref(), { key: spill.fix.gridKey });
    expect(res.result.removedM2).toBeCloseTo(spill.areaM2!, -1);
    const after = await state();
    expect(await equalsBox(ne, 118.01, 32.01, 118.02, 32.02)).toBe(true);
    const fixed = await validateDraft(db, draftId);
    expect(appeared(report.findings, fixed.findings)).toEqual([]);
    expect(fixed.blocking).toBe(0);

    await expectUndoRedo(res.version, before, after);
  });

  it('refuses a grid with nothing outside, an unknown grid, and a grid with nothing inside its community', async () => {
    const nw = await keyOf(NW);
    await expectRefused((r) => clipToCommunity(db, r, { key: nw }), 'NOTHING_TO_CLIP');
    await expectRefused((r) => clipToCommunity(db, r, { key: 'g999' }), 'GRID_NOT_FOUND');
    // Drawn east of the street but assigned to community A: no edit may store it (it lies outside the street).
    await expectRefused((r) => createGrid(db, r, { geometry: poly(118.05, 32.0, 118.06, 32.01), attributes: { communityId: street.communityA } }), 'GRID_OUTSIDE_STREET');
    // Such a grid can still come from the data the draft was opened from; clipping it would leave nothing.
    const [far] = await db.query<{ grid_key: string }>(
      `INSERT INTO grid_draft_grid (draft_id, grid_key, code, name, community_id, geom)
       VALUES ($1, 'g900', NULL, '远处网格', $2, ST_Multi(ST_MakeEnvelope(118.05, 32.0, 118.06, 32.01, 4326))) RETURNING grid_key`,
      [draftId, street.communityA],
    );
    await expectRefused((r) => clipToCommunity(db, r, { key: far!.grid_key }), 'GEOMETRY_OPERATION_FAILED');
    await db.execute(`DELETE FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = 'g900'`, [draftId]);
  });
});
