/**
 * The proposed grids' shapes, drawn by GEOS: the area of today's grids that changed (their union, or the
 * community when it has no grids today) is divided among the changed grids, each the union of its units'
 * Voronoi cells (geo/rebalance/community-scenario.ts) clipped to that area, on the territory's 1e-7° grid.
 * Compactness is Polsby-Popper on the ellipsoid (4πA / P²; holes count in both).
 */
import type { Executor } from '../db';
import { GRID } from '../topology/context';

/**
 * The grid the shapes are drawn on: the territory's own precision, at which the topology engine overlays
 * (1e-7°, ~1 cm). Drawn at the drafts' finer 1e-8°, a vertex on a kept neighbour's edge lands a few
 * millimetres off it once the engine rounds, and a kilometre of such edge is a blocking sliver of square metres.
 */
const SHAPE_PRECISION = Number(GRID);

export interface DrawnShape {
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  polsbyPopper: number;
}

/** SQL: 4πA / P² of geometry `g` on the ellipsoid, 0 for no area. */
export const polsbyPopperSql = (g: string) =>
  `CASE WHEN ST_Perimeter(${g}::geography) > 0 THEN 4 * pi() * ST_Area(${g}::geography) / ST_Perimeter(${g}::geography) ^ 2 ELSE 0 END`;

/** A ring's vertices rounded to the shapes' grid, without the repeats that rounding makes. */
function onGrid(ring: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of ring) {
    const p: [number, number] = [Math.round(x / SHAPE_PRECISION) * SHAPE_PRECISION, Math.round(y / SHAPE_PRECISION) * SHAPE_PRECISION];
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

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
  const ks: number[] = [];
  const cells: string[] = [];
  for (const g of drawn) {
    for (const ring of g.cells) {
      const snapped = onGrid(ring);
      if (snapped.length < 4) continue;
      ks.push(g.grid);
      cells.push(JSON.stringify({ type: 'Polygon', coordinates: [snapped] }));
    }
  }
  const rows = await db.query<{ k: number; geom: string | null; pp: number }>(
    `WITH area AS (
       SELECT CASE WHEN cardinality($3::bigint[]) = 0 THEN (SELECT geom FROM community WHERE id = $4)
              ELSE (SELECT ST_UnaryUnion(ST_Collect(geom), $5::float8) FROM grid WHERE id = ANY ($3::bigint[])) END AS g
     ), drawn AS MATERIALIZED (
       -- Each cell on the shapes' grid (rounded here, then made valid whatever the rounding did: cells of a
       -- regular block of buildings meet four at one point), then both overlays snap-round on that grid, so
       -- the result needs no rounding after. Materialized: inlined, each use of g below would compute the
       -- overlay again. The area as a scalar subquery: joined as a row, GEOS is several times slower on it.
       SELECT t.k, ST_Multi(ST_CollectionExtract(
                ST_Intersection(ST_UnaryUnion(ST_Collect(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(t.cell), 4326))), $5::float8),
                                (SELECT g FROM area), $5::float8), 3)) AS g
         FROM unnest($1::int[], $2::text[]) AS t (k, cell)
        GROUP BY t.k
     )
     SELECT k, CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_AsGeoJSON(g) END AS geom, ${polsbyPopperSql('g')} AS pp FROM drawn`,
    [ks, cells, input.changedGridIds, input.communityId, SHAPE_PRECISION],
  );
  const out = new Map<number, DrawnShape>();
  for (const r of rows) if (r.geom) out.set(r.k, { geometry: JSON.parse(r.geom) as DrawnShape['geometry'], polsbyPopper: r.pp });
  return out;
}
