import type { LineString, MultiPolygon, Position } from 'geojson';
import { inChinaLat, inChinaLon } from '../extent/china-extent';
import { GEOMETRY_INPUT_REASONS as R, type GeometryInputReason } from './validation-reasons';

/**
 * Structural checks on geometry that arrives from a client, before any of it reaches SQL: PGlite
 * swallows GEOS errors (STACK.md), so unclosed rings, NaN and absurd sizes must never get that far.
 * Topological validity (self-intersection...) is left to ST_IsValid after construction.
 */
export interface GeometryInputLimits {
  /** Total positions in one geometry (closing positions included). */
  maxVertices: number;
}
export const DEFAULT_GEOMETRY_INPUT_LIMITS: GeometryInputLimits = { maxVertices: 10_000 };


export type GeometryInputCheck<G> = { valid: true; geometry: G } | { valid: false; reason: GeometryInputReason };

const fail = (reason: GeometryInputReason) => ({ valid: false as const, reason });

/** Checks one position and returns it as [lon, lat] (a third value, height, is dropped). */
function position(p: unknown): Position | GeometryInputReason {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return R.badStructure;
  if (!p.every((v) => typeof v === 'number' && Number.isFinite(v))) return R.notFinite;
  const [lon, lat] = p as number[];
  // Outside China is garbage or lon/lat given the wrong way round.
  if (!inChinaLon(lon!) || !inChinaLat(lat!)) {
    return R.outsideChina;
  }
  return [lon!, lat!];
}

function positions(list: unknown, budget: { left: number }): Position[] | GeometryInputReason {
  if (!Array.isArray(list)) return R.badStructure;
  budget.left -= list.length;
  if (budget.left < 0) return R.tooManyVertices;
  const out: Position[] = [];
  for (const p of list) {
    const checked = position(p);
    if (typeof checked === 'string') return checked;
    out.push(checked);
  }
  return out;
}

function polygonRings(rings: unknown, budget: { left: number }): Position[][] | GeometryInputReason {
  if (!Array.isArray(rings)) return R.badStructure;
  if (rings.length === 0) return R.empty;
  const out: Position[][] = [];
  for (const ring of rings) {
    const ps = positions(ring, budget);
    if (typeof ps === 'string') return ps;
    if (ps.length < 4) return R.ringTooShort;
    const a = ps[0]!;
    const b = ps[ps.length - 1]!;
    if (a[0] !== b[0] || a[1] !== b[1]) return R.ringNotClosed;
    out.push(ps);
  }
  return out;
}

/** A GeoJSON Polygon or MultiPolygon, returned as a MultiPolygon (the storage type) when valid. */
export function checkPolygonInput(value: unknown, limits: GeometryInputLimits = DEFAULT_GEOMETRY_INPUT_LIMITS): GeometryInputCheck<MultiPolygon> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(R.notAnObject);
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  const budget = { left: limits.maxVertices };
  let polygons: unknown[];
  if (type === 'Polygon') polygons = [coordinates];
  else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates)) return fail(R.badStructure);
    if (coordinates.length === 0) return fail(R.empty);
    polygons = coordinates;
  } else return fail(R.wrongType);
  const out: Position[][][] = [];
  for (const p of polygons) {
    const rings = polygonRings(p, budget);
    if (typeof rings === 'string') return fail(rings);
    out.push(rings);
  }
  return { valid: true, geometry: { type: 'MultiPolygon', coordinates: out } };
}

/** A GeoJSON LineString (a split line). */
export function checkLineInput(value: unknown, limits: GeometryInputLimits = DEFAULT_GEOMETRY_INPUT_LIMITS): GeometryInputCheck<LineString> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(R.notAnObject);
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'LineString') return fail(R.wrongType);
  const ps = positions(coordinates, { left: limits.maxVertices });
  if (typeof ps === 'string') return fail(ps);
  if (ps.length < 2) return fail(R.lineTooShort);
  return { valid: true, geometry: { type: 'LineString', coordinates: ps } };
}

/** One [lon, lat] position (a vertex to move). */
export function checkPositionInput(value: unknown): GeometryInputCheck<[number, number]> {
  const p = position(value);
  if (typeof p === 'string') return fail(p);
  return { valid: true, geometry: [p[0]!, p[1]!] };
}

