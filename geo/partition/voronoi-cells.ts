/**
 * Voronoi cells of seed points (local km coordinates), bounded by a box, via d3-delaunay.
 * The cells are only a first cut: the exact, shared edges of the coverage come from noding all
 * cells' edges together in PostGIS (server/seed/arrangement.ts), so a cell may safely extend past
 * its parent territory.
 */
import { Delaunay } from 'd3-delaunay';
import type { BBox, XY } from '../planar/polygon';

/** One closed ring per seed (first point repeated last); a degenerate cell gives null. */
export function voronoiCells(seeds: readonly XY[], box: BBox, pad = 1): (XY[] | null)[] {
  const bounds: [number, number, number, number] = [box.minX - pad, box.minY - pad, box.maxX + pad, box.maxY + pad];
  if (seeds.length === 0) return [];
  if (seeds.length === 1) {
    const [x0, y0, x1, y1] = bounds;
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  }
  const voronoi = Delaunay.from(seeds as XY[]).voronoi(bounds);
  return seeds.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    return cell && cell.length >= 4 ? (cell.map(([x, y]) => [x, y] as XY)) : null;
  });
}
