/**
 * The parity test: fixture cases with known answers, run on whichever engine the environment selects
 * (embedded PGlite by default, the PostGIS server with DATABASE_URL). The same file passing on both is
 * the proof that both engines give the same findings.
 */
import { area as turfArea } from '@turf/turf';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoundaryFeatureCollection, parseGridFeatureCollection } from '@/geo/interchange/parse-grid-feature-collection';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { parentFromBoundaries } from './service';
import { TopologyInputError } from './errors';
import { validateGridSet, validateGridsInForce } from './pipeline';
import type { TopologyReport } from './finding-codes';
import { CODES, U, cell, cleanC1, multi, rect, seedFixtureTerritory, at } from './__fixtures__/territory';

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof seedFixtureTerritory>>;

beforeAll(async () => {
  t = await openTestDatabase();
  ids = await t.db.transaction((tx) => seedFixtureTerritory(tx));
});
afterAll(async () => {
  await t?.dispose();
});

const codes = (r: TopologyReport) => r.findings.map((f) => f.code).sort();
const find = (r: TopologyReport, code: string) => r.findings.find((f) => f.code === code)!;
const expectArea = (actual: number | undefined, expected: Polygon) => {
  const want = turfArea(expected);
  expect(actual).toBeGreaterThan(0);
  expect(Math.abs(actual! - want) / want).toBeLessThan(0.01);
};

describe('topology engine: fixture cases with known answers', () => {
  it('a clean 2x2 grid community has no findings', async () => {
    const r = await validateGridSet(t.db, { grids: cleanC1(), parent: { kind: 'communities' } });
    expect(r.findings).toEqual([]);
    expect(r).toMatchObject({ ok: true, blocking: 0, warnings: 0, grids: 4, parents: 1 });
  });

  it('matches grids without a community code spatially', async () => {
    const r = await validateGridSet(t.db, { grids: cleanC1().map((g) => ({ ...g, communityCode: null })), parent: { kind: 'communities' } });
    expect(r.findings).toEqual([]);
  });

  it('takes needles of one grid step along a long edge for rounding noise, and a strip three steps wide for a gap', async () => {
    // Grid 1 with a vertex one 1e-7° step into grid 2 halfway up their 222 m edge: a needle of ~1 m².
    const [x1, y0] = at(1, 0);
    const [, y1] = at(1, 1);
    const poke: Polygon = { type: 'Polygon', coordinates: [[at(0, 0), at(1, 0), [+(x1! + 1e-7).toFixed(9), +((y0! + y1!) / 2).toFixed(9)], at(1, 1), at(0, 1), at(0, 0)]] };
    const needle = await validateGridSet(t.db, { grids: [cell(1, poke), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(needle.blocking).toBe(0);
    expect(needle.findings.filter((f) => f.code === 'GRID_OVERLAP').map((f) => f.severity)).toEqual(['warning']);
    // The same step inward on the community's boundary: no gap.
    const [x0] = at(0, 0);
    const dent: Polygon = { type: 'Polygon', coordinates: [[at(0, 0), at(1, 0), at(1, 1), at(0, 1), [+(x0! + 1e-7).toFixed(9), +((y0! + y1!) / 2).toFixed(9)], at(0, 0)]] };
    expect(codes(await validateGridSet(t.db, { grids: [cell(1, dent), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } }))).toEqual([]);
    // A strip three steps (~3 cm) wide along that boundary is a gap: 6 m² of it.
    const strip: Polygon = { type: 'Polygon', coordinates: [[[+(x0! + 3e-7).toFixed(9), y0!], at(1, 0), at(1, 1), [+(x0! + 3e-7).toFixed(9), y1!], [+(x0! + 3e-7).toFixed(9), y0!]]] };
    const gap = await validateGridSet(t.db, { grids: [cell(1, strip), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(gap)).toContain('COVERAGE_GAP');
  });

  it('a planted overlap: the overlap area, and the address in both grids', async () => {
    const r = await validateGridSet(t.db, { grids: [cell(1), cell(2, rect(0.9, 0, 2, 1)), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['ADDRESS_IN_SEVERAL', 'GRID_OVERLAP']);
    const o = find(r, 'GRID_OVERLAP');
    expect(o).toMatchObject({ severity: 'blocking', gridKeys: ['g1', 'g2'], fix: { kind: 'snap-to-neighbours' } });
    expectArea(o.areaM2, rect(0.9, 0, 1, 1));
    expect(o.geometry?.type).toBe('Polygon');
    expect(find(r, 'ADDRESS_IN_SEVERAL').gridKeys).toEqual(['g1', 'g2']);
    expect(o.message['zh-CN']).toContain('重叠');
    expect(o.message.en).toMatch(/overlap by [\d,]+ m²/);
  });

  it('a gap: its area, the address left in no grid, and the neighbour to give it to', async () => {
    const r = await validateGridSet(t.db, { grids: [cell(1), cell(2, rect(1.1, 0, 2, 1)), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['ADDRESS_UNASSIGNED', 'COVERAGE_GAP']);
    const gap = find(r, 'COVERAGE_GAP');
    expectArea(gap.areaM2, rect(1, 0, 1.1, 1));
    expect(gap.communityCode).toBe(CODES.c1);
    // Shared edges: g2 and g1 one unit each (222 m), g4 a tenth: the first of the longest wins.
    expect(gap.fix).toMatchObject({ kind: 'give-to-neighbour' });
    expect(['g1', 'g2']).toContain((gap.fix as { targetGridKey: string }).targetGridKey);
    expect(find(r, 'ADDRESS_UNASSIGNED')).toMatchObject({ households: 10, geometry: { type: 'Point' } });
  });

  it('a spill into another community of the same street', async () => {
    const r = await validateGridSet(t.db, { grids: [cell(1), cell(2), cell(3), cell(4, rect(1, 1, 2.1, 2))], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['GRID_SPILL']);
    const s = find(r, 'GRID_SPILL');
    expect(s).toMatchObject({ gridKeys: ['g4'], fix: { kind: 'clip-to-parent', gridKey: 'g4' } });
    expectArea(s.areaM2, rect(2, 1, 2.1, 2));
  });

  it('a spill also overlaps the neighbour in force when neighbours are compared', async () => {
    await t.db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom) SELECT $1, '二社区第1网格', 'comprehensive', id, geom FROM community WHERE code = $2`,
      [`${CODES.c1b}001`, CODES.c1b],
    );
    try {
      const r = await validateGridSet(t.db, { grids: [cell(1), cell(2), cell(3), cell(4, rect(1, 1, 2.1, 2))], parent: { kind: 'communities' }, neighbours: 'in-force' });
      expect(codes(r)).toEqual(['GRID_OVERLAP', 'GRID_SPILL']);
      expect(find(r, 'GRID_OVERLAP').gridKeys).toEqual(['g4', `inforce:${CODES.c1b}001`]);
      expect(r.neighbours).toBe(1);
      const clean = await validateGridSet(t.db, { grids: cleanC1(), parent: { kind: 'communities' }, neighbours: 'in-force' });
      expect(clean.findings).toEqual([]);
    } finally {
      await t.db.execute(`DELETE FROM grid WHERE code = $1`, [`${CODES.c1b}001`]);
    }
  });

  it('a bow-tie is reported with its reason, and its community is still checked on the repaired shape', async () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[at(0, 0), at(1, 1), at(1, 0), at(0, 1), at(0, 0)]] };
    const r = await validateGridSet(t.db, { grids: [cell(1, bowTie), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } });
    const f = find(r, 'GRID_SELF_INTERSECTION');
    expect(f).toMatchObject({ gridKeys: ['g1'], fix: { kind: 'make-valid', gridKey: 'g1' }, geometry: { type: 'Point' } });
    expect(f.reason).toMatch(/self-intersection/i);
    expect(f.repaired).toBeUndefined();
    // The repaired bow-tie is its two triangles (left and right of the cell): the top and bottom
    // triangles are gaps, found now instead of hidden, and marked as resting on the repaired shape.
    const gaps = r.findings.filter((x) => x.code === 'COVERAGE_GAP');
    expect(gaps).toHaveLength(2);
    for (const g of gaps) {
      expect(g.repaired).toBe(true);
      expect(g.communityCode).toBe(CODES.c1);
      expect(g.areaM2! / turfArea(rect(0, 0, 1, 1))).toBeCloseTo(0.25, 2);
    }
    // Every finding but the invalidity itself rests on the repaired shape of g1 or on its community.
    for (const x of r.findings) if (x !== f) expect(x.repaired, x.code).toBe(true);
    expect(r.notes.map((n) => n.en).join(' ')).toMatch(/repaired form/);
    expect(r.ok).toBe(false);
    // Without a community code the repaired grid is placed by its area: the same answer.
    const loose = await validateGridSet(t.db, { grids: [cell(1, bowTie, { communityCode: null }), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(loose)).toEqual(codes(r));
  });

  it('a ring with too few points is an empty/degenerate part', async () => {
    const flat: Polygon = { type: 'Polygon', coordinates: [[at(0, 0), at(1, 0), at(0, 0)]] };
    const r = await validateGridSet(t.db, { grids: [cell(1, flat), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['GRID_EMPTY_PART']);
  });

  it('a sliver next to its neighbour', async () => {
    const grids = [cell(1), cell(2, rect(1, 0, 1.99, 1)), cell(3), cell(4)];
    grids.push({ ...cell(2, rect(1.99, 0, 2, 1)), key: 'g5', code: `${CODES.c1}005`, kind: 'dedicated', dedicatedType: 'school' });
    const r = await validateGridSet(t.db, { grids, parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['GRID_SLIVER']);
    const s = find(r, 'GRID_SLIVER');
    expect(s).toMatchObject({ severity: 'warning', gridKeys: ['g5'], fix: { kind: 'give-to-neighbour', gridKey: 'g5', targetGridKey: 'g2' } });
    expectArea(s.areaM2, rect(1.99, 0, 2, 1));
  });

  it('a multipart grid (two diagonal cells) and its load above the norm', async () => {
    const g14 = { ...cell(1), key: 'g14', geometry: { type: 'MultiPolygon' as const, coordinates: [rect(0, 0, 1, 1).coordinates, rect(1, 1, 2, 2).coordinates] } };
    const r = await validateGridSet(t.db, { grids: [g14, cell(2), cell(3)], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['GRID_MULTIPART', 'LOAD_OUT_OF_NORM']);
    expect(find(r, 'GRID_MULTIPART')).toMatchObject({ severity: 'warning', gridKeys: ['g14'] });
    expect(find(r, 'LOAD_OUT_OF_NORM')).toMatchObject({ gridKeys: ['g14'], households: 805 });
  });

  it('a hole that no grid fills', async () => {
    const holed: Polygon = { type: 'Polygon', coordinates: [rect(0, 0, 1, 1).coordinates[0]!, rect(0.1, 0.1, 0.3, 0.3).coordinates[0]!.slice().reverse()] };
    const r = await validateGridSet(t.db, { grids: [cell(1, holed), cell(2), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['GRID_HOLE']);
    const h = find(r, 'GRID_HOLE');
    expect(h.gridKeys).toEqual(['g1']);
    expectArea(h.areaM2, rect(0.1, 0.1, 0.3, 0.3));
  });

  it('a hole filled by another grid is fine', async () => {
    const holed: Polygon = { type: 'Polygon', coordinates: [rect(0, 0, 1, 1).coordinates[0]!, rect(0.1, 0.1, 0.3, 0.3).coordinates[0]!.slice().reverse()] };
    const inner = { ...cell(1, rect(0.1, 0.1, 0.3, 0.3)), key: 'g9', code: `${CODES.c1}009`, kind: 'dedicated' as const, dedicatedType: 'school' as const };
    const r = await validateGridSet(t.db, { grids: [cell(1, holed), cell(2), cell(3), cell(4), inner], parent: { kind: 'communities' } });
    expect(r.findings).toEqual([]);
  });

  it('duplicate, malformed and missing codes', async () => {
    const r = await validateGridSet(t.db, {
      grids: [cell(1), cell(2, undefined, { code: `${CODES.c1}001` }), cell(3, undefined, { code: `${CODES.c1b}003` }), cell(4, undefined, { code: null })],
      parent: { kind: 'communities' },
    });
    expect(codes(r)).toEqual(['CODE_DUPLICATE', 'CODE_MALFORMED', 'CODE_MISSING']);
    expect(find(r, 'CODE_DUPLICATE').gridKeys).toEqual(['g1', 'g2']);
    expect(find(r, 'CODE_MALFORMED')).toMatchObject({ gridKeys: ['g3'], reason: 'CODE_WRONG_PARENT' });
    expect(find(r, 'CODE_MISSING').severity).toBe('warning');
    const bad = await validateGridSet(t.db, { grids: [cell(1, undefined, { code: '32010200100100A' })], parent: { kind: 'geometry', geometry: rect(0, 0, 1, 1) } });
    expect(find(bad, 'CODE_MALFORMED').reason).toBe('CODE_NOT_DIGITS');
  });

  it('an over-norm grid (two cells merged)', async () => {
    const r = await validateGridSet(t.db, { grids: [cell(1, rect(0, 0, 2, 1)), cell(3), cell(4)], parent: { kind: 'communities' } });
    expect(codes(r)).toEqual(['LOAD_OUT_OF_NORM']);
    expect(find(r, 'LOAD_OUT_OF_NORM')).toMatchObject({ severity: 'warning', households: 815, residents: 2038 });
  });

  it('an unknown community is blocking', async () => {
    const r = await validateGridSet(t.db, { grids: [cell(1, undefined, { communityCode: '320102009009' })], parent: { kind: 'communities' } });
    expect(codes(r)).toContain('COMMUNITY_UNKNOWN');
  });

  describe('cross-jurisdiction', () => {
    const c2Grid = () => ({ key: 'k', code: `${CODES.c2}001`, name: '三社区第1网格', kind: 'comprehensive' as const, dedicatedType: null, communityCode: CODES.c2, geometry: rect(3, 0, 4.2, 2) });

    it('a grid reaching into another district is blocking', async () => {
      const r = await validateGridSet(t.db, { grids: [c2Grid()], parent: { kind: 'communities' } });
      expect(codes(r)).toEqual(['CROSS_JURISDICTION']);
      const f = find(r, 'CROSS_JURISDICTION');
      expect(f.severity).toBe('blocking');
      expect(f.message.en).toContain('another district');
      expectArea(f.areaM2, rect(4, 0, 4.2, 2));
    });

    it('a pending transfer makes it a warning naming the arrangement', async () => {
      const [a] = await t.db.query<{ id: number }>(
        `INSERT INTO jurisdiction_arrangement (kind, name, from_street_id, to_street_id, geom)
         VALUES ('pending_transfer', '测试园区用地移交', $1, $2, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($3)), 4326)) RETURNING id`,
        [ids.streetB1, ids.streetA2, JSON.stringify(rect(4, 0, 4.3, 2))],
      );
      try {
        const r = await validateGridSet(t.db, { grids: [c2Grid()], parent: { kind: 'communities' } });
        expect(codes(r)).toEqual(['CROSS_JURISDICTION']);
        expect(find(r, 'CROSS_JURISDICTION')).toMatchObject({ severity: 'warning', arrangement: { id: a!.id, kind: 'pending_transfer', name: '测试园区用地移交', status: 'flagged' } });
        expect(r.ok).toBe(true);
        await t.db.execute(`UPDATE jurisdiction_arrangement SET status = 'resolved' WHERE id = $1`, [a!.id]);
        const resolved = await validateGridSet(t.db, { grids: [c2Grid()], parent: { kind: 'communities' } });
        expect(find(resolved, 'CROSS_JURISDICTION').severity).toBe('blocking');
      } finally {
        await t.db.execute(`DELETE FROM jurisdiction_arrangement WHERE id = $1`, [a!.id]);
      }
    });

    it('grids in an enclave are flagged with the arrangement', async () => {
      const [a] = await t.db.query<{ id: number }>(
        `INSERT INTO jurisdiction_arrangement (kind, name, home_street_id, host_district_id, geom)
         VALUES ('enclave', '测试飞地', $1, $2, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($3)), 4326)) RETURNING id`,
        [ids.streetA1, ids.districtB, JSON.stringify(rect(0, 0, 1, 1))],
      );
      try {
        const r = await validateGridSet(t.db, { grids: cleanC1(), parent: { kind: 'communities' } });
        expect(codes(r)).toEqual(['CROSS_JURISDICTION']);
        expect(find(r, 'CROSS_JURISDICTION')).toMatchObject({ severity: 'warning', gridKeys: ['g1'], arrangement: { kind: 'enclave' } });
      } finally {
        await t.db.execute(`DELETE FROM jurisdiction_arrangement WHERE id = $1`, [a!.id]);
      }
    });
  });

  describe('against a given boundary (files)', () => {
    it('clean', async () => {
      const grids = cleanC1().map((g) => ({ ...g, communityCode: null }));
      const r = await validateGridSet(t.db, { grids, parent: { kind: 'geometry', geometry: rect(0, 0, 2, 2) } });
      expect(r.findings).toEqual([]);
    });
    it('a gap and a spill against the boundary', async () => {
      const grids = [cell(1), cell(2, rect(1.1, 0, 2, 1)), cell(3), cell(4, rect(1, 1, 2.4, 2))].map((g) => ({ ...g, communityCode: null }));
      const r = await validateGridSet(t.db, { grids, parent: { kind: 'geometry', geometry: multi(rect(0, 0, 2, 2)) } });
      expect(codes(r)).toEqual(['ADDRESS_UNASSIGNED', 'COVERAGE_GAP', 'GRID_SPILL']);
      expectArea(find(r, 'GRID_SPILL').areaM2, rect(2, 1, 2.4, 2));
    });
    it('an invalid boundary is bad input', async () => {
      const bowTie: Polygon = { type: 'Polygon', coordinates: [[at(0, 0), at(1, 1), at(1, 0), at(0, 1), at(0, 0)]] };
      await expect(validateGridSet(t.db, { grids: cleanC1(), parent: { kind: 'geometry', geometry: bowTie } })).rejects.toBeInstanceOf(TopologyInputError);
    });
  });

  describe('grids in force', () => {
    it('a street, with its ungridded communities reported as such, not as gaps', async () => {
      await t.db.execute(
        `INSERT INTO grid (code, name, kind, community_id, geom)
         SELECT '${CODES.c1}00' || n, '一社区第' || n || '网格', 'comprehensive', c.id, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON(g)), 4326)
         FROM community c, unnest($1::text[]) WITH ORDINALITY AS u(g, n) WHERE c.code = $2`,
        [cleanC1().map((g) => JSON.stringify(g.geometry)), CODES.c1],
      );
      try {
        const r = await validateGridsInForce(t.db, { scope: { streetId: ids.streetA1 } });
        expect(codes(r)).toEqual(['COMMUNITY_UNGRIDDED']);
        expect(find(r, 'COMMUNITY_UNGRIDDED')).toMatchObject({ communityCode: CODES.c1b, households: 350 });
        expect(r).toMatchObject({ grids: 4, parents: 2, ok: true });
        const city = await validateGridsInForce(t.db, { scope: 'city' });
        expect(codes(city)).toEqual(['COMMUNITY_UNGRIDDED', 'COMMUNITY_UNGRIDDED', 'COMMUNITY_UNGRIDDED']);
      } finally {
        await t.db.execute(`DELETE FROM grid`);
      }
    });
  });

  it('grids in force overlapping across a street border: found from either side, on the grid table path', async () => {
    await t.db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom)
       SELECT '${CODES.c1}00' || n, '一社区第' || n || '网格', 'comprehensive', c.id, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON(g)), 4326)
       FROM community c, unnest($1::text[]) WITH ORDINALITY AS u(g, n) WHERE c.code = $2`,
      [cleanC1().map((g) => JSON.stringify(g.geometry)), CODES.c1],
    );
    await t.db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom) SELECT $1, '三社区第1网格', 'comprehensive', id, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($3)), 4326) FROM community WHERE code = $2`,
      [`${CODES.c2}001`, CODES.c2, JSON.stringify(rect(1.9, 0, 4, 2))],
    );
    try {
      const street = await validateGridsInForce(t.db, { scope: { streetId: ids.streetA1 } });
      expect(codes(street)).toEqual(['COMMUNITY_UNGRIDDED', 'GRID_OVERLAP', 'GRID_OVERLAP']);
      expect(street.findings.filter((f) => f.code === 'GRID_OVERLAP').map((f) => f.gridKeys)).toEqual([
        [`${CODES.c1}002`, `inforce:${CODES.c2}001`],
        [`${CODES.c1}004`, `inforce:${CODES.c2}001`],
      ]);
      expectArea(street.findings.find((f) => f.code === 'GRID_OVERLAP')!.areaM2, rect(1.9, 0, 2, 1));
      const city = await validateGridsInForce(t.db, { scope: 'city' });
      expect(codes(city)).toEqual(['COMMUNITY_UNGRIDDED', 'COMMUNITY_UNGRIDDED', 'CROSS_JURISDICTION', 'GRID_OVERLAP', 'GRID_OVERLAP', 'LOAD_OUT_OF_NORM']);
      expect(find(city, 'CROSS_JURISDICTION')).toMatchObject({ severity: 'blocking', gridKeys: [`${CODES.c2}001`] });
      expectArea(find(city, 'CROSS_JURISDICTION').areaM2, rect(1.9, 0, 3, 2));
      const other = await validateGridsInForce(t.db, { scope: { streetId: ids.streetA2 } });
      expect(codes(other)).toEqual(['CROSS_JURISDICTION', 'GRID_OVERLAP', 'GRID_OVERLAP', 'LOAD_OUT_OF_NORM']);
    } finally {
      await t.db.execute(`DELETE FROM grid`);
    }
  });

  it('the outside check: a community tiling of 25 grids against its boundary file, clean and with a bow-tie beside a gap', async () => {
    const file = (name: string) => readFileSync(`server/topology/__fixtures__/${name}`, 'utf8');
    const boundary = parseBoundaryFeatureCollection(file('community-boundary.geojson'));
    if (!boundary.ok) throw new Error('boundary not read');
    const parent = parentFromBoundaries(boundary.grids, 'boundary');
    expect(parent.name).toBe('长江路社区（320102001001）');
    const clean = parseGridFeatureCollection(file('community-25-grids.geojson'));
    const defects = parseGridFeatureCollection(file('community-25-grids-defects.geojson'));
    if (!clean.ok || !defects.ok) throw new Error('grids not read');
    expect((await validateGridSet(t.db, { grids: clean.grids, parent })).findings).toEqual([]);
    const r = await validateGridSet(t.db, { grids: defects.grids, parent });
    const gaps = r.findings.filter((f) => f.code === 'COVERAGE_GAP');
    expect(gaps.filter((f) => !f.repaired)).toHaveLength(1);
    expectArea(gaps.find((f) => !f.repaired)!.areaM2, {
      type: 'Polygon',
      // The east fifth of the south-east cell (grid 025), left uncovered.
      coordinates: [[[118.79108, 32.046], [118.7915, 32.046], [118.7915, 32.0479], [118.79108, 32.0479], [118.79108, 32.046]]],
    });
    expect(find(r, 'GRID_SELF_INTERSECTION').gridKeys).toEqual(['feature-12']);
  });

  it('works inside a caller transaction, twice', async () => {
    await t.db.transaction(async (tx) => {
      const a = await validateGridSet(tx, { grids: cleanC1(), parent: { kind: 'communities' } });
      const b = await validateGridSet(tx, { grids: [cell(1), cell(2, rect(1.1, 0, 2, 1)), cell(3), cell(4)], parent: { kind: 'communities' } });
      expect(a.findings).toEqual([]);
      expect(codes(b)).toContain('COVERAGE_GAP');
    });
  });

  it('reads tolerances from the settings', async () => {
    await t.db.execute(`INSERT INTO app_setting (key, value) VALUES ('topology_tolerance', '{"gapAreaM2": 5000}')`);
    try {
      const r = await validateGridSet(t.db, { grids: [cell(1), cell(2, rect(1.1, 0, 2, 1)), cell(3), cell(4)], parent: { kind: 'communities' } });
      expect(codes(r)).toEqual(['ADDRESS_UNASSIGNED']);
      expect(r.settings.gapAreaM2).toBe(5000);
    } finally {
      await t.db.execute(`DELETE FROM app_setting WHERE key = 'topology_tolerance'`);
    }
  });
});

void U;
