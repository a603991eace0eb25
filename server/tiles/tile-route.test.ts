/**
 * The Next route /tiles/{layer}/{z}/{x}/{y}.mvt, called as Next calls it, against a test database put
 * in place of the process-wide one (server/db/index.ts keeps it on globalThis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE_NAME } from '../auth/http';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { decodeTile } from './__fixtures__/decode-tile';
import { insertTileFixture } from './__fixtures__/tile-fixture';
import { tileAt } from './tile-math';

let t: TestDatabase;
let GET: (req: Request, ctx: { params: Promise<{ layer: string; z: string; x: string; y: string }> }) => Promise<Response>;

let cookie: string;

beforeAll(async () => {
  t = await openTestDatabase();
  await insertTileFixture(t.db);
  // A planner of the city: reads every layer, incidents included.
  const planner = await createTestUser(t.db, 'planner-tiles', [{ role: 'planner', level: 'city', code: '320100' }]);
  cookie = `${SESSION_COOKIE_NAME}=${(await signInTestUser(t.db, planner)).token}`;
  (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')] = Promise.resolve({ db: t.db, capabilities: t.capabilities });
  ({ GET } = await import('@/app/tiles/[layer]/[z]/[x]/[y]/route'));
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.tileService')];
  await t?.dispose();
});

const call = (segments: { layer: string; z: string; x: string; y: string }, headers: Record<string, string> = {}) =>
  GET(new Request(`http://127.0.0.1/tiles/${segments.layer}/${segments.z}/${segments.x}/${segments.y}`, { headers: { cookie, ...headers } }), {
    params: Promise.resolve(segments),
  });

describe('GET /tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  const tile = tileAt(118.685, 32.025, 12);
  const segments = { layer: 'grids', z: '12', x: String(tile.x), y: `${tile.y}.mvt` };

  it('serves a vector tile with the layer as source-layer and a versioned ETag', async () => {
    const res = await call(segments);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('etag')).toMatch(/^W\/"grids\/12\/\d+\/\d+@grids:\d+,addresses:\d+,settings:\d+,in_force:\d+"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const decoded = decodeTile(bytes, { layer: 'grids', ...tile });
    expect(decoded.layers).toEqual(['grids']);
    expect(decoded.features.length).toBeGreaterThan(10);

    const again = await call(segments, { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('answers 204 for an empty tile', async () => {
    const empty = tileAt(100, 20, 12);
    const res = await call({ layer: 'grids', z: '12', x: String(empty.x), y: `${empty.y}.mvt` });
    expect(res.status).toBe(204);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([
    [{ layer: 'roads', z: '12', x: '1', y: '1.mvt' }, 'TILE_UNKNOWN_LAYER'],
    [{ layer: 'grids', z: '23', x: '1', y: '1.mvt' }, 'TILE_BAD_ZOOM'],
    [{ layer: 'grids', z: '2', x: '4', y: '1.mvt' }, 'TILE_OUT_OF_RANGE'],
    [{ layer: 'grids', z: '2', x: '1', y: 'x.mvt' }, 'TILE_BAD_COORDINATE'],
  ])('answers 400 with a zh-CN and English message for %o', async (bad, code) => {
    const res = await call(bad);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: { 'zh-CN': string; en: string } } };
    expect(body.error.code).toBe(code);
    expect(body.error.message['zh-CN']).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
  });
});
