/** Helpers for moving geometry between the generator (local km) and PostGIS (lon/lat WKT / GeoJSON). */
import type { MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { multiPolygonToLocal, toLonLat } from '@/geo/demo-city/local-metric';
import type { MultiPolygon, XY } from '@/geo/planar/polygon';

/** Seven decimals of a degree, about 1 cm: plenty for first cuts and points placed metres from any edge. */
const fmt = (v: number) => v.toFixed(7);

export function ringToWkt(ring: readonly XY[]): string {
  const pts = ring.map(([x, y]) => toLonLat(x, y));
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) pts.push(first);
  return `POLYGON((${pts.map(([lon, lat]) => `${fmt(lon)} ${fmt(lat)}`).join(',')}))`;
}

export function pointLonLat(p: XY): [number, number] {
  const [lon, lat] = toLonLat(p[0], p[1]);
  return [Number(fmt(lon)), Number(fmt(lat))];
}

/** GeoJSON Polygon/MultiPolygon text from PostGIS -> local MultiPolygon. */
export function geoJsonToLocal(text: string): MultiPolygon {
  const g = JSON.parse(text) as GeoPolygon | GeoMultiPolygon | { type: 'GeometryCollection'; geometries: (GeoPolygon | GeoMultiPolygon)[] };
  const polys: number[][][][] = [];
  const add = (x: GeoPolygon | GeoMultiPolygon) => {
    if (x.type === 'Polygon') polys.push(x.coordinates);
    else polys.push(...x.coordinates);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => (x.type === 'Polygon' || x.type === 'MultiPolygon') && add(x));
  else add(g);
  return multiPolygonToLocal(polys);
}
