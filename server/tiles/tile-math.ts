/**
 * Web Mercator XYZ tile arithmetic (EPSG:3857 on the sphere, the scheme MapLibre requests).
 * Pure functions: no database, no map library.
 */

/** Tile coordinate units per tile side (MVT default, what ST_AsMVT uses). */
export const TILE_EXTENT = 4096;
/** Units of geometry kept beyond each tile edge so that strokes and labels do not break at seams. */
export const TILE_BUFFER = 64;
export const MAX_TILE_ZOOM = 22;
/** Web Mercator stops here; beyond it y is infinite. */
const MAX_LATITUDE = 85.0511287798066;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

export interface LonLatBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Longitude/latitude (degrees) -> fraction of the world width/height, y growing southwards. */
export function lonLatToWorld(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const phi = (clamped * Math.PI) / 180;
  const wx = (lon + 180) / 360;
  const wy = (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
  return [wx, wy];
}

function worldToLonLat(wx: number, wy: number): [number, number] {
  const lon = wx * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180) / Math.PI;
  return [lon, lat];
}

/**
 * The lon/lat rectangle of a tile grown by `bufferUnits` tile units on every side. A lon/lat rectangle
 * is also a rectangle in Web Mercator (the projection is separable), so this box is exactly the
 * clip box that ST_AsMVTGeom uses, and `geom && box` is a correct GiST prefilter.
 */
export function tileBounds({ z, x, y }: TileCoord, bufferUnits = 0): LonLatBounds {
  const n = 2 ** z;
  const pad = bufferUnits / TILE_EXTENT;
  const [west, north] = worldToLonLat((x - pad) / n, (y - pad) / n);
  const [east, south] = worldToLonLat((x + 1 + pad) / n, (y + 1 + pad) / n);
  return { west, south, east, north };
}

/** A projector from lon/lat to (unrounded) tile units of one tile, y down. */
export function tileProjector({ z, x, y }: TileCoord): (lon: number, lat: number) => [number, number] {
  const n = 2 ** z;
  return (lon, lat) => {
    const [wx, wy] = lonLatToWorld(lon, lat);
    return [(wx * n - x) * TILE_EXTENT, (wy * n - y) * TILE_EXTENT];
  };
}

/** Width of one tile unit in degrees of longitude at zoom z (used as a simplification tolerance). */
export function tileUnitDegrees(z: number): number {
  return 360 / 2 ** z / TILE_EXTENT;
}

/** The tile containing a lon/lat point at zoom z. */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const [wx, wy] = lonLatToWorld(lon, lat);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
  return { z, x: clamp(wx), y: clamp(wy) };
}
