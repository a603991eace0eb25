/**
 * The JSON documents of the OGC API – Features endpoint besides the features themselves: the landing
 * page, the conformance declaration, the collections and one collection (with its extent), and the
 * links each carries (OGC API – Features Part 1, sections 7.2–7.14). Titles in the request's language.
 */
import { textIn } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { cityBounds } from '../data/territory';
import { COLLECTIONS, type CollectionDef } from './collections';
import type { HeaderLocale as OgcLocale } from '../http/accept-language';
import { CRS84 } from './query';

export interface OgcLink {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const;

const EXPORT_LINKS = [
  { ext: 'geojson', type: MEDIA.geojson, name: 'GeoJSON' },
  { ext: 'zip', type: 'application/zip', name: 'Shapefile' },
  { ext: 'kml', type: 'application/vnd.google-earth.kml+xml', name: 'KML' },
  { ext: 'csv', type: 'text/csv', name: 'CSV, WKT' },
  { ext: 'gpkg', type: 'application/geopackage+sqlite3', name: 'GeoPackage' },
] as const;

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

/** A URL of the endpoint with `f` and the other parameters given (null ones left out). */
export function urlOf(base: string, path: string, params: Record<string, string | number | null> = {}): string {
  const u = new URL(base + path);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, String(v));
  return u.toString();
}

/** self in the format served, alternate in the other. */
export function selfLinks(base: string, path: string, served: 'json' | 'html', jsonType: string, title: string, params: Record<string, string | number | null> = {}): OgcLink[] {
  const json: OgcLink = { href: urlOf(base, path, { ...params, f: 'json' }), rel: served === 'json' ? 'self' : 'alternate', type: jsonType, title: `${title} (JSON)` };
  const html: OgcLink = { href: urlOf(base, path, { ...params, f: 'html' }), rel: served === 'html' ? 'self' : 'alternate', type: MEDIA.html, title: `${title} (HTML)` };
  return served === 'json' ? [json, html] : [html, json];
}

const t = (locale: OgcLocale, zh: string, en: string) => (locale === 'en' ? en : zh);

export function landingPage(base: string, served: 'json' | 'html', locale: OgcLocale) {
  return {
    title: t(locale, 'GridAtlas 网格一张图：开放数据', 'GridAtlas: open data'),
    description: t(
      locale,
      '全市区、街道、社区、网格、标准地址、重点场所与事件的公开数据（OGC API – Features）',
      "The city's districts, streets, communities, grids, standard addresses, key sites and incidents as open data (OGC API – Features)",
    ),
    links: [
      ...selfLinks(base, '', served, MEDIA.json, t(locale, '本页', 'This document')),
      { href: urlOf(base, '/api', { f: 'json' }), rel: 'service-desc', type: MEDIA.openapi, title: t(locale, '接口定义（OpenAPI 3.0）', 'The API definition (OpenAPI 3.0)') },
      { href: urlOf(base, '/api', { f: 'html' }), rel: 'service-doc', type: MEDIA.html, title: t(locale, '接口文档', 'The API documentation') },
      { href: urlOf(base, '/conformance', { f: 'json' }), rel: 'conformance', type: MEDIA.json, title: t(locale, '符合的标准', 'Conformance classes') },
      { href: urlOf(base, '/conformance', { f: 'json' }), rel: 'http://www.opengis.net/def/rel/ogc/1.0/conformance', type: MEDIA.json, title: t(locale, '符合的标准', 'Conformance classes') },
      { href: urlOf(base, '/collections', { f: 'json' }), rel: 'data', type: MEDIA.json, title: t(locale, '数据集', 'Collections') },
      { href: urlOf(base, '/collections', { f: 'json' }), rel: 'http://www.opengis.net/def/rel/ogc/1.0/data', type: MEDIA.json, title: t(locale, '数据集', 'Collections') },
    ] satisfies OgcLink[],
  };
}

export function conformance(base: string, served: 'json' | 'html', locale: OgcLocale) {
  return { conformsTo: CONFORMANCE, links: selfLinks(base, '/conformance', served, MEDIA.json, t(locale, '符合的标准', 'Conformance classes')) };
}

export interface Extents {
  /** The city's extent: every collection lies inside it. */
  bbox: [number, number, number, number] | null;
  /** Per collection with a time: its earliest and latest (null: open). */
  intervals: Map<string, [string | null, string | null]>;
}

/** The extents the collections are described with, read once per request. */
export async function readExtents(db: Executor): Promise<Extents> {
  const [bbox, [times]] = await Promise.all([
    cityBounds(db),
    db.query<{ grids_from: Date | null; incidents_from: Date | null; incidents_to: Date | null }>(
      `SELECT (SELECT min(valid_from) FROM grid) AS grids_from, (SELECT min(reported_at) FROM incident) AS incidents_from,
              (SELECT max(reported_at) FROM incident) AS incidents_to`,
    ),
  ]);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    bbox,
    intervals: new Map([
      ['grids', [iso(times!.grids_from), null]],
      ['incidents', [iso(times!.incidents_from), iso(times!.incidents_to)]],
    ]),
  };
}

export function collectionDocument(c: CollectionDef, base: string, served: 'json' | 'html', locale: OgcLocale, extents: Extents) {
  const title = textIn(c.title, locale);
  const interval = extents.intervals.get(c.id);
  return {
    id: c.id,
    title,
    description: textIn(c.description, locale),
    itemType: 'feature',
    crs: [CRS84],
    storageCrs: CRS84,
    extent: {
      spatial: { bbox: extents.bbox ? [extents.bbox] : [[-180, -90, 180, 90]], crs: CRS84 },
      ...(interval ? { temporal: { interval: [interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    links: [
      ...selfLinks(base, `/collections/${c.id}`, served, MEDIA.json, title),
      { href: urlOf(base, `/collections/${c.id}/items`, { f: 'json' }), rel: 'items', type: MEDIA.geojson, title: `${title} (GeoJSON)` },
      { href: urlOf(base, `/collections/${c.id}/items`, { f: 'html' }), rel: 'items', type: MEDIA.html, title: `${title} (HTML)` },
      // The whole collection as one file (server/ogc/export.ts), for tools that download rather than page.
      ...EXPORT_LINKS.map((e) => ({ href: urlOf(base, `/collections/${c.id}/export.${e.ext}`), rel: 'enclosure', type: e.type, title: `${title} (${e.name})` })),
    ] satisfies OgcLink[],
  };
}

export function collectionsDocument(base: string, served: 'json' | 'html', locale: OgcLocale, extents: Extents) {
  return {
    links: selfLinks(base, '/collections', served, MEDIA.json, t(locale, '数据集', 'Collections')),
    collections: COLLECTIONS.map((c) => collectionDocument(c, base, served, locale, extents)),
  };
}
