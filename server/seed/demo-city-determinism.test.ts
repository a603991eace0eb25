/**
 * The generator is deterministic (same seed -> identical rows, compared by hashes of every table) and
 * loads in one transaction (a failure injected mid-way leaves nothing behind). Uses the four central
 * districts only, so that seeding several times stays fast on the embedded engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../db';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { seedDemoCity, type SeedOptions } from './demo-city';

const CENTRAL = ['320102', '320104', '320105', '320106'];
const OPTIONS: SeedOptions = { scale: 0.03, seed: 7, districtCodes: CENTRAL };

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
});

afterAll(async () => {
  await t?.dispose();
});

/** One md5 per table over every generated column (ids replaced by codes or ranks: serials move on). */
async function fingerprint(db: Executor): Promise<Record<string, string>> {
  const queries: Record<string, string> = {
    city: `SELECT md5(string_agg(code || name || md5(ST_AsBinary(geom)), '|' ORDER BY code)) AS h FROM city`,
    district: `SELECT md5(string_agg(code || name || md5(ST_AsBinary(geom)), '|' ORDER BY code)) AS h FROM district`,
    street: `SELECT md5(string_agg(code || name || kind || md5(ST_AsBinary(geom)), '|' ORDER BY code)) AS h FROM street`,
    community: `SELECT md5(string_agg(code || name || kind || md5(ST_AsBinary(geom)), '|' ORDER BY code)) AS h FROM community`,
    grid: `SELECT md5(string_agg(g.code || g.name || g.kind || coalesce(g.dedicated_type, '') || c.code || g.responsible_unit || g.notes
             || md5(ST_AsBinary(g.geom)) || g.valid_from::text || coalesce(a.kind, ''), '|' ORDER BY g.code)) AS h
           FROM grid g JOIN community c ON c.id = g.community_id LEFT JOIN jurisdiction_arrangement a ON a.id = g.arrangement_id`,
    address: `SELECT md5(string_agg(code || address || building_type || households || '/' || residents || md5(ST_AsBinary(geom)), '|' ORDER BY code)) AS h FROM standard_address`,
    worker: `SELECT md5(string_agg(w.name || w.employment || w.phone || c.code || coalesce(md5(ST_AsBinary(w.position)), '') || coalesce(w.position_at::text, '')
               || coalesce((SELECT string_agg(a.grid_code || a.valid_from::text || coalesce(a.valid_to::text, ''), ',' ORDER BY a.grid_code, a.valid_from) FROM grid_assignment a WHERE a.worker_id = w.id), '')
               || coalesce(w.recruitment_source, '')
               || coalesce((SELECT string_agg(e.to_stage || e.at::text || coalesce(e.leaving_reason, ''), ',' ORDER BY e.at, e.id) FROM worker_stage_event e WHERE e.worker_id = w.id), ''),
               '|' ORDER BY w.id)) AS h
             FROM grid_worker w JOIN community c ON c.id = w.community_id`,
    keySite: `SELECT md5(string_agg(name || category || risk_level || address || md5(ST_AsBinary(geom)), '|' ORDER BY id)) AS h FROM key_site`,
    incident: `SELECT md5(string_agg(code || class || category || status || source || description || md5(ST_AsBinary(geom)) || coalesce(grid_code, '')
                 || reported_at::text || coalesce(closed_at::text, '') || coalesce(due_at::text, '') || escalated, '|' ORDER BY code)) AS h FROM incident`,
    arrangement: `SELECT md5(string_agg(kind || name || status || notes || md5(ST_AsBinary(geom)), '|' ORDER BY kind)) AS h FROM jurisdiction_arrangement`,
  };
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(queries)) out[table] = (await db.query<{ h: string | null }>(sql))[0]!.h ?? 'empty';
  return out;
}

async function cityArea(db: Executor): Promise<number> {
  return (await db.query<{ a: number }>('SELECT ST_Area(geom) AS a FROM city'))[0]!.a;
}

async function clearCity(db: Executor): Promise<void> {
  await db.script(`
    DELETE FROM incident; DELETE FROM key_site; DELETE FROM grid_assignment;
    -- The staffing history is append-only (0023): a test's wipe of the whole city lifts its triggers for the moment.
    ALTER TABLE worker_stage_event DISABLE TRIGGER USER; DELETE FROM worker_stage_event; ALTER TABLE worker_stage_event ENABLE TRIGGER USER;
    -- The academy's records are append-only too (0024).
    ALTER TABLE attendance DISABLE TRIGGER USER; DELETE FROM attendance; ALTER TABLE attendance ENABLE TRIGGER USER;
    ALTER TABLE exam_result DISABLE TRIGGER USER; DELETE FROM exam_result; ALTER TABLE exam_result ENABLE TRIGGER USER;
    ALTER TABLE course_change DISABLE TRIGGER USER; DELETE FROM course_change; ALTER TABLE course_change ENABLE TRIGGER USER;
    DELETE FROM enrolment; DELETE FROM course_session; DELETE FROM course;
    DELETE FROM grid_worker;
    DELETE FROM standard_address; DELETE FROM grid; DELETE FROM jurisdiction_arrangement;
    DELETE FROM community; DELETE FROM street; DELETE FROM district; DELETE FROM city;
    SELECT refresh_grid_load();`);
}

describe('seedDemoCity', () => {
  it('gives identical rows for the same seed, and different rows for another seed', async () => {
    const first = await seedDemoCity(t.db, OPTIONS);
    const a = await fingerprint(t.db);
    const area = await cityArea(t.db);
    expect(first.districts).toBe(4);
    expect(Object.entries(a).filter(([, h]) => h === 'empty').map(([k]) => k)).toEqual(['arrangement']); // no enclave or transfer in the centre
    await clearCity(t.db);
    const second = await seedDemoCity(t.db, OPTIONS);
    const b = await fingerprint(t.db);
    expect(second).toEqual(first);
    expect(b).toEqual(a);
    await clearCity(t.db);
    await seedDemoCity(t.db, { ...OPTIONS, seed: 8 });
    const c = await fingerprint(t.db);
    expect(c.grid).not.toBe(a.grid);
    expect(c.address).not.toBe(a.address);
    // The real inputs do not depend on the seed: the city covers the same ground.
    expect(await cityArea(t.db)).toBeCloseTo(area, 9);
  });

  it('is one transaction: a failure late in the load leaves no row behind', async () => {
    await clearCity(t.db);
    const failing = seedDemoCity(t.db, {
      ...OPTIONS,
      onProgress: (step) => {
        // Thrown after territories, grids, addresses, workers and incidents have been inserted.
        if (step === 'grid load') throw new Error('injected failure');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    for (const table of ['city', 'district', 'street', 'community', 'grid', 'standard_address', 'grid_worker', 'grid_assignment', 'key_site', 'incident', 'jurisdiction_arrangement', 'course', 'course_session', 'exam_result']) {
      expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n, table).toBe(0);
    }
    // And the database is usable afterwards: the temp tables went with the rollback.
    const ok = await seedDemoCity(t.db, OPTIONS);
    expect(ok.streets).toBeGreaterThan(40);
  });

  it('rejects bad options before touching the database', async () => {
    await expect(seedDemoCity(t.db, { scale: 0 })).rejects.toThrow(RangeError);
    await expect(seedDemoCity(t.db, { districtCodes: ['999999'] })).rejects.toThrow(/unknown district/);
  });
});
