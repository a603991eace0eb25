/**
 * The whole demo city (all 11 districts) at a small scale, checked with PostGIS rather than by trusting
 * the generator: true coverages at every level, grids tiling every gridded community, every address in
 * exactly one grid, well-formed codes prefixed by their parent's, the two jurisdiction arrangements,
 * the supervision defects. Runs on the embedded engine, or on the server when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingOrder, typicalRowHeight } from '@/geo/codes/reading-order';
import { checkCode, type CodeLevel } from '@/geo/codes/territory-codes';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { seedDemoCity, type SeedSummary } from './demo-city';

/** Areas are compared in m² on the spheroid; the coverage is exact, this only absorbs float noise. */
const AREA_TOLERANCE_M2 = 0.01;
const SCALE = 0.05;

let t: TestDatabase;
let summary: SeedSummary;
const steps: string[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  summary = await seedDemoCity(t.db, { scale: SCALE, onProgress: (step) => steps.push(step) });
});

afterAll(async () => {
  await t?.dispose();
});

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;

describe('the demo city at scale 0.05', () => {
  it('has the real districts and streets and a plausible amount of everything else', async () => {
    expect(summary.districts).toBe(11);
    expect(summary.streets).toBe(143);
    expect(await count(`SELECT count(*)::int AS n FROM city WHERE code = '320100' AND name = '南京市'`)).toBe(1);
    const names = await t.db.query<{ code: string; name: string }>('SELECT code, name FROM district ORDER BY code');
    expect(names.map((d) => `${d.code}${d.name}`)).toEqual([
      '320102玄武区', '320104秦淮区', '320105建邺区', '320106鼓楼区', '320111浦口区', '320113栖霞区',
      '320114雨花台区', '320115江宁区', '320116六合区', '320117溧水区', '320118高淳区',
    ]);
    // 5-15 communities per street, at every scale.
    const perStreet = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM community GROUP BY street_id');
    expect(perStreet).toHaveLength(143);
    for (const { n } of perStreet) {
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(15 + 4); // 梅山街道 also holds the 4 enclave communities
    }
    expect(summary.households).toBeGreaterThan(3_000_000 * SCALE * 0.97);
    expect(summary.households).toBeLessThanOrEqual(3_000_000 * SCALE);
    expect(summary.incidents).toBe(40_000 * SCALE);
    expect(steps.length).toBeGreaterThan(5);
  });

  it('keeps every geometry valid and a MultiPolygon', async () => {
    for (const table of ['city', 'district', 'street', 'community', 'grid', 'jurisdiction_arrangement']) {
      expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR GeometryType(geom) <> 'MULTIPOLYGON'`)).toBe(0);
    }
  });

  it('has no crumbs: no detached part of a territory under 100 m²', async () => {
    for (const table of ['district', 'street', 'community', 'grid']) {
      expect(await count(`SELECT count(*)::int AS n FROM (SELECT (ST_Dump(geom)).geom AS g FROM ${table}) p WHERE ST_Area(g::geography) < 100`), table).toBe(0);
    }
  });

  it.each([['district'], ['street'], ['community'], ['grid']])('has no two %ss overlapping', async (table) => {
    const source = table === 'grid' ? 'grids_in_force(now())' : table;
    expect(
      await count(`SELECT count(*)::int AS n FROM ${source} a JOIN ${source} b ON a.id < b.id AND a.geom && b.geom
                   AND ST_Relate(a.geom, b.geom, '2********')`),
    ).toBe(0);
  });

  it('tiles the city with districts, each district with its streets, each street with its communities', async () => {
    const gaps = await t.db.query<{ level: string; code: string; gap: number; spill: number }>(`
      WITH pairs AS (
        SELECT 'city' AS level, c.code::text AS code, c.geom AS parent, (SELECT ST_Union(d.geom, 1e-7) FROM district d WHERE d.city_id = c.id) AS children FROM city c
        UNION ALL
        SELECT 'district', d.code, d.geom, (SELECT ST_Union(s.geom, 1e-7) FROM street s WHERE s.district_id = d.id) FROM district d
        UNION ALL
        SELECT 'street', s.code, s.geom, (SELECT ST_Union(c.geom, 1e-7) FROM community c WHERE c.street_id = s.id) FROM street s
      )
      SELECT level, code, ST_Area(ST_Difference(parent, children, 1e-7)::geography) AS gap, ST_Area(ST_Difference(children, parent, 1e-7)::geography) AS spill
      FROM pairs`);
    expect(gaps).toHaveLength(1 + 11 + 143);
    const bad = gaps.filter((g) => !(g.gap <= AREA_TOLERANCE_M2 && g.spill <= AREA_TOLERANCE_M2));
    expect(bad).toEqual([]);
  });

  it('tiles every gridded community with its grids in force (the science park counted where its land lies)', async () => {
    const rows = await t.db.query<{ code: string; gap: number; spill: number }>(`
      WITH land AS (
        SELECT c.id AS community_id, g.geom FROM grids_in_force(now()) g
        JOIN community c ON c.geom && g.geom AND ST_Covers(c.geom, ST_PointOnSurface(g.geom))
      ), tiled AS (SELECT community_id, ST_Union(geom, 1e-7) AS grids FROM land GROUP BY community_id)
      SELECT c.code, ST_Area(ST_Difference(c.geom, t.grids, 1e-7)::geography) AS gap, ST_Area(ST_Difference(t.grids, c.geom, 1e-7)::geography) AS spill
      FROM community c JOIN tiled t ON t.community_id = c.id`);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.filter((r) => !(r.gap <= AREA_TOLERANCE_M2 && r.spill <= AREA_TOLERANCE_M2))).toEqual([]);
    // Apart from the science park, a grid's land is its own community.
    expect(
      await count(`SELECT count(*)::int AS n FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id
                   WHERE g.arrangement_id IS NULL AND NOT ST_Covers(c.geom, g.geom)`),
    ).toBe(0);
  });

  it('leaves 2-4 streets, and the enclave, without grids; most communities have grids', async () => {
    const ungridded = await count(`SELECT count(*)::int AS n FROM street s WHERE NOT EXISTS (
      SELECT 1 FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id WHERE c.street_id = s.id)`);
    expect(ungridded).toBeGreaterThanOrEqual(2);
    expect(ungridded).toBeLessThanOrEqual(4);
    const withGrids = await count(`SELECT count(DISTINCT community_id)::int AS n FROM grids_in_force(now()) WHERE arrangement_id IS NULL`);
    expect(withGrids / summary.communities).toBeGreaterThan(0.9);
  });

  it('puts every address in exactly one grid in force when its community has grids, and none otherwise', async () => {
    const rows = await t.db.query<{ gridded: boolean; grids: number; n: number }>(`
      WITH gridded AS (SELECT DISTINCT community_id FROM grids_in_force(now()) WHERE arrangement_id IS NULL)
      SELECT (a.community_id IN (SELECT community_id FROM gridded)) AS gridded,
             (SELECT count(*) FROM grids_in_force(now()) g WHERE g.geom && a.geom AND ST_Covers(g.geom, a.geom))::int AS grids,
             count(*)::int AS n
      FROM standard_address a GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(rows.filter((r) => r.gridded && r.grids !== 1)).toEqual([]);
    expect(rows.filter((r) => !r.gridded && r.grids !== 0)).toEqual([]);
    expect(rows.find((r) => r.gridded && r.grids === 1)!.n).toBeGreaterThan(1000);
    expect(await count(`SELECT count(*)::int AS n FROM standard_address a JOIN community c ON c.id = a.community_id WHERE NOT ST_Covers(c.geom, a.geom)`)).toBe(0);
    // The view the map reads agrees.
    const [load] = await t.db.query<{ hh: number }>('SELECT sum(l.households)::int AS hh FROM grid_load l JOIN grids_in_force(now()) g ON g.id = l.grid_id');
    const [inGrids] = await t.db.query<{ hh: number }>(`SELECT sum(a.households)::int AS hh FROM standard_address a
      WHERE a.community_id IN (SELECT community_id FROM grids_in_force(now()) WHERE arrangement_id IS NULL)`);
    expect(load!.hh).toBe(inGrids!.hh);
  });

  it('gives unique, well-formed codes prefixed by the parent code', async () => {
    const levels: [CodeLevel, string][] = [
      ['district', `SELECT d.code, c.code AS parent FROM district d JOIN city c ON c.id = d.city_id`],
      ['street', `SELECT s.code, d.code AS parent FROM street s JOIN district d ON d.id = s.district_id`],
      ['community', `SELECT c.code, s.code AS parent FROM community c JOIN street s ON s.id = c.street_id`],
      ['grid', `SELECT g.code, c.code AS parent FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id`],
      ['address', `SELECT a.code, c.code AS parent FROM standard_address a JOIN community c ON c.id = a.community_id`],
    ];
    for (const [level, sql] of levels) {
      const rows = await t.db.query<{ code: string; parent: string }>(sql);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
      for (const r of rows) {
        if (level === 'district') {
          expect(checkCode('district', r.code)).toEqual({ valid: true });
          expect(r.code.startsWith(r.parent.slice(0, 4))).toBe(true);
        } else {
          expect(checkCode(level, r.code, r.parent)).toEqual({ valid: true });
        }
      }
    }
    expect(await count(`SELECT count(*)::int AS n FROM incident WHERE grid_code IS NOT NULL AND grid_code NOT IN (SELECT code FROM grids_in_force(now()))`)).toBe(0);
  });

  it('numbers grids west->east, north->south within a community', async () => {
    const rows = await t.db.query<{ community: string; code: string; x: number; y: number; area: number }>(`
      SELECT c.code AS community, g.code, ST_X(p) AS x, ST_Y(p) AS y, ST_Area(g.geom) AS area
      FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM grids_in_force(now())) g JOIN community c ON c.id = g.community_id
      WHERE g.community_id IN (SELECT community_id FROM grids_in_force(now()) GROUP BY community_id HAVING count(*) >= 2)
      ORDER BY c.code, g.code`);
    const byCommunity = new Map<string, typeof rows>();
    for (const r of rows) (byCommunity.get(r.community) ?? byCommunity.set(r.community, []).get(r.community)!).push(r);
    expect(byCommunity.size).toBeGreaterThan(5);
    for (const list of byCommunity.values()) {
      const area = list.reduce((s, r) => s + r.area, 0);
      const order = readingOrder(list, typicalRowHeight(area, list.length));
      // Codes ascend exactly in reading order, with sequences 001, 002, ...
      expect(order.map((i) => list[i]!.code)).toEqual(list.map((r) => r.code));
      expect(list.map((r) => Number(r.code.slice(12)))).toEqual(list.map((_, i) => i + 1));
    }
  });

  it('records the enclave: four communities of 雨花台区梅山街道 lying inside 江宁区, flagged, without grids', async () => {
    const [e] = await t.db.query<{ home: string; home_district: string; host: string; status: string; surrounded: number; perimeter: number; inside_home: boolean }>(`
      SELECT s.name AS home, hd.name AS home_district, d.name AS host, a.status,
             ST_Length(ST_Intersection(ST_Boundary(a.geom), d.geom, 1e-7)) AS surrounded, ST_Length(ST_Boundary(a.geom)) AS perimeter,
             ST_Covers(hd.geom, a.geom) AS inside_home
      FROM jurisdiction_arrangement a JOIN street s ON s.id = a.home_street_id JOIN district hd ON hd.id = s.district_id
      JOIN district d ON d.id = a.host_district_id WHERE a.kind = 'enclave'`);
    expect(e).toMatchObject({ home: '梅山街道', home_district: '雨花台区', host: '江宁区', status: 'flagged', inside_home: true });
    // Its whole outline borders the host district: it lies inside 江宁区's outer boundary.
    expect(Math.abs(e!.surrounded - e!.perimeter)).toBeLessThan(1e-9);
    const communities = await t.db.query<{ code: string; grids: number }>(`
      SELECT c.code, (SELECT count(*) FROM grid g WHERE g.community_id = c.id)::int AS grids
      FROM community c JOIN jurisdiction_arrangement a ON a.kind = 'enclave' AND ST_Covers(a.geom, ST_PointOnSurface(c.geom))`);
    expect(communities).toHaveLength(4);
    expect(communities.every((c) => c.grids === 0)).toBe(true);
  });

  it('records the pending transfer: 研创园 assigned to street B while its land lies in street C', async () => {
    const rows = await t.db.query<{ kind: string; dedicated_type: string; owner_street: number; land_street: number; from_street: number; to_street: number; status: string }>(`
      SELECT g.kind, g.dedicated_type, c.street_id AS owner_street, land.street_id AS land_street, a.from_street_id AS from_street, a.to_street_id AS to_street, a.status
      FROM grids_in_force(now()) g JOIN jurisdiction_arrangement a ON a.id = g.arrangement_id JOIN community c ON c.id = g.community_id
      JOIN community land ON ST_Covers(land.geom, ST_PointOnSurface(g.geom))
      WHERE a.kind = 'pending_transfer'`);
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(r).toMatchObject({ kind: 'dedicated', dedicated_type: 'park', status: 'flagged' });
    expect(r.owner_street).toBe(r.to_street);
    expect(r.land_street).toBe(r.from_street);
    expect(r.from_street).not.toBe(r.to_street);
    expect(await count(`SELECT count(*)::int AS n FROM grid WHERE name LIKE '%研创园%'`)).toBe(1);
  });

  it('has dedicated grids for parks, schools and hospitals', async () => {
    const types = await t.db.query<{ t: string }>(`SELECT DISTINCT dedicated_type AS t FROM grid WHERE kind = 'dedicated' ORDER BY 1`);
    expect(types.map((r) => r.t)).toEqual(['hospital', 'park', 'school']);
  });

  it('staffs about one full-time worker per comprehensive grid, with the supervision defects', async () => {
    const [s] = await t.db.query<{ grids: number; full_time: number; unstaffed: number; multi: number; positioned: number; workers: number }>(`
      WITH comp AS (SELECT code FROM grids_in_force(now()) WHERE kind = 'comprehensive'),
      ft AS (SELECT a.grid_code, a.worker_id FROM grid_assignments_in_force(now()) a JOIN grid_worker w ON w.id = a.worker_id WHERE w.employment = 'full_time')
      SELECT (SELECT count(*) FROM comp)::int AS grids,
             (SELECT count(*) FROM grid_worker w JOIN worker_stages_at(now()) st ON st.worker_id = w.id WHERE employment = 'full_time' AND st.stage = 'on_duty')::int AS full_time,
             (SELECT count(*) FROM comp WHERE code NOT IN (SELECT grid_code FROM ft))::int AS unstaffed,
             (SELECT count(*) FROM (SELECT worker_id FROM grid_assignments_in_force(now()) GROUP BY worker_id HAVING count(*) >= 2) m)::int AS multi,
             (SELECT count(*) FROM grid_worker w WHERE EXISTS (
                SELECT 1 FROM grid_assignment a JOIN grids_in_force(now()) g ON g.code = a.grid_code
                WHERE a.worker_id = w.id AND ST_Covers(g.geom, w.position)))::int AS positioned,
             -- The workers in post (those who left, and recruits in training, hold no grid and have no position).
             (SELECT count(*) FROM worker_stages_at(now()) WHERE stage = 'on_duty')::int AS workers`);
    expect(s!.full_time / s!.grids).toBeGreaterThan(0.85);
    expect(s!.full_time / s!.grids).toBeLessThan(1.05);
    expect(s!.unstaffed).toBeGreaterThan(0);
    expect(s!.multi).toBeGreaterThan(0);
    expect(s!.positioned).toBe(s!.workers);
    expect(await count(`SELECT count(*)::int AS n FROM grid_worker WHERE employment = 'part_time'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM grid_assignment a WHERE NOT EXISTS (SELECT 1 FROM grids_in_force(now()) g WHERE g.code = a.grid_code)`)).toBe(0);
  });

  it("gives every worker a history: the vacancies' former holders left, some successors are in training", async () => {
    const stages = await t.db.query<{ stage: string; n: number }>(`SELECT stage, count(*)::int AS n FROM worker_stages_at(now()) GROUP BY stage ORDER BY stage`);
    expect(stages.map((r) => r.stage)).toEqual(['in_training', 'left', 'on_duty']);
    // No worker is without a history, and every stage event follows the one before it.
    expect(await count(`SELECT count(*)::int AS n FROM grid_worker w WHERE NOT EXISTS (SELECT 1 FROM worker_stage_event e WHERE e.worker_id = w.id)`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM grid_worker WHERE recruitment_source IS NULL`)).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM (SELECT from_stage, lag(to_stage) OVER (PARTITION BY worker_id ORDER BY at, id) AS prev FROM worker_stage_event WHERE kind = 'stage') x
                    WHERE from_stage IS DISTINCT FROM prev`),
    ).toBe(0);
    // A worker who left holds nothing; every vacancy's grid had a holder once.
    expect(await count(`SELECT count(*)::int AS n FROM grid_assignments_in_force(now()) a JOIN worker_stages_at(now()) st ON st.worker_id = a.worker_id WHERE st.stage <> 'on_duty'`)).toBe(0);
  });

  it('has key sites of every category and risk level, points and polygons', async () => {
    const cats = await t.db.query<{ c: string }>('SELECT DISTINCT category AS c FROM key_site ORDER BY 1');
    expect(cats.map((r) => r.c)).toEqual(['construction', 'elderly_home', 'hazardous_chemicals', 'hospital', 'market', 'religious', 'school']);
    const risks = await t.db.query<{ r: number }>('SELECT DISTINCT risk_level AS r FROM key_site ORDER BY 1');
    expect(risks.map((r) => r.r)).toEqual([1, 2, 3, 4]);
    const kinds = await t.db.query<{ k: string }>('SELECT DISTINCT GeometryType(geom) AS k FROM key_site ORDER BY 1');
    expect(kinds.map((r) => r.k)).toEqual(['POINT', 'POLYGON']);
    // A site never sits on a grid edge: in a gridded area it lies in exactly one grid.
    expect(
      await count(`SELECT count(*)::int AS n FROM key_site k WHERE (SELECT count(*) FROM grids_in_force(now()) g WHERE ST_Covers(g.geom, k.geom)) > 1`),
    ).toBe(0);
  });

  it('has a year of incidents with the responsible grid found by location, some overdue and escalated', async () => {
    const [s] = await t.db.query<{ n: number; first: string; last: string; overdue: number; escalated: number; statuses: number; sources: number; wrong_grid: number }>(`
      SELECT count(*)::int AS n, min(reported_at)::text AS first, max(reported_at)::text AS last,
             count(*) FILTER (WHERE due_at < timestamptz '2026-11-01 00:00+08' AND handled_at IS NULL AND status <> 'rejected')::int AS overdue,
             count(*) FILTER (WHERE escalated)::int AS escalated,
             count(DISTINCT status)::int AS statuses, count(DISTINCT source)::int AS sources,
             count(*) FILTER (WHERE grid_code IS DISTINCT FROM (
               SELECT min(g.code) FROM grids_in_force(now()) g WHERE g.geom && i.geom AND ST_Covers(g.geom, i.geom)))::int AS wrong_grid
      FROM incident i`);
    expect(s!.n).toBe(2000);
    expect(new Date(s!.last).getTime()).toBeLessThanOrEqual(new Date('2026-11-01T00:00:00+08:00').getTime());
    expect(new Date(s!.first).getTime()).toBeGreaterThanOrEqual(new Date('2025-11-01T00:00:00+08:00').getTime());
    expect(s!.overdue).toBeGreaterThan(0);
    expect(s!.escalated).toBeGreaterThan(0);
    expect(s!.statuses).toBeGreaterThanOrEqual(7);
    expect(s!.sources).toBe(5);
    expect(s!.wrong_grid).toBe(0);
    // More incidents where more people live: the four central districts have a larger share of incidents than of area.
    const [d] = await t.db.query<{ share_incidents: number; share_area: number }>(`
      SELECT (SELECT count(*) FROM incident i JOIN district d ON ST_Covers(d.geom, i.geom) WHERE d.code IN ('320102','320104','320105','320106'))::float8 / (SELECT count(*) FROM incident) AS share_incidents,
             (SELECT sum(ST_Area(geom)) FROM district WHERE code IN ('320102','320104','320105','320106')) / (SELECT sum(ST_Area(geom)) FROM district) AS share_area`);
    expect(d!.share_incidents).toBeGreaterThan(3 * d!.share_area);
  });

  it('bumps the data version of every layer and fills grid_load', async () => {
    const layers = await t.db.query<{ layer: string }>('SELECT layer FROM data_version ORDER BY layer');
    expect(layers.map((l) => l.layer)).toEqual(expect.arrayContaining(['addresses', 'communities', 'districts', 'grids', 'incidents', 'key_sites', 'streets', 'workers']));
    expect(await count('SELECT count(*)::int AS n FROM grid_load')).toBe(summary.grids);
  });

  it('refuses to seed a second city on top of the first', async () => {
    await expect(seedDemoCity(t.db, { scale: SCALE })).rejects.toThrow(/already loaded/);
  });
});
