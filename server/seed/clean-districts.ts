/**
 * Cleans the source district boundaries into a true coverage, in PostGIS:
 * 1. make each district valid (the quantised rings self-intersect);
 * 2. the city outline = union of districts without its specks (< 0.5 km², quantisation noise) and
 *    with every hole filled (holes are gaps between districts, not real voids);
 * 3. node all boundaries and the outline together (snap-rounding at 1e-7°, about 1 cm) and polygonize
 *    into faces; a face inside the outline covered by exactly one district belongs to it;
 * 4. gaps (covered by none), overlaps (covered by several) and slivers go, repeatedly, to the
 *    neighbouring district sharing the longest border with them (among the covering ones for overlaps);
 *    detached crumbs of a district (< 0.3 km²) are merged into their neighbour the same way.
 * Leaves temp table seed_clean_district(code, geom MultiPolygon).
 */
import type { Executor } from '../db';
import type { RawDistrict } from './sources';

export const GRID_SIZE = 1e-7;

async function assignByLongestBorder(tx: Executor): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const changed = await tx.execute(`
      WITH cand AS (
        SELECT u.id, l.label,
               sum(ST_Length(ST_Intersection(ST_Boundary(u.geom), ST_Boundary(l.geom), ${GRID_SIZE}))) AS len
        FROM seed_cd_face u
        JOIN seed_cd_face l ON l.label IS NOT NULL AND l.geom && u.geom AND ST_Intersects(u.geom, l.geom)
        WHERE u.label IS NULL
          AND (cardinality(u.covers) < 2 OR l.label = ANY (u.covers))
          AND l.label IS DISTINCT FROM u.not_label
        GROUP BY u.id, l.label
      ), best AS (
        SELECT DISTINCT ON (id) id, label FROM cand WHERE len > 0 ORDER BY id, len DESC, label
      )
      UPDATE seed_cd_face f SET label = b.label FROM best b WHERE f.id = b.id`);
    if (changed === 0) break;
  }
  const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM seed_cd_face WHERE label IS NULL');
  if (n > 0) throw new Error(`district cleaning left ${n} faces without a district`);
}

export async function cleanDistricts(tx: Executor, raw: readonly RawDistrict[]): Promise<void> {
  await tx.script(`
    CREATE TEMP TABLE seed_cd_raw (code text, geom geometry) ON COMMIT DROP;
    CREATE TEMP TABLE seed_cd_face (id int, geom geometry, pt geometry, m2 float8, covers text[], label text, not_label text) ON COMMIT DROP;
    CREATE TEMP TABLE seed_clean_district (code text PRIMARY KEY, geom geometry) ON COMMIT DROP;`);
  await tx.execute(
    `INSERT INTO seed_cd_raw
     SELECT code, ST_CollectionExtract(ST_MakeValid(ST_RemoveRepeatedPoints(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326))), 3)
     FROM unnest($1::text[], $2::text[]) AS u(code, gj)`,
    [raw.map((d) => d.code), raw.map((d) => JSON.stringify(d.geometry))],
  );
  const [bad] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM seed_cd_raw WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom)');
  if (bad!.n > 0) throw new Error('a source district could not be made valid');
  await tx.execute(`
    WITH parts AS (SELECT (ST_Dump(ST_Union(geom, ${GRID_SIZE}))).geom AS g FROM seed_cd_raw),
    outline AS (SELECT ST_Collect(ST_MakePolygon(ST_ExteriorRing(g))) AS g FROM parts WHERE ST_Area(g::geography) > 5e5),
    lines AS (SELECT ST_Boundary(geom) AS g FROM seed_cd_raw UNION ALL SELECT ST_Boundary(g) FROM outline),
    faces AS (SELECT (ST_Dump(ST_Polygonize(n.g))).geom AS g FROM (SELECT ST_Union(g, ${GRID_SIZE}) AS g FROM lines) n)
    INSERT INTO seed_cd_face (id, geom, pt, m2)
    SELECT row_number() OVER (ORDER BY ST_XMin(f.g), ST_YMin(f.g), ST_Area(f.g)), f.g, ST_PointOnSurface(f.g), ST_Area(f.g::geography)
    FROM faces f, outline o WHERE ST_Intersects(o.g, ST_PointOnSurface(f.g))`);
  await tx.execute(`
    UPDATE seed_cd_face f SET covers = (
      SELECT coalesce(array_agg(r.code ORDER BY r.code), '{}') FROM seed_cd_raw r WHERE ST_Intersects(r.geom, f.pt))`);
  await tx.execute(`UPDATE seed_cd_face SET label = covers[1] WHERE cardinality(covers) = 1 AND m2 >= 5e4`);
  await assignByLongestBorder(tx);
  // Detached crumbs: a part of a district under 0.3 km² goes to its neighbour.
  await tx.execute(`
    WITH parts AS (
      SELECT label, (ST_Dump(ST_Union(geom, ${GRID_SIZE}))).geom AS g FROM seed_cd_face GROUP BY label
    ), crumbs AS (SELECT label, g FROM parts WHERE ST_Area(g::geography) < 3e5)
    UPDATE seed_cd_face f SET not_label = f.label, label = NULL, covers = '{}'
    FROM crumbs c WHERE f.label = c.label AND ST_Intersects(c.g, f.pt)`);
  await assignByLongestBorder(tx);
  await tx.execute(`
    INSERT INTO seed_clean_district (code, geom)
    SELECT label, ST_Multi(ST_Union(geom, ${GRID_SIZE})) FROM seed_cd_face GROUP BY label`);
  const [check] = await tx.query<{ n: number; invalid: number }>(
    'SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid FROM seed_clean_district',
  );
  if (check!.n !== raw.length || check!.invalid > 0) throw new Error(`district cleaning produced ${check!.n} districts, ${check!.invalid} invalid`);
}
