/**
 * GDAL reads the endpoint (its OGC API – Features driver, `OAPIF:`), as a department's GIS does: the
 * layers are the collections, every page is followed to the same features and attributes we serve, and
 * a spatial filter reaches the server as bbox. Runs Debian's gdal-bin in its own process against the
 * route served on loopback; CI installs it (.ci/run), elsewhere the test is skipped without it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/ogc/[[...path]]/route';
import { provideDatabase } from '../db';
import { issueDepartmentKey } from './department-keys';
import { seedOgcFixture } from './__fixtures__/ogc-fixture';
import { gdal, skipWithoutGdal } from '../testing/gdal';
import { serveRoute, type ServedRoute } from '../testing/serve-route';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';


let t: TestDatabase;
let served: ServedRoute;
let dir: string;


describe.skipIf(skipWithoutGdal)('GDAL reads the OGC API', () => {
  beforeAll(async () => {
    t = await openTestDatabase();
    provideDatabase({ db: t.db, capabilities: t.capabilities });
    await seedOgcFixture(t.db);
    served = await serveRoute((request) => {
      const segments = new URL(request.url).pathname.replace(/^\/ogc\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
      return GET(request, { params: Promise.resolve({ path: segments }) });
    });
    dir = mkdtempSync(join(tmpdir(), 'gridatlas-oapif-'));
  }, 120_000);
  afterAll(async () => {
    await served?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
    await t?.dispose();
  });

  it('lists the collections as layers and counts a layer as numberMatched says', async () => {
    const layers = await gdal('ogrinfo', ['-ro', '-q', `OAPIF:${served.origin}/ogc`]);
    for (const id of ['districts', 'streets', 'communities', 'grids', 'addresses', 'key-sites', 'incidents']) expect(layers).toContain(id);
    const grids = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${served.origin}/ogc`, 'grids']);
    expect(grids).toMatch(/Feature Count: 6/);
    expect(grids).toMatch(/community_code: String/);
  }, 120_000);

  it('copies every page of a layer with its attributes and geometries', async () => {
    const out = join(dir, 'addresses.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${served.origin}/ogc`, 'addresses', '-oo', 'PAGE_SIZE=7']);
    const copied = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[] } }[] };
    const rows = await t.db.query<{ code: string; lon: number; lat: number; community: string }>(
      `SELECT a.code, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat, c.code AS community FROM standard_address a JOIN community c ON c.id = a.community_id ORDER BY a.code`,
    );
    expect(copied.features).toHaveLength(rows.length);
    const byCode = new Map(copied.features.map((f) => [f.properties.code, f]));
    for (const r of rows) {
      const f = byCode.get(r.code)!;
      expect(f.properties.community_code).toBe(r.community);
      expect(f.geometry.coordinates[0]).toBeCloseTo(r.lon, 7);
      expect(f.geometry.coordinates[1]).toBeCloseTo(r.lat, 7);
    }
  }, 120_000);

  it("passes a department's key in a header, and reads the fields it opens", async () => {
    const { key } = await issueDepartmentKey(t.db, { userId: null }, { name: 'GDAL', departmentCode: 'police', collections: ['addresses'], fields: ['addresses.households'] }, new Date());
    const open = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${served.origin}/ogc`, 'addresses']);
    expect(open).not.toMatch(/households:/);
    const keyed = await gdal('ogrinfo', ['-ro', '-so', '--config', 'GDAL_HTTP_HEADERS', `X-GridAtlas-Key: ${key}`, `OAPIF:${served.origin}/ogc`, 'addresses']);
    expect(keyed).toMatch(/households: Integer/);
  }, 120_000);

  it('sends a spatial filter as bbox', async () => {
    const before = served.requests.length;
    const out = join(dir, 'grids.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${served.origin}/ogc`, 'grids', '-spat', '118.71', '32.01', '118.74', '32.02']);
    const copied = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { code: string } }[] };
    expect(copied.features.map((f) => f.properties.code)).toEqual(['320102008001001']);
    expect(served.requests.slice(before).some((u) => u.includes('/collections/grids/items') && u.includes('bbox='))).toBe(true);
  }, 120_000);
});
