/**
 * Two encoders, one answer: on the server engine, ST_AsMVT and the JS encoder must serve the same
 * features (same ids and properties, geometry equal up to quantisation) for every layer over the fixture
 * city; and the embedded engine, given the same city, the same as the server. Skipped on the embedded
 * engine's run, which has no ST_AsMVT to compare against (the server's run compares it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { decodeTile, type DecodedFeature } from './__fixtures__/decode-tile';
import { insertTileFixture } from './__fixtures__/tile-fixture';
import { tileAt } from './tile-math';
import { TILE_LAYERS, type TileRequest } from './tile-request';
import { createTileService, type TileService } from './tile-service';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await insertTileFixture(t.db);
});
afterAll(async () => t?.dispose());

const FIXTURE_BOX = { west: 118.6, south: 31.98, east: 118.8, north: 32.1 };

/** Every tile over the fixture at z10–13; a diagonal of tiles across it at z14–16. */
function parityTiles(): Omit<TileRequest, 'layer'>[] {
  const tiles = new Map<string, Omit<TileRequest, 'layer'>>();
  const add = (tile: Omit<TileRequest, 'layer'>) => tiles.set(`${tile.z}/${tile.x}/${tile.y}`, tile);
  for (const z of [10, 11, 12, 13]) {
    const nw = tileAt(FIXTURE_BOX.west, FIXTURE_BOX.north, z);
    const se = tileAt(FIXTURE_BOX.east, FIXTURE_BOX.south, z);
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) add({ z, x, y });
  }
  for (const z of [14, 15, 16]) {
    for (let i = 0; i <= 16; i++) {
      const f = i / 16;
      add(tileAt(FIXTURE_BOX.west + f * 0.2, FIXTURE_BOX.south + f * 0.12, z));
    }
  }
  // The district border and the hole in a grid at high zoom.
  add(tileAt(118.7, 32.05, 16));
  add(tileAt(118.66, 32.06, 16));
  return [...tiles.values()];
}

/** Net area (exteriors positive, holes negative, per the MVT winding rule) and perimeter in tile units. */
function measure(f: DecodedFeature) {
  let area = 0;
  let perimeter = 0;
  for (const ring of f.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      area += (ring[j].x * ring[i].y - ring[i].x * ring[j].y) / 2;
      perimeter += Math.hypot(ring[i].x - ring[j].x, ring[i].y - ring[j].y);
    }
  }
  const xs = f.rings.flat().map((p) => p.x);
  const ys = f.rings.flat().map((p) => p.y);
  return { area, perimeter, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

/** Compares two services' tiles of every layer over the fixture: the same ids and properties, geometry up to quantisation. */
async function compareServices(a: TileService, b: TileService): Promise<number> {
  let compared = 0;
  for (const layer of TILE_LAYERS) {
    for (const tile of parityTiles()) {
      const request = { layer, ...tile };
      const where = `${layer}/${tile.z}/${tile.x}/${tile.y}`;
      const fa0 = decodeTile((await a.getTile(request)).bytes, request).features;
      const fb0 = decodeTile((await b.getTile(request)).bytes, request).features;
      const byId = new Map(fb0.map((f) => [f.id, f]));
      expect(fb0.map((f) => f.id).sort(), `${where}: feature ids`).toEqual(fa0.map((f) => f.id).sort());
      for (const fa of fa0) {
        const fb = byId.get(fa.id)!;
        const what = `${where} feature ${fa.id}`;
        expect(fb.properties, what).toEqual(fa.properties);
        expect(fb.type, what).toBe(fa.type);
        const ma = measure(fa);
        const mb = measure(fb);
        // Each encoder snaps vertices to the integer grid and simplifies at half a unit: the area
        // may move by about half a unit along the outline, the bbox by a unit or so.
        if (fa.type === 3) {
          expect(Math.abs(ma.area - mb.area), `${what}: area ${ma.area} vs ${mb.area}`).toBeLessThanOrEqual(ma.perimeter * 0.5 + 4);
          expect(mb.area, what).toBeGreaterThan(0);
        }
        ma.bbox.forEach((v, i) => expect(Math.abs(v - mb.bbox[i]), `${what}: bbox`).toBeLessThanOrEqual(2));
        compared++;
      }
    }
  }
  return compared;
}

describe('ST_AsMVT and the JS encoder agree', () => {
  it('on every layer over the fixture city', async (ctx) => {
    if (!t.capabilities.asMvt) ctx.skip(); // embedded engine: no ST_AsMVT to compare with
    const postgis = createTileService({ db: t.db, capabilities: t.capabilities, encoder: 'postgis', cache: false });
    const js = createTileService({ db: t.db, capabilities: t.capabilities, encoder: 'js', cache: false });
    const compared = await compareServices(postgis, js);
    expect(compared).toBeGreaterThan(1000);
    console.log(`parity: ${compared} features compared over ${parityTiles().length} tiles x ${TILE_LAYERS.length} layers`);
  });
});

describe('the two engines serve the same tiles', () => {
  it('the server (ST_AsMVT) and the embedded engine (the JS encoder) on the same city', async (ctx) => {
    if (!t.capabilities.asMvt) ctx.skip(); // run once, from the server engine's side
    const embedded = await openTestDatabase({ engine: 'embedded' });
    try {
      await insertTileFixture(embedded.db);
      const server = createTileService({ db: t.db, capabilities: t.capabilities, encoder: 'postgis', cache: false });
      const local = createTileService({ db: embedded.db, capabilities: embedded.capabilities, cache: false });
      expect(local.encoder).toBe('js');
      expect(await compareServices(server, local)).toBeGreaterThan(1000);
    } finally {
      await embedded.dispose();
    }
  }, 180_000);
});
