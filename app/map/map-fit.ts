/**
 * Framing a map on areas, one way for every map that frames them (the assessment, the plan and the
 * planner): the box of some features, the box of the areas of some codes from the features of the loaded
 * tiles (the tiles carry each area's `code`; a polygon cut by tile edges comes in pieces, whose boxes
 * together make the area's box), and the camera moves that show a box. Each map gives its own padding and
 * zoom limit.
 */
import type { Geometry, Position } from 'geojson';
import type maplibregl from 'maplibre-gl';
import { CITY_BOUNDS } from './state';
import { sourceId, type TileLayer } from './style';

/** West, south, east, north (lon/lat). */
export type BBox = [number, number, number, number];

type Located = { geometry: Geometry | null };

function eachPosition(g: Geometry, f: (p: Position) => void) {
  switch (g.type) {
    case 'Point':
      f(g.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(f);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) line.forEach(f);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(f);
      return;
    case 'GeometryCollection':
      for (const part of g.geometries) eachPosition(part, f);
  }
}

/** The box of every feature with a geometry; null for none. */
export function featuresBBox(features: readonly Located[]): BBox | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of features) {
    if (!feature.geometry) continue;
    eachPosition(feature.geometry, ([x, y]) => {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    });
  }
  return w <= e && s <= n ? [w, s, e, n] : null;
}

/** The box of the features whose `code` is among `codes`, and how many of the codes were found. */
export function bboxOfCodes(
  features: readonly (Located & { properties: Record<string, unknown> | null })[],
  codes: ReadonlySet<string>,
): { bbox: BBox | null; found: number } {
  const seen = new Set<string>();
  const wanted = features.filter((feature) => {
    const code = feature.properties?.code;
    if (code === undefined || code === null || !codes.has(String(code)) || !feature.geometry) return false;
    seen.add(String(code));
    return true;
  });
  return { bbox: featuresBBox(wanted), found: seen.size };
}

/**
 * Whether a box lies inside the view with a margin on every side: only then can none of its areas be cut
 * by the edge of the loaded tiles (an area half outside the view would give half its box).
 */
export function insideWithMargin(box: BBox, view: BBox, marginShare = 0.02): boolean {
  const mx = (view[2] - view[0]) * marginShare;
  const my = (view[3] - view[1]) * marginShare;
  return box[0] > view[0] + mx && box[1] > view[1] + my && box[2] < view[2] - mx && box[3] < view[3] - my;
}

export interface FitBoxOptions {
  /** Degrees: a box narrower or lower than this grows by it on both sides, so that a point or a single
   * small area gets a sensible zoom rather than the maximum. */
  minSpan: number;
  /** Pixels around the box. */
  padding: number;
  maxZoom: number;
  /** Fly there (600 ms), or jump. */
  animate: boolean;
}

/** Moves the camera to show a box. */
export function fitBox(map: maplibregl.Map, [w, s, e, n]: BBox, { minSpan, padding, maxZoom, animate }: FitBoxOptions) {
  const dx = e - w < minSpan ? minSpan : 0;
  const dy = n - s < minSpan ? minSpan : 0;
  map.fitBounds(
    [
      [w - dx, s - dy],
      [e + dx, n + dy],
    ],
    { padding, maxZoom, duration: animate ? 600 : 0 },
  );
}

/** Runs `f` once the style and the tiles in view have loaded (now, if they have). */
function whenSettled(map: maplibregl.Map, f: () => void) {
  if (map.loaded()) f();
  else map.once('idle', f);
}

export interface FrameAreasRequest {
  /** The boundary tile layer that holds the areas. */
  layer: TileLayer;
  codes: readonly string[];
  /** Shows the box found (the map's own padding and zoom limit). */
  fit: (bbox: BBox) => void;
  /** True once a later framing has taken over: this one then does nothing more. */
  superseded: () => boolean;
}

/**
 * Frames the areas of these codes from the features of the loaded tiles (call it once the style has
 * loaded). When some are missing or may be cut by the view's edge, the map first shows the whole city
 * (whose tiles hold every area), then frames what it found there.
 */
export function frameAreas(map: maplibregl.Map, { layer, codes, fit, superseded }: FrameAreasRequest) {
  const wanted = new Set(codes);
  const attempt = (wholeCityShown: boolean) => {
    if (superseded()) return;
    const { bbox, found } = bboxOfCodes(map.querySourceFeatures(sourceId(layer), { sourceLayer: layer }), wanted);
    const b = map.getBounds();
    const view: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    if (bbox && (found === wanted.size || wholeCityShown) && (wholeCityShown || insideWithMargin(bbox, view))) {
      fit(bbox);
      return;
    }
    if (wholeCityShown) return;
    map.fitBounds(CITY_BOUNDS, { duration: 0, padding: 10 });
    whenSettled(map, () => attempt(true));
  };
  whenSettled(map, () => attempt(false));
}
