/**
 * The units a re-division moves and which touch which: the community's standard addresses, those at one
 * point (the flats of one building) taken together as one unit, adjacent when their Voronoi cells share
 * an edge (Delaunay neighbours), unless the segment between them crosses a barrier (a major road or a
 * river the grids should not cross). Planar coordinates (for example local metres), pure.
 */
import { Delaunay } from 'd3-delaunay';
import { segmentsIntersect, type XY } from '../planar/polygon';
import type { UnitGraph } from './tree-split';

export interface AddressUnits {
  graph: UnitGraph;
  /** The unit of each address. */
  unitOf: number[];
  /** Where each unit is. */
  points: XY[];
}

/** `barriers`: polylines; an adjacency whose segment crosses one of their segments is left out. */
export function addressUnits(addresses: readonly { p: XY; households: number }[], barriers: readonly (readonly XY[])[] = []): AddressUnits {
  const unitAt = new Map<string, number>();
  const points: XY[] = [];
  const households: number[] = [];
  const unitOf = addresses.map((a) => {
    const key = `${a.p[0]},${a.p[1]}`;
    let u = unitAt.get(key);
    if (u === undefined) {
      u = points.length;
      unitAt.set(key, u);
      points.push([a.p[0], a.p[1]]);
      households.push(0);
    }
    households[u]! += a.households;
    return u;
  });
  const crossesBarrier = (a: XY, b: XY) => barriers.some((line) => line.some((p, i) => i > 0 && segmentsIntersect(a, b, line[i - 1]!, p)));
  const neighbours: number[][] = points.map(() => []);
  if (points.length === 2) {
    if (!crossesBarrier(points[0]!, points[1]!)) {
      neighbours[0]!.push(1);
      neighbours[1]!.push(0);
    }
  } else if (points.length > 2) {
    const delaunay = Delaunay.from(points);
    for (let u = 0; u < points.length; u++) {
      for (const v of delaunay.neighbors(u)) {
        if (v > u && !crossesBarrier(points[u]!, points[v]!)) {
          neighbours[u]!.push(v);
          neighbours[v]!.push(u);
        }
      }
    }
  }
  return { graph: { households, neighbours, points }, unitOf, points };
}
