/**
 * The proposed grids as real polygons: each address unit's Voronoi cell clipped to the community, and a
 * grid the union of its units' cells. The cells cover the community without gap or overlap, so the grids
 * tile it exactly and a scenario can go to the topology engine as it is. Polsby-Popper (4πA / P², 1 for a
 * circle) measures each grid's compactness. Planar coordinates (local metres), pure.
 */
import { featureCollection, intersect, multiPolygon, polygon, union } from '@turf/turf';
import type { Feature, MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { voronoiCells } from '../partition/voronoi-cells';
import { areaOf, bboxOf, type MultiPolygon, type Ring } from '../planar/polygon';

type Piece = Feature<GeoPolygon | GeoMultiPolygon>;

const asMultiPolygon = (f: Piece | null): MultiPolygon =>
  !f ? [] : f.geometry.type === 'Polygon' ? [f.geometry.coordinates as MultiPolygon[number]] : (f.geometry.coordinates as MultiPolygon);

/** Each grid's shape: the union of its units' cells within the community. */
export function gridShapes(points: readonly [number, number][], gridOf: readonly number[], community: MultiPolygon): Map<number, MultiPolygon> {
  const box = bboxOf(community);
  const pad = Math.max(box.maxX - box.minX, box.maxY - box.minY) + 1;
  const cells = voronoiCells(points, box, pad);
  const within = multiPolygon(community);
  const byGrid = new Map<number, Piece[]>();
  cells.forEach((ring, u) => {
    if (!ring) return;
    const clipped = intersect(featureCollection<GeoPolygon | GeoMultiPolygon>([polygon([ring]), within]));
    if (!clipped) return;
    const list = byGrid.get(gridOf[u]!) ?? [];
    list.push(clipped);
    byGrid.set(gridOf[u]!, list);
  });
  const shapes = new Map<number, MultiPolygon>();
  for (const [grid, pieces] of byGrid) {
    shapes.set(grid, pieces.length === 1 ? asMultiPolygon(pieces[0]!) : asMultiPolygon(union(featureCollection(pieces))));
  }
  return shapes;
}

function ringLength(ring: Ring): number {
  let length = 0;
  for (let i = 1; i < ring.length; i++) length += Math.hypot(ring[i]![0] - ring[i - 1]![0], ring[i]![1] - ring[i - 1]![1]);
  return length;
}

/** 4π × area / perimeter² (holes count in both); 0 for an empty shape. */
export function polsbyPopper(mp: MultiPolygon): number {
  const perimeter = mp.reduce((s, poly) => s + poly.reduce((t, ring) => t + ringLength(ring), 0), 0);
  return perimeter === 0 ? 0 : (4 * Math.PI * areaOf(mp)) / perimeter ** 2;
}
