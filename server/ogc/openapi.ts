/**
 * The OpenAPI 3.0 description of the endpoint (/ogc/api), made from the collections' list, so each
 * collection's items path names exactly the parameters its query reads (query.ts) and the limit's
 * bounds a client pages by (GDAL's OAPIF driver takes its page size from them).
 */
import { textIn } from '@/geo/text/localized-text';
import type { HeaderLocale } from '../http/accept-language';
import { COLLECTIONS, type PropertyType } from './collections';
import { MEDIA } from './documents';
import { LIMIT, OFFSET_MAX } from './query';

const SCHEMA_OF: Record<PropertyType, Record<string, string>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  datetime: { type: 'string', format: 'date-time' },
};

const f = { name: 'f', in: 'query', required: false, description: 'json | html', schema: { type: 'string', enum: ['json', 'html'] } };
const exception = {
  description: 'An error: { code, description }',
  content: { [MEDIA.json]: { schema: { $ref: '#/components/schemas/exception' } }, [MEDIA.html]: { schema: { type: 'string' } } },
};
const ok = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'object' } }, [MEDIA.html]: { schema: { type: 'string' } } } });
const errors = { '400': exception, '404': exception, '500': exception };

export function openApiDocument(base: string, locale: HeaderLocale) {
  const paths: Record<string, unknown> = {
    '/': { get: { summary: 'Landing page', operationId: 'getLandingPage', parameters: [f], responses: { '200': ok('The landing page', MEDIA.json), ...errors } } },
    '/conformance': { get: { summary: 'Conformance classes', operationId: 'getConformance', parameters: [f], responses: { '200': ok('The conformance classes', MEDIA.json), ...errors } } },
    '/api': { get: { summary: 'This document', operationId: 'getApi', parameters: [f], responses: { '200': ok('The API definition', MEDIA.openapi) } } },
    '/collections': { get: { summary: 'The collections', operationId: 'getCollections', parameters: [f], responses: { '200': ok('The collections', MEDIA.json), ...errors } } },
  };
  for (const c of COLLECTIONS) {
    const title = textIn(c.title, locale);
    const filters = Object.entries(c.properties)
      .filter(([, p]) => p.filter)
      .map(([name, p]) => ({ name, in: 'query', required: false, description: `${textIn(p.title, locale)} =`, schema: SCHEMA_OF[p.type], style: 'form', explode: false }));
    const datetime = c.temporal
      ? [{
          name: 'datetime',
          in: 'query',
          required: false,
          description: c.temporal.kind === 'in_force' ? 'One RFC 3339 moment: the grids in force then' : 'An RFC 3339 moment or interval (start/end, .. for an open end)',
          schema: { type: 'string' },
          style: 'form',
          explode: false,
        }]
      : [];
    paths[`/collections/${c.id}`] = {
      get: { summary: title, operationId: `describe-${c.id}`, parameters: [f], responses: { '200': ok(title, MEDIA.json), ...errors } },
    };
    paths[`/collections/${c.id}/items`] = {
      get: {
        summary: `${title}: features`,
        operationId: `get-${c.id}-features`,
        parameters: [
          { $ref: '#/components/parameters/limit' },
          { $ref: '#/components/parameters/offset' },
          { $ref: '#/components/parameters/bbox' },
          { $ref: '#/components/parameters/bbox-crs' },
          ...datetime,
          ...filters,
          f,
        ],
        responses: { '200': ok(`${title} (GeoJSON FeatureCollection)`, MEDIA.geojson), ...errors },
      },
    };
    paths[`/collections/${c.id}/items/{featureId}`] = {
      get: {
        summary: `${title}: one feature`,
        operationId: `get-${c.id}-feature`,
        parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, f],
        responses: { '200': ok(`${title} (GeoJSON Feature)`, MEDIA.geojson), ...errors },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: locale === 'en' ? 'GridAtlas open data' : 'GridAtlas 网格一张图开放数据',
      version: '1.0.0',
      description: 'OGC API – Features – Part 1: Core',
    },
    servers: [{ url: base }],
    paths,
    components: {
      parameters: {
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: `At most this many features (default ${LIMIT.default})`,
          schema: { type: 'integer', minimum: 1, maximum: LIMIT.max, default: LIMIT.default },
          style: 'form',
          explode: false,
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          description: 'Features to skip (the next link carries it)',
          schema: { type: 'integer', minimum: 0, maximum: OFFSET_MAX, default: 0 },
          style: 'form',
          explode: false,
        },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          description: 'minLon,minLat,maxLon,maxLat (CRS84)',
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
          style: 'form',
          explode: false,
        },
        'bbox-crs': {
          name: 'bbox-crs',
          in: 'query',
          required: false,
          schema: { type: 'string', format: 'uri', enum: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'] },
          style: 'form',
          explode: false,
        },
      },
      schemas: {
        exception: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, description: { type: 'string' } } },
      },
    },
  };
}
