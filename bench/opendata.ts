/**
 * The open-data figures (issue 12), beside their targets:
 * - OGC API – Features items: pages of 10,000 standard addresses (limit=10000 at offsets across the
 *   table) through the route, end to end (parsing, the page and the count, GeoJSON written), p50 and p95;
 *   target under 1 s on the server engine. Beside it, the same rows by one plain query (id, GeoJSON and
 *   the properties, no count, no grid per address): the floor the route's own work sits on.
 */
import { performance } from 'node:perf_hooks';
import { GET } from '../app/ogc/[[...path]]/route';
import { detectCapabilities } from '../server/db/capabilities';
import type { Db } from '../server/db/engine';
import { provideDatabase } from '../server/db';
import { quantile } from './stats';

export const OPENDATA_TARGETS = { itemsPageMs: 1000 } as const;

export interface OpenDataFigures {
  engine: 'embedded' | 'server';
  items: { limit: number; pages: number; featuresPerPage: number; p50Ms: number; p95Ms: number; plainP50Ms: number; plainP95Ms: number; met: boolean };
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
  return {
    engine: opts.engine,
    items: { limit, pages: routeMs.length, featuresPerPage: features, p50Ms: p(routeMs, 0.5), p95Ms: p95, plainP50Ms: p(plainMs, 0.5), plainP95Ms: p(plainMs, 0.95), met: p95 < OPENDATA_TARGETS.itemsPageMs },
  };
}

export function openDataLines(figures: readonly OpenDataFigures[]): string[] {
  const lines = ['Open data (issue 12)             engine    figure'];
  for (const f of figures) {
    const i = f.items;
    lines.push(
      `${''.padEnd(33)}${f.engine.padEnd(10)}OGC items: ${i.pages} pages of limit=${i.limit} addresses (${i.featuresPerPage} features each, with their grid): p50 ${i.p50Ms} ms, p95 ${i.p95Ms} ms  ` +
        `[target < ${OPENDATA_TARGETS.itemsPageMs} ms${f.engine === 'server' ? `: ${i.met ? 'met' : 'MISSED'}` : ' on the server engine'}]; beside: the same rows by one plain query p50 ${i.plainP50Ms} ms, p95 ${i.plainP95Ms} ms`,
    );
  }
  return lines;
}
