/**
 * TileJSON 3.0.0 for each tile layer (/tiles/{layer}.json): where its tiles are, with the data revision
 * in their URL (?v=), the zooms, the city's bounds and the fields each source-layer carries, so that a
 * GIS or a map library set up from it never asks for stale tiles: a filed plan changes the revision, and
 * a tile asked for at the current revision may be kept for good (the tile route says so).
 */
import { createHash } from 'node:crypto';
import { MAX_TILE_ZOOM } from './tile-math';
import { LAYER_MAX_AGE_MS, layerQuery } from './tile-layers';
import type { TileLayerName } from './tile-request';

/** The viewer's scope as it tags a tile's ETag and revision (the scoped layers differ by viewer). */
export const scopeTagOf = (within: readonly string[] | null) => (within ? `#${within.join(',')}` : '');

/** A tile URL's revision: a short digest of the data versions it is built at and the viewer's scope. */
export function tileRevision(version: string, scopeTag: string): string {
  return createHash('sha256').update(`${version}${scopeTag}`).digest('hex').slice(0, 16);
}

/**
 * Whether a tile of this layer may be kept for good when asked for at its current revision: not when it
 * changes with the clock (incidents turn overdue without an edit).
 */
export const revisionIsFinal = (layer: TileLayerName) => LAYER_MAX_AGE_MS[layer] === undefined;

type FieldType = 'Number' | 'String' | 'Boolean';

/** What each property of a tile holds, for the TileJSON's vector_layers (every property has a type). */
export const TILE_FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  id: 'Number',
  code: 'String',
  name: 'String',
  kind: 'String',
  dedicated_type: 'String',
  district_code: 'String',
  street_code: 'String',
  community_code: 'String',
  households: 'Number',
  residents: 'Number',
  load: 'String',
  arrangement: 'Boolean',
  building_type: 'String',
  aggregated: 'Boolean',
  count: 'Number',
  category: 'String',
  risk_level: 'Number',
  class: 'String',
  status: 'String',
  overdue: 'Boolean',
  weight: 'Number',
};

/** The properties a layer's tiles carry at any zoom (a layer drawn in detail from some zoom on has both sets). */
export function tileFields(layer: TileLayerName): Record<string, FieldType> {
  const out: Record<string, FieldType> = {};
  for (let z = 0; z <= MAX_TILE_ZOOM; z++) for (const p of layerQuery(layer, z).properties) out[p] = TILE_FIELD_TYPES[p]!;
  return out;
}

export function tileJson(input: {
  layer: TileLayerName;
  origin: string;
  revision: string;
  /** The "as of" day the tiles show (?at=), if any. */
  at: string | null;
  bounds: [number, number, number, number] | null;
  locale: 'zh-CN' | 'en';
}) {
  const query = new URLSearchParams({ v: input.revision, ...(input.at ? { at: input.at } : {}) });
  const b = input.bounds ?? [-180, -85.0511, 180, 85.0511];
  return {
    tilejson: '3.0.0',
    name: input.layer,
    description: input.locale === 'en' ? `GridAtlas ${input.layer} (Mapbox Vector Tiles)` : `GridAtlas 网格一张图 ${input.layer} 图层（矢量瓦片）`,
    version: '1.0.0',
    attribution: 'GridAtlas',
    scheme: 'xyz',
    // Literal braces: the template's placeholders, not percent-encoded.
    tiles: [`${input.origin}/tiles/${input.layer}/{z}/{x}/{y}.mvt?${query.toString()}`],
    minzoom: 0,
    maxzoom: MAX_TILE_ZOOM,
    bounds: b,
    center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 12],
    vector_layers: [{ id: input.layer, fields: tileFields(input.layer), minzoom: 0, maxzoom: MAX_TILE_ZOOM }],
  };
}
