/**
 * Vector tiles of the map layers. Two encoders give the same features:
 * - 'postgis': ST_AsMVTGeom + ST_AsMVT on the server engine (capabilities.asMvt);
 * - 'js': the same rows fetched as lon/lat GeoJSON and encoded here (the embedded engine's PostGIS is
 *   built without protobuf). tile-service.parity.test.ts runs both on the server engine and compares.
 * Encoded tiles are cached in a bounded LRU keyed on layer/z/x/y plus the data_version rows the layer
 * depends on, so an edit that bumps its version is never served stale.
 */
import { now } from '../clock';
import type { Geometry } from 'geojson';
import type { EngineKind, Executor } from '../db/engine';
import type { PostgisCapabilities } from '../db/capabilities';
import { encodeTile, type PropertyValue, type TileFeature } from './mvt-encode';
import { TileCache, type TileCacheOptions } from './tile-cache';
import { toTileGeometry } from './tile-geometry';
import { readSettings, type GridNorm } from '../settings';
import type { CodePatterns } from '../data/sql';
import { drawnFromGridsInForce, LAYER_MAX_AGE_MS, LAYER_SOURCES, layerQuery, SCOPED_LAYERS, type LayerQuery, type TileQueryContext } from './tile-layers';
import { TILE_BUFFER, TILE_EXTENT, tileBounds, tileUnitDegrees } from './tile-math';
import type { TileLayerName, TileRequest } from './tile-request';

export type TileEncoder = 'postgis' | 'js';

/** Below this zoom, geometry is simplified at the tile resolution in SQL before it is encoded. */
export const SIMPLIFY_BELOW_ZOOM = 14;

export interface TileServiceOptions {
  db: Executor & { readonly engine: EngineKind };
  capabilities: Pick<PostgisCapabilities, 'asMvt'>;
  /** Defaults to 'postgis' when ST_AsMVT works, else 'js'. */
  encoder?: TileEncoder;
  /** false disables caching (benchmarks of cold tiles). */
  cache?: TileCacheOptions | false;
}

export interface TileResult {
  /** The encoded tile; empty when no feature falls in it. */
  bytes: Uint8Array;
  /** The data versions the tile was built from, e.g. "grids:3,addresses:1" (for ETags). */
  version: string;
  cached: boolean;
  encoder: TileEncoder;
}

export interface TileService {
  readonly encoder: TileEncoder;
  /**
   * The tile, built from the data at `version` when given (what layerVersion just answered: a request
   * that checked its ETag does not read the versions twice), else at the current version.
   */
  /**
   * `within`: the viewer's scope for the layers of SCOPED_LAYERS (ignored for the others). Tiles of
   * different scopes are different cache entries: one viewer's tile is never served to another scope.
   */
  getTile(request: TileRequest, version?: string, within?: CodePatterns): Promise<TileResult>;
  /** The layer's version at `at` (default: now), without building a tile: data versions and, for grid layers, the in-force epoch. */
  layerVersion(layer: TileLayerName, at?: Date): Promise<string>;
  /**
   * The layer's version now (`at`: the request's moment, now), taken from memory for up to
   * VERSION_MEMO_MS: a map's dozens of tiles read it once. A bump in this process forgets it at once.
   */
  currentLayerVersion(layer: TileLayerName, at?: Date): Promise<string>;
  clearCache(): void;
}

export const DEFAULT_TILE_CACHE: TileCacheOptions = { maxEntries: 4000, maxBytes: 96 * 1024 * 1024 };

interface TileQuery {
  query: LayerQuery;
  params: unknown[];
}

function tileQuery(request: TileRequest, ctx: TileQueryContext, query: LayerQuery): TileQuery {
  const { z } = request;
  const b = tileBounds(request, TILE_BUFFER);
  // Half a tile unit (in degrees of longitude): finer detail would be snapped away anyway.
  const tolerance = z < SIMPLIFY_BELOW_ZOOM ? tileUnitDegrees(z) / 2 : 0;
  return { query, params: [b.west, b.south, b.east, b.north, tolerance, ...(query.params?.(ctx) ?? [])] };
}

/**
 * One tile of `query` (the layer's own from layerQuery, or another for a benchmark's comparison) by the
 * given encoder, uncached.
 */
export function renderTile(db: Executor, encoder: TileEncoder, request: TileRequest, ctx: TileQueryContext, query = layerQuery(request.layer, request.z)): Promise<Uint8Array> {
  const q = tileQuery(request, ctx, query);
  return encoder === 'postgis' ? encodeWithPostgis(db, request, q) : encodeWithJs(db, request, q);
}

async function encodeWithPostgis(db: Executor, request: TileRequest, { query, params }: TileQuery): Promise<Uint8Array> {
  // The encoder's own parameters follow the layer's.
  const [z, x, y, name] = [1, 2, 3, 4].map((i) => `$${params.length + i}`);
  // fid becomes the MVT feature id (ST_AsMVT then drops it from the properties; "id" stays a property).
  const rows = await db.query<{ tile: Uint8Array | null }>(
    `WITH f AS (${query.sql})
     SELECT ST_AsMVT(t, ${name}::text, ${TILE_EXTENT}, 'geom', 'fid') AS tile
     FROM (
       SELECT f.fid, ${query.properties.map((p) => `f.${p}`).join(', ')},
              ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int),
                           ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
       FROM f WHERE f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom)
     ) t
     WHERE t.geom IS NOT NULL`,
    [...params, request.z, request.x, request.y, request.layer],
  );
  const tile = rows[0]?.tile;
  return tile ? new Uint8Array(tile) : new Uint8Array(0);
}

async function encodeWithJs(db: Executor, request: TileRequest, { query, params }: TileQuery): Promise<Uint8Array> {
  // Enough decimals that rounding moves a vertex by under a quarter of a tile unit (a unit is 360° /
  // 2^z / 4096 wide), never fewer than 6 (~0.1 m): fewer digits are less text to build and parse at city zoom.
  const digits = Math.min(9, Math.max(6, Math.ceil(-Math.log10(tileUnitDegrees(request.z) / 4))));
  const rows = await db.query<Record<string, unknown> & { fid: number; geojson: string }>(
    `WITH f AS (${query.sql})
     SELECT f.fid, ${query.properties.map((p) => `f.${p}`).join(', ')}, ST_AsGeoJSON(f.geom, ${digits}) AS geojson
     FROM f WHERE f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom)`,
    params,
  );
  const features: TileFeature[] = [];
  for (const row of rows) {
    const geometry = toTileGeometry(JSON.parse(row.geojson) as Geometry, request);
    if (!geometry) continue;
    const properties: Record<string, PropertyValue | null> = {};
    for (const p of query.properties) properties[p] = row[p] as PropertyValue | null;
    features.push({ id: Number(row.fid), properties, geometry });
  }
  return encodeTile([{ name: request.layer, features }]);
}

export function createTileService(options: TileServiceOptions): TileService {
  const { db } = options;
  const encoder: TileEncoder = options.encoder ?? (options.capabilities.asMvt ? 'postgis' : 'js');
  if (encoder === 'postgis' && !options.capabilities.asMvt) {
    throw new Error('The postgis tile encoder needs ST_AsMVT, which this PostGIS lacks (embedded engine).');
  }
  const cache = options.cache === false ? null : new TileCache(options.cache ?? DEFAULT_TILE_CACHE);
  // Concurrent requests for the same tile (a map opening) share one query.
  const inFlight = new Map<string, Promise<Uint8Array>>();

  /**
   * The version a layer's tiles are built and cached at: its data_version rows and, for layers drawn from
   * the grids in force, the last moment at or before `at` when that set changed (a version's start or
   * end). A plan filed for a future date bumps nothing when its day comes; its grids' valid_from does,
   * so the cached tiles of the day before are never served after it. One query either way.
   */
  async function layerVersion(layer: TileLayerName, at: Date = now()): Promise<string> {
    const sources = LAYER_SOURCES[layer];
    const timed = drawnFromGridsInForce(layer);
    const rows = await db.query<{ layer: string; version: string }>(
      `SELECT layer, version::text AS version FROM data_version WHERE layer = ANY($1::text[])
       UNION ALL
       SELECT 'in_force', (extract(epoch FROM greatest(
                 (SELECT max(valid_from) FROM grid WHERE valid_from <= $2),
                 (SELECT max(valid_to) FROM grid WHERE valid_to <= $2))) * 1000)::bigint::text
        WHERE $3`,
      [sources, at, timed],
    );
    const byLayer = new Map(rows.map((r) => [r.layer, r.version]));
    // A layer never bumped has version 0.
    const version = sources.map((s) => `${s}:${byLayer.get(s) ?? 0}`).join(',');
    return timed ? `${version},in_force:${byLayer.get('in_force') ?? 0}` : version;
  }

  // Kept from `from` to `until` on the request's clock, and for VERSION_MEMO_MS of real time at most.
  const current = new Map<TileLayerName, { version: string; from: number; until: number; wallUntil: number; epoch: number }>();
  async function currentLayerVersion(layer: TileLayerName, at: Date = now()): Promise<string> {
    const t = at.getTime();
    const hit = current.get(layer);
    if (hit && hit.epoch === versionEpoch && hit.from <= t && t < hit.until && Date.now() < hit.wallUntil) return hit.version;
    const epoch = versionEpoch;
    const version = await layerVersion(layer, at);
    // A bump while the query ran may not be in its answer: keep nothing then.
    if (epoch === versionEpoch) current.set(layer, { version, from: t, until: t + VERSION_MEMO_MS, wallUntil: Date.now() + VERSION_MEMO_MS, epoch });
    return version;
  }

  // The norm the grids are drawn against, read once per version of the layer: a change of the norm
  // bumps 'settings', one of the version's parts, as it must for the cached tiles too.
  let norm: { version: string; read: Promise<GridNorm> } | null = null;
  function normAt(version: string): Promise<GridNorm> {
    if (norm?.version !== version) {
      const read = readSettings(db).then((s) => s.norm);
      // A failed read is not kept: the next tile asks again.
      read.catch(() => (norm = norm?.read === read ? null : norm));
      norm = { version, read };
    }
    return norm.read;
  }

  async function getTile(request: TileRequest, knownVersion?: string, within: CodePatterns = null): Promise<TileResult> {
    const version = knownVersion ?? (await layerVersion(request.layer, request.at));
    const scoped = SCOPED_LAYERS.has(request.layer) ? within : null;
    const key = `${request.layer}/${request.z}/${request.x}/${request.y}@${version}#${scoped ? scoped.join(',') : '*'}`;
    const hit = cache?.get(key);
    if (hit) return { bytes: hit, version, cached: true, encoder };
    let pending = inFlight.get(key);
    if (!pending) {
      const build = async () => {
        // A tile not in the cache is built now, with the norm as it is now, read only by the layers drawn against it.
        const norm = LAYER_SOURCES[request.layer].includes('settings') ? await normAt(version) : undefined;
        const at = drawnFromGridsInForce(request.layer) ? (request.at ?? now()) : now();
        const ctx: TileQueryContext = { at, norm, within: scoped };
        return renderTile(db, encoder, request, ctx);
      };
      pending = build().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const bytes = await pending;
    cache?.set(key, bytes, LAYER_MAX_AGE_MS[request.layer] ?? Infinity);
    return { bytes, version, cached: false, encoder };
  }

  return { encoder, getTile, layerVersion, currentLayerVersion, clearCache: () => cache?.clear() };
}

/**
 * How long a layer's current version is answered from memory. Another process's bump (a second app
 * process on the same server database) is seen within this time; this process's own at once.
 */
const VERSION_MEMO_MS = 1000;
/** Counts this process's bumps: a version remembered before the last one is not used. */
let versionEpoch = 0;

/**
 * Bumps a data_version row (a layer name of LAYER_SOURCES, e.g. 'grids'), invalidating the cached
 * tiles that depend on it. Call it in the transaction that changes the data.
 */
export async function bumpDataVersion(tx: Executor, source: string): Promise<void> {
  versionEpoch++;
  await tx.execute(
    `INSERT INTO data_version (layer, version) VALUES ($1, 1)
     ON CONFLICT (layer) DO UPDATE SET version = data_version.version + 1`,
    [source],
  );
}
