import type { LineString, Position } from 'geojson';
import { samePosition } from '@/geo/snap/snap-point';

/** Metres per degree of latitude on the mean Earth sphere; a degree of longitude is this times cos(latitude). */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

export interface LineEndsSnapOptions {
  /** How far (m) a drawn end may lie from the outline and still count as on it. */
  toleranceMetres: number;
  /**
   * The grid (degrees) that stored geometry lives on; every vertex of the line is put on it. An end
   * projected onto an outline edge then lies up to 0.71 of a step off that edge: the database inserts it
   * into the edge (and the neighbours' edges) with a tolerance of one step.
   */
  precision: number;
}

export type LineEndsSnap =
  | { valid: true; line: LineString }
  | { valid: false; reason: 'endOffOutline'; end: 'start' | 'end'; distanceMetres: number }
  /** Nothing left but one point (both ends on the same vertex, nothing between). */
  | { valid: false; reason: 'collapsed' };

/** Rounds like GEOS's fixed precision model (multiply by the integral scale, round, divide): same doubles. */
const round = (v: number, precision: number) => {
  const scale = Math.round(1 / precision);
  return Math.round(v * scale) / scale;
};
const roundPosition = (p: Position, precision: number): Position => [round(p[0]!, precision), round(p[1]!, precision)];

/** Distance in metres between two nearby lon/lat positions (local equirectangular: enough for a tolerance of metres). */
function metres(p: Position, q: Position): number {
  const dx = (q[0]! - p[0]!) * Math.cos((p[1]! * Math.PI) / 180);
  return Math.hypot(dx, q[1]! - p[1]!) * METRES_PER_DEGREE;
}

/** The point of segment a–b nearest to p, measured in metres (longitude scaled by cos(latitude) of p). */
function nearestOnSegment(p: Position, a: Position, b: Position): Position {
  const k = Math.cos((p[1]! * Math.PI) / 180);
  const ux = (b[0]! - a[0]!) * k;
  const uy = b[1]! - a[1]!;
  const len2 = ux * ux + uy * uy;
  if (len2 === 0) return a;
  const t = Math.min(1, Math.max(0, (((p[0]! - a[0]!) * k) * ux + (p[1]! - a[1]!) * uy) / len2));
  return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
}

/**
 * Where one drawn end goes on the outline: the nearest outline vertex within the tolerance (the editor
 * draws from junction to junction and the browser snaps to vertices, so a vertex wins over a slightly
 * nearer edge point), else the nearest point of an outline edge within it, put on the precision grid.
 */
function snapEnd(p: Position, rings: readonly Position[][], o: LineEndsSnapOptions): { at: Position } | { distanceMetres: number } {
  let vertex: { at: Position; d: number } | null = null;
  let edge: { at: Position; d: number } | null = null;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const dv = metres(p, a);
      if (!vertex || dv < vertex.d) vertex = { at: a, d: dv };
      const b = ring[i + 1];
      if (!b) continue;
      const q = nearestOnSegment(p, a, b);
      const de = metres(p, q);
      if (!edge || de < edge.d) edge = { at: q, d: de };
    }
  }
  if (vertex && vertex.d <= o.toleranceMetres) return { at: [vertex.at[0]!, vertex.at[1]!] };
  if (!edge || edge.d > o.toleranceMetres) return { distanceMetres: edge?.d ?? Infinity };
  return { at: roundPosition(edge.at, o.precision) };
}

/**
 * Puts a drawn boundary line onto the area it is to divide, given as the rings of its outline: both ends
 * onto the outline (see snapEnd), the vertices between them onto the precision grid like all stored
 * client geometry, consecutive repeats dropped. Whether the line then really divides the area (inside
 * it, not crossing itself) is for the database to say. The input is never mutated.
 */
export function snapLineEnds(line: LineString, rings: readonly Position[][], options: LineEndsSnapOptions): LineEndsSnap {
  const ps = line.coordinates;
  const start = snapEnd(ps[0]!, rings, options);
  if (!('at' in start)) return { valid: false, reason: 'endOffOutline', end: 'start', distanceMetres: start.distanceMetres };
  const end = snapEnd(ps[ps.length - 1]!, rings, options);
  if (!('at' in end)) return { valid: false, reason: 'endOffOutline', end: 'end', distanceMetres: end.distanceMetres };
  const all = [start.at, ...ps.slice(1, -1).map((p) => roundPosition(p, options.precision)), end.at];
  const coordinates = all.filter((p, i) => i === 0 || !samePosition(p, all[i - 1]!));
  if (coordinates.length < 2) return { valid: false, reason: 'collapsed' };
  return { valid: true, line: { type: 'LineString', coordinates } };
}
