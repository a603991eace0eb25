/**
 * The GeoPackage writer: the file's SQLite header, the core tables and their required rows, typed and
 * quoted columns, the layer's geometry type; then what GDAL (gdal-bin, skipped without it off CI) reads
 * back from it — the same features, attributes (Chinese too) and geometries — and, where GDAL's Python
 * samples are installed, its GeoPackage validator.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze } from '@/geo/grid/__fixtures__/freeze';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import { gdal, skipWithoutGdal } from '../testing/gdal';
import type { WritableCollection } from './write-feature-file';
import { writeFeatureFileAsync } from './write-feature-file';
import { columnNames, columnType, GEOPACKAGE_APPLICATION_ID, GEOPACKAGE_USER_VERSION, layerGeometryType, quoteIdentifier, writeGeoPackage } from './write-geopackage';
import { writeGridFile, writeGridFileAsync } from './write-grid-file';

// The same SQLite, to read the files back as tables.
const SQL = await initSqlJs();
const open = (bytes: Uint8Array) => new SQL.Database(bytes);
const rows = (db: Database, sql: string) => {
  const [r] = db.exec(sql);
  return r ? r.values : [];
};

/** A square ring from (x, y), its corners to 1e-9° (so that 15 digits, as GDAL writes them, hold them exactly). */
const square = (x: number, y: number, d = 0.01) => {
  const [x1, y1] = [x + d, y + d].map((v) => Number(v.toFixed(9))) as [number, number];
  return [[[x, y], [x1, y], [x1, y1], [x, y1], [x, y]]];
};

/** Points and polygons with the properties a GIS user meets: Chinese, odd names, nulls, every type. */
const mixed: WritableCollection = deepFreeze({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '320102008001', 名称: '红山街道第一社区', households: 412, share: 0.5, active: true, 'a "quoted" name': 'x', Name: '大写', name: '小写', fid: 7, note: null, mixed: 1 },
      geometry: { type: 'Polygon', coordinates: square(118.79, 32.08) },
    },
    {
      type: 'Feature',
      properties: { code: '320102008002', 名称: '玄武湖"风景区"<专属>&', households: null, share: 2, active: false, 'a "quoted" name': null, Name: null, name: null, fid: 8, note: null, mixed: '一' },
      geometry: { type: 'Point', coordinates: [118.8, 32.07] },
    },
  ],
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gridatlas-gpkg-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the parts', () => {
  it('types a column by the values it holds, nulls aside', () => {
    expect(columnType([true, null, false])).toBe('BOOLEAN');
    expect(columnType([1, null, -3])).toBe('INTEGER');
    expect(columnType([1, 2.5])).toBe('REAL');
    expect(columnType([2 ** 60])).toBe('REAL');
    expect(columnType(['1', 2])).toBe('TEXT');
    expect(columnType([true, 1])).toBe('TEXT');
    expect(columnType([null, undefined])).toBe('TEXT');
    expect(columnType([])).toBe('TEXT');
  });

  it('quotes names and keeps them apart as SQLite compares them', () => {
    expect(quoteIdentifier('a "b"')).toBe('"a ""b"""');
    expect([...columnNames(['name', 'Name', 'NAME', 'fid', 'GEOM', '名称', '', 'a\0b']).values()]).toEqual(['name', 'Name_2', 'NAME_3', 'fid_2', 'GEOM_2', '名称', 'field', 'ab']);
  });

  it('declares one geometry type per layer', () => {
    const of = (...types: ('Point' | 'Polygon' | 'MultiPolygon')[]) =>
      layerGeometryType({
        type: 'FeatureCollection',
        features: types.map((t) => ({
          type: 'Feature',
          properties: {},
          geometry: t === 'Point' ? { type: t, coordinates: [0, 0] } : t === 'Polygon' ? { type: t, coordinates: square(0, 0) } : { type: t, coordinates: [square(0, 0)] },
        })),
      });
    expect([of('Point', 'Point'), of('Polygon'), of('Polygon', 'MultiPolygon'), of('MultiPolygon'), of('Point', 'Polygon'), of()]).toEqual(['POINT', 'POLYGON', 'MULTIPOLYGON', 'MULTIPOLYGON', 'GEOMETRY', 'GEOMETRY']);
  });
});

describe('writeGeoPackage', () => {
  it('writes a SQLite file with the GeoPackage application id and version 1.3', async () => {
    const bytes = await writeGeoPackage(mixed, 'key-sites');
    expect(new TextDecoder().decode(bytes.subarray(0, 16))).toBe('SQLite format 3\0');
    const header = new DataView(bytes.buffer, bytes.byteOffset);
    // The SQLite header keeps user_version at offset 60 and application_id at 68, big-endian.
    expect(header.getUint32(68)).toBe(GEOPACKAGE_APPLICATION_ID);
    expect(new TextDecoder().decode(bytes.subarray(68, 72))).toBe('GPKG');
    expect(header.getUint32(60)).toBe(GEOPACKAGE_USER_VERSION);
    const db = open(bytes);
    expect(rows(db, 'PRAGMA integrity_check')).toEqual([['ok']]);
    expect(rows(db, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('holds the required spatial reference systems, the contents and the geometry column', async () => {
    const at = new Date('2026-03-02T01:20:00.000Z');
    const db = open(await writeGeoPackage(mixed, 'key-sites', { lastChange: at }));
    expect(rows(db, 'SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys ORDER BY srs_id')).toEqual([[-1, 'NONE', -1], [0, 'NONE', 0], [4326, 'EPSG', 4326]]);
    expect(rows(db, 'SELECT table_name, data_type, identifier, last_change, min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents')).toEqual([
      ['key-sites', 'features', 'key-sites', '2026-03-02T01:20:00.000Z', 118.79, 32.07, 118.8, 32.09, 4326],
    ]);
    expect(rows(db, 'SELECT table_name, column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns')).toEqual([['key-sites', 'geom', 'GEOMETRY', 4326, 0, 0]]);
  });

  it('types the columns, quotes odd names, keeps Chinese and nulls', async () => {
    const db = open(await writeGeoPackage(mixed, 'key-sites'));
    expect(rows(db, `SELECT name, type, pk FROM pragma_table_info('key-sites')`)).toEqual([
      ['fid', 'INTEGER', 1], ['geom', 'GEOMETRY', 0],
      ['code', 'TEXT', 0], ['名称', 'TEXT', 0], ['households', 'INTEGER', 0], ['share', 'REAL', 0], ['active', 'BOOLEAN', 0],
      ['a "quoted" name', 'TEXT', 0], ['Name', 'TEXT', 0], ['name_2', 'TEXT', 0], ['fid_2', 'INTEGER', 0], ['note', 'TEXT', 0], ['mixed', 'TEXT', 0],
    ]);
    expect(rows(db, `SELECT fid, code, "名称", households, share, active, "a ""quoted"" name", Name, name_2, fid_2, note, mixed FROM "key-sites" ORDER BY fid`)).toEqual([
      [1, '320102008001', '红山街道第一社区', 412, 0.5, 1, 'x', '大写', '小写', 7, null, '1'],
      [2, '320102008002', '玄武湖"风景区"<专属>&', null, 2, 0, null, null, null, 8, null, '一'],
    ]);
    // The blobs are GeoPackage binary: "GP", version 0, little-endian with an XY envelope, SRS 4326.
    const [[blob]] = rows(db, `SELECT geom FROM "key-sites" WHERE fid = 2`) as [[Uint8Array]];
    expect(Buffer.from(blob.subarray(0, 8)).toString('hex')).toBe('47500003e6100000');
  });

  it('writes polygons among multipolygons as multipolygons', async () => {
    const collection: WritableCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { n: 1 }, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
        { type: 'Feature', properties: { n: 2 }, geometry: { type: 'MultiPolygon', coordinates: [square(1, 1), square(2, 2)] } },
      ],
    };
    const db = open(await writeGeoPackage(collection, 'grids'));
    expect(rows(db, 'SELECT geometry_type_name FROM gpkg_geometry_columns')).toEqual([['MULTIPOLYGON']]);
    // The WKB type after the 40-byte header: 6, MultiPolygon, for both.
    const types = (rows(db, 'SELECT geom FROM grids ORDER BY fid') as [Uint8Array][]).map(([b]) => new DataView(b.buffer, b.byteOffset).getUint32(41, true));
    expect(types).toEqual([6, 6]);
  });

  it('writes an empty layer: no feature, no bounds', async () => {
    const db = open(await writeGeoPackage({ type: 'FeatureCollection', features: [] }, 'addresses'));
    expect(rows(db, 'SELECT min_x, max_y FROM gpkg_contents')).toEqual([[null, null]]);
    expect(rows(db, 'SELECT count(*) FROM addresses')).toEqual([[0]]);
  });

  it('refuses a table name GeoPackage reserves', async () => {
    await expect(writeGeoPackage(mixed, 'gpkg_contents')).rejects.toThrow(/table name/);
  });

  it('names the file .gpkg with the registered media type', async () => {
    expect(await writeFeatureFileAsync(mixed, 'geopackage', 'key-sites-2026-03-02', { layerName: 'key-sites' })).toMatchObject({
      fileName: 'key-sites-2026-03-02.gpkg',
      mimeType: 'application/geopackage+sqlite3',
    });
  });
});

interface ReadFeature { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }
const readBack = async (file: string, layer: string) =>
  (JSON.parse(await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, layer])) as { features: ReadFeature[] }).features;

/** GDAL's own GeoPackage validator (python3-gdal's samples), when installed. */
const validator = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';
const python = '/usr/bin/python3';
const hasValidator = existsSync(validator) && existsSync(python);

describe.skipIf(skipWithoutGdal)('GDAL reads the GeoPackage back', () => {
  it('as one layer of the same features, attributes and geometries', async () => {
    const file = join(dir, 'key-sites.gpkg');
    writeFileSync(file, await writeGeoPackage(mixed, 'key-sites'));
    const info = await gdal('ogrinfo', ['-ro', '-so', file, 'key-sites']);
    expect(info).toMatch(/Geometry: Unknown \(any\)/);
    expect(info).toMatch(/Feature Count: 2/);
    expect(info).toMatch(/households: Integer64|households: Integer/);
    expect(info).toMatch(/share: Real/);
    expect(info).toMatch(/active: Integer\(Boolean\)/);
    expect(info).toMatch(/名称: String/);
    const read = await readBack(file, 'key-sites');
    expect(read).toHaveLength(2);
    for (const [i, f] of mixed.features.entries()) {
      const back = read[i]!;
      expect(back.geometry).toEqual(f.geometry);
      expect(back.properties.名称).toBe(f.properties.名称);
      expect(back.properties['a "quoted" name']).toBe(f.properties['a "quoted" name']);
      expect(back.properties.households).toBe(f.properties.households);
      expect(back.properties.active).toBe(f.properties.active);
      expect(back.properties.name_2).toBe(f.properties.name);
    }
  });

  it('the grids written for the editor and the planner, as their GeoJSON says', async () => {
    const grids: GridCandidate[] = [
      { key: 'a', code: '320102002001003', name: '玄武湖风景区网格', kind: 'dedicated', dedicatedType: 'park', communityCode: '320102002001', geometry: { type: 'Polygon', coordinates: [square(118.78, 32.06)[0]!, [[118.782, 32.062], [118.782, 32.064], [118.784, 32.064], [118.782, 32.062]]] } },
      { key: 'b', code: null, name: null, kind: 'comprehensive', dedicatedType: null, communityCode: null, geometry: { type: 'MultiPolygon', coordinates: [square(118.8, 32.0), square(118.82, 32.0)] } },
    ];
    const gpkg = await writeGridFileAsync(grids, 'geopackage', { baseName: 'grids-320102002', extra: (i) => ({ households: 300 + i }) });
    expect(gpkg.fileName).toBe('grids-320102002.gpkg');
    const file = join(dir, gpkg.fileName);
    writeFileSync(file, gpkg.bytes);
    const read = await readBack(file, 'grids');
    const want = JSON.parse(new TextDecoder().decode(writeGridFile(grids, 'geojson', { extra: (i) => ({ households: 300 + i }) }).bytes)) as { features: ReadFeature[] };
    expect(read.map((f) => f.properties)).toEqual(want.features.map((f) => f.properties));
    // The polygon comes back as a multipolygon of one part: the layer is MULTIPOLYGON.
    expect(read.map((f) => f.geometry)).toEqual(want.features.map((f) => (f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry)));
  });

  it.skipIf(!hasValidator)("passes GDAL's GeoPackage validator", async () => {
    const file = join(dir, 'valid.gpkg');
    writeFileSync(file, await writeGeoPackage(mixed, 'key-sites'));
    // It prints nothing and exits 0 for a valid file; a failed requirement throws with its number.
    expect(execFileSync(python, [validator, file], { encoding: 'utf8' })).toBe('');
  });
});
