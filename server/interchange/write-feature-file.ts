/**
 * Features as the files other departments' GIS tools read: GeoJSON, a zipped Shapefile (one layer of
 * points or of polygons, WGS84 .prj, UTF-8 .cpg), KML, CSV with a WKT column (UTF-8 with a BOM, so
 * a spreadsheet keeps the Chinese), or a GeoPackage (write-geopackage.ts). Coordinates as given (a
 * caller converts to GCJ-02 first when asked). The grids' own writer (write-grid-file.ts) and the open
 * data's exports (server/ogc/export.ts) both write through here.
 */
import shpwrite from '@mapbox/shp-write';
import { toKML } from '@placemarkio/tokml';
import type { FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { geometryToWkt } from '@/geo/interchange/wkt';
import { csvDocument } from '@/geo/text/csv';
import { GEOPACKAGE_MIME_TYPE, writeGeoPackage } from './write-geopackage';
import { writeZipArchive } from './zip-archive';

export type FeatureFileFormat = 'geojson' | 'shapefile' | 'kml' | 'csv' | 'geopackage';
/**
 * The formats written at once, in plain JavaScript. A GeoPackage is written by SQLite in WebAssembly,
 * loaded on first use, so only writeFeatureFileAsync writes it.
 */
export type SyncFeatureFileFormat = Exclude<FeatureFileFormat, 'geopackage'>;
export type FeatureValue = string | number | boolean | null;
export type WritableCollection = FeatureCollection<Point | Polygon | MultiPolygon, Record<string, FeatureValue>>;

export interface WrittenFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** The .prj of WGS84 lon/lat as ArcGIS writes it (the same text @mapbox/shp-write uses by default). */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';

/** dBase text fields hold at most 254 bytes. */
const DBF_TEXT_BYTES = 254;
/** dBase field names hold at most 10 characters. */
const DBF_NAME_LENGTH = 10;

/** The kind of Shapefile a collection makes: one kind of geometry only; null when it mixes points and polygons. */
export function shapefileKind(collection: WritableCollection): 'POINT' | 'POLYGON' | null {
  const kinds = new Set(collection.features.map((f) => (f.geometry.type === 'Point' ? 'POINT' : 'POLYGON')));
  return kinds.size > 1 ? null : ((kinds.values().next().value as 'POINT' | 'POLYGON' | undefined) ?? 'POLYGON');
}

/**
 * Field names of at most 10 characters, each unique: a name cut short that meets another ends in a
 * number instead (category_name and category_name_en: category_n, categor_n2).
 */
export function dbfFieldNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    let field = name.slice(0, DBF_NAME_LENGTH);
    for (let i = 2; taken.has(field); i++) field = `${name.slice(0, DBF_NAME_LENGTH - String(i).length - 1)}_${i}`;
    taken.add(field);
    out.set(name, field);
  }
  return out;
}

export interface WriteFeatureFileOptions {
  /** A property's Shapefile field name where the default (cut to 10 characters, kept unique) is not wanted. */
  fieldNames?: Readonly<Record<string, string>>;
  /** A GeoPackage's table (its layer's name). Default the file's base name. */
  layerName?: string;
  /** A GeoPackage's last change (gpkg_contents.last_change). Default now. */
  at?: Date;
}

/** Any format, a GeoPackage too. */
export async function writeFeatureFileAsync(collection: WritableCollection, format: FeatureFileFormat, base: string, opts: WriteFeatureFileOptions = {}): Promise<WrittenFile> {
  if (format !== 'geopackage') return writeFeatureFile(collection, format, base, opts);
  const bytes = await writeGeoPackage(collection, opts.layerName ?? base, { lastChange: opts.at });
  return { bytes, fileName: `${base}.gpkg`, mimeType: GEOPACKAGE_MIME_TYPE };
}

export function writeFeatureFile(collection: WritableCollection, format: SyncFeatureFileFormat, base: string, opts: WriteFeatureFileOptions = {}): WrittenFile {
  if (format === 'geojson') return { bytes: new TextEncoder().encode(JSON.stringify(collection)), fileName: `${base}.geojson`, mimeType: 'application/geo+json' };
  if (format === 'kml') {
    // tokml writes a null property as the text "null": leave such properties out instead.
    const clean = {
      ...collection,
      features: collection.features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties ?? {}).filter(([, v]) => v !== null)) })),
    };
    return { bytes: new TextEncoder().encode(toKML(clean)), fileName: `${base}.kml`, mimeType: 'application/vnd.google-earth.kml+xml' };
  }
  if (format === 'csv') {
    const names = propertyNames(collection);
    const rows = collection.features.map((f) => [geometryToWkt(f.geometry), ...names.map((n) => csvValue(f.properties?.[n] ?? null))]);
    return { bytes: new TextEncoder().encode(csvDocument(['WKT', ...names], rows)), fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8' };
  }
  return { bytes: shapefileZip(collection, base, opts.fieldNames ?? {}), fileName: `${base}.zip`, mimeType: 'application/zip' };
}

const csvValue = (v: FeatureValue) => (typeof v === 'boolean' ? String(v) : v);

/** Every property name, in the order they first appear. */
function propertyNames(collection: WritableCollection): string[] {
  const names = new Set<string>();
  for (const f of collection.features) for (const k of Object.keys(f.properties ?? {})) names.add(k);
  return [...names];
}

function shapefileZip(collection: WritableCollection, base: string, fieldNames: Readonly<Record<string, string>>): Uint8Array {
  const kind = shapefileKind(collection);
  if (!kind) throw new Error('A Shapefile holds one kind of geometry: this collection mixes points and polygons');
  const names = propertyNames(collection);
  const defaults = dbfFieldNames(names.filter((n) => !fieldNames[n]));
  const fieldOf = (n: string) => fieldNames[n] ?? defaults.get(n)!;
  const rows = collection.features.map((f) =>
    Object.fromEntries(names.map((n) => {
      const v = f.properties?.[n] ?? null;
      return [fieldOf(n), typeof v === 'string' ? dbfText(v) : v];
    })),
  );
  // Shapefiles wind outer rings clockwise and holes counterclockwise (the reverse of RFC 7946).
  const geometries = collection.features.map((f) =>
    f.geometry.type === 'Point' ? f.geometry.coordinates : f.geometry.type === 'Polygon' ? windForShapefile(f.geometry.coordinates) : f.geometry.coordinates.map(windForShapefile),
  );
  let files: { shp: DataView; shx: DataView; dbf: DataView } | null = null;
  if (collection.features.length > 0) {
    shpwrite.write(rows, kind, geometries, (err, written) => {
      if (err) throw err;
      files = written as { shp: DataView; shx: DataView; dbf: DataView };
    });
  }
  const bytesOf = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const entries = files === null ? [] : [
    { name: `${base}.shp`, bytes: bytesOf((files as { shp: DataView }).shp) },
    { name: `${base}.shx`, bytes: bytesOf((files as { shx: DataView }).shx) },
    { name: `${base}.dbf`, bytes: bytesOf((files as { dbf: DataView }).dbf) },
  ];
  return writeZipArchive([
    ...entries,
    { name: `${base}.prj`, bytes: new TextEncoder().encode(WGS84_PRJ) },
    { name: `${base}.cpg`, bytes: new TextEncoder().encode('UTF-8') },
  ]);
}

/**
 * The dbf package writes each string's char codes as bytes (Chinese would be mangled), so the text goes
 * in as UTF-8 bytes, one char per byte; cut at a character boundary to fit the field.
 */
function dbfText(value: string): string {
  let utf8 = new TextEncoder().encode(value);
  if (utf8.length > DBF_TEXT_BYTES) {
    let end = DBF_TEXT_BYTES;
    while (end > 0 && (utf8[end]! & 0xc0) === 0x80) end--;
    utf8 = utf8.subarray(0, end);
  }
  let out = '';
  for (const b of utf8) out += String.fromCharCode(b);
  return out;
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[i]![0]! - ring[j]![0]!) * (ring[i]![1]! + ring[j]![1]!);
  return sum; // > 0 clockwise
}

function windForShapefile(rings: Position[][]): Position[][] {
  return rings.map((ring, r) => ((r === 0 ? ringArea(ring) < 0 : ringArea(ring) > 0) ? [...ring].reverse() : ring));
}
