/**
 * Features as a GeoPackage (OGC 12-128r18, version 1.3): one SQLite file that QGIS, ArcGIS and GDAL open
 * as a layer with typed columns, no 10-character field names and no one-kind-of-geometry rule. Written
 * by SQLite itself, compiled to WebAssembly (sql.js: no native build), in memory; the file's bytes are
 * returned. One feature table, in WGS 84 (srs_id 4326, lon/lat), as the other exports; no spatial index
 * (the sql.js build has no R*Tree module; GDAL and QGIS read a layer without one).
 *
 * The SQLite engine is loaded once per process, on the first GeoPackage asked for, from the .wasm that
 * ships in node_modules/sql.js/dist (nothing is fetched). Writing is then synchronous.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Geometry } from 'geojson';
import { geoPackageGeometry } from '@/geo/interchange/geopackage-geometry';
import { envelopeOf } from '@/geo/interchange/wkb';
import type { FeatureValue, WritableCollection } from './write-feature-file';

export const GEOPACKAGE_MIME_TYPE = 'application/geopackage+sqlite3';
/** PRAGMA application_id: "GPKG" in ASCII. */
export const GEOPACKAGE_APPLICATION_ID = 0x47504b47;
/** PRAGMA user_version: GeoPackage 1.3.0. */
export const GEOPACKAGE_USER_VERSION = 10300;

const SRS_ID = 4326;
const GEOMETRY_COLUMN = 'geom';
const ID_COLUMN = 'fid';

/** EPSG:4326 as GDAL writes it into a GeoPackage (the OGC WKT 1 with its authority codes). */
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

/** The core tables every GeoPackage holds (§1.1.2, §1.1.3, §2.1.5), as the specification declares them. */
const CORE_TABLES = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);`;

/** The three rows gpkg_spatial_ref_sys must hold (Requirements 11–13). */
const SPATIAL_REF_SYS: readonly (string | number)[][] = [
  ['WGS 84 geodetic', SRS_ID, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid'],
  ['Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined Cartesian coordinate reference system'],
  ['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'],
];

let engine: Promise<SqlJsStatic> | null = null;

/**
 * sql.js, loaded once, its .wasm read from the package's own folder (node_modules/sql.js/dist): sql.js
 * names that folder, from where its script runs. That holds only while sql.js is not bundled, which
 * next.config.js sees to (serverExternalPackages); a bundler would move the script and also choke on a
 * require.resolve of the .wasm, so a bundled copy fails here, loudly, instead of looking elsewhere.
 */
function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs({
    locateFile: (file: string, scriptDirectory: string) => {
      const wasm = path.join(scriptDirectory, file);
      if (!existsSync(wasm)) throw new Error(`sql.js has no ${file} beside it (${scriptDirectory}): it must run from node_modules, not bundled`);
      return wasm;
    },
  }).catch((error: unknown) => {
    engine = null; // the next export tries again
    throw error;
  });
  return engine;
}

/** A name as an SQL identifier: in double quotes, a quote inside doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export type GeoPackageColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN';

/**
 * A column's type from the values it holds (nulls aside): BOOLEAN if all are booleans, INTEGER if all
 * are integers SQLite holds exactly, REAL if all are numbers, TEXT otherwise (and when all are null).
 */
export function columnType(values: Iterable<FeatureValue | undefined>): GeoPackageColumnType {
  let booleans = 0, integers = 0, numbers = 0, others = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') booleans++;
    else if (typeof v === 'number') {
      numbers++;
      if (Number.isSafeInteger(v)) integers++;
    } else others++;
  }
  if (others > 0 || (booleans > 0 && numbers > 0)) return 'TEXT';
  if (booleans > 0) return 'BOOLEAN';
  if (numbers === 0) return 'TEXT';
  return integers === numbers ? 'INTEGER' : 'REAL';
}

/** A value as its column stores it: BOOLEAN as 0/1 (GeoPackage §1.1.1.1.1), TEXT as text. */
function columnValue(v: FeatureValue | undefined, type: GeoPackageColumnType): string | number | null {
  if (v === null || v === undefined) return null;
  if (type === 'BOOLEAN') return v ? 1 : 0;
  if (type === 'TEXT') return typeof v === 'string' ? v : String(v);
  return v as number;
}

export type GeoPackageGeometryType = 'POINT' | 'POLYGON' | 'MULTIPOLYGON' | 'GEOMETRY';

/**
 * The layer's one geometry type: points, polygons, or multipolygons (polygons among multipolygons are
 * written as multipolygons of one part, the same shape); GEOMETRY when points and polygons mix, or
 * when there is no feature to tell.
 */
export function layerGeometryType(collection: WritableCollection): GeoPackageGeometryType {
  const kinds = new Set(collection.features.map((f) => f.geometry.type));
  if (kinds.size === 0 || kinds.has('Point') && kinds.size > 1) return 'GEOMETRY';
  if (kinds.has('Point')) return 'POINT';
  return kinds.has('MultiPolygon') ? 'MULTIPOLYGON' : 'POLYGON';
}

/**
 * Each property's column name: as it is when it can be (Chinese and spaces too, quoted), else with a
 * number after it, since SQLite's names are alike regardless of ASCII case and fid and geom are taken
 * (`Name` beside `name` becomes `Name_2`). NUL cannot be in a name; an empty name becomes `field`.
 */
export function columnNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set([ID_COLUMN, GEOMETRY_COLUMN]);
  for (const name of names) {
    const base = name.replace(/\0/g, '') || 'field';
    let column = base;
    for (let i = 2; taken.has(column.toLowerCase()); i++) column = `${base}_${i}`;
    taken.add(column.toLowerCase());
    out.set(name, column);
  }
  return out;
}

export interface WriteGeoPackageOptions {
  /** gpkg_contents.last_change. Default now. */
  lastChange?: Date;
}

/**
 * The collection as a GeoPackage of one feature table named `layerName` (lon/lat in WGS 84, as given).
 * Every property becomes a column typed by its values (columnType), null allowed.
 */
export async function writeGeoPackage(collection: WritableCollection, layerName: string, opts: WriteGeoPackageOptions = {}): Promise<Uint8Array> {
  if (!layerName || /^(gpkg|sqlite)_/i.test(layerName) || layerName.includes('\0')) throw new Error(`Not a GeoPackage table name: ${JSON.stringify(layerName)}`);
  const SQL = await sqlite();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${GEOPACKAGE_APPLICATION_ID}; PRAGMA user_version = ${GEOPACKAGE_USER_VERSION};`);
    db.run('BEGIN');
    db.run(CORE_TABLES);
    for (const row of SPATIAL_REF_SYS) db.run('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)', row);

    const names = [...new Set(collection.features.flatMap((f) => Object.keys(f.properties ?? {})))];
    const columnOf = columnNames(names);
    const types = new Map(names.map((n) => [n, columnType(collection.features.map((f) => f.properties?.[n]))]));
    const geometryType = layerGeometryType(collection);
    const table = quoteIdentifier(layerName);
    const columns = names.map((n) => `${quoteIdentifier(columnOf.get(n)!)} ${types.get(n)}`);
    // The geometry column is declared with its geometry type name, as Requirement 25 asks (a BLOB in it).
    db.run(`CREATE TABLE ${table} (${quoteIdentifier(ID_COLUMN)} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, ${quoteIdentifier(GEOMETRY_COLUMN)} ${geometryType}${columns.map((c) => `, ${c}`).join('')})`);

    let bounds: [number, number, number, number] | null = null;
    const insert = db.prepare(
      `INSERT INTO ${table} (${[GEOMETRY_COLUMN, ...names.map((n) => columnOf.get(n)!)].map(quoteIdentifier).join(', ')}) VALUES (${['?', ...names.map(() => '?')].join(', ')})`,
    );
    try {
      for (const f of collection.features) {
        const g: Geometry = geometryType === 'MULTIPOLYGON' && f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry;
        const e = envelopeOf(g);
        if (e) bounds = bounds ? [Math.min(bounds[0], e[0]), Math.max(bounds[1], e[1]), Math.min(bounds[2], e[2]), Math.max(bounds[3], e[3])] : e;
        insert.run([geoPackageGeometry(g, SRS_ID), ...names.map((n) => columnValue(f.properties?.[n], types.get(n)!))]);
      }
    } finally {
      insert.free();
    }

    db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      layerName, 'features', layerName, '', (opts.lastChange ?? new Date()).toISOString(),
      bounds?.[0] ?? null, bounds?.[2] ?? null, bounds?.[1] ?? null, bounds?.[3] ?? null, SRS_ID,
    ]);
    db.run('INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)', [layerName, GEOMETRY_COLUMN, geometryType, SRS_ID]);
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
