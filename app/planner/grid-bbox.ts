/** The box (lon/lat) of a scenario's grids, to fit the map to the scope. Pure. */
import type { FeatureCollection, Geometry, Position } from 'geojson';

export type BBox = [number, number, number, number];

function eachPosition(g: Geometry, f: (p: Position) => void) {
  switch (g.type) {
    case 'Point':
      return f(g.coordinates);
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates.forEach(f);
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.forEach((line) => line.forEach(f));
    case 'MultiPolygon':
      return g.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(f)));
    case 'GeometryCollection':
      return g.geometries.forEach((part) => eachPosition(part, f));
  }
}

/** The box of every feature with a geometry; null for none. */
export function featuresBBox(fc: FeatureCollection): BBox | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of fc.features) {
    if (!feature.geometry) continue;
    eachPosition(feature.geometry, ([x, y]) => {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    });
  }
  return w <= e && s <= n ? [w, s, e, n] : null;
}
