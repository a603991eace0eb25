/**
 * Moving a shared boundary against a real database (PGlite, or PostGIS when DATABASE_URL is set), on the
 * fixture street of __fixtures__/small-street.ts: community A is [118.00, 118.02] x [32.00, 32.02] in four
 * quadrant grids 001 NW, 002 NE, 003 SW, 004 SE; community B's grids 001/002 are its west/east halves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { getDraft, openDraft } from './store';
import { redo, undo } from './edit';
import { reshapeSharedBoundary } from './operations/reshape-shared-boundary';
import { validateDraft } from './validate-draft';
import { seedSmallStreet, type SmallStreet } from './__fixtures__/small-street';
import { currentRef, draftState, expectDraftError, gridKeyOf, gridsWithVertex as gridsWithVertexOf } from './__fixtures__/draft-assertions';

let t: TestDatabase;
let db: Db;
let street: SmallStreet;
let draftId: number;
let nw: string, ne: string, sw: string, se: string, bWest: string;

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
  street = await seedSmallStreet(db);
  draftId = (await openDraft(db, street.streetId)).draftId;
  [nw, ne, sw, se, bWest] = await Promise.all(
    ['320102001001001', '320102001001002', '320102001001003', '320102001001004', '320102001002001'].map(keyOf),
  );
});
afterAll(async () => {
  await t?.dispose();
});

const state = () => draftState(db, draftId);
const ref = () => currentRef(db, draftId);
const keyOf = (code: string) => gridKeyOf(db, draftId, code);

const line = (...coordinates: [number, number][]) => ({ type: 'LineString', coordinates });
/** The new course of the NW/NE boundary: from the north junction via a bend 0.003° east to the centre. */
const bent = line([118.01, 32.02], [118.013, 32.015], [118.01, 32.01]);
const TRIANGLE = `ST_GeomFromText('POLYGON((118.01 32.02, 118.013 32.015, 118.01 32.01, 118.01 32.02))', 4326)`;
const envelope = (w: number, s: number, e: number, n: number) => `ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;

/** A boolean or number computed in SQL over the draft grids, named g_<key> in `expr`. */
async function sql<T>(expr: string, keys: string[]): Promise<T> {
  const from = keys.map((k, i) => `(SELECT geom FROM grid_draft_grid WHERE draft_id = ${draftId} AND grid_key = $${i + 1}) AS g_${k}`);
  const [row] = await db.query<{ v: T }>(`SELECT ${expr} AS v FROM (SELECT ${['1 AS one', ...from].join(', ')}) s`, keys);
  return row!.v;
}

const gridsWithVertex = (x: number, y: number) => gridsWithVertexOf(db, draftId, x, y);

/** Vertices of a grid of community A lying on another one's boundary without being a vertex of it. */
async function tJunctions(): Promise<string[]> {
  const rows = await db.query<{ t: string }>(
    `SELECT x.grid_key || '>' || y.grid_key || ' ' || ST_AsText(p.geom) AS t
       FROM grid_draft_grid x JOIN grid_draft_grid y ON y.draft_id = x.draft_id AND y.grid_key <> x.grid_key AND y.community_id = x.community_id,
            LATERAL ST_DumpPoints(x.geom) p
      WHERE x.draft_id = $1 AND x.community_id = $2 AND ST_Intersects(p.geom, ST_Boundary(y.geom))
        AND NOT EXISTS (SELECT 1 FROM ST_DumpPoints(y.geom) q WHERE ST_Equals(q.geom, p.geom))`,
    [draftId, street.communityA],
  );
  return rows.map((r) => r.t);
}

async function blockingFindings(): Promise<string[]> {
  return (await validateDraft(db, draftId)).findings.filter((f) => f.severity === 'blocking').map((f) => f.code);
}

/** The edit is refused with `code`, and the draft is the same, bit for bit, at the same version. */
async function expectRefused(input: { keys: string[]; line?: unknown }, code: string): Promise<void> {
  const before = await state();
  const r = await ref();
  await expectDraftError(reshapeSharedBoundary(db, r, input), code);
  expect(await state()).toEqual(before);
  expect((await getDraft(db, draftId)).version).toBe(r.expectedVersion);
}

describe('reshapeSharedBoundary', () => {
  let exactAfter: Record<string, string>;

  it('moves the NW/NE boundary onto a bent line: NW gains exactly the triangle NE loses, shared edge for edge', async () => {
    const before = await state();
    const [oldNw, oldNe, tri] = await Promise.all([
      sql<number>(`ST_Area(g_${nw}::geography)`, [nw]),
      sql<number>(`ST_Area(g_${ne}::geography)`, [ne]),
      sql<number>(`ST_Area(${TRIANGLE}::geography)`, []),
    ]);
    const r = await ref();
    const res = await reshapeSharedBoundary(db, r, { keys: [nw, ne], line: bent });
    expect(res.version).toBe(r.expectedVersion + 1);
    expect(res.result.keys).toEqual([nw, ne]);
    expect(res.result.areaM2[nw]! - oldNw).toBeCloseTo(tri, 2);
    expect(oldNe - res.result.areaM2[ne]!).toBeCloseTo(tri, 2);
    expect(tri).toBeGreaterThan(1.0e5);

    // The very shapes expected, and the pair's union unchanged.
    expect(await sql(`ST_Equals(g_${nw}, ST_Union(${envelope(118, 32.01, 118.01, 32.02)}, ${TRIANGLE}))`, [nw])).toBe(true);
    expect(await sql(`ST_Equals(g_${ne}, ST_Difference(${envelope(118.01, 32.01, 118.02, 32.02)}, ${TRIANGLE}))`, [ne])).toBe(true);
    expect(await sql(`ST_Equals(ST_Union(g_${nw}, g_${ne}), ${envelope(118, 32.01, 118.02, 32.02)})`, [nw, ne])).toBe(true);

    // The common edge is the drawn line, shared exactly: a line (not a point, not an area), vertex for vertex.
    expect(await sql(`ST_Relate(g_${nw}, g_${ne}, '****1****') AND NOT ST_Relate(g_${nw}, g_${ne}, '2********')`, [nw, ne])).toBe(true);
    expect(await sql(`ST_Dimension(ST_Intersection(g_${nw}, g_${ne}))`, [nw, ne])).toBe(1);
    expect(await sql(`ST_Equals(ST_Intersection(g_${nw}, g_${ne}), ST_GeomFromGeoJSON('${JSON.stringify(bent)}'))`, [nw, ne])).toBe(true);
    expect(await gridsWithVertex(118.013, 32.015)).toEqual([nw, ne].sort());

    // Nothing else changed: codes and attributes of all, geometry of the other grids (as point sets).
    const after = await state();
    const attrs = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.slice(0, v.lastIndexOf('|'))]));
    expect(attrs(after)).toEqual(attrs(before));
    for (const k of [sw, se, bWest]) {
      const wkb = before[k]!.slice(before[k]!.lastIndexOf('|') + 1);
      expect(await sql(`ST_Equals(g_${k}, ST_GeomFromWKB(decode('${wkb}', 'hex'), 4326))`, [k])).toBe(true);
    }
    expect(await blockingFindings()).toEqual([]);
    expect(await tJunctions()).toEqual([]);

    // One undo step restores the draft bit for bit; redo re-applies it.
    const u = await undo(db, { draftId, expectedVersion: res.version });
    expect(await state()).toEqual(before);
    await redo(db, { draftId, expectedVersion: u.version });
    expect(await state()).toEqual(after);
    exactAfter = after;
    await undo(db, await ref());
    expect(await state()).toEqual(before);
  });

  it('takes ends drawn within half a metre of the junctions as the junctions', async () => {
    const before = await state();
    const m = 1 / 111_195; // a metre of latitude, in degrees
    const noisy = line([118.01 + 0.2 * m, 32.02 - 0.3 * m], [118.013, 32.015], [118.01 - 0.3 * m, 32.01 + 0.1 * m]);
    await reshapeSharedBoundary(db, await ref(), { keys: [nw, ne], line: noisy });
    expect(await state()).toEqual(exactAfter);
    await undo(db, await ref());
    expect(await state()).toEqual(before);
  });

  it('the part overlapping the first grid most becomes the first grid, whichever order the keys come in', async () => {
    const before = await state();
    await reshapeSharedBoundary(db, await ref(), { keys: [ne, nw], line: bent });
    expect(await state()).toEqual(exactAfter);
    await undo(db, await ref());
    expect(await state()).toEqual(before);
  });

  it('gives a line end that lands mid-edge to the third grid across that edge', async () => {
    const before = await state();
    // The south end moves 0.003° east of the centre, onto the north edge of SE (drawn with float noise).
    const res = await reshapeSharedBoundary(db, await ref(), { keys: [nw, ne], line: line([118.01, 32.02], [118.013000003, 32.0100000004]) });
    expect(res.result.neighboursChanged).toContain(se);
    expect(await gridsWithVertex(118.013, 32.01)).toEqual([nw, ne, se].sort());
    const seWkb = before[se]!.slice(before[se]!.lastIndexOf('|') + 1);
    expect(await sql(`ST_Equals(g_${se}, ST_GeomFromWKB(decode('${seWkb}', 'hex'), 4326))`, [se])).toBe(true);
    expect(await sql(`ST_Equals(ST_Union(g_${nw}, g_${ne}), ${envelope(118, 32.01, 118.02, 32.02)})`, [nw, ne])).toBe(true);
    expect(await tJunctions()).toEqual([]);
    expect(await blockingFindings()).toEqual([]);
    await undo(db, await ref());
    expect(await state()).toEqual(before);
  });

  it('refuses a line whose ends are off the outline', async () => {
    // Both ends about 110 m inside the pair.
    await expectRefused({ keys: [nw, ne], line: line([118.01, 32.019], [118.013, 32.015], [118.01, 32.011]) }, 'BOUNDARY_LINE_INVALID');
    // One end beyond the outline (drawn past the junction).
    await expectRefused({ keys: [nw, ne], line: line([118.01, 32.021], [118.01, 32.01]) }, 'BOUNDARY_LINE_INVALID');
  });

  it('refuses a line that does not cut across the pair', async () => {
    // Along the north edge: both ends on the outline, but nothing is divided.
    await expectRefused({ keys: [nw, ne], line: line([118.005, 32.02], [118.015, 32.02]) }, 'BOUNDARY_LINE_INVALID');
    // Leaving the pair and coming back.
    await expectRefused({ keys: [nw, ne], line: line([118.01, 32.02], [118.01, 32.025], [118.012, 32.015], [118.01, 32.01]) }, 'BOUNDARY_LINE_INVALID');
    // Closed on itself: both ends on the same junction.
    await expectRefused({ keys: [nw, ne], line: line([118.01, 32.02], [118.013, 32.015], [118.007, 32.015], [118.01, 32.02]) }, 'BOUNDARY_LINE_INVALID');
  });

  it('refuses a line that cuts the pair into three parts, or crosses itself', async () => {
    // Down to the centre junction on the south edge and back up: three pieces.
    await expectRefused({ keys: [nw, ne], line: line([118.005, 32.02], [118.01, 32.01], [118.015, 32.02]) }, 'BOUNDARY_LINE_INVALID');
    await expectRefused(
      { keys: [nw, ne], line: line([118.01, 32.02], [118.012, 32.014], [118.014, 32.016], [118.008, 32.016], [118.01, 32.01]) },
      'BOUNDARY_LINE_INVALID',
    );
  });

  it('refuses grids that share no boundary, the same grid twice, an unknown grid, and grids of two communities', async () => {
    // NW and SE touch at the centre point only.
    await expectRefused({ keys: [nw, se], line: line([118.01, 32.02], [118.01, 32.01]) }, 'BOUNDARY_NOT_SHARED');
    await expectRefused({ keys: [nw, nw], line: bent }, 'BOUNDARY_NOT_SHARED');
    await expectRefused({ keys: [nw], line: bent }, 'BOUNDARY_NOT_SHARED');
    await expectRefused({ keys: [nw, 'g999'], line: bent }, 'GRID_NOT_FOUND');
    // NE (community A) and B's west half meet along x = 118.02, the community border.
    await expectRefused({ keys: [ne, bWest], line: line([118.02, 32.02], [118.021, 32.015], [118.02, 32.01]) }, 'BOUNDARY_IS_COMMUNITY_BORDER');
    await expectRefused({ keys: [nw, ne], line: { type: 'LineString', coordinates: [[118.01, 32.02]] } }, 'GRID_GEOMETRY_INPUT');
  });
});
