import type { MultiPolygon, Polygon, Position } from 'geojson';
import { PRECHECK_REASONS } from './validation-reasons';

export type SelfIntersectionCheck =
  | { valid: true }
  | { valid: false; reason: typeof PRECHECK_REASONS.selfIntersection | typeof PRECHECK_REASONS.tooFewPoints; at: Position[] };

type Seg = { a: Position; b: Position; ring: number; i: number; n: number };

const orient = (p: Position, q: Position, r: Position) => (q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!);
const onSegment = (p: Position, q: Position, r: Position) =>
  Math.min(p[0]!, r[0]!) <= q[0]! && q[0]! <= Math.max(p[0]!, r[0]!) && Math.min(p[1]!, r[1]!) <= q[1]! && q[1]! <= Math.max(p[1]!, r[1]!);

/** Where segments ab and cd meet (a point), or null; collinear overlaps give one of their end points. */
function meet(a: Position, b: Position, c: Position, d: Position): Position | null {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
  }
  if (o1 === 0 && onSegment(a, c, b)) return c;
  if (o2 === 0 && onSegment(a, d, b)) return d;
  if (o3 === 0 && onSegment(c, a, d)) return a;
  if (o4 === 0 && onSegment(c, b, d)) return b;
  return null;
}

/**
 * The editor's instant check: rings that cross or touch themselves or each other within one polygon
 * (a bow-tie, a hole crossing its shell). Exact orientation tests, O(n²) per polygon with a bounding-box
 * prefilter: fine for hand-drawn grids of a few hundred vertices. The server (ST_IsValid) stays the
 * authority; this only gives feedback while drawing. Parts of a MultiPolygon are checked one by one.
 */
export function findSelfIntersections(geometry: Polygon | MultiPolygon): SelfIntersectionCheck {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const at: Position[] = [];
  for (const rings of polygons) {
    const segs: Seg[] = [];
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r]!;
      const distinct = new Set(ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`));
      if (ring.length < 4 || distinct.size < 3) return { valid: false, reason: PRECHECK_REASONS.tooFewPoints, at: ring.slice(0, 1) };
      for (let i = 0; i < ring.length - 1; i++) segs.push({ a: ring[i]!, b: ring[i + 1]!, ring: r, i, n: ring.length - 1 });
    }
    for (let x = 0; x < segs.length; x++) {
      const s = segs[x]!;
      const sMinX = Math.min(s.a[0]!, s.b[0]!), sMaxX = Math.max(s.a[0]!, s.b[0]!);
      const sMinY = Math.min(s.a[1]!, s.b[1]!), sMaxY = Math.max(s.a[1]!, s.b[1]!);
      for (let y = x + 1; y < segs.length; y++) {
        const t = segs[y]!;
        if (Math.max(t.a[0]!, t.b[0]!) < sMinX || Math.min(t.a[0]!, t.b[0]!) > sMaxX) continue;
        if (Math.max(t.a[1]!, t.b[1]!) < sMinY || Math.min(t.a[1]!, t.b[1]!) > sMaxY) continue;
        const p = meet(s.a, s.b, t.a, t.b);
        if (!p) continue;
        const adjacent = s.ring === t.ring && (t.i === s.i + 1 || (s.i === 0 && t.i === s.n - 1));
        if (adjacent) {
          // Consecutive segments always share their common vertex; they only conflict when they are
          // collinear and fold back on each other (a spike).
          const collinear = orient(s.a, s.b, t.a) === 0 && orient(s.a, s.b, t.b) === 0;
          const back = (t.b[0]! - t.a[0]!) * (s.b[0]! - s.a[0]!) + (t.b[1]! - t.a[1]!) * (s.b[1]! - s.a[1]!) < 0;
          if (!(collinear && back)) continue;
        }
        at.push(p);
      }
    }
  }
  return at.length === 0 ? { valid: true } : { valid: false, reason: PRECHECK_REASONS.selfIntersection, at };
}
