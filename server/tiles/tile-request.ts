import { z } from 'zod';
import { endOfChinaDay, isChinaDay } from '@/geo/time/china-day';
import { MAX_TILE_ZOOM, type TileCoord } from './tile-math';

/** The layers served at /tiles/{layer}/{z}/{x}/{y}.mvt; each tile's source-layer carries the same name. */
export const TILE_LAYERS = ['districts', 'streets', 'communities', 'grids', 'addresses', 'key_sites', 'incidents'] as const;
export type TileLayerName = (typeof TILE_LAYERS)[number];

export interface TileRequest extends TileCoord {
  layer: TileLayerName;
  /** The moment whose grids in force the tile shows ("as of" a day); the request's own moment when absent. */
  at?: Date;
}

/** Stable codes for a tile request that cannot be served; the messages below are what users read. */
export const TILE_REQUEST_ERRORS = {
  TILE_UNKNOWN_LAYER: {
    'zh-CN': '未知的图层。可用图层：' + TILE_LAYERS.join('、'),
    en: `Unknown layer. Available layers: ${TILE_LAYERS.join(', ')}`,
  },
  TILE_BAD_ZOOM: {
    'zh-CN': `缩放级别必须是 0 到 ${MAX_TILE_ZOOM} 之间的整数`,
    en: `Zoom must be an integer from 0 to ${MAX_TILE_ZOOM}`,
  },
  TILE_BAD_COORDINATE: {
    'zh-CN': '瓦片行列号必须是非负整数，格式如 /tiles/grids/13/6804/3306.mvt',
    en: 'Tile x and y must be non-negative integers, as in /tiles/grids/13/6804/3306.mvt',
  },
  TILE_BAD_DATE: {
    'zh-CN': '日期参数 at 须为实际存在的日期，格式 YYYY-MM-DD，如 ?at=2026-12-01',
    en: 'The at parameter must be a real day written YYYY-MM-DD, as in ?at=2026-12-01',
  },
  TILE_OUT_OF_RANGE: {
    'zh-CN': '瓦片行列号超出该缩放级别的范围（0 到 2^z − 1）',
    en: 'Tile x or y is outside the range of this zoom (0 to 2^z − 1)',
  },
} as const;
export type TileRequestErrorCode = keyof typeof TILE_REQUEST_ERRORS;

export type TileRequestParse =
  | { valid: true; request: TileRequest }
  | { valid: false; code: TileRequestErrorCode; message: { 'zh-CN': string; en: string } };

const layerSchema = z.enum(TILE_LAYERS);
const zoomSchema = z.string().regex(/^\d{1,2}$/).transform(Number).pipe(z.number().int().min(0).max(MAX_TILE_ZOOM));
const xSchema = z.string().regex(/^\d{1,8}$/).transform(Number);
// The last path segment arrives with its extension ("3306.mvt"); a bare number is accepted too.
const ySchema = z.string().regex(/^\d{1,8}(\.mvt)?$/).transform((s) => Number(s.replace(/\.mvt$/, '')));

function fail(code: TileRequestErrorCode): TileRequestParse {
  return { valid: false, code, message: TILE_REQUEST_ERRORS[code] };
}

/**
 * Validates the raw path segments of a tile URL and its optional `at` day (the map's "as of" control:
 * the grids in force at the end of that day in China); returns data, never throws.
 */
export function parseTileRequest(raw: { layer: string; z: string; x: string; y: string; at?: string | null }): TileRequestParse {
  const layer = layerSchema.safeParse(raw.layer);
  if (!layer.success) return fail('TILE_UNKNOWN_LAYER');
  const zoom = zoomSchema.safeParse(raw.z);
  if (!zoom.success) return fail('TILE_BAD_ZOOM');
  const x = xSchema.safeParse(raw.x);
  const y = ySchema.safeParse(raw.y);
  if (!x.success || !y.success) return fail('TILE_BAD_COORDINATE');
  const n = 2 ** zoom.data;
  if (x.data >= n || y.data >= n) return fail('TILE_OUT_OF_RANGE');
  if (raw.at != null && !isChinaDay(raw.at)) return fail('TILE_BAD_DATE');
  const at = raw.at != null ? endOfChinaDay(raw.at) : undefined;
  return { valid: true, request: { layer: layer.data, z: zoom.data, x: x.data, y: y.data, ...(at ? { at } : {}) } };
}
