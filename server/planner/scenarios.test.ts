/**
 * The planner end to end on a real PostGIS (the run's engine): a scenario over a district is run, stored
 * with its figures and grids (tiling today's grids, each in range), exported, and promoted to a draft of
 * each street, which the topology engine then finds nothing blocking in; scope and hostile inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { Actor } from '../auth/actor';
import { scopeOf, type Scope } from '../auth/policy';
import { undo } from '../drafts/edit';
import { getDraft } from '../drafts/store';
import { validateDraft } from '../drafts/validate-draft';
import { seedAccessFixture, FIXTURE_STREETS, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { scenarioFile } from './export';
import { promoteScenario } from './promote';
import { deleteScenario, getScenario, listScenarios, saveScenario, scenarioGrids, startScenario, type ScenarioRequest } from './scenarios';

let t: TestDatabase;
let fx: AccessFixture;
let planner: Actor;
let planning: Scope;
let other: Actor;

const request = (more: Partial<ScenarioRequest> = {}): ScenarioRequest => ({
  name: '玄武区测算', scope: ['320102'], householdsMin: 300, householdsMax: 500, residentsMax: 2500, keepDedicated: true, barrierLayerId: null, ...more,
});

beforeAll(async () => {
  t = await openTestDatabase();
  fx = await seedAccessFixture(t.db);
  // Each street's one community: a lattice of 12 × 10 buildings of 30 households (3,600), two grids today.
  for (const s of FIXTURE_STREETS) {
    await t.db.execute(
      `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
       SELECT $1 || lpad((100 + i * 10 + j)::text, 6, '0'), '第' || i || '排' || j || '号', 'mid_rise', 30, 75, $2,
              ST_SetSRID(ST_MakePoint($3 + 0.004 + i * 0.0085, 32.004 + j * 0.0095), 4326)
         FROM generate_series(0, 11) i, generate_series(0, 9) j`,
      [`${s.code}001`, fx.streets[s.code].communityId, s.x],
    );
  }
  const [p] = await t.db.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'planner'`);
  planner = (await signInTestUser(t.db, p!.id)).actor;
  planning = scopeOf(planner, 'planning')!;
  const otherId = await createTestUser(t.db, 'planner-qinhuai', [{ role: 'planner', level: 'street', code: '320104001' }]);
  other = (await signInTestUser(t.db, otherId)).actor;
}, 120_000);
afterAll(async () => t?.dispose());

describe('a scenario over a district', () => {
  let id: number;

  it('runs to the end with its figures: every grid in range, workers and the subsidy priced by the settings', async () => {
    const run = await startScenario(t.db, planner, planning, request(), new Date());
    id = run.id;
    expect((await getScenario(t.db, planner, planning, id)).status).toBe('running');
    await run.done;
    const s = await getScenario(t.db, planner, planning, id);
    expect(s.status).toBe('done');
    expect(s.progress).toBe(1);
    const f = s.figures!;
    // Today: two grids of 1,800 households (and the fixture's address) in each of the two streets; the
    // scenario: all of them in grids of 300-500.
    expect([f.today.grids, f.today.withinRange]).toEqual([4, 0]);
    expect(f.scenario.withinRangeShare).toBe(1);
    const [{ households } = { households: 0 }] = await t.db.query<{ households: number }>(
      `SELECT sum(households)::int AS households FROM standard_address a JOIN community c ON c.id = a.community_id WHERE c.code LIKE '320102%'`,
    );
    expect(households).toBeGreaterThan(7200);
    expect(f.scenario.households.reduce((a, b) => a + b, 0)).toBe(households);
    expect(f.scenario.grids).toBeGreaterThanOrEqual(15);
    expect(f.scenario.grids).toBeLessThanOrEqual(24);
    expect(s.refusals).toEqual([]);
    // Priced with the settings' defaults: one full-time and one part-time worker per grid.
    expect(s.pricing).toEqual({ fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: 4500, partTimeMonthlyYuan: 800 });
    expect(f.scenario.annualSubsidyFen).toBe(12 * f.scenario.grids * (450_000 + 80_000));
    expect(f.subsidyChangeFen).toBe(f.scenario.annualSubsidyFen - f.today.annualSubsidyFen);
    expect(f.movedShare).toBeGreaterThan(0);
  });

  it('stores grids that tile today\'s: valid, one piece each, no overlap, the same area', async () => {
    const grids = await scenarioGrids(t.db, planner, planning, id);
    expect(grids.features.length).toBe((await getScenario(t.db, planner, planning, id)).figures!.scenario.grids);
    const [m] = await t.db.query<{ invalid: number; multi: number; overlap: number; union_area: number; today: number; gap: number }>(
      `SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid, count(*) FILTER (WHERE ST_NumGeometries(geom) > 1)::int AS multi,
              (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) FROM rebalance_scenario_grid a JOIN rebalance_scenario_grid b
                  ON b.scenario_id = a.scenario_id AND a.grid_no < b.grid_no AND ST_Intersects(a.geom, b.geom) WHERE a.scenario_id = $1) AS overlap,
              ST_Area(ST_Union(geom)::geography) AS union_area,
              (SELECT ST_Area(ST_Union(g.geom)::geography) FROM grid g JOIN community c ON c.id = g.community_id WHERE c.code LIKE '320102%') AS today,
              (SELECT ST_Area(ST_Difference((SELECT ST_Union(g.geom) FROM grid g JOIN community c ON c.id = g.community_id WHERE c.code LIKE '320102%'),
                                            ST_Union(s.geom))::geography) FROM rebalance_scenario_grid s WHERE s.scenario_id = $1) AS gap
         FROM rebalance_scenario_grid WHERE scenario_id = $1`,
      [id],
    );
    expect(m!.invalid).toBe(0);
    expect(m!.multi).toBe(0);
    // No overlap between two grids and no gap left of today's area, to 1 m² (of 2 × 100 km²).
    expect(m!.overlap).toBeLessThan(1);
    expect(m!.gap).toBeLessThan(1);
    for (const g of grids.features) expect(g.properties.households).toBeGreaterThanOrEqual(300);
  });

  it('exports its figures as CSV and its grids as GeoJSON and a zipped Shapefile with the households', async () => {
    const bytes = (await scenarioFile(t.db, planner, planning, id, 'csv', 'zh-CN')).bytes;
    // A byte-order mark first (the decoder takes it off), so that spreadsheets read the Chinese names.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith('指标,现状,测算,变化\r\n网格数,4,')).toBe(true);
    expect(csv).toContain('户数在标准内的比例(%),0,100,100');
    expect(new TextDecoder().decode((await scenarioFile(t.db, planner, planning, id, 'csv', 'en')).bytes)).toContain('annual subsidy (yuan)');
    const geojson = JSON.parse(new TextDecoder().decode((await scenarioFile(t.db, planner, planning, id, 'geojson', 'zh-CN')).bytes));
    expect(geojson.features[0].properties).toMatchObject({ community_code: expect.stringMatching(/^320102/), households: expect.any(Number), in_range: 1 });
    const zip = unzipSync((await scenarioFile(t.db, planner, planning, id, 'shapefile', 'zh-CN')).bytes);
    expect(Object.keys(zip).map((n) => n.split('.').pop()).sort()).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx']);
  });

  it('is missing to a planner of another district, and changed only by its author', async () => {
    const theirs = scopeOf(other, 'planning')!;
    await expect(getScenario(t.db, other, theirs, id)).rejects.toMatchObject({ code: 'SCENARIO_NOT_FOUND' });
    await expect(scenarioGrids(t.db, other, theirs, id)).rejects.toMatchObject({ code: 'SCENARIO_NOT_FOUND' });
    expect((await listScenarios(t.db, other, theirs)).map((s) => s.id)).not.toContain(id);
    await expect(startScenario(t.db, other, theirs, request({ scope: ['320102008'] }), new Date())).rejects.toMatchObject({ code: 'SCOPE_NOT_FOUND' });
    await expect(promoteScenario(t.db, other, theirs, id, new Date())).rejects.toMatchObject({ code: 'SCENARIO_NOT_FOUND' });
  });

  it('is saved under a name and listed', async () => {
    const saved = await saveScenario(t.db, planner, planning, id, '三百至五百户');
    expect(saved).toMatchObject({ saved: true, name: '三百至五百户', mine: true });
    expect((await listScenarios(t.db, planner, planning)).map((s) => s.id)).toContain(id);
  });

  it('is promoted to the draft of each street, one undoable edit each, which the topology engine passes', async () => {
    const promoted = await promoteScenario(t.db, planner, planning, id, new Date());
    expect(promoted.map((p) => p.streetCode).sort()).toEqual(['320102003', '320102008']);
    const grids = await scenarioGrids(t.db, planner, planning, id);
    for (const p of promoted) {
      expect(p.draftId).toBe(fx.streets[p.streetCode as '320102008'].draftId);
      const draft = await getDraft(t.db, p.draftId);
      expect(draft.status).toBe('editing');
      expect(draft.grids.features.length).toBe(grids.features.filter((g) => g.properties.communityCode.startsWith(p.streetCode)).length);
      // Carried-on grids keep their codes; new ones get the community's next codes.
      expect(new Set(draft.grids.features.map((g) => g.properties.code)).size).toBe(draft.grids.features.length);
      const report = await validateDraft(t.db, p.draftId, new Date());
      expect(report.findings.filter((f) => f.severity === 'blocking').map((f) => f.code)).toEqual([]);
    }
    expect((await getScenario(t.db, planner, planning, id)).promotedDrafts.sort()).toEqual(promoted.map((p) => p.draftId).sort());
    await expect(promoteScenario(t.db, planner, planning, id, new Date())).rejects.toMatchObject({ code: 'SCENARIO_ALREADY_PROMOTED' });
    await expect(deleteScenario(t.db, planner, planning, id)).rejects.toMatchObject({ code: 'SCENARIO_ALREADY_PROMOTED' });
    // One undo puts the street's two grids back.
    const first = promoted[0]!;
    const draft = await getDraft(t.db, first.draftId);
    await undo(t.db, { draftId: first.draftId, expectedVersion: draft.version, by: { id: planner.userId, username: planner.username } });
    expect((await getDraft(t.db, first.draftId)).grids.features.length).toBe(2);
  });
});

describe('what a run refuses', () => {
  it('a mixed or unknown scope, a range upside down, and a second run while one is running', async () => {
    await expect(startScenario(t.db, planner, planning, request({ scope: ['320102', '320102008'] }), new Date())).rejects.toMatchObject({ code: 'SCOPE_MIXED' });
    await expect(startScenario(t.db, planner, planning, request({ scope: ['320199'] }), new Date())).rejects.toMatchObject({ code: 'SCOPE_NOT_FOUND' });
    await expect(startScenario(t.db, planner, planning, request({ householdsMin: 600 }), new Date())).rejects.toMatchObject({ code: 'RANGE_INVALID' });
    await expect(startScenario(t.db, planner, planning, request({ barrierLayerId: 2 ** 31 - 1 }), new Date())).rejects.toMatchObject({ code: 'BARRIER_LAYER_NOT_FOUND' });
    const first = await startScenario(t.db, planner, planning, request({ scope: ['320102008'] }), new Date());
    await expect(startScenario(t.db, planner, planning, request({ scope: ['320102003'] }), new Date())).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
    await first.done;
    // An unsaved run gives way to the planner's next one; it can also be deleted.
    await deleteScenario(t.db, planner, planning, first.id);
    await expect(getScenario(t.db, planner, planning, first.id)).rejects.toMatchObject({ code: 'SCENARIO_NOT_FOUND' });
  });

  it('lists a community whose households cannot make a grid in range, with the reason', async () => {
    const run = await startScenario(t.db, planner, planning, request({ scope: ['320104001001'], householdsMin: 4000, householdsMax: 5000 }), new Date());
    await run.done;
    const s = await getScenario(t.db, planner, planning, run.id);
    expect(s.status).toBe('done');
    expect(s.refusals.map((r) => r.refusal.kind)).toContain('total_under_min');
  });
});
