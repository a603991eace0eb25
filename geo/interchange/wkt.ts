/**
 * GeoJSON geometries as WKT (OGC Simple Features), for the CSV exports that GDAL, QGIS and the
 * departments' databases read with a WKT column. Coordinates to 1e-7° (about 1 cm), the territory's
 * own precision. Pure.
 */
import type { Geometry, Position } from 'geojson';

const DIGITS = 7;
const num = (x: number) => String(Number(x.toFixed(DIGITS)));
const position = (p: Position) => `${num(p[0]!)} ${num(p[1]!)}`;
const ring = (r: Position[]) => `(${r.map(position).join(', ')})`;
const polygon = (rings: Position[][]) => `(${rings.map(ring).join(', ')})`;

export function geometryToWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${position(g.coordinates)})`;
    case 'MultiPoint':
      return g.coordinates.length ? `MULTIPOINT (${g.coordinates.map((p) => `(${position(p)})`).join(', ')})` : 'MULTIPOINT EMPTY';
    case 'LineString':
      return g.coordinates.length ? `LINESTRING ${ring(g.coordinates)}` : 'LINESTRING EMPTY';
    case 'MultiLineString':
      return g.coordinates.length ? `MULTILINESTRING (${g.coordinates.map(ring).join(', ')})` : 'MULTILINESTRING EMPTY';
    case 'Polygon':
      return g.coordinates.length ? `POLYGON ${polygon(g.coordinates)}` : 'POLYGON EMPTY';
    case 'MultiPolygon':
      return g.coordinates.length ? `MULTIPOLYGON (${g.coordinates.map(polygon).join(', ')})` : 'MULTIPOLYGON EMPTY';
    case 'GeometryCollection':
      return g.geometries.length ? `GEOMETRYCOLLECTION (${g.geometries.map(geometryToWkt).join(', ')})` : 'GEOMETRYCOLLECTION EMPTY';
  }
}
