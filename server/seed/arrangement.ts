/**
 * Turns first-cut pieces into an exact coverage at every level at once.
 *
 * Each piece (temp table seed_piece) is a first cut of one grid (or of a community without grids):
 * Voronoi cells intersected with their parent, so neighbouring pieces only *nearly* share edges.
 * All piece boundaries are noded together in ONE snap-rounded union (1e-7°) and polygonized: the faces
 * form a planar partition of the city by construction. Each face takes the labels (district, street,
 * community, grid) of the piece covering its interior point, or the nearest piece for the rare sliver
 * between two first cuts; detached crumbs under 100 m² are handed to their neighbour. Every territory is then the union of its faces, so a district, its streets,
 * their communities and their grids all share the very same noded edges: no gaps, no overlaps.
 * Leaves temp tables seed_face and seed_final (level, key, geom).
 */
import type { Executor } from '../db';
import { GRID_SIZE } from './clean-districts';

export async function createPieceTable(tx: Executor): Promise<void> {
  await tx.script(`
    CREATE TEMP TABLE seed_piece (
      id serial PRIMARY KEY, district text NOT NULL, street text NOT NULL, community text NOT NULL,
      grid_key text, priority int NOT NULL DEFAULT 1, geom geometry NOT NULL) ON COMMIT DROP;`);
}

export async function buildCoverage(tx: Executor, onStep: (step: string) => void): Promise<void> {
  await tx.script(`
    DELETE FROM seed_piece WHERE geom IS NULL OR ST_IsEmpty(geom);
    CREATE INDEX ON seed_piece USING gist (geom);
    CREATE TEMP TABLE seed_face (id serial PRIMARY KEY, geom geometry NOT NULL, pt geometry, piece int) ON COMMIT DROP;
    CREATE TEMP TABLE seed_final (level text NOT NULL, key text NOT NULL, geom geometry NOT NULL, PRIMARY KEY (level, key)) ON COMMIT DROP;`);
  const [invalid] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM seed_piece WHERE NOT ST_IsValid(geom)');
  if (invalid!.n > 0) throw new Error(`${invalid!.n} first-cut pieces are invalid`);
  onStep('noding');
  await tx.execute(`
    WITH noded AS (SELECT ST_Union(ST_Boundary(geom), ${GRID_SIZE}) AS g FROM seed_piece)
    INSERT INTO seed_face (geom) SELECT (ST_Dump(ST_Polygonize(g))).geom FROM noded`);
  await tx.script(`UPDATE seed_face SET pt = ST_PointOnSurface(geom); CREATE INDEX ON seed_face USING gist (pt);`);
  onStep('labelling faces');
  await tx.execute(`
    UPDATE seed_face f SET piece = (
      SELECT p.id FROM seed_piece p
      WHERE p.geom && ST_Expand(f.pt, 1e-5)
      ORDER BY ST_Distance(p.geom, f.pt), p.priority, p.id LIMIT 1)`);
  // A face no piece comes near is a hole in the city, not part of it (none is expected).
  const [orphans] = await tx.query<{ n: number; m2: number }>(
    'SELECT count(*)::int AS n, coalesce(sum(ST_Area(geom::geography)), 0) AS m2 FROM seed_face WHERE piece IS NULL',
  );
  if (orphans!.m2 > 1) throw new Error(`${orphans!.n} faces (${orphans!.m2} m²) lie outside every piece`);
  await tx.execute('DELETE FROM seed_face WHERE piece IS NULL');
  onStep('merging crumbs');
  // Crumbs: detached bits (< 100 m²) of a piece that has a bigger part elsewhere, left where a Voronoi
  // cell grazes a concave parent or two first cuts disagree by a hair. They would be slivers on the map
  // and multipart grids for nothing: each goes to the neighbour sharing the longest edge with it.
  // (Addresses sit metres from any first-cut edge, so no address is moved by this.)
  await tx.script(`
    CREATE TEMP TABLE seed_crumb ON COMMIT DROP AS
    WITH parts AS (SELECT piece, (ST_Dump(ST_Union(geom, ${GRID_SIZE}))).geom AS g FROM seed_face GROUP BY piece),
    counted AS (SELECT piece, g, count(*) OVER (PARTITION BY piece) AS n FROM parts)
    SELECT piece, g FROM counted WHERE n > 1 AND ST_Area(g::geography) < 100;`);
  await tx.execute(`
    WITH crumb_face AS (
      SELECT f.id, f.geom, f.piece FROM seed_face f JOIN seed_crumb c ON c.piece = f.piece AND c.g && f.geom AND ST_Relate(c.g, f.geom, '2********')
    ), cand AS (
      SELECT cf.id, n.piece, sum(ST_Length(ST_Intersection(ST_Boundary(cf.geom), ST_Boundary(n.geom), ${GRID_SIZE}))) AS len
      FROM crumb_face cf JOIN seed_face n ON n.geom && cf.geom AND n.piece <> cf.piece AND ST_Intersects(n.geom, cf.geom)
      WHERE n.id NOT IN (SELECT id FROM crumb_face)
      GROUP BY cf.id, n.piece
    ), best AS (SELECT DISTINCT ON (id) id, piece FROM cand WHERE len > 0 ORDER BY id, len DESC, piece)
    UPDATE seed_face f SET piece = b.piece FROM best b WHERE f.id = b.id`);
  onStep('dissolving');
  await tx.execute(`
    INSERT INTO seed_final (level, key, geom)
    SELECT 'grid', p.grid_key, ST_Multi(ST_Union(f.geom, ${GRID_SIZE}))
    FROM seed_face f JOIN seed_piece p ON p.id = f.piece WHERE p.grid_key IS NOT NULL GROUP BY p.grid_key`);
  await tx.execute(`
    INSERT INTO seed_final (level, key, geom)
    SELECT 'community', p.community, ST_Multi(ST_Union(f.geom, ${GRID_SIZE}))
    FROM seed_face f JOIN seed_piece p ON p.id = f.piece GROUP BY p.community`);
  await tx.execute(`
    INSERT INTO seed_final (level, key, geom)
    SELECT 'street', left(key, 9), ST_Multi(ST_Union(geom, ${GRID_SIZE})) FROM seed_final WHERE level = 'community' GROUP BY left(key, 9)`);
  await tx.execute(`
    INSERT INTO seed_final (level, key, geom)
    SELECT 'district', p.district, ST_Multi(ST_Union(s.geom, ${GRID_SIZE}))
    FROM seed_final s JOIN (SELECT DISTINCT street, district FROM seed_piece) p ON p.street = s.key
    WHERE s.level = 'street' GROUP BY p.district`);
  await tx.execute(`
    INSERT INTO seed_final (level, key, geom)
    SELECT 'city', 'city', ST_Multi(ST_Union(geom, ${GRID_SIZE})) FROM seed_final WHERE level = 'district'`);
  const [bad] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM seed_final WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR GeometryType(geom) <> 'MULTIPOLYGON'`);
  if (bad!.n > 0) throw new Error(`${bad!.n} territories came out invalid`);
}
