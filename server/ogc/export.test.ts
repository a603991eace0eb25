/**
 * The open data's exports (/ogc/collections/{id}/export.{geojson|zip|kml|csv|gpkg}) round-trip through GDAL:
 * ogr2ogr reads each file we write (the Shapefile from inside its zip) back to the same features, with
 * the same attributes and the same geometries as the items we serve; GCJ-02 on request converts back to
 * the stored coordinates; and every refusal is a 4xx. Debian's gdal-bin (CI installs it; skipped
 * elsewhere without it) for the round trips.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertGeometry } from '@/geo/interchange/gcj02';
import { GET } from '@/app/ogc/[[...path]]/route';
import { provideDatabase } from '../db';
import { dbfFieldNames } from '../interchange/write-feature-file';
import { gdal, skipWithoutGdal } from '../testing/gdal';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { seedOgcFixture } from './__fixtures__/ogc-fixture';
import { collectionById } from './collections';
import { exportCollection } from './export';
import { itemsQuery } from './query';

let t: TestDatabase;
let dir: string;

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  await seedOgcFixture(t.db);
  dir = mkdtempSync(join(tmpdir(), 'gridatlas-export-'));
}, 120_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const ORIGIN = 'http://127.0.0.1:3000';
const get = (path: string, headers: Record<string, string> = {}) => {
  const segments = path.split('?')[0]!.replace(/^\/ogc\/?/, '').split('/').filter(Boolean);
  return GET(new Request(ORIGIN + path, { headers }), { params: Promise.resolve({ path: segments }) });
};

interface Feature { id?: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }


/** The file read back by ogr2ogr as GeoJSON in WGS84. */
// A CSV carries no coordinate system: its WKT is lon/lat in WGS 84, as the README says.
const readBack = async (file: string) =>
  (JSON.parse(await gdal('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', ...(file.endsWith('.csv') ? ['-s_srs', 'EPSG:4326'] : []), '/vsistdout/', file])) as { features: Feature[] }).features;

/** How far apart two geometries are at most (degrees), by PostGIS. */
async function distance(a: unknown, b: unknown): Promise<number> {
  const [r] = await t.db.query<{ d: number }>('SELECT ST_HausdorffDistance(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2)) AS d', [JSON.stringify(a), JSON.stringify(b)]);
  return r!.d;
}

describe.skipIf(skipWithoutGdal)('exports GDAL reads back as served', () => {
  for (const collection of ['grids', 'addresses']) {
    for (const ext of ['geojson', 'zip', 'kml', 'csv', 'gpkg']) {
      it(`${collection} as .${ext}`, async () => {
        const served = (await (await get(`/ogc/collections/${collection}/items?limit=10000`)).json()) as { features: Feature[] };
        const res = await get(`/ogc/collections/${collection}/export.${ext}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${collection}-\\d{4}-\\d{2}-\\d{2}\\.${ext}"$`));
        const file = join(dir, `${collection}.${ext}`);
        writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
        const read = await readBack(ext === 'zip' ? `/vsizip/${file}` : file);
        expect(read).toHaveLength(served.features.length);
        // A GeoPackage is one layer named as the collection, its text in UTF-8 (the Chinese names and addresses).
        if (ext === 'gpkg') {
          expect(await gdal('ogrinfo', ['-ro', '-q', file])).toContain(`1: ${collection} (`);
          expect(read.some((f) => Object.values(f.properties).some((v) => typeof v === 'string' && /[\u4e00-\u9fff]/.test(v)))).toBe(true);
        }
        // Shapefile field names are cut to 10 characters (kept unique); the other formats keep them whole.
        const names = ['id', ...Object.keys(served.features[0]!.properties)];
        const fieldOf = ext === 'zip' ? dbfFieldNames(names) : new Map(names.map((n) => [n, n]));
        // KML's own name and description read back as Name and Description.
        const value = (f: Feature, k: string) => {
          const field = fieldOf.get(k)!;
          return ext === 'kml' ? Object.entries(f.properties).find(([p]) => p.toLowerCase() === field)?.[1] : f.properties[field];
        };
        const byId = new Map(read.map((f) => [String(value(f, 'id')), f]));
        for (const f of served.features) {
          const back = byId.get(f.id!);
          expect(back, f.id).toBeDefined();
          for (const [k, v] of Object.entries(f.properties)) {
            const got = value(back!, k);
            // Empty text and no value read alike in some formats; numbers may come back as text from CSV and KML.
            expect([f.id, k, got === '' || got == null ? null : String(got)]).toEqual([f.id, k, v === null || v === '' ? null : String(v)]);
          }
          expect(await distance(f.geometry, back!.geometry), `${f.id} geometry`).toBeLessThan(1e-6);
        }
      }, 120_000);
    }
  }
});

describe('exports', () => {
  it('write GCJ-02 when asked, which converts back to the stored coordinates', async () => {
    const wgs = (await (await get('/ogc/collections/grids/export.geojson')).json()) as { features: Feature[] };
    const res = await get('/ogc/collections/grids/export.geojson?crs=gcj02');
    expect(res.headers.get('content-disposition')).toContain('-gcj02.geojson');
    const gcj = (await res.json()) as { features: Feature[] };
    for (const [i, f] of gcj.features.entries()) {
      const mine = wgs.features[i]!.geometry;
      expect(await distance(f.geometry, mine)).toBeGreaterThan(1e-4);
      expect(await distance(convertGeometry(f.geometry as never, 'gcj02', 'wgs84'), mine)).toBeLessThan(1e-7);
    }
  });

  it('take the items filters, and refuse what is not an export with a 4xx', async () => {
    const one = (await (await get('/ogc/collections/addresses/export.geojson?grid_code=320102003001002')).json()) as { features: Feature[] };
    expect(one.features.length).toBeGreaterThan(0);
    expect(one.features.every((f) => f.properties.grid_code === '320102003001002')).toBe(true);
    const cases: [string, number, string][] = [
      ['/ogc/collections/grids/export.xls', 404, 'EXPORT_FORMAT_UNKNOWN'],
      ['/ogc/collections/grids/export.geojson?limit=5', 400, 'PARAMETER_UNKNOWN'],
      ['/ogc/collections/grids/export.geojson?crs=EPSG:3857', 400, 'CRS_UNSUPPORTED'],
      ['/ogc/collections/grids/items?crs=gcj02', 400, 'PARAMETER_UNKNOWN'],
      ['/ogc/collections/nope/export.csv', 404, 'COLLECTION_NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const res = await get(path);
      expect([path, res.status, ((await res.json()) as { code: string }).code]).toEqual([path, status, code]);
    }
    // A Shapefile holds one kind of geometry: key sites that are points and polygons go as the other formats.
    await t.db.execute(`INSERT INTO key_site (name, category, risk_level, geom) VALUES ('新街口广场', 'market', 1, ST_MakeEnvelope(118.81, 32.05, 118.82, 32.06, 4326))`);
    const mixed = await get('/ogc/collections/key-sites/export.zip');
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { code: string }).code).toBe('EXPORT_MIXED_GEOMETRY');
    expect((await get('/ogc/collections/key-sites/export.csv')).status).toBe(200);
    // A GeoPackage layer holds any geometry (declared GEOMETRY).
    const gpkg = await get('/ogc/collections/key-sites/export.gpkg');
    expect([gpkg.status, gpkg.headers.get('content-type')]).toEqual([200, 'application/geopackage+sqlite3']);
    // Past the most one export holds: refused, nothing written.
    const c = collectionById('addresses')!;
    await expect(exportCollection(t.db, c, itemsQuery(new URLSearchParams(), c, 'export'), new Date(), new Set(), 'csv', 5)).rejects.toMatchObject({ code: 'EXPORT_TOO_LARGE' });
  });

  it('write Chinese text a spreadsheet keeps: CSV in UTF-8 with a BOM, WKT first', async () => {
    const bytes = new Uint8Array(await (await get('/ogc/collections/communities/export.csv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // (TextDecoder takes the BOM off.)
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('WKT,id,code,name,kind,street_code,district_code');
    expect(text).toContain('红山街道第一社区');
  });
});
