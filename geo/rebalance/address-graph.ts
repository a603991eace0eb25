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
  graph: UnitGraph & { neighbours: number[][] };
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
  // Each barrier segment with its box, so that most links are cleared without the intersection test.
  const segments = barriers.flatMap((line) =>
    line.slice(1).map((q, i) => {
      const p = line[i]!;
      return { p, q, minX: Math.min(p[0], q[0]), maxX: Math.max(p[0], q[0]), minY: Math.min(p[1], q[1]), maxY: Math.max(p[1], q[1]) };
    }),
  );
  const crossesBarrier = (a: XY, b: XY) => {
    const minX = Math.min(a[0], b[0]);
    const maxX = Math.max(a[0], b[0]);
    const minY = Math.min(a[1], b[1]);
    const maxY = Math.max(a[1], b[1]);
    return segments.some((s) => s.maxX >= minX && s.minX <= maxX && s.maxY >= minY && s.minY <= maxY && segmentsIntersect(a, b, s.p, s.q));
  };
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

/** Takes out every link between a unit of `a` and one of `b` (units found not to touch after all). */
export function unlink(neighbours: number[][], a: ReadonlySet<number>, b: ReadonlySet<number>): void {
  for (const u of a) neighbours[u] = neighbours[u]!.filter((v) => !b.has(v));
  for (const v of b) neighbours[v] = neighbours[v]!.filter((u) => !a.has(u));
}
