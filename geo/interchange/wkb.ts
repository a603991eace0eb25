/**
 * GeoJSON geometries as ISO Well-Known Binary (OGC Simple Features, 2D, little-endian), the body of a
 * GeoPackage's geometry blobs, and the envelope a GeoPackage header carries. Only x and y are written:
 * the territory's shapes are 2D (a third ordinate, if any, is dropped). An empty point is NaN NaN, as
 * GeoPackage and GEOS write it. Pure.
 */
import type { Geometry, Position } from 'geojson';

/** ISO WKB type codes of the 2D geometries. */
export const WKB_TYPE = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 } as const;

/** [minX, maxX, minY, maxY], the order of a GeoPackage envelope; null for an empty geometry. */
export type Envelope = [minX: number, maxX: number, minY: number, maxY: number];

/** Bytes of one geometry: byte order (1), type (4), then the type's own layout. */
function byteLength(g: Geometry): number {
  const points = (n: number) => 4 + 16 * n;
  const rings = (rs: Position[][]) => rs.reduce((n, r) => n + points(r.length), 4);
  switch (g.type) {
    case 'Point':
      return 5 + 16;
    case 'LineString':
      return 5 + points(g.coordinates.length);
    case 'Polygon':
      return 5 + rings(g.coordinates);
    case 'MultiPoint':
      return 5 + 4 + g.coordinates.length * (5 + 16);
    case 'MultiLineString':
      return 5 + g.coordinates.reduce((n, l) => n + 5 + points(l.length), 4);
    case 'MultiPolygon':
      return 5 + g.coordinates.reduce((n, p) => n + 5 + rings(p), 4);
    case 'GeometryCollection':
      return 5 + g.geometries.reduce((n, c) => n + byteLength(c), 4);
  }
}

export function geometryToWkb(g: Geometry): Uint8Array {
  const bytes = new Uint8Array(byteLength(g));
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (n: number) => {
    view.setUint32(at, n, true);
    at += 4;
  };
  const position = (p: Position | readonly []) => {
    // An empty point's coordinates are [] in GeoJSON: NaN NaN in WKB.
    view.setFloat64(at, p[0] ?? NaN, true);
    view.setFloat64(at + 8, p[1] ?? NaN, true);
    at += 16;
  };
  const points = (ps: Position[]) => {
    u32(ps.length);
    for (const p of ps) position(p);
  };
  const rings = (rs: Position[][]) => {
    u32(rs.length);
    for (const r of rs) points(r);
  };
  const header = (type: number) => {
    bytes[at++] = 1; // little-endian (NDR)
    u32(type);
  };
  const write = (g: Geometry): void => {
    header(WKB_TYPE[g.type]);
    switch (g.type) {
      case 'Point':
        return position(g.coordinates);
      case 'LineString':
        return points(g.coordinates);
      case 'Polygon':
        return rings(g.coordinates);
      case 'MultiPoint':
        u32(g.coordinates.length);
        for (const p of g.coordinates) write({ type: 'Point', coordinates: p });
        return;
      case 'MultiLineString':
        u32(g.coordinates.length);
        for (const l of g.coordinates) write({ type: 'LineString', coordinates: l });
        return;
      case 'MultiPolygon':
        u32(g.coordinates.length);
        for (const p of g.coordinates) write({ type: 'Polygon', coordinates: p });
        return;
      case 'GeometryCollection':
        u32(g.geometries.length);
        for (const c of g.geometries) write(c);
        return;
    }
  };
  write(g);
  return bytes;
}

/** The geometry's bounds in x and y, or null when it has no position (an empty geometry). */
export function envelopeOf(g: Geometry): Envelope | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const visit = (p: Position) => {
    const [x, y] = p;
    if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) return;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  const walk = (g: Geometry): void => {
    switch (g.type) {
      case 'Point':
        return visit(g.coordinates);
      case 'LineString':
      case 'MultiPoint':
        return g.coordinates.forEach(visit);
      case 'Polygon':
      case 'MultiLineString':
        return g.coordinates.forEach((r) => r.forEach(visit));
      case 'MultiPolygon':
        return g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
      case 'GeometryCollection':
        return g.geometries.forEach(walk);
    }
  };
  walk(g);
  return minX === Infinity ? null : [minX, maxX, minY, maxY];
}
