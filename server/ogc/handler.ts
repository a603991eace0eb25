/**
 * OGC API – Features – Part 1: Core at /ogc, for other departments' GIS tools (QGIS, ArcGIS, GDAL's
 * OAPIF driver): the landing page, conformance, the OpenAPI definition, the collections and their
 * features, in JSON (GeoJSON for features) or HTML, in the language of Accept-Language.
 *
 * Security: no session is read. What is served without a key is public by construction (collections.ts
 * says what each collection leaves out and why), so any origin may read it (CORS *). A department's key
 * (X-GridAtlas-Key) adds the restricted fields it names; a key that is not live is refused (403); every
 * request with a key is counted and logged, and its answer is not stored by any cache.
 */
import { textIn } from '@/geo/text/localized-text';
import { now } from '../clock';
import { getDatabase, type Executor } from '../db';
import { requestShare } from '../db/fair-share';
import { HTTP_STATUS, type DomainError } from '../errors/domain-error';
import { toDomainError } from '../errors/database-errors';
import { INTERNAL_ERROR_TEXT, RequestError } from '../errors/request-errors';
import { preferredLocale, type HeaderLocale } from '../http/accept-language';
import { COLLECTIONS, collectionById, visibleProperties, type CollectionDef } from './collections';
import { accessOfKey, logKeyUse, PUBLIC_ACCESS, type OgcAccess } from './department-keys';
import { collectionDocument, collectionsDocument, conformance, landingPage, MEDIA, readExtents, selfLinks, urlOf, type OgcLink } from './documents';
import { OgcError } from './errors';
import { featureById, featureJson, featurePage, momentOf } from './features';
import { escapeHtml, featureTable, list, page, paragraph } from './html';
import { openApiDocument } from './openapi';
import { EXPORT_FORMATS, exportCollection } from './export';
import type { FeatureFileFormat } from '../interchange/write-feature-file';
import { checkNoQuery, formatOf, itemsQuery, type OgcFormat } from './query';

type Resource =
  | { kind: 'landing' }
  | { kind: 'conformance' }
  | { kind: 'api' }
  | { kind: 'collections' }
  | { kind: 'collection'; collection: CollectionDef }
  | { kind: 'items'; collection: CollectionDef }
  | { kind: 'export'; collection: CollectionDef; format: FeatureFileFormat }
  | { kind: 'item'; collection: CollectionDef; id: string };

function resourceOf(segments: readonly string[]): Resource {
  const [a, b, c, d, ...rest] = segments;
  if (rest.length > 0) throw new OgcError('OGC_NOT_FOUND');
  if (a === undefined) return { kind: 'landing' };
  if (b === undefined) {
    if (a === 'conformance') return { kind: 'conformance' };
    if (a === 'api') return { kind: 'api' };
    if (a === 'collections') return { kind: 'collections' };
    throw new OgcError('OGC_NOT_FOUND');
  }
  if (a !== 'collections') throw new OgcError('OGC_NOT_FOUND');
  const collection = collectionById(b);
  if (!collection) throw new OgcError('COLLECTION_NOT_FOUND', b.slice(0, 40));
  if (c === undefined) return { kind: 'collection', collection };
  if (c.startsWith('export.') && d === undefined) {
    const format = EXPORT_FORMATS[c.slice('export.'.length)];
    if (!format) throw new OgcError('EXPORT_FORMAT_UNKNOWN');
    return { kind: 'export', collection, format };
  }
  if (c !== 'items') throw new OgcError('OGC_NOT_FOUND');
  if (d === undefined) return { kind: 'items', collection };
  return { kind: 'item', collection, id: d };
}

// The answer differs by the key presented (its restricted fields): caches keep them apart.
const COMMON_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', Vary: 'Accept, Accept-Language, X-GridAtlas-Key' };

function answer(status: number, body: string, type: string, locale: HeaderLocale, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...COMMON_HEADERS, 'Content-Language': locale, 'Content-Type': `${type}; charset=utf-8`, ...extra } });
}

const json = (doc: unknown, type: string, locale: HeaderLocale, status = 200) => answer(status, JSON.stringify(doc), type, locale);
const html = (body: string, locale: HeaderLocale, status = 200) =>
  // The page loads nothing: no script may run in it whatever the data holds.
  answer(status, body, MEDIA.html, locale, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });

function errorAnswer(error: DomainError, format: OgcFormat, locale: HeaderLocale, extra: Record<string, string> = {}): Response {
  const status = error.code === 'METHOD_NOT_ALLOWED' ? 405 : HTTP_STATUS[error.kind];
  const description = textIn(error.text, locale);
  if (format === 'html') return html(page(locale, `${status} ${error.code}`, paragraph(description)), locale, status);
  return answer(status, JSON.stringify({ code: error.code, description }), MEDIA.json, locale, extra);
}

/** The base URL of the endpoint as the client reached it. */
const baseOf = (request: Request) => `${new URL(request.url).origin}/ogc`;

const tr = (locale: HeaderLocale, zh: string, en: string) => (locale === 'en' ? en : zh);

function linksOfPage(base: string, c: CollectionDef, served: OgcFormat, locale: HeaderLocale, params: URLSearchParams, offset: number, limit: number, returned: number, matched: number): OgcLink[] {
  const title = textIn(c.title, locale);
  const kept: Record<string, string | number | null> = {};
  for (const [k, v] of params) if (k !== 'f' && k !== 'offset') kept[k] = v;
  const path = `/collections/${c.id}/items`;
  const type = served === 'json' ? MEDIA.geojson : MEDIA.html;
  const f = served;
  const links: OgcLink[] = [...selfLinks(base, path, served, MEDIA.geojson, title, { ...kept, offset: offset || null })];
  if (offset + returned < matched) links.push({ href: urlOf(base, path, { ...kept, offset: offset + limit, f }), rel: 'next', type, title: tr(locale, '下一页', 'Next page') });
  if (offset > 0) links.push({ href: urlOf(base, path, { ...kept, offset: Math.max(0, offset - limit) || null, f }), rel: 'prev', type, title: tr(locale, '上一页', 'Previous page') });
  links.push({ href: urlOf(base, `/collections/${c.id}`, { f }), rel: 'collection', type: served === 'json' ? MEDIA.json : MEDIA.html, title });
  return links;
}

function featureLinks(base: string, c: CollectionDef, id: string, served: OgcFormat, locale: HeaderLocale): OgcLink[] {
  return [
    ...selfLinks(base, `/collections/${c.id}/items/${encodeURIComponent(id)}`, served, MEDIA.geojson, id),
    { href: urlOf(base, `/collections/${c.id}`, { f: served }), rel: 'collection', type: served === 'json' ? MEDIA.json : MEDIA.html, title: textIn(c.title, locale) },
  ];
}

const columnsOf = (c: CollectionDef, locale: HeaderLocale, fields: ReadonlySet<string>) =>
  visibleProperties(c, fields).map(([name, p]) => ({ name, title: textIn(p.title, locale) }));

/** The header a department's system presents its read key in. */
export const KEY_HEADER = 'x-gridatlas-key';

/** Answers one request; `segments` is the path after /ogc, decoded. */
export async function handleOgc(request: Request, segments: readonly string[]): Promise<Response> {
  const locale = preferredLocale(request.headers.get('accept-language'));
  const url = new URL(request.url);
  const key = request.headers.get(KEY_HEADER);
  let format: OgcFormat = 'json';
  let keyUse: { db: Executor; keyId: number; at: Date } | null = null;
  let response: Response;
  try {
    format = formatOf(url.searchParams, request.headers.get('accept'));
    // Next.js answers a HEAD with the route's GET.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorAnswer(new RequestError('METHOD_NOT_ALLOWED', request.method.slice(0, 10)), format, locale, { Allow: 'GET, HEAD' });
    }
    const { db: shared } = await getDatabase();
    const db = requestShare(shared);
    const at = now();
    const access = key === null ? PUBLIC_ACCESS : await accessOfKey(db, key, at);
    if (access.keyId !== null) keyUse = { db, keyId: access.keyId, at };
    response = await respond({ db, at, access, url, base: baseOf(request), format, locale, resource: resourceOf(segments) });
  } catch (err) {
    const known = err instanceof OgcError ? err : toDomainError(err);
    if (known) response = errorAnswer(known, format, locale);
    else {
      console.error('[ogc]', err);
      response = answer(500, JSON.stringify({ code: 'INTERNAL_ERROR', description: textIn(INTERNAL_ERROR_TEXT, locale) }), MEDIA.json, locale);
    }
  }
  if (keyUse) {
    // Counted when the key was checked; logged here with what was asked (the key is in a header, not here) and the answer.
    await logKeyUse(keyUse.db, keyUse.keyId, keyUse.at, url.pathname + url.search, response.status);
    response.headers.set('Cache-Control', 'private, no-store');
  }
  return response;
}

interface RequestContext {
  db: Executor;
  at: Date;
  access: OgcAccess;
  url: URL;
  base: string;
  format: OgcFormat;
  locale: HeaderLocale;
  resource: Resource;
}

async function respond({ db, at, access, url, base, format, locale, resource }: RequestContext): Promise<Response> {
  if (resource.kind !== 'items' && resource.kind !== 'export') checkNoQuery(url.searchParams);
  if (resource.kind === 'export') {
    const file = await exportCollection(db, resource.collection, itemsQuery(url.searchParams, resource.collection, 'export'), at, access.fields, resource.format);
    return new Response(file.bytes as BodyInit, {
      status: 200,
      headers: { ...COMMON_HEADERS, 'Content-Type': file.mimeType, 'Content-Disposition': `attachment; filename="${file.fileName}"` },
    });
  }
  if (resource.kind === 'landing' || resource.kind === 'conformance') {
    const doc = resource.kind === 'landing' ? landingPage(base, format, locale) : conformance(base, format, locale);
    if (format === 'json') return json(doc, MEDIA.json, locale);
    const body = 'conformsTo' in doc ? list(doc.conformsTo.map((href) => ({ href, text: href }))) : paragraph(doc.description);
    return html(page(locale, 'title' in doc ? doc.title : tr(locale, '符合的标准', 'Conformance classes'), body, doc.links), locale);
  }
  if (resource.kind === 'api') {
    const doc = openApiDocument(base, locale);
    if (format === 'json') return json(doc, MEDIA.openapi, locale);
    const paths = Object.keys(doc.paths).map((p) => ({ href: urlOf(base, p === '/' ? '' : p.replace('{featureId}', ''), { f: 'html' }), text: p }));
    return html(page(locale, doc.info.title, paragraph(doc.info.description) + list(paths), selfLinks(base, '/api', 'html', MEDIA.openapi, 'OpenAPI')), locale);
  }
  if (resource.kind === 'collections' || resource.kind === 'collection') {
    const extents = await readExtents(db);
    if (resource.kind === 'collections') {
      const doc = collectionsDocument(base, format, locale, extents);
      if (format === 'json') return json(doc, MEDIA.json, locale);
      const items = COLLECTIONS.map((c) => ({ href: urlOf(base, `/collections/${c.id}`, { f: 'html' }), text: textIn(c.title, locale), note: textIn(c.description, locale) }));
      return html(page(locale, tr(locale, '数据集', 'Collections'), list(items), doc.links), locale);
    }
    const doc = collectionDocument(resource.collection, base, format, locale, extents);
    if (format === 'json') return json(doc, MEDIA.json, locale);
    const fields = columnsOf(resource.collection, locale, access.fields).map((c) => `<li><code>${escapeHtml(c.name)}</code> ${escapeHtml(c.title)}</li>`).join('');
    return html(page(locale, doc.title, paragraph(doc.description) + `<ul>${fields}</ul>`, doc.links), locale);
  }

  const c = resource.collection;
  if (resource.kind === 'item') {
    const feature = await featureById(db, c, resource.id, at, access.fields);
    if (!feature) throw new OgcError('FEATURE_NOT_FOUND', resource.id.slice(0, 64).replace(/[^\w.-]/g, '?'));
    const links = featureLinks(base, c, feature.id, format, locale);
    if (format === 'json') return answer(200, featureJson(feature, { links }), MEDIA.geojson, locale);
    const rows = columnsOf(c, locale, access.fields)
      .map((col) => `<tr><th scope="row">${escapeHtml(col.title)}</th><td>${escapeHtml(String(feature.properties[col.name] ?? ''))}</td></tr>`)
      .join('');
    return html(page(locale, `${textIn(c.title, locale)} ${feature.id}`, `<table><tbody>${rows}</tbody></table>`, links), locale);
  }

  const q = itemsQuery(url.searchParams, c);
  const result = await featurePage(db, c, q, momentOf(c, q.datetime, at), access.fields);
  const links = linksOfPage(base, c, format, locale, url.searchParams, q.offset, q.limit, result.features.length, result.numberMatched);
  if (format === 'json') {
    const rest = JSON.stringify({ links, timeStamp: at.toISOString(), numberMatched: result.numberMatched, numberReturned: result.features.length }).slice(1);
    return answer(200, `{"type":"FeatureCollection","features":[${result.features.map((f) => featureJson(f)).join(',')}],${rest}`, MEDIA.geojson, locale);
  }
  const note = tr(locale, `共 ${result.numberMatched} 个，本页从第 ${q.offset + 1} 个起`, `${result.numberMatched} matched; this page starts at number ${q.offset + 1}`);
  const table = featureTable(locale, result.features, (id) => urlOf(base, `/collections/${c.id}/items/${encodeURIComponent(id)}`, { f: 'html' }), columnsOf(c, locale, access.fields));
  return html(page(locale, textIn(c.title, locale), paragraph(note) + table, links), locale);
}
