/**
 * A stand-in city for the benchmark, used only when the demo city generator
 * (server/seed/demo-city.ts) is not there. Pure SQL, deterministic: a 0.9° x 1.4° box around Nanjing cut
 * into 12 districts, 48 streets, 192 communities and square grids whose size shrinks towards the centre
 * (edges densified to ~32 vertices), with addresses scattered in every grid. Its figures are labelled
 * "synthetic" in the report: they say nothing about the demo city.
 */
import type { Executor } from '../server/db/engine';

export async function seedSyntheticCity(db: Executor, scale = 1): Promise<{ grids: number; addresses: number }> {
  const addressesPerGrid = Math.max(1, Math.round(12 * scale));
  await db.script(`
    INSERT INTO city (code, name, geom) VALUES ('320100', '南京市（合成）', ST_Multi(ST_MakeEnvelope(118.35, 31.22, 119.25, 32.62, 4326)));
    INSERT INTO district (city_id, code, name, geom)
    SELECT 1, '3201' || lpad((i * 3 + j + 1)::text, 2, '0'), '合成区' || (i * 3 + j + 1),
           ST_Multi(ST_MakeEnvelope(118.35 + j * 0.3, 31.22 + i * 0.35, 118.65 + j * 0.3, 31.57 + i * 0.35, 4326))
    FROM generate_series(0, 3) i, generate_series(0, 2) j;
    INSERT INTO street (district_id, code, name, geom)
    SELECT d.id, d.code || lpad((i * 2 + j + 1)::text, 3, '0'), d.name || '街道' || (i * 2 + j + 1),
           ST_Multi(ST_MakeEnvelope(ST_XMin(d.geom) + j * 0.15, ST_YMin(d.geom) + i * 0.175,
                                    ST_XMin(d.geom) + (j + 1) * 0.15, ST_YMin(d.geom) + (i + 1) * 0.175, 4326))
    FROM district d, generate_series(0, 1) i, generate_series(0, 1) j;
    INSERT INTO community (street_id, code, name, geom)
    SELECT s.id, s.code || lpad((i * 2 + j + 1)::text, 3, '0'), s.name || '社区' || (i * 2 + j + 1),
           ST_Multi(ST_MakeEnvelope(ST_XMin(s.geom) + j * 0.075, ST_YMin(s.geom) + i * 0.0875,
                                    ST_XMin(s.geom) + (j + 1) * 0.075, ST_YMin(s.geom) + (i + 1) * 0.0875, 4326))
    FROM street s, generate_series(0, 1) i, generate_series(0, 1) j;
    -- n x n grids per community, n from 24 at the centre (118.78, 32.04) down to 1 at the edge.
    INSERT INTO grid (code, name, kind, community_id, geom)
    SELECT c.code || lpad((gi * n + gj + 1)::text, 3, '0'), c.name || '网格' || (gi * n + gj + 1), 'comprehensive', c.id,
           ST_Multi(ST_Segmentize(ST_MakeEnvelope(x0 + gj * w, y0 + gi * h, x0 + (gj + 1) * w, y0 + (gi + 1) * h, 4326), w / 8))
    FROM (
      SELECT c.*, ST_XMin(c.geom) AS x0, ST_YMin(c.geom) AS y0,
             greatest(1, round(24 * exp(-ST_Distance(ST_Centroid(c.geom), ST_SetSRID(ST_MakePoint(118.78, 32.04), 4326)) / 0.12)))::int AS n
      FROM community c
    ) c
    CROSS JOIN LATERAL (SELECT 0.075 / c.n AS w, 0.0875 / c.n AS h) size
    CROSS JOIN LATERAL generate_series(0, c.n - 1) gi
    CROSS JOIN LATERAL generate_series(0, c.n - 1) gj;
    INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
    SELECT c.code || lpad(row_number() OVER (PARTITION BY c.id ORDER BY g.id, k)::text, 6, '0'), '合成地址', 'mid_rise',
           20 + (g.id * 7 + k * 13) % 60, 50 + (g.id * 11 + k * 17) % 150, c.id,
           ST_SetSRID(ST_MakePoint(
             ST_XMin(g.geom) + (ST_XMax(g.geom) - ST_XMin(g.geom)) * (0.05 + 0.9 * ((k * 0.618034) - floor(k * 0.618034))),
             ST_YMin(g.geom) + (ST_YMax(g.geom) - ST_YMin(g.geom)) * (0.05 + 0.9 * ((k * 0.754878) - floor(k * 0.754878)))), 4326)
    FROM grid g JOIN community c ON c.id = g.community_id, generate_series(1, ${addressesPerGrid}) k;
    REFRESH MATERIALIZED VIEW grid_load;
  `);
  const [r] = await db.query<{ grids: number; addresses: number }>(
    'SELECT (SELECT count(*)::int FROM grid) AS grids, (SELECT count(*)::int FROM standard_address) AS addresses',
  );
  return r;
}
