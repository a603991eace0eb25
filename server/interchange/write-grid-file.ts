import shpwrite from '@mapbox/shp-write';
import { toKML } from '@placemarkio/tokml';
import type { Position } from 'geojson';
import type { Crs } from '@/geo/interchange/gcj02';
import { gridsToFeatureCollection } from '@/geo/interchange/grids-to-feature-collection';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import type { GridFileFormat } from './read-grid-file';
import { writeZipArchive } from './zip-archive';

export interface WrittenGridFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

export interface WriteGridFileOptions {
  /** 'gcj02' converts on the way out, for Gaode/Tencent users. Default 'wgs84'. */
  crs?: Crs;
  /** File name without extension. Default 'grids'. */
  baseName?: string;
  /**
   * More attributes of each grid (by its index), written after the importer's own: numbers and short
   * names (at most 10 characters, so the Shapefile keeps them as they are).
   */
  extra?: (index: number) => Record<string, number | string | boolean | null>;
}

/** The .prj of WGS84 lon/lat as ArcGIS writes it (the same text @mapbox/shp-write uses by default). */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';

/** dBase text fields hold at most 254 bytes. */
const DBF_TEXT_BYTES = 254;

/**
 * Writes grids as GeoJSON, a zipped Shapefile (one POLYGON layer, WGS84 .prj, UTF-8 .cpg) or KML.
 * The grids passed in are not modified.
 */
export function writeGridFile(grids: readonly GridCandidate[], format: GridFileFormat, opts: WriteGridFileOptions = {}): WrittenGridFile {
  const base = opts.baseName ?? 'grids';
  const plain = gridsToFeatureCollection(grids, opts.crs ?? 'wgs84');
  const extra = opts.extra;
  const collection = extra ? { ...plain, features: plain.features.map((f, i) => ({ ...f, properties: { ...f.properties, ...extra(i) } })) } : plain;
  if (format === 'geojson') {
    return { bytes: new TextEncoder().encode(JSON.stringify(collection)), fileName: `${base}.geojson`, mimeType: 'application/geo+json' };
  }
  if (format === 'kml') {
    // tokml writes a null property as the text "null": leave such properties out instead.
    const clean = {
      ...collection,
      features: collection.features.map((f) => ({
        ...f,
        properties: Object.fromEntries(Object.entries(f.properties).filter(([, v]) => v !== null)),
      })),
    };
    return { bytes: new TextEncoder().encode(toKML(clean)), fileName: `${base}.kml`, mimeType: 'application/vnd.google-earth.kml+xml' };
  }
  return { bytes: writeShapefileZip(grids, collection, base, extra), fileName: `${base}.zip`, mimeType: 'application/zip' };
}

function writeShapefileZip(
  grids: readonly GridCandidate[],
  collection: ReturnType<typeof gridsToFeatureCollection>,
  base: string,
  extra: WriteGridFileOptions['extra'],
): Uint8Array {
  // Field names are the importer's aliases, cut to dBase's 10 characters.
  const rows = collection.features.map((f, i) => ({
    code: dbfText(f.properties.code),
    name: dbfText(f.properties.name),
    kind: dbfText(f.properties.kind),
    ded_type: dbfText(f.properties.dedicated_type),
    comm_code: dbfText(f.properties.community_code),
    ...(extra ? extra(i) : {}),
  }));
  // Shapefiles wind outer rings clockwise and holes counterclockwise (the reverse of RFC 7946).
  const geometries = collection.features.map((f) =>
    f.geometry.type === 'Polygon' ? windForShapefile(f.geometry.coordinates) : f.geometry.coordinates.map(windForShapefile),
  );
  let files: { shp: DataView; shx: DataView; dbf: DataView } | null = null;
  if (grids.length > 0) {
    shpwrite.write(rows, 'POLYGON', geometries, (err, written) => {
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
function dbfText(value: string | null): string | null {
  if (value === null) return null;
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
