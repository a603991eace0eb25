import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { actorWith } from '../testing/users';
import { getDetails } from './details';
import { labelLevelsAt, labelsInView, readGridNorm, workersInBbox } from './map-data';
import { searchPlaces } from './search';

// A tiny hand-made territory: one district, one street, one community split into two grids (west and
// east), three addresses, a worker holding both grids, a key site and two incidents.
const box = (x0: number, y0: number, x1: number, y1: number) => `ST_Multi(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326))`;

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  const { db } = t;
  await db.script(`
    INSERT INTO city (id, code, name, geom) VALUES (1, '320100', '南京市', ${box(118.7, 32.0, 118.8, 32.1)});
    INSERT INTO district (id, city_id, code, name, geom) VALUES (1, 1, '320102', '玄武区', ${box(118.7, 32.0, 118.8, 32.1)});
    INSERT INTO street (id, district_id, code, name, geom) VALUES (1, 1, '320102001', '梅园新村街道', ${box(118.7, 32.0, 118.8, 32.1)});
    INSERT INTO community (id, street_id, code, name, geom) VALUES (1, 1, '320102001001', '长江路社区', ${box(118.7, 32.0, 118.8, 32.1)});
    INSERT INTO grid (code, name, kind, dedicated_type, community_id, geom) VALUES
      ('320102001001001', '长江路社区第一网格', 'comprehensive', NULL, 1, ${box(118.7, 32.0, 118.75, 32.1)}),
      ('320102001001002', '长江路社区学校网格', 'dedicated', 'school', 1, ${box(118.75, 32.0, 118.8, 32.1)});
    -- A retired version of grid 001 with another name: must never be found or shown.
    INSERT INTO grid (code, name, kind, community_id, geom, valid_from, valid_to) VALUES
      ('320102001001001', '旧网格', 'comprehensive', 1, ${box(118.7, 32.0, 118.8, 32.1)}, now() - interval '2 years', now() - interval '1 year');
    INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom) VALUES
      ('320102001001000001', '长江路1号', 'high_rise', 200, 480, 1, ST_Point(118.71, 32.05, 4326)),
      ('320102001001000002', '长江路3号', 'mid_rise', 150, 360, 1, ST_Point(118.72, 32.05, 4326)),
      ('320102001001000003', '长江路100%号', 'dormitory', 40, 90, 1, ST_Point(118.78, 32.05, 4326));
    INSERT INTO grid_worker (id, name, employment, community_id, position, position_at) VALUES
      (1, '王芳', 'full_time', 1, ST_Point(118.72, 32.06, 4326), now()),
      (2, '李强', 'part_time', 1, NULL, NULL);
    INSERT INTO grid_assignment (worker_id, grid_code) VALUES (1, '320102001001001'), (1, '320102001001002'), (2, '320102001001001');
    INSERT INTO key_site (id, name, category, risk_level, geom) VALUES (1, '长江路小学', 'school', 2, ST_Point(118.77, 32.04, 4326));
    INSERT INTO incident (id, code, class, category, status, source, geom, grid_code, reported_at, dispatched_at, due_at, stage_due_at) VALUES
      (1, 'SJ-1', 'event', 'dispute', 'dispatched', 'patrol', ST_Point(118.71, 32.04, 4326), '320102001001001', now() - interval '3 days', now() - interval '2 days', now() - interval '1 day', now() - interval '1 day'),
      (2, 'SJ-2', 'component', 'manhole_cover', 'closed', 'hotline', ST_Point(118.71, 32.03, 4326), '320102001001001', now() - interval '9 days', now() - interval '8 days', now() - interval '7 days', NULL);
    SELECT refresh_grid_load();
  `);
});

afterAll(async () => {
  await t?.dispose();
});

const now = () => new Date();
/** A command-centre operator of the city: sees everything the details panel can show. */
const viewer = { actor: actorWith([{ role: 'command_operator', level: 'city', code: '320100' }]), address: 'test' };
const everyone = { patterns: null, workerIds: [] };

describe('searchPlaces', () => {
  it('finds grids in force by code prefix, with a box to fly to', async () => {
    const results = await searchPlaces(t.db, { query: '320102001001', limit: 10 }, now());
    const grids = results.filter((r) => r.kind === 'grid');
    expect(grids.map((g) => g.code)).toEqual(['320102001001001', '320102001001002']);
    expect(grids[0].name).toBe('长江路社区第一网格');
    expect(grids[0].bbox).toEqual([118.7, 32.0, 118.75, 32.1]);
    expect(grids[0].context).toBe('玄武区 · 梅园新村街道 · 长江路社区');
    expect(results.some((r) => r.kind === 'community' && r.code === '320102001001')).toBe(true);
  });

  it('finds communities and addresses by text, addresses with a point', async () => {
    const results = await searchPlaces(t.db, { query: '长江路', limit: 12 }, now());
    expect(results.find((r) => r.kind === 'community')?.name).toBe('长江路社区');
    const address = results.find((r) => r.kind === 'address' && r.name === '长江路1号');
    expect(address?.point).toEqual([118.71, 32.05]);
    expect(results.some((r) => r.name === '旧网格')).toBe(false);
  });

  it('treats LIKE wildcards in the text literally', async () => {
    const percent = await searchPlaces(t.db, { query: '100%', limit: 10 }, now());
    expect(percent.map((r) => r.name)).toEqual(['长江路100%号']);
    expect(await searchPlaces(t.db, { query: '%', limit: 10 }, now())).toEqual(
      [expect.objectContaining({ name: '长江路100%号' })],
    );
    expect(await searchPlaces(t.db, { query: '_', limit: 10 }, now())).toEqual([]);
  });

  it('limits the number of results', async () => {
    expect((await searchPlaces(t.db, { query: '长江路', limit: 2 }, now())).length).toBeLessThanOrEqual(2);
  });
});

describe('getDetails', () => {
  it('describes a grid: hierarchy, households from addresses, workers, open incidents', async () => {
    const d = await getDetails(t.db, viewer, { kind: 'grid', code: '320102001001001' }, now());
    if (d.kind !== 'grid') throw new Error('expected a grid');
    expect(d.name).toBe('长江路社区第一网格');
    expect(d.community.name).toBe('长江路社区');
    expect(d.street.name).toBe('梅园新村街道');
    expect(d.district.name).toBe('玄武区');
    expect(d.households).toBe(350);
    expect(d.residents).toBe(840);
    expect(d.addresses).toBe(2);
    expect(d.load).toBe('within');
    expect(d.workers.map((w) => [w.name, w.employment])).toEqual([
      ['王芳', 'full_time'],
      ['李强', 'part_time'],
    ]);
    expect(d.openIncidents).toBe(1);
    expect(d.overdueIncidents).toBe(1);
    expect(d.recentIncidents.map((i) => i.code)).toEqual(['SJ-1', 'SJ-2']);
    expect(d.recentIncidents[0].overdue).toBe(true);
  });

  it('describes a dedicated grid with its key site and a load under the norm', async () => {
    const d = await getDetails(t.db, viewer, { kind: 'grid', code: '320102001001002' }, now());
    if (d.kind !== 'grid') throw new Error('expected a grid');
    expect(d.gridKind).toBe('dedicated');
    expect(d.dedicatedType).toBe('school');
    expect(d.households).toBe(40);
    expect(d.load).toBe('under');
    expect(d.keySites).toBe(1);
    expect(d.openIncidents).toBe(0);
  });

  it('describes areas, addresses, key sites, incidents and workers', async () => {
    const community = await getDetails(t.db, viewer, { kind: 'community', id: 1 }, now());
    expect(community).toMatchObject({ kind: 'community', gridsInForce: 2, households: 390, openIncidents: 1 });
    const district = await getDetails(t.db, viewer, { kind: 'district', id: 1 }, now());
    expect(district).toMatchObject({ kind: 'district', parents: [], children: 1, gridsInForce: 2 });
    const address = await getDetails(t.db, viewer, { kind: 'address', id: 3 }, now());
    expect(address).toMatchObject({ kind: 'address', grid: { code: '320102001001002' }, households: 40 });
    const site = await getDetails(t.db, viewer, { kind: 'keySite', id: 1 }, now());
    expect(site).toMatchObject({ kind: 'keySite', grid: { code: '320102001001002', name: '长江路社区学校网格' } });
    const incident = await getDetails(t.db, viewer, { kind: 'incident', id: 2 }, now());
    expect(incident).toMatchObject({ kind: 'incident', status: 'closed', overdue: false, grid: { name: '长江路社区第一网格' } });
    const worker = await getDetails(t.db, viewer, { kind: 'worker', id: 1 }, now());
    expect(worker).toMatchObject({ kind: 'worker', employment: 'full_time' });
    if (worker.kind === 'worker') expect(worker.grids.map((g) => g.code)).toEqual(['320102001001001', '320102001001002']);
  });

  it('throws NotFoundError for what does not exist or is no longer in force', async () => {
    await expect(getDetails(t.db, viewer, { kind: 'grid', code: '320102001001999' }, now())).rejects.toMatchObject({ code: 'NOT_FOUND', kind: 'not_found' });
    await expect(getDetails(t.db, viewer, { kind: 'street', id: 999 }, now())).rejects.toMatchObject({ code: 'NOT_FOUND', kind: 'not_found' });
  });
});

describe('map data', () => {
  it('reads the norm setting and classifies loads against it, residents included (one rule: grid_load_status)', async () => {
    const norm = await readGridNorm(t.db);
    expect(norm).toEqual({ householdsMin: 300, householdsMax: 500, residentsMax: 2500 });
    const status = async (households: number, residents: number) =>
      (await t.db.query<{ s: string }>('SELECT grid_load_status($1, $2, $3, $4, $5) AS s', [households, residents, 300, 500, 2500]))[0]!.s;
    expect(await status(299, 700)).toBe('under');
    expect(await status(300, 700)).toBe('within');
    expect(await status(500, 2500)).toBe('within');
    expect(await status(501, 1000)).toBe('over');
    // Within the households range but above the residents maximum: over the norm, on the map as in the report.
    expect(await status(450, 2600)).toBe('over');
  });

  it('returns workers with a position inside the box only', async () => {
    const inside = await workersInBbox(t.db, [118.7, 32.0, 118.8, 32.1], 100, now(), everyone);
    expect(inside.map((w) => [w.name, w.grids])).toEqual([['王芳', 2]]);
    expect(await workersInBbox(t.db, [118.0, 31.0, 118.1, 31.1], 100, now(), everyone)).toEqual([]);
  });

  it('returns only the workers of the communities matched, and those named by id', async () => {
    const box = [118.7, 32.0, 118.8, 32.1] as [number, number, number, number];
    expect(await workersInBbox(t.db, box, 100, now(), { patterns: ['320102001%'], workerIds: [] })).toHaveLength(1);
    expect(await workersInBbox(t.db, box, 100, now(), { patterns: ['320104%'], workerIds: [] })).toEqual([]);
    expect((await workersInBbox(t.db, box, 100, now(), { patterns: [], workerIds: [1] })).map((w) => w.id)).toEqual([1]);
  });

  it('labels the levels that fit the zoom, with points inside their areas', async () => {
    expect(labelLevelsAt(9)).toEqual(['district']);
    expect(labelLevelsAt(14)).toEqual(['community']);
    expect(labelLevelsAt(15)).toEqual(['grid']);
    const labels = await labelsInView(t.db, [118.6, 31.9, 118.9, 32.2], 15, now());
    const grids = labels.filter((l) => l.level === 'grid');
    expect(grids.map((g) => g.name).sort()).toEqual(['长江路社区学校网格', '长江路社区第一网格']);
    const west = grids.find((g) => g.code === '320102001001001')!;
    expect(west.lon).toBeGreaterThan(118.7);
    expect(west.lon).toBeLessThan(118.75);
  });
});
