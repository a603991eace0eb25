/**
 * The proposed grids' shapes: the area of today's grids that changed (their union, or the community when
 * it has no grids today) is divided among the changed grids, each the union of its units' Voronoi cells
 * (geo/rebalance/community-scenario.ts; joined here, geo/planar/dissolve.ts) clipped to that area by GEOS,
 * on the territory's 1e-7° grid.
 * A cell the area's outline cuts in two leaves a fragment away from its address; the fragment goes to the
 * neighbour it shares the most boundary with. A part that holds addresses stays with its grid: the caller
 * decides (server/planner/compute.ts).
 * Compactness is Polsby-Popper on the ellipsoid (4πA / P²; holes count in both).
 */
import type { Executor } from '../db';
import { dissolveTiles } from '@/geo/planar/dissolve';
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
    /** The cells of each grid to draw (lon/lat rings) and where its addresses are, by its number. */
    cells: readonly { grid: number; cells: readonly [number, number][][]; sites: readonly [number, number][] }[];
  },
): Promise<Map<number, DrawnShape>> {
  const drawn = input.cells.filter((g) => g.cells.length > 0);
  if (drawn.length === 0) return new Map();
  const ks: number[] = [];
  const shapes: string[] = [];
  const site = { k: [] as number[], x: [] as number[], y: [] as number[] };
  for (const g of drawn) {
    // The cells on the shapes' grid, joined here: neighbouring cells share their vertices exactly, and
    // rounded alike they still do, so the union is the cells' outline (geo/planar/dissolve.ts).
    const union = dissolveTiles(g.cells.map(onGrid));
    if (union.length === 0) continue;
    ks.push(g.grid);
    shapes.push(JSON.stringify({ type: 'MultiPolygon', coordinates: union }));
    for (const [x, y] of g.sites) {
      site.k.push(g.grid);
      site.x.push(x);
      site.y.push(y);
    }
  }
  const rows = await db.query<{ k: number; geom: string | null; pp: number }>(
    `WITH area AS (
       SELECT CASE WHEN cardinality($3::bigint[]) = 0 THEN (SELECT geom FROM community WHERE id = $4)
              ELSE (SELECT ST_UnaryUnion(ST_Collect(geom), $5::float8) FROM grid WHERE id = ANY ($3::bigint[])) END AS g
     ), drawn AS MATERIALIZED (
       -- Each grid's cells joined (made valid whatever the rounding did: cells of a regular block of
       -- buildings meet four at one point), clipped to the area, snap-rounding on the shapes' grid, so the
       -- result needs no rounding after. Materialized: inlined, each use of g below would compute the
       -- overlay again. The area as a scalar subquery: joined as a row, GEOS is several times slower on it.
       SELECT t.k, ST_Multi(ST_CollectionExtract(
                ST_Intersection(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(t.shape), 4326)), (SELECT g FROM area), $5::float8), 3)) AS g
         FROM unnest($1::int[], $2::text[]) AS t (k, shape)
     ), site AS (
       SELECT s.k, ST_SetSRID(ST_MakePoint(s.x, s.y), 4326) AS p FROM unnest($6::int[], $7::float8[], $8::float8[]) AS s (k, x, y)
     ), piece AS MATERIALIZED (
       -- The grids' parts. A part holds an address of its grid, or its grid has none inside its shape (it
       -- keeps every part); a grid of one part holds it.
       SELECT k, 1 AS i, g, true AS held FROM drawn WHERE ST_NumGeometries(g) = 1
       UNION ALL
       SELECT k, i, g, held OR NOT bool_or(held) OVER (PARTITION BY k)
         FROM (SELECT d.k, (d.p).path[1] AS i, (d.p).geom AS g,
                      EXISTS (SELECT 1 FROM site WHERE site.k = d.k AND ST_Intersects((d.p).geom, site.p)) AS held
                 FROM (SELECT k, ST_Dump(g) AS p FROM drawn WHERE ST_NumGeometries(g) > 1) d) h
     ), given AS (
       -- A part that holds none of its grid's addresses is a fragment of a cell cut off by the area's outline:
       -- it goes to the grid it shares the most boundary with, so the grid does not come in pieces.
       SELECT DISTINCT ON (f.k, f.i) f.k, f.i, o.k AS to_k
         FROM piece f JOIN piece o ON o.held AND o.k <> f.k AND ST_Intersects(f.g, o.g)
        WHERE NOT f.held
        ORDER BY f.k, f.i, ST_Length(ST_Intersection(f.g, o.g, $5::float8)) DESC, o.k
     ), final AS (
       SELECT COALESCE(given.to_k, piece.k) AS k,
              CASE WHEN count(*) = 1 THEN ST_Multi((array_agg(piece.g))[1])
                   ELSE ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(piece.g), $5::float8), 3)) END AS g
         FROM piece LEFT JOIN given USING (k, i)
        GROUP BY 1
     )
     SELECT k, ST_AsGeoJSON(g) AS geom, ${polsbyPopperSql('g')} AS pp FROM final`,
    [ks, shapes, input.changedGridIds, input.communityId, SHAPE_PRECISION, site.k, site.x, site.y],
  );
  const out = new Map<number, DrawnShape>();
  for (const r of rows) if (r.geom) out.set(r.k, { geometry: JSON.parse(r.geom) as DrawnShape['geometry'], polsbyPopper: r.pp });
  return out;
}
