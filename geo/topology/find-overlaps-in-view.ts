import { area, featureCollection, feature, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { findSelfIntersections } from './find-self-intersections';
import { PRECHECK_REASONS } from './validation-reasons';

export interface GridInView {
  key: string;
  geometry: Polygon | MultiPolygon;
}

export interface OverlapInView {
  reason: typeof PRECHECK_REASONS.overlap;
  /** The grid in view the candidate overlaps. */
  key: string;
  /** The overlap area itself, to highlight. */
  geometry: Polygon | MultiPolygon;
  /** Spherical area in m² (turf); the server's geodesic figure may differ by a fraction of a percent. */
  areaM2: number;
}

type Box = [number, number, number, number];
function bbox(g: Polygon | MultiPolygon): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polys) for (const p of rings[0] ?? []) {
    b[0] = Math.min(b[0], p[0]!); b[1] = Math.min(b[1], p[1]!); b[2] = Math.max(b[2], p[0]!); b[3] = Math.max(b[3], p[1]!);
  }
  return b;
}

/**
 * The editor's instant check: which grids in view the candidate overlaps, and where. Edges that are
 * shared exactly (snapped) are not overlaps; overlaps below `minAreaM2` (default 0.5 m², the server's
 * default overlap tolerance) are float noise and ignored here. Invalid inputs are skipped (the
 * self-intersection check reports the candidate; the server reports the rest).
 */
export function findOverlapsInView(candidate: Polygon | MultiPolygon, inView: readonly GridInView[], minAreaM2 = 0.5): OverlapInView[] {
  if (!findSelfIntersections(candidate).valid) return [];
  const cb = bbox(candidate);
  const a: Feature<Polygon | MultiPolygon> = feature(candidate);
  const out: OverlapInView[] = [];
  for (const g of inView) {
    const gb = bbox(g.geometry);
    if (gb[0] >= cb[2] || gb[2] <= cb[0] || gb[1] >= cb[3] || gb[3] <= cb[1]) continue;
    if (!findSelfIntersections(g.geometry).valid) continue;
    const o = intersect(featureCollection([a, feature(g.geometry)]));
    if (!o) continue;
    const m2 = area(o);
    if (m2 >= minAreaM2) out.push({ reason: PRECHECK_REASONS.overlap, key: g.key, geometry: o.geometry, areaM2: m2 });
  }
  return out;
}
