/**
 * What each tile layer holds: one SQL query per layer that yields the features of a tile as
 * (fid, geom in 4326, properties...). Both encoders run exactly this query, so they see the same rows;
 * only the last step (ST_AsMVTGeom + ST_AsMVT, or GeoJSON + the JS encoder) differs.
 *
 * Bound parameters of every query: $1 west, $2 south, $3 east, $4 north (the tile grown by its buffer,
 * lon/lat), $5 simplification tolerance in degrees (0 = none), then the layer's own (`params`: the moment
 * the tile shows, the norm). Layer SQL is chosen from this fixed table, never built from request text.
 */
import { gridsInForce, loadStatusSql } from '../data/grids';
import { closedIncidentSql, overdueIncidentSql, workloadWeightSql } from '../data/incidents';
import { codeMatchesSql, type CodePatterns } from '../data/sql';
import { normArguments, type GridNorm } from '../settings';
import type { TileLayerName } from './tile-request';

/** What a tile shows besides its place: the moment (grids in force then, overdue then) and the norm. */
export interface TileQueryContext {
  at: Date;
  /** Read only for the layers whose LAYER_SOURCES include 'settings' (the grids). */
  norm?: GridNorm;
  /** The incidents a tile may carry, by grid code (the viewer's scope); null or absent for all. */
  within?: CodePatterns;
}

export interface LayerQuery {
  /** SELECT yielding fid, geom and the property columns, in this order. */
  sql: string;
  properties: readonly string[];
  kind: 'polygon' | 'point';
  /** The layer's own parameters, bound from $6 on. */
  params?: (ctx: TileQueryContext) => unknown[];
}

const ENVELOPE = 'ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)';
/**
 * At low zoom, drop vertices closer than the tile resolution before anything else touches them.
 * Point layers pass through it too (a no-op on points) so that every query binds the same parameters.
 */
const simplified = (col: string) => `CASE WHEN $5::float8 > 0 THEN ST_Simplify(${col}, $5::float8) ELSE ${col} END`;

/** Addresses are drawn one point each from this zoom on; below it, one aggregated point per grid. */
export const ADDRESS_DETAIL_ZOOM = 14;

const territory = (table: string, extra: { sql: string; name: string; join: string }[]): LayerQuery => ({
  kind: 'polygon',
  properties: ['id', 'code', 'name', ...extra.map((e) => e.name)],
  sql: `SELECT t.id AS fid, ${simplified('t.geom')} AS geom, t.id, t.code::text AS code, t.name
          ${extra.map((e) => `, ${e.sql} AS ${e.name}`).join('')}
        FROM ${table} t ${extra.map((e) => e.join).join(' ')}
        WHERE t.geom && ${ENVELOPE}`,
});

/** Grids carry their full attributes from this zoom on; below it, only what styling and picking need. */
export const GRID_DETAIL_ZOOM = 12;

const GRID_DETAIL_PROPERTIES = ['id', 'code', 'name', 'kind', 'dedicated_type', 'community_code', 'households', 'residents', 'load', 'arrangement'] as const;
// At city zoom a tile holds thousands of grids: names and parent codes would be most of its bytes,
// and nobody reads them there (the details panel fetches them by id).
const GRID_OVERVIEW_PROPERTIES = ['id', 'code', 'kind', 'dedicated_type', 'households', 'load', 'arrangement'] as const;

const gridsQuery = (properties: readonly string[]): LayerQuery => ({
  kind: 'polygon',
  properties,
  // Households come from grid_load (filled by the seed and by each filing for its new grid versions). The
  // load is grid_load_status against the city's norm ($7-$9), the rule the details panel and the
  // topology report use too.
  sql: `SELECT g.id AS fid, ${simplified('g.geom')} AS geom,
               g.id, g.code::text AS code, g.name, g.kind, coalesce(g.dedicated_type, '') AS dedicated_type,
               c.code::text AS community_code,
               coalesce(l.households, 0) AS households, coalesce(l.residents, 0) AS residents,
               ${loadStatusSql('l.households', 'l.residents', 7)} AS load,
               g.arrangement_id IS NOT NULL AS arrangement
        FROM ${gridsInForce('$6')} g
        JOIN community c ON c.id = g.community_id
        LEFT JOIN grid_load l ON l.grid_id = g.id
        WHERE g.geom && ${ENVELOPE}`,
  params: ({ at, norm }) => {
    if (!norm) throw new Error('the grids layer is drawn against the norm: pass it in the context');
    return [at, ...normArguments(norm)];
  },
});

const GRIDS = gridsQuery(GRID_DETAIL_PROPERTIES);
const GRIDS_OVERVIEW = gridsQuery(GRID_OVERVIEW_PROPERTIES);

const ADDRESS_POINTS: LayerQuery = {
  kind: 'point',
  properties: ['id', 'households', 'residents', 'building_type', 'aggregated'],
  sql: `SELECT a.id AS fid, ${simplified('a.geom')} AS geom, a.id, a.households, a.residents, a.building_type, false AS aggregated
        FROM standard_address a
        WHERE a.geom && ${ENVELOPE}`,
};

const ADDRESS_AGGREGATES: LayerQuery = {
  kind: 'point',
  properties: ['id', 'count', 'households', 'residents', 'aggregated'],
  // One point per grid in force that has addresses; the point lies inside the grid (label-safe).
  sql: `SELECT * FROM (
          SELECT g.id AS fid, ${simplified('ST_PointOnSurface(g.geom)')} AS geom, g.id, l.addresses AS count,
                 l.households, l.residents, true AS aggregated
          FROM ${gridsInForce('$6')} g JOIN grid_load l ON l.grid_id = g.id
          WHERE l.addresses > 0 AND g.geom && ${ENVELOPE}
        ) p WHERE p.geom && ${ENVELOPE}`,
  params: ({ at }) => [at],
};

const KEY_SITES: LayerQuery = {
  kind: 'point',
  properties: ['id', 'name', 'category', 'risk_level'],
  sql: `SELECT * FROM (
          SELECT k.id AS fid,
                 ${simplified("CASE WHEN GeometryType(k.geom) = 'POINT' THEN k.geom ELSE ST_PointOnSurface(k.geom) END")} AS geom,
                 k.id, k.name, k.category, k.risk_level::int AS risk_level
          FROM key_site k
          WHERE k.geom && ${ENVELOPE}
        ) p WHERE p.geom && ${ENVELOPE}`,
};

/**
 * The most incident points one tile carries. A z11 tile over the city centre holds tens of thousands of
 * a year's cases; past this bound the tile keeps what a command centre looks for first: open cases,
 * overdue first, then the newest (closed cases of long ago drop out; the density view still counts them).
 */
export const INCIDENT_TILE_MAX_FEATURES = 5_000;

const INCIDENTS: LayerQuery = {
  kind: 'point',
  properties: ['id', 'code', 'class', 'category', 'status', 'overdue'],
  sql: `SELECT * FROM (
          SELECT i.id AS fid, ${simplified('i.geom')} AS geom, i.id, i.code, i.class, i.category, i.status,
                 ${overdueIncidentSql('i', '$6')} AS overdue, ${closedIncidentSql('i')} AS closed, i.reported_at
          FROM incident i
          WHERE i.geom && ${ENVELOPE} AND ${codeMatchesSql('i.grid_code', '$7')}
        ) p
        ORDER BY p.closed, p.overdue DESC, p.reported_at DESC, p.id
        LIMIT ${INCIDENT_TILE_MAX_FEATURES}`,
  params: ({ at, within }) => [at, within ?? null],
};

/** Incidents are drawn one point each from this zoom on (the map's points layer starts here too). */
export const INCIDENT_DETAIL_ZOOM = 11;

/**
 * Below INCIDENT_DETAIL_ZOOM only the density view uses incidents: one point per occupied cell of a
 * 256 × 256 lattice over the tile (about 2 px), with how many incidents it holds and their summed
 * heatmap weight. A city-wide tile then carries a few thousand cells instead of tens of thousands of
 * points, and the heatmap looks the same (its kernel is many pixels wide). Cells are snapped points, so
 * both encoders see the very same coordinates.
 */
const INCIDENT_DENSITY: LayerQuery = {
  kind: 'point',
  properties: ['count', 'weight', 'aggregated'],
  sql: `SELECT row_number() OVER (ORDER BY c.ix, c.iy)::int AS fid,
               ${simplified('ST_SetSRID(ST_MakePoint(c.ix * c.cell, c.iy * c.cell), 4326)')} AS geom,
               c.count, c.weight, true AS aggregated
        FROM (
          SELECT s.cell, round(ST_X(i.geom) / s.cell) AS ix, round(ST_Y(i.geom) / s.cell) AS iy, count(*)::int AS count,
                 sum(${workloadWeightSql('i')})::float8 AS weight
          FROM incident i, (SELECT ($3::float8 - $1::float8) / 256 AS cell) s
          WHERE i.geom && ${ENVELOPE} AND ${codeMatchesSql('i.grid_code', '$6')}
          GROUP BY s.cell, ix, iy
        ) c`,
  params: ({ within }) => [within ?? null],
};

const DISTRICTS = territory('district', []);
const STREETS = territory('street', [{ name: 'district_code', sql: 'd.code::text', join: 'JOIN district d ON d.id = t.district_id' }]);
const COMMUNITIES = territory('community', [{ name: 'street_code', sql: 's.code::text', join: 'JOIN street s ON s.id = t.street_id' }]);

/** The query of a layer at a zoom (grids, addresses and incidents change with zoom). */
export function layerQuery(layer: TileLayerName, z: number): LayerQuery {
  switch (layer) {
    case 'districts':
      return DISTRICTS;
    case 'streets':
      return STREETS;
    case 'communities':
      return COMMUNITIES;
    case 'grids':
      return z >= GRID_DETAIL_ZOOM ? GRIDS : GRIDS_OVERVIEW;
    case 'addresses':
      return z >= ADDRESS_DETAIL_ZOOM ? ADDRESS_POINTS : ADDRESS_AGGREGATES;
    case 'key_sites':
      return KEY_SITES;
    case 'incidents':
      return z >= INCIDENT_DETAIL_ZOOM ? INCIDENTS : INCIDENT_DENSITY;
  }
}

/**
 * The data_version rows a layer's tiles depend on: the cache key carries their versions, so bumping
 * any of them (see bumpDataVersion) invalidates the cached tiles. Grids show households (addresses)
 * and the norm (settings); aggregated addresses sit on grids.
 */
export const LAYER_SOURCES: Record<TileLayerName, readonly string[]> = {
  districts: ['districts'],
  streets: ['streets'],
  communities: ['communities'],
  grids: ['grids', 'addresses', 'settings'],
  addresses: ['addresses', 'grids'],
  key_sites: ['key_sites'],
  incidents: ['incidents'],
};

/** Layers drawn from the grids in force: they have an "as of" moment, and their version carries its epoch. */
export const drawnFromGridsInForce = (layer: TileLayerName): boolean => LAYER_SOURCES[layer].includes('grids');

/** Incidents turn overdue with the clock, not with an edit: their cached tiles expire after this. */
/** The layers whose tiles differ by viewer (filtered to the viewer's scope, cached per scope). */
export const SCOPED_LAYERS: ReadonlySet<TileLayerName> = new Set(['incidents']);

export const LAYER_MAX_AGE_MS: Partial<Record<TileLayerName, number>> = { incidents: 60_000 };
