/**
 * The figures of the groundwork issue, on a loaded city, each beside the implementation it replaced
 * (measured in the same run, on the same data):
 *   1. search: p50/p95 of a 2-character and a 6-character Chinese query; one statement on trigram indexes
 *      against the former five sequential ILIKE statements without them (the indexes are dropped for the
 *      baseline and put back afterwards);
 *   2. a key site's details: the GiST-served count of open incidents nearby against ST_DWithin on geography;
 *   3. incident tiles at z11 over the centre: bounded (INCIDENT_TILE_MAX_FEATURES) against unbounded;
 *   4. a tile request through the cache: the data version read once against twice.
 */
import { performance } from 'node:perf_hooks';
import type { Db, Executor } from '../server/db/engine';
import { keySiteById } from '../server/data/key-sites';
import { openIncidentSql, overdueIncidentSql } from '../server/data/incidents';
import { searchPlaces } from '../server/services/search';
import { DEFAULT_SETTINGS } from '../server/settings';
import { layerQuery, type LayerQuery } from '../server/tiles/tile-layers';
import { TILE_BUFFER, tileAt, tileBounds } from '../server/tiles/tile-math';
import { createTileService, renderTile, type TileEncoder } from '../server/tiles/tile-service';
import { quantile, round1 } from './stats';

export const GROUNDWORK_TARGETS = {
  searchP95MsServer: 50,
  searchP95MsEmbedded: 150,
  keySiteP50MsServer: 20,
  keySiteP50MsEmbedded: 60,
} as const;


export interface Timing {
  samples: number;
  p50Ms: number;
  p95Ms: number;
}

function timing(ms: number[]): Timing {
  return { samples: ms.length, p50Ms: round1(quantile(ms, 0.5)), p95Ms: round1(quantile(ms, 0.95)) };
}

async function timeEach<T>(items: readonly T[], rounds: number, fn: (x: T) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const x of items) {
      const t0 = performance.now();
      await fn(x);
      ms.push(performance.now() - t0);
    }
  }
  return ms;
}

export interface GroundworkFigures {
  engine: 'embedded' | 'server';
  search: { queries: { twoChars: string[]; sixChars: string[] }; twoChars: Timing; sixChars: Timing; baselineTwoChars: Timing; baselineSixChars: Timing; targetP95Ms: number };
  keySite: { sites: number; current: Timing; baseline: Timing; targetP50Ms: number };
  incidentTile: { tile: string; bounded: { features: number; bytes: number; ms: number }; unbounded: { features: number; bytes: number; ms: number } };
  tileVersionReads: { warmOnce: Timing; warmTwice: Timing };
}

/** The search as it was before: five statements, one after the other, substring ILIKE on every table. */
async function searchBefore(db: Executor, text: string, limit: number): Promise<number> {
  const contains = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let n = 0;
  for (const sql of [
    `SELECT g.code FROM grid g JOIN community c ON c.id = g.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE g.valid_to IS NULL AND g.name ILIKE $1 ORDER BY g.code LIMIT $2::int`,
    `SELECT c.code FROM community c JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id WHERE c.name ILIKE $1 ORDER BY length(c.name), c.code LIMIT $2::int`,
    `SELECT s.code FROM street s JOIN district d ON d.id = s.district_id WHERE s.name ILIKE $1 ORDER BY length(s.name), s.code LIMIT $2::int`,
    `SELECT d.code FROM district d WHERE d.name ILIKE $1 ORDER BY d.code LIMIT $2::int`,
    `SELECT a.code FROM standard_address a JOIN community c ON c.id = a.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE a.address ILIKE $1 ORDER BY length(a.address), a.code LIMIT $2::int`,
  ]) {
    n += (await db.query(sql, [contains, limit])).length;
  }
  return n;
}

const TRGM_INDEXES = [
  ['standard_address_address_trgm_idx', 'standard_address', 'address'],
  ['grid_name_trgm_idx', 'grid', 'name'],
  ['community_name_trgm_idx', 'community', 'name'],
  ['street_name_trgm_idx', 'street', 'name'],
] as const;

/** Queries people type: place stems (2 characters) and a road with its number (6 characters), from the data. */
async function searchQueries(db: Executor): Promise<{ twoChars: string[]; sixChars: string[] }> {
  const rows = await db.query<{ address: string }>(`SELECT address FROM standard_address ORDER BY id LIMIT 8 OFFSET 500`);
  const sixChars = rows
    .map((r) => r.address.replace(/^.*?(街道|镇)/, ''))
    .map((rest) => [...rest].slice(0, 6).join(''))
    .filter((q) => [...q].length === 6)
    .slice(0, 4);
  return { twoChars: ['长江', '金陵', '幸福', '红山'], sixChars };
}

async function benchSearch(db: Db, rounds: number): Promise<GroundworkFigures['search']> {
  const queries = await searchQueries(db);
  const at = new Date();
  const run = (q: string) => searchPlaces(db, { query: q, limit: 12 }, at);
  // Warm-up (plans, caches), not counted.
  for (const q of [...queries.twoChars, ...queries.sixChars]) await run(q);
  const twoChars = timing(await timeEach(queries.twoChars, rounds, run));
  const sixChars = timing(await timeEach(queries.sixChars, rounds, run));
  // The baseline, on the same data without the trigram indexes (this is a throwaway bench database).
  await db.script(TRGM_INDEXES.map(([name]) => `DROP INDEX IF EXISTS ${name};`).join('\n'));
  try {
    const before = (q: string) => searchBefore(db, q, 12);
    for (const q of [...queries.twoChars, ...queries.sixChars]) await before(q);
    const baselineTwoChars = timing(await timeEach(queries.twoChars, rounds, before));
    const baselineSixChars = timing(await timeEach(queries.sixChars, rounds, before));
    return {
      queries,
      twoChars,
      sixChars,
      baselineTwoChars,
      baselineSixChars,
      targetP95Ms: db.engine === 'server' ? GROUNDWORK_TARGETS.searchP95MsServer : GROUNDWORK_TARGETS.searchP95MsEmbedded,
    };
  } finally {
    await db.script(TRGM_INDEXES.map(([name, table, col]) => `CREATE INDEX IF NOT EXISTS ${name} ON ${table} USING gin (${col} gin_trgm_ops);`).join('\n'));
  }
}

async function benchKeySites(db: Db, rounds: number): Promise<GroundworkFigures['keySite']> {
  // Key sites in the busiest places: where the incident count matters most.
  const sites = (await db.query<{ id: number }>(`SELECT id FROM key_site ORDER BY id LIMIT 20`)).map((r) => r.id);
  const at = new Date();
  const current = (id: number) => keySiteById(db, id, at);
  const before = (id: number) =>
    db.query(
      `SELECT (SELECT count(*)::int FROM incident i WHERE ST_DWithin(i.geom::geography, k.geom::geography, 200) AND ${openIncidentSql('i')}) AS n
         FROM key_site k WHERE k.id = $1`,
      [id],
    );
  // The two must agree before their times mean anything.
  for (const id of sites.slice(0, 5)) {
    const [b] = await before(id);
    const c = await current(id);
    if ((b as { n: number }).n !== c!.openIncidentsNearby) throw new Error(`key site ${id}: ${c!.openIncidentsNearby} open incidents nearby, the former query says ${(b as { n: number }).n}`);
  }
  return {
    sites: sites.length,
    current: timing(await timeEach(sites, rounds, current)),
    baseline: timing(await timeEach(sites, rounds, before)),
    targetP50Ms: db.engine === 'server' ? GROUNDWORK_TARGETS.keySiteP50MsServer : GROUNDWORK_TARGETS.keySiteP50MsEmbedded,
  };
}

/** The incidents layer as it was before: every point of the tile, however many. */
const UNBOUNDED_INCIDENTS: LayerQuery = {
  kind: 'point',
  properties: ['id', 'code', 'class', 'category', 'status', 'overdue'],
  sql: `SELECT i.id AS fid, CASE WHEN $5::float8 > 0 THEN ST_Simplify(i.geom, $5::float8) ELSE i.geom END AS geom, i.id, i.code, i.class, i.category, i.status,
               ${overdueIncidentSql('i', '$6')} AS overdue
        FROM incident i WHERE i.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)`,
  params: ({ at }) => [at],
};

async function benchIncidentTile(db: Db, encoder: TileEncoder): Promise<GroundworkFigures['incidentTile']> {
  // Xinjiekou, the dense centre, at the first zoom with incident points.
  const request = { layer: 'incidents' as const, ...tileAt(118.7784, 32.0433, 11) };
  const ctx = { at: new Date(), norm: DEFAULT_SETTINGS.norm };
  const measure = async (query: LayerQuery) => {
    await renderTile(db, encoder, request, ctx, query);
    const t0 = performance.now();
    const bytes = await renderTile(db, encoder, request, ctx, query);
    const ms = performance.now() - t0;
    const b = tileBounds(request, TILE_BUFFER);
    const [{ n }] = (await db.query<{ n: number }>(`WITH f AS (${query.sql}) SELECT count(*)::int AS n FROM f`, [
      b.west,
      b.south,
      b.east,
      b.north,
      0,
      ...(query.params?.(ctx) ?? []),
    ])) as [{ n: number }];
    return { features: n, bytes: bytes.byteLength, ms: round1(ms) };
  };
  return { tile: `11/${request.x}/${request.y}`, bounded: await measure(layerQuery('incidents', 11)), unbounded: await measure(UNBOUNDED_INCIDENTS) };
}

async function benchTileVersionReads(db: Db, encoder: TileEncoder, rounds: number): Promise<GroundworkFigures['tileVersionReads']> {
  const service = createTileService({ db, capabilities: { asMvt: encoder === 'postgis' }, encoder });
  const tiles = [9, 10, 11, 12].map((z) => ({ layer: 'grids' as const, ...tileAt(118.7784, 32.0433, z) }));
  for (const t of tiles) await service.getTile(t); // fill the cache: both paths below are cache hits
  const once = async (t: (typeof tiles)[number]) => service.getTile(t, await service.layerVersion(t.layer));
  // As the route did before: read the version for the ETag, then let getTile read it again.
  const twice = async (t: (typeof tiles)[number]) => {
    await service.layerVersion(t.layer);
    return service.getTile(t);
  };
  return { warmOnce: timing(await timeEach(tiles, rounds * 5, once)), warmTwice: timing(await timeEach(tiles, rounds * 5, twice)) };
}

export async function benchGroundwork(db: Db, opts: { rounds: number; encoder: TileEncoder; log?: (line: string) => void }): Promise<GroundworkFigures> {
  const log = opts.log ?? (() => undefined);
  const rounds = Math.max(3, opts.rounds * 3);
  log('groundwork: search…');
  const search = await benchSearch(db, rounds);
  log('groundwork: key sites…');
  const keySite = await benchKeySites(db, rounds);
  log('groundwork: incident tile, tile version reads…');
  const incidentTile = await benchIncidentTile(db, opts.encoder);
  const tileVersionReads = await benchTileVersionReads(db, opts.encoder, rounds);
  return { engine: db.engine, search, keySite, incidentTile, tileVersionReads };
}
