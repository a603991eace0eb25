/**
 * The proposed grids' shapes, drawn by GEOS: the area of today's grids that changed (their union, or the
 * community when it has no grids today) is divided among the changed grids, each the union of its units'
 * Voronoi cells (geo/rebalance/community-scenario.ts) clipped to that area, on the drafts' 1e-8 grid.
 * Compactness is Polsby-Popper on the ellipsoid (4πA / P²; holes count in both).
 */
import type { Executor } from '../db';
import { GRID_PRECISION } from '../drafts/precision';

export interface DrawnShape {
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  polsbyPopper: number;
}

/** SQL: 4πA / P² of geometry `g` on the ellipsoid, 0 for no area. */
export const polsbyPopperSql = (g: string) =>
  `CASE WHEN ST_Perimeter(${g}::geography) > 0 THEN 4 * pi() * ST_Area(${g}::geography) / ST_Perimeter(${g}::geography) ^ 2 ELSE 0 END`;

export async function drawShapes(
  db: Executor,
  input: {
    communityId: number;
    /** Today's grids whose area is divided again (none: the community's area). */
    changedGridIds: readonly number[];
    /** The cells of each grid to draw (lon/lat rings), by its number. */
    cells: readonly { grid: number; cells: readonly [number, number][][] }[];
  },
): Promise<Map<number, DrawnShape>> {
  const drawn = input.cells.filter((g) => g.cells.length > 0);
  if (drawn.length === 0) return new Map();
  const collections = drawn.map((g) => JSON.stringify({ type: 'GeometryCollection', geometries: g.cells.map((ring) => ({ type: 'Polygon', coordinates: [ring] })) }));
  const rows = await db.query<{ k: number; geom: string | null; pp: number }>(
    `WITH area AS (
       SELECT CASE WHEN cardinality($3::bigint[]) = 0 THEN (SELECT geom FROM community WHERE id = $4)
              ELSE (SELECT ST_UnaryUnion(ST_Collect(geom)) FROM grid WHERE id = ANY ($3::bigint[])) END AS g
     ), drawn AS MATERIALIZED (
       -- Materialized: inlined, each use of g below would compute the overlay again. The area as a scalar
       -- subquery: joined as a row, GEOS is several times slower on it (measured).
       SELECT t.k, ST_Multi(ST_CollectionExtract(ST_ReducePrecision(
                ST_Intersection(ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(t.cells), 4326)), (SELECT g FROM area)), $5::float8), 3)) AS g
         FROM unnest($1::int[], $2::text[]) AS t (k, cells)
     )
     SELECT k, CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_AsGeoJSON(g) END AS geom, ${polsbyPopperSql('g')} AS pp FROM drawn`,
    [drawn.map((g) => g.grid), collections, input.changedGridIds, input.communityId, GRID_PRECISION],
  );
  const out = new Map<number, DrawnShape>();
  for (const r of rows) if (r.geom) out.set(r.k, { geometry: JSON.parse(r.geom) as DrawnShape['geometry'], polsbyPopper: r.pp });
  return out;
}
