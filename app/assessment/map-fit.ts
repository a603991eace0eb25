/**
 * Framing the map on the rows' areas from the features of the loaded tiles (the tiles carry each area's
 * `code`; a polygon cut by tile edges comes in pieces, whose boxes together make the area's box).
 */
import type { Geometry, Position } from 'geojson';

export type BBox = [number, number, number, number];

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

/** The box of the features whose `code` is among `codes`, and how many of the codes were found. */
export function bboxOfCodes(
  features: readonly { geometry: Geometry | null; properties: Record<string, unknown> | null }[],
  codes: ReadonlySet<string>,
): { bbox: BBox | null; found: number } {
  const seen = new Set<string>();
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of features) {
    const code = feature.properties?.code;
    if (code === undefined || code === null || !codes.has(String(code)) || !feature.geometry) continue;
    seen.add(String(code));
    eachPosition(feature.geometry, ([x, y]) => {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    });
  }
  return { bbox: w <= e && s <= n ? [w, s, e, n] : null, found: seen.size };
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
