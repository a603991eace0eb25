/**
 * A small city for tile tests, inserted with plain SQL (independent of the demo city generator):
 * two districts east and west of 118.70°E around central Nanjing, one street and two communities each,
 * a lattice of 0.01° square grids in three communities, plus the hard cases: a grid with a hole, a
 * two-part grid, a retired grid (valid_to set, must never be drawn), a dedicated grid under a
 * jurisdiction arrangement, a round park grid; addresses with households spread so grids fall under/within/over the norm;
 * key sites (point and polygon) and incidents (overdue, not yet due, past due but handled).
 */
import type { Executor } from '../../db/engine';

export const FIXTURE = {
  /** A lon/lat inside the lattice, for picking tiles. */
  centre: { lon: 118.685, lat: 32.025 },
  retiredGridCode: '320102001001999',
  arrangementGridCode: '320104001002001',
  holeGridCode: '320102001002001',
  multipartGridCode: '320102001002002',
  polygonKeySiteName: '鼓楼医院',
  parkGridCode: '320104001002002',
} as const;

export async function insertTileFixture(db: Executor): Promise<void> {
  await db.script(`
    INSERT INTO city (code, name, geom) VALUES
      ('320100', '南京市', ST_Multi(ST_MakeEnvelope(118.60, 31.98, 118.80, 32.10, 4326)));
    INSERT INTO district (city_id, code, name, geom) VALUES
      (1, '320102', '玄武区', ST_Multi(ST_MakeEnvelope(118.60, 31.98, 118.70, 32.10, 4326))),
      (1, '320104', '秦淮区', ST_Multi(ST_MakeEnvelope(118.70, 31.98, 118.80, 32.10, 4326)));
    INSERT INTO street (district_id, code, name, geom) VALUES
      (1, '320102001', '新街口街道', ST_Multi(ST_MakeEnvelope(118.60, 31.98, 118.70, 32.10, 4326))),
      (2, '320104001', '夫子庙街道', ST_Multi(ST_MakeEnvelope(118.70, 31.98, 118.80, 32.10, 4326)));
    INSERT INTO community (street_id, code, name, geom) VALUES
      (1, '320102001001', '石鼓路社区', ST_Multi(ST_MakeEnvelope(118.60, 31.98, 118.70, 32.04, 4326))),
      (1, '320102001002', '估衣廊社区', ST_Multi(ST_MakeEnvelope(118.60, 32.04, 118.70, 32.10, 4326))),
      (2, '320104001001', '夫子庙社区', ST_Multi(ST_MakeEnvelope(118.70, 31.98, 118.80, 32.04, 4326))),
      (2, '320104001002', '白鹭洲社区', ST_Multi(ST_MakeEnvelope(118.70, 32.04, 118.80, 32.10, 4326)));

    -- The lattice: 0.01° squares over community 1 (10 x 6) and community 3 (10 x 6).
    INSERT INTO grid (code, name, kind, community_id, geom)
    SELECT c.code || lpad((i * 6 + j + 1)::text, 3, '0'),
           c.name || '第' || (i * 6 + j + 1) || '网格', 'comprehensive', c.id,
           ST_Multi(ST_MakeEnvelope(x0 + i * 0.01, 31.98 + j * 0.01, x0 + (i + 1) * 0.01, 31.98 + (j + 1) * 0.01, 4326))
    FROM (VALUES (1, 118.60), (3, 118.70)) AS lattice(cid, x0)
    JOIN community c ON c.id = lattice.cid
    CROSS JOIN generate_series(0, 9) i CROSS JOIN generate_series(0, 5) j;

    INSERT INTO grid (code, name, kind, community_id, geom) VALUES
      ('${FIXTURE.holeGridCode}', '带洞网格', 'comprehensive', 2,
       ST_Multi(ST_GeomFromText('POLYGON((118.65 32.05, 118.69 32.05, 118.69 32.08, 118.65 32.08, 118.65 32.05),
                                         (118.66 32.06, 118.68 32.06, 118.68 32.07, 118.66 32.07, 118.66 32.06))', 4326))),
      ('${FIXTURE.multipartGridCode}', '两片网格', 'comprehensive', 2,
       ST_GeomFromText('MULTIPOLYGON(((118.61 32.05, 118.62 32.05, 118.62 32.06, 118.61 32.06, 118.61 32.05)),
                                     ((118.63 32.05, 118.64 32.05, 118.64 32.07, 118.63 32.07, 118.63 32.05)))', 4326));
    -- A retired version of a grid: history only, never on the map.
    INSERT INTO grid (code, name, kind, community_id, geom, valid_from, valid_to) VALUES
      ('${FIXTURE.retiredGridCode}', '已撤销网格', 'comprehensive', 1,
       ST_Multi(ST_MakeEnvelope(118.60, 31.98, 118.65, 32.04, 4326)), now() - interval '2 years', now() - interval '1 year');

    INSERT INTO jurisdiction_arrangement (kind, name, from_street_id, to_street_id, geom) VALUES
      ('pending_transfer', '科技园待移交', 1, 2, ST_Multi(ST_MakeEnvelope(118.72, 32.05, 118.75, 32.08, 4326)));
    INSERT INTO grid (code, name, kind, dedicated_type, community_id, geom, arrangement_id) VALUES
      ('${FIXTURE.arrangementGridCode}', '科技园专属网格', 'dedicated', 'enterprise', 4,
       ST_Multi(ST_MakeEnvelope(118.72, 32.05, 118.75, 32.08, 4326)), 1);

    -- A round park grid: many vertices on a curve, so simplification at low zoom has work to do.
    INSERT INTO grid (code, name, kind, dedicated_type, community_id, geom) VALUES
      ('${FIXTURE.parkGridCode}', '玄武湖公园专属网格', 'dedicated', 'park', 4,
       ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(118.76, 32.075), 4326), 0.012, 64)));

    -- Addresses: a deterministic scatter over the lattice; households grow eastwards so that grids
    -- fall under (< 300), within and over (> 500) the norm.
    INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
    SELECT c.code || lpad(n::text, 6, '0'), '测试路' || n || '号',
           (ARRAY['high_rise','mid_rise','low_rise','villa'])[1 + n % 4],
           h, h * 2 + n % 3, c.id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
    FROM (
      SELECT n,
             118.60 + 0.2 * ((n * 0.618033988749895) - floor(n * 0.618033988749895)) AS lon,
             31.98 + 0.06 * ((n * 0.754877666246693) - floor(n * 0.754877666246693)) AS lat,
             5 + (n % 7) * 10 AS h
      FROM generate_series(1, 1200) n
    ) p
    JOIN community c ON c.id = CASE WHEN p.lon < 118.70 THEN 1 ELSE 3 END;
    UPDATE standard_address SET households = households * 3 WHERE ST_X(geom) > 118.76;

    INSERT INTO key_site (name, category, risk_level, geom) VALUES
      ('第一中学', 'school', 2, ST_SetSRID(ST_MakePoint(118.6712, 32.0345), 4326)),
      ('${FIXTURE.polygonKeySiteName}', 'hospital', 3,
       ST_GeomFromText('POLYGON((118.680 32.030, 118.690 32.030, 118.690 32.032, 118.682 32.032, 118.682 32.038, 118.680 32.038, 118.680 32.030))', 4326));

    INSERT INTO incident (code, class, category, status, source, geom, reported_at, dispatched_at, due_at, stage_due_at) VALUES
      ('SJ0001', 'event', 'environment', 'dispatched', 'hotline', ST_SetSRID(ST_MakePoint(118.6801, 32.0201), 4326),
       now() - interval '10 days', now() - interval '9 days', now() - interval '2 days', now() - interval '2 days'),
      ('SJ0002', 'event', 'city_appearance', 'handling', 'patrol', ST_SetSRID(ST_MakePoint(118.6802, 32.0202), 4326),
       now() - interval '1 day', now() - interval '20 hours', now() + interval '3 days', now() + interval '3 days'),
      ('SJ0003', 'component', 'manhole_cover', 'closed', 'patrol', ST_SetSRID(ST_MakePoint(118.6803, 32.0203), 4326),
       now() - interval '10 days', now() - interval '9 days', now() - interval '2 days', NULL),
      ('SJ0004', 'event', 'dispute', 'reported', 'public_scan', ST_SetSRID(ST_MakePoint(118.7401, 32.0601), 4326),
       now() - interval '1 hour', NULL, NULL, now() + interval '1 hour');
  `);
  await db.script('SELECT refresh_grid_load()');
}
