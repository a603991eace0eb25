/**
 * A local equirectangular projection around Nanjing, in kilometres. Good to well under 1% over the city
 * (31.2°N-32.6°N), which is all the demo generator needs for placing seeds and measuring margins.
 * Voronoi diagrams are computed in these units so that cells are not stretched east-west.
 */
import type { XY } from '../planar/polygon';

export const ORIGIN = { lon: 118.8, lat: 32.0 } as const;
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((ORIGIN.lat * Math.PI) / 180);

export function toLocal(lon: number, lat: number): XY {
  return [(lon - ORIGIN.lon) * KM_PER_DEG_LON, (lat - ORIGIN.lat) * KM_PER_DEG_LAT];
}

export function toLonLat(x: number, y: number): XY {
  return [ORIGIN.lon + x / KM_PER_DEG_LON, ORIGIN.lat + y / KM_PER_DEG_LAT];
}

/** A MultiPolygon's coordinates (GeoJSON nesting) converted ring by ring. */
export function multiPolygonToLocal(coords: number[][][][]): XY[][][] {
  return coords.map((poly) => poly.map((ring) => ring.map(([lon, lat]) => toLocal(lon!, lat!))));
}
