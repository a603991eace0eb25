/**
 * Planar polygon helpers. A polygon is a list of rings (first the shell, then holes), a MultiPolygon a
 * list of polygons, GeoJSON-style; rings may be closed or not. Used to place seeds and buildings strictly
 * inside territories, a margin away from any edge, and to bound the cells that partition them.
 */

/**
 * A point in a local planar frame with the same unit on both axes (e.g. km, geo/demo-city/local-metric.ts):
 * margins, areas and Voronoi cells are Euclidean here, so degrees would stretch them east-west.
 */
export type XY = [number, number];
export type Ring = XY[];
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function bboxOf(mp: MultiPolygon): BBox {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const poly of mp)
    for (const [x, y] of poly[0] ?? []) {
      if (x < b.minX) b.minX = x;
      if (y < b.minY) b.minY = y;
      if (x > b.maxX) b.maxX = x;
      if (y > b.maxY) b.maxY = y;
    }
  return b;
}

/** Even-odd ray casting over every ring: inside a shell and outside its holes. Edges count as either side. */
export function pointInMultiPolygon(p: XY, mp: MultiPolygon): boolean {
  const [px, py] = p;
  let inside = false;
  for (const poly of mp)
    for (const ring of poly) {
      const n = ring.length;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  return inside;
}

export function distanceToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const qx = a[0] + t * dx - p[0];
  const qy = a[1] + t * dy - p[1];
  return Math.sqrt(qx * qx + qy * qy);
}

/** Distance from p to the nearest edge of any ring; stops early once below `stopBelow`. */
export function distanceToBoundary(p: XY, mp: MultiPolygon, stopBelow = 0): number {
  let best = Infinity;
  for (const poly of mp)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        // Cheap reject by bounding box of the segment before the exact distance.
        const a = ring[j]!;
        const b = ring[i]!;
        if (Math.min(a[0], b[0]) > p[0] + best || Math.max(a[0], b[0]) < p[0] - best) continue;
        if (Math.min(a[1], b[1]) > p[1] + best || Math.max(a[1], b[1]) < p[1] - best) continue;
        const d = distanceToSegment(p, a, b);
        if (d < best) {
          best = d;
          if (best < stopBelow) return best;
        }
      }
  return best;
}

/** Strictly inside, at least `margin` away from every edge. */
export function isInsideWithMargin(p: XY, mp: MultiPolygon, margin: number): boolean {
  return pointInMultiPolygon(p, mp) && distanceToBoundary(p, mp, margin) >= margin;
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return Math.abs(a) / 2;
}

export function areaOf(mp: MultiPolygon): number {
  let a = 0;
  for (const poly of mp) poly.forEach((ring, k) => (a += k === 0 ? ringArea(ring) : -ringArea(ring)));
  return a;
}

/** Do segments ab and cd cross or touch? */
export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const orient = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  const onSeg = (p: XY, q: XY, r: XY) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (o1 === 0 && onSeg(a, b, c)) || (o2 === 0 && onSeg(a, b, d)) || (o3 === 0 && onSeg(c, d, a)) || (o4 === 0 && onSeg(c, d, b));
}

/** Is the convex ring (e.g. a rectangle) wholly inside mp, `margin` away from its edges? */
export function convexRingInside(ring: Ring, mp: MultiPolygon, margin: number): boolean {
  for (const p of ring) if (!isInsideWithMargin(p, mp, margin)) return false;
  for (const poly of mp)
    for (const r of poly)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        // A boundary vertex inside the ring, or a boundary edge crossing it, means the ring is cut.
        if (pointInMultiPolygon(r[i]!, [[ring]])) return false;
        for (let k = 0, l = ring.length - 1; k < ring.length; l = k++) if (segmentsIntersect(r[j]!, r[i]!, ring[l]!, ring[k]!)) return false;
      }
  return true;
}
