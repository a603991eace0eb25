/**
 * A layer's TileJSON (/tiles/{layer}.json) and the revision in its tile URLs: the tiles it names are
 * served and may be kept for good while the revision holds, a data change moves it, a layer that changes
 * with the clock is never kept; every field a tile carries is described. And GDAL's MVT driver reads a
 * tile we serve, with the same features and attributes (Debian's gdal-bin; CI installs it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE_NAME } from '../auth/http';
import { gdal, skipWithoutGdal } from '../testing/gdal';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { decodeTile } from './__fixtures__/decode-tile';
import { insertTileFixture } from './__fixtures__/tile-fixture';
import { layerQuery } from './tile-layers';
import { MAX_TILE_ZOOM, tileAt } from './tile-math';
import { TILE_LAYERS } from './tile-request';
import { bumpDataVersion } from './tile-service';
import { TILE_FIELD_TYPES } from './tilejson';

type TileGet = (req: Request, ctx: { params: Promise<{ layer: string; z: string; x: string; y: string }> }) => Promise<Response>;
type JsonGet = (req: Request, ctx: { params: Promise<{ layer: string }> }) => Promise<Response>;

let t: TestDatabase;
let tileGET: TileGet;
let jsonGET: JsonGet;
let cookie: string;

beforeAll(async () => {
  t = await openTestDatabase();
  await insertTileFixture(t.db);
  const planner = await createTestUser(t.db, 'planner-tilejson', [{ role: 'planner', level: 'city', code: '320100' }]);
  cookie = `${SESSION_COOKIE_NAME}=${(await signInTestUser(t.db, planner)).token}`;
  (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')] = Promise.resolve({ db: t.db, capabilities: t.capabilities });
  ({ GET: tileGET } = await import('@/app/tiles/[layer]/[z]/[x]/[y]/route'));
  ({ GET: jsonGET } = await import('@/app/tiles/[layer]/route'));
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.tileService')];
  await t?.dispose();
});

const ORIGIN = 'http://127.0.0.1:3000';
interface TileJson { tilejson: string; tiles: string[]; minzoom: number; maxzoom: number; bounds: number[]; vector_layers: { id: string; fields: Record<string, string> }[] }

const tileJsonOf = async (layer: string, query = '', headers: Record<string, string> = { cookie }) =>
  jsonGET(new Request(`${ORIGIN}/tiles/${layer}.json${query}`, { headers }), { params: Promise.resolve({ layer: `${layer}.json` }) });

/** The tile of the template at z/x/y, called as Next calls the route. */
const tileFrom = (template: string, z: number, x: number, y: number) => {
  const url = template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
  const [layer] = new URL(url).pathname.split('/').slice(2);
  return tileGET(new Request(url, { headers: { cookie } }), { params: Promise.resolve({ layer: layer!, z: String(z), x: String(x), y: `${y}.mvt` }) });
};

describe('GET /tiles/{layer}.json', () => {
  it('describes each layer: its tiles at the current revision, zooms, bounds and fields', async () => {
    for (const layer of TILE_LAYERS) {
      const res = await tileJsonOf(layer);
      expect([layer, res.status]).toEqual([layer, 200]);
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      const doc = (await res.json()) as TileJson;
      expect(doc.tilejson).toBe('3.0.0');
      expect(doc.tiles).toEqual([expect.stringMatching(new RegExp(`^${ORIGIN}/tiles/${layer}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=[0-9a-f]{16}$`))]);
      expect([doc.minzoom, doc.maxzoom]).toEqual([0, MAX_TILE_ZOOM]);
      expect(doc.vector_layers.map((l) => l.id)).toEqual([layer]);
      for (let z = 0; z <= MAX_TILE_ZOOM; z++) for (const p of layerQuery(layer, z).properties) expect(doc.vector_layers[0]!.fields[p], `${layer}.${p}`).toMatch(/^(Number|String|Boolean)$/);
    }
    expect(Object.values(TILE_FIELD_TYPES).every((v) => ['Number', 'String', 'Boolean'].includes(v))).toBe(true);
  });

  it('names tiles that may be kept for good until the data changes, and then names new ones', async () => {
    const before = ((await (await tileJsonOf('grids')).json()) as TileJson).tiles[0]!;
    const { x, y } = tileAt(118.685, 32.025, 12);
    const kept = await tileFrom(before, 12, x, y);
    expect(kept.status).toBe(200);
    expect(kept.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    // A revision that is not the current one: the tile as it is now, revalidated.
    const other = await tileFrom(before.replace(/v=[0-9a-f]+/, 'v=0000000000000000'), 12, x, y);
    expect(other.headers.get('cache-control')).toBe('private, no-cache');

    await bumpDataVersion(t.db, 'grids');
    const after = ((await (await tileJsonOf('grids')).json()) as TileJson).tiles[0]!;
    expect(after).not.toBe(before);
    expect((await tileFrom(before, 12, x, y)).headers.get('cache-control')).toBe('private, no-cache');
    expect((await tileFrom(after, 12, x, y)).headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    // "As of" a day: its own revision, carried in the template with the day.
    const asOf = ((await (await tileJsonOf('grids', '?at=2026-06-01')).json()) as TileJson).tiles[0]!;
    expect(asOf).toMatch(/\?v=[0-9a-f]{16}&at=2026-06-01$/);
  });

  it('never lets a tile that changes with the clock be kept (incidents turn overdue)', async () => {
    const template = ((await (await tileJsonOf('incidents')).json()) as TileJson).tiles[0]!;
    const { x, y } = tileAt(118.685, 32.025, 12);
    const res = await tileFrom(template, 12, x, y);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('refuses what the tiles refuse: no session, an unknown layer, a bad day', async () => {
    expect((await tileJsonOf('grids', '', {})).status).toBe(401);
    const unknown = await tileJsonOf('roads');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('TILE_UNKNOWN_LAYER');
    expect((await tileJsonOf('grids', '?at=2026-02-31')).status).toBe(400);
    const bare = await jsonGET(new Request(`${ORIGIN}/tiles/grids`, { headers: { cookie } }), { params: Promise.resolve({ layer: 'grids' }) });
    expect(bare.status).toBe(404);
  });
});


describe.skipIf(skipWithoutGdal)("GDAL's MVT driver", () => {
  it('reads a grids tile with the features and attributes we decode', async () => {
    const template = ((await (await tileJsonOf('grids')).json()) as TileJson).tiles[0]!;
    const z = 13;
    const { x, y } = tileAt(118.685, 32.025, z);
    const res = await tileFrom(template, z, x, y);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const ours = decodeTile(bytes, { layer: 'grids', z, x, y }).features;
    const dir = mkdtempSync(join(tmpdir(), 'gridatlas-mvt-'));
    try {
      // The driver reads z, x and y from the path of a single tile.
      mkdirSync(join(dir, String(z), String(x)), { recursive: true });
      const file = join(dir, String(z), String(x), `${y}.pbf`);
      writeFileSync(file, bytes);
      const out = await gdal('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '/vsistdout/', file, 'grids']);
      const read = JSON.parse(out) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][][] | number[][][] } }[] };
      expect(read.features.length).toBe(ours.length);
      const codes = (xs: { properties: Record<string, unknown> }[]) => xs.map((f) => f.properties.code).sort();
      expect(codes(read.features)).toEqual(codes(ours));
      const lon = JSON.stringify(read.features[0]!.geometry.coordinates).match(/-?\d+\.\d+/)![0];
      // Georeferenced from the tile's address (in Web Mercator, here to lon/lat): the city's longitudes.
      expect(Number(lon)).toBeGreaterThan(118);
      expect(Number(lon)).toBeLessThan(119.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
