/**
 * The open-data figures (issue 12), beside their targets:
 * - OGC API – Features items: pages of 10,000 standard addresses (limit=10000 at offsets across the
 *   table) through the route, end to end (parsing, the page and the count, GeoJSON written), p50 and p95;
 *   target under 1 s on the server engine. Beside it, the same rows by one plain query (id, GeoJSON and
 *   the properties, no count, no grid per address): the floor the route's own work sits on.
 * - Tiles (server engine): grids and addresses at z12–16 through the tile route, built each time, beside
 *   the plain ST_AsMVT query of the same rows, p50 and p95 (target within 1.5×); and cached tiles through
 *   the route from 32 concurrent callers (target at least 1,000 a second).
 */
import { performance } from 'node:perf_hooks';
import { GET } from '../app/ogc/[[...path]]/route';
import { GET as tileGET } from '../app/tiles/[layer]/[z]/[x]/[y]/route';
import { SESSION_COOKIE_NAME } from '../server/auth/http';
import { now } from '../server/clock';
import { readSettings } from '../server/settings';
import { createTestUser, signInTestUser } from '../server/testing/users';
import { getTileService } from '../server/tiles';
import { tileAt } from '../server/tiles/tile-math';
import type { TileLayerName } from '../server/tiles/tile-request';
import { renderTile } from '../server/tiles/tile-service';
import { detectCapabilities } from '../server/db/capabilities';
import type { Db } from '../server/db/engine';
import { provideDatabase } from '../server/db';
import { quantile } from './stats';

export const OPENDATA_TARGETS = { itemsPageMs: 1000, tileRatio: 1.5, cachedTilesPerS: 1000 } as const;

export interface TileRouteFigure {
  layer: TileLayerName;
  zoom: number;
  tiles: number;
  routeP50Ms: number;
  routeP95Ms: number;
  plainP50Ms: number;
  plainP95Ms: number;
  /** route / plain, at p50 and p95. */
  ratioP50: number;
  ratioP95: number;
  met: boolean;
}

export interface OpenDataFigures {
  engine: 'embedded' | 'server';
  items: { limit: number; pages: number; featuresPerPage: number; p50Ms: number; p95Ms: number; plainP50Ms: number; plainP95Ms: number; met: boolean };
  /** Server engine only (the plain query is ST_AsMVT). */
  tiles: TileRouteFigure[];
  cached: { concurrency: number; seconds: number; tiles: number; perSecond: number; met: boolean } | null;
}

export async function benchOpenData(db: Db, opts: { engine: 'embedded' | 'server'; rounds: number; log: (m: string) => void }): Promise<OpenDataFigures> {
  provideDatabase({ db, capabilities: await detectCapabilities(db) });
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM standard_address')) as [{ n: number }];
  const limit = 10_000;
  const offsets = Array.from({ length: Math.max(1, Math.min(5, Math.floor(n / limit))) }, (_, i) => Math.floor((i * Math.max(0, n - limit)) / 4));
  opts.log(`  opendata: ${offsets.length} pages of ${limit} addresses × ${Math.max(1, opts.rounds)} rounds…`);
  const routeMs: number[] = [];
  const plainMs: number[] = [];
  let features = 0;
  for (let round = 0; round < Math.max(1, opts.rounds); round++) {
    for (const offset of offsets) {
      const path = `/ogc/collections/addresses/items?limit=${limit}&offset=${offset}`;
      let t = performance.now();
      const res = await GET(new Request(`http://127.0.0.1${path}`), { params: Promise.resolve({ path: ['collections', 'addresses', 'items'] }) });
      const body = (await res.json()) as { features: unknown[] };
      routeMs.push(performance.now() - t);
      features = body.features.length;
      t = performance.now();
      await db.query(
        `SELECT a.code, ST_AsGeoJSON(a.geom, 7) AS geometry, a.address, a.building_type, c.code AS community_code
           FROM standard_address a JOIN community c ON c.id = a.community_id ORDER BY a.code LIMIT $1 OFFSET $2`,
        [limit, offset],
      );
      plainMs.push(performance.now() - t);
    }
  }
  const p = (xs: number[], q: number) => Math.round(quantile(xs, q));
  const p95 = p(routeMs, 0.95);
  const tiles = opts.engine === 'server' ? await benchTileRoute(db, opts) : { figures: [], cached: null };
  return {
    engine: opts.engine,
    tiles: tiles.figures,
    cached: tiles.cached,
    items: { limit, pages: routeMs.length, featuresPerPage: features, p50Ms: p(routeMs, 0.5), p95Ms: p95, plainP50Ms: p(plainMs, 0.5), plainP95Ms: p(plainMs, 0.95), met: p95 < OPENDATA_TARGETS.itemsPageMs },
  };
}

/** The tiles sampled at a zoom: a 3 × 3 block around the city centre (玄武区). */
const sampleTiles = (z: number) => {
  const c = tileAt(118.8, 32.05, z);
  return [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => ({ z, x: c.x + dx, y: c.y + dy })));
};

/**
 * The tile route (session checked, versions read, tile built by ST_AsMVT, cache emptied before each so
 * every tile is built) beside the plain ST_AsMVT query of the same rows, each first for half the tiles (the layer's SQL and nothing
 * else: what Martin or pg_tileserv would run); then cached tiles through the route from 32 callers.
 */
async function benchTileRoute(db: Db, opts: { rounds: number; log: (m: string) => void }) {
  const userId = await createTestUser(db, `bench-tiles-${Date.now()}`, [{ role: 'planner', level: 'city', code: '320100' }]);
  const cookie = `${SESSION_COOKIE_NAME}=${(await signInTestUser(db, userId)).token}`;
  const service = await getTileService();
  const { norm } = await readSettings(db);
  const call = (layer: TileLayerName, t: { z: number; x: number; y: number }) =>
    tileGET(new Request(`http://127.0.0.1/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`, { headers: { cookie } }), {
      params: Promise.resolve({ layer, z: String(t.z), x: String(t.x), y: `${t.y}.mvt` }),
    });
  const figures: TileRouteFigure[] = [];
  opts.log('  opendata: tiles through the route beside plain ST_AsMVT, z12–16…');
  for (const layer of ['grids', 'addresses'] as const) {
    for (const z of [12, 13, 14, 15, 16]) {
      const route: number[] = [];
      const plain: number[] = [];
      for (let round = 0; round < Math.max(1, opts.rounds); round++) {
        for (const [k, t] of sampleTiles(z).entries()) {
          const viaRoute = async () => {
            service.clearCache();
            const t0 = performance.now();
            await (await call(layer, t)).arrayBuffer();
            route.push(performance.now() - t0);
          };
          const viaPlain = async () => {
            const t0 = performance.now();
            await renderTile(db, 'postgis', { layer, ...t }, { at: now(), norm });
            plain.push(performance.now() - t0);
          };
          // Each goes first on every other tile: the second of a pair finds the first's pages warm.
          if ((k + round) % 2 === 0) {
            await viaRoute();
            await viaPlain();
          } else {
            await viaPlain();
            await viaRoute();
          }
        }
      }
      const q = (xs: number[], p: number) => Math.round(quantile(xs, p) * 10) / 10;
      const f = { layer, zoom: z, tiles: route.length, routeP50Ms: q(route, 0.5), routeP95Ms: q(route, 0.95), plainP50Ms: q(plain, 0.5), plainP95Ms: q(plain, 0.95) };
      const ratioP50 = Math.round((f.routeP50Ms / Math.max(0.1, f.plainP50Ms)) * 100) / 100;
      const ratioP95 = Math.round((f.routeP95Ms / Math.max(0.1, f.plainP95Ms)) * 100) / 100;
      figures.push({ ...f, ratioP50, ratioP95, met: ratioP50 <= OPENDATA_TARGETS.tileRatio && ratioP95 <= OPENDATA_TARGETS.tileRatio });
    }
  }
  // Cached: every sampled tile once to fill the cache, then 32 callers for 3 s.
  const all = (['grids', 'addresses'] as const).flatMap((layer) => [12, 13, 14, 15, 16].flatMap((z) => sampleTiles(z).map((t) => ({ layer, t }))));
  for (const { layer, t } of all) await (await call(layer, t)).arrayBuffer();
  const concurrency = 32;
  const seconds = 3;
  const until = performance.now() + seconds * 1000;
  let served = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      for (let k = i; performance.now() < until; k += concurrency) {
        const { layer, t } = all[k % all.length]!;
        await (await call(layer, t)).arrayBuffer();
        served++;
      }
    }),
  );
  const perSecond = Math.round(served / seconds);
  return { figures, cached: { concurrency, seconds, tiles: served, perSecond, met: perSecond >= OPENDATA_TARGETS.cachedTilesPerS } };
}

export function openDataLines(figures: readonly OpenDataFigures[]): string[] {
  const lines = ['Open data (issue 12)             engine    figure'];
  for (const f of figures) {
    const i = f.items;
    lines.push(
      `${''.padEnd(33)}${f.engine.padEnd(10)}OGC items: ${i.pages} pages of limit=${i.limit} addresses (${i.featuresPerPage} features each, with their grid): p50 ${i.p50Ms} ms, p95 ${i.p95Ms} ms  ` +
        `[target < ${OPENDATA_TARGETS.itemsPageMs} ms${f.engine === 'server' ? `: ${i.met ? 'met' : 'MISSED'}` : ' on the server engine'}]; beside: the same rows by one plain query p50 ${i.plainP50Ms} ms, p95 ${i.plainP95Ms} ms`,
    );
    for (const t of f.tiles) {
      lines.push(
        `${''.padEnd(33)}${f.engine.padEnd(10)}tile route ${t.layer} z${t.zoom} (${t.tiles} builds): p50 ${t.routeP50Ms} ms, p95 ${t.routeP95Ms} ms; plain ST_AsMVT p50 ${t.plainP50Ms} ms, p95 ${t.plainP95Ms} ms; ` +
          `ratio ${t.ratioP50} / ${t.ratioP95}  [target <= ${OPENDATA_TARGETS.tileRatio}×: ${t.met ? 'met' : 'MISSED'}]`,
      );
    }
    if (f.cached) {
      const c = f.cached;
      lines.push(`${''.padEnd(33)}${f.engine.padEnd(10)}cached tiles through the route: ${c.perSecond}/s from ${c.concurrency} callers over ${c.seconds} s (${c.tiles} tiles)  [target >= ${OPENDATA_TARGETS.cachedTilesPerS}/s: ${c.met ? 'met' : 'MISSED'}]`);
    }
  }
  return lines;
}
