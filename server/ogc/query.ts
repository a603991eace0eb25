/**
 * The query parameters of the OGC API – Features endpoint, read and checked before any query runs:
 * the format (f, else the Accept header), and for items limit, offset, bbox (with bbox-crs), datetime
 * and the collection's filterable properties. Anything else is a 400, as Part 1 asks
 * (/req/core/query-param-unknown), naming the parameter.
 */
import type { Crs } from '@/geo/interchange/gcj02';
import type { CollectionDef } from './collections';
import { OgcError } from './errors';

export type OgcFormat = 'json' | 'html';

export const LIMIT = { default: 100, max: 10_000 } as const;
export const OFFSET_MAX = 1_000_000;
const FILTER_VALUE_MAX = 200;

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** A moment, or an interval with either end open (null). */
export type DateTimeFilter = { kind: 'instant'; at: Date } | { kind: 'interval'; from: Date | null; to: Date | null };

export interface ItemsQuery {
  limit: number;
  offset: number;
  /** [minLon, minLat, maxLon, maxLat]; minLon > maxLon crosses the antimeridian. */
  bbox: [number, number, number, number] | null;
  datetime: DateTimeFilter | null;
  /** Property name → the value it must equal. */
  filters: [string, string][];
  /** The coordinates written (an export only: GCJ-02 for partners on Gaode/Tencent maps). */
  crs: Crs;
}

/** The one value of each parameter; a parameter given twice is refused (which one would count?). */
function single(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of params) {
    if (out.has(k)) throw new OgcError('PARAMETER_REPEATED', k.slice(0, 40));
    out.set(k, v);
  }
  return out;
}

/** f=json|html, else HTML for a browser (Accept names text/html before any JSON), else JSON. */
export function formatOf(params: URLSearchParams, accept: string | null): OgcFormat {
  const f = params.getAll('f');
  if (f.length > 1) throw new OgcError('PARAMETER_REPEATED', 'f');
  if (f.length === 1) {
    const v = f[0]!.toLowerCase();
    if (v === 'json' || v === 'geojson' || v === 'application/json' || v === 'application/geo+json') return 'json';
    if (v === 'html' || v === 'text/html') return 'html';
    throw new OgcError('FORMAT_UNKNOWN');
  }
  const a = (accept ?? '').toLowerCase();
  const html = a.indexOf('text/html');
  const json = Math.min(...['application/json', 'application/geo+json', 'application/vnd.oai.openapi+json'].map((t) => a.indexOf(t)).filter((i) => i >= 0), Infinity);
  return html >= 0 && html < json ? 'html' : 'json';
}

/** Only f: the landing page, conformance, the collections, one collection, one feature. */
export function checkNoQuery(params: URLSearchParams): void {
  for (const k of single(params).keys()) if (k !== 'f') throw new OgcError('PARAMETER_UNKNOWN', k.slice(0, 40));
}

const wholeNumber = (v: string, min: number, max: number) => (/^\d{1,8}$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : null);

function bboxOf(v: string): ItemsQuery['bbox'] {
  const parts = v.split(',').map((s) => s.trim());
  if (parts.length !== 4 && parts.length !== 6) throw new OgcError('BBOX_INVALID');
  const n = parts.map((s) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN));
  // Six numbers carry heights (min and max after each corner's latitude); the features are flat.
  const [minLon, minLat, maxLon, maxLat] = parts.length === 6 ? [n[0]!, n[1]!, n[3]!, n[4]!] : [n[0]!, n[1]!, n[2]!, n[3]!];
  const lonOk = (x: number) => Number.isFinite(x) && x >= -180 && x <= 180;
  const latOk = (y: number) => Number.isFinite(y) && y >= -90 && y <= 90;
  if (!lonOk(minLon) || !lonOk(maxLon) || !latOk(minLat) || !latOk(maxLat) || minLat > maxLat) throw new OgcError('BBOX_INVALID');
  return [minLon, minLat, maxLon, maxLat];
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An RFC 3339 date-time, or a date (its start in China time, where the city is). */
function momentOf(v: string): Date {
  const m = RFC3339.exec(v) ?? DATE.exec(v);
  if (!m) throw new OgcError('DATETIME_INVALID');
  const [, y, mo, d] = m;
  const iso = m.length > 4 && m[4] !== undefined ? v.replace(' ', 'T') : `${y}-${mo}-${d}T00:00:00+08:00`;
  const t = new Date(iso);
  // Date.parse rolls 2026-02-31 over to March; a date that is not in the calendar is refused.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(t.getTime()) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) throw new OgcError('DATETIME_INVALID');
  return t;
}

function datetimeOf(v: string): DateTimeFilter {
  if (!v.includes('/')) return { kind: 'instant', at: momentOf(v) };
  const [a = '', b = '', ...rest] = v.split('/');
  if (rest.length > 0) throw new OgcError('DATETIME_INVALID');
  const end = (s: string) => (s === '..' || s === '' ? null : momentOf(s));
  const from = end(a);
  const to = end(b);
  if ((from === null && to === null) || (from && to && from > to)) throw new OgcError('DATETIME_INVALID');
  return { kind: 'interval', from, to };
}

/**
 * The items' parameters; for an export (the whole selection as one file) no paging, and `crs` instead:
 * wgs84 (default) or gcj02.
 */
export function itemsQuery(params: URLSearchParams, collection: CollectionDef, mode: 'page' | 'export' = 'page'): ItemsQuery {
  const q: ItemsQuery = { limit: LIMIT.default, offset: 0, bbox: null, datetime: null, filters: [], crs: 'wgs84' };
  for (const [k, v] of single(params)) {
    if ((mode === 'export' && (k === 'limit' || k === 'offset' || k === 'f')) || (mode === 'page' && k === 'crs')) throw new OgcError('PARAMETER_UNKNOWN', k);
    switch (k) {
      case 'f':
        break;
      case 'crs':
        if (v !== 'wgs84' && v !== 'gcj02') throw new OgcError('CRS_UNSUPPORTED');
        q.crs = v;
        break;
      case 'limit': {
        const n = wholeNumber(v, 1, LIMIT.max);
        if (n === null) throw new OgcError('LIMIT_INVALID');
        q.limit = n;
        break;
      }
      case 'offset': {
        const n = wholeNumber(v, 0, OFFSET_MAX);
        if (n === null) throw new OgcError('OFFSET_INVALID');
        q.offset = n;
        break;
      }
      case 'bbox':
        q.bbox = bboxOf(v);
        break;
      case 'bbox-crs':
        if (v !== CRS84) throw new OgcError('BBOX_CRS_UNSUPPORTED');
        break;
      case 'datetime':
        q.datetime = datetimeOf(v);
        if (q.datetime.kind === 'interval' && collection.temporal?.kind === 'in_force') throw new OgcError('DATETIME_INSTANT_ONLY');
        break;
      default: {
        if (!collection.properties[k]?.filter) throw new OgcError('PARAMETER_UNKNOWN', k.slice(0, 40));
        // eslint-disable-next-line no-control-regex -- a NUL or another control character names nothing
        if (v.length > FILTER_VALUE_MAX || /[\u0000-\u001f\u007f]/.test(v)) throw new OgcError('FILTER_VALUE_INVALID', k);
        q.filters.push([k, v]);
      }
    }
  }
  return q;
}
