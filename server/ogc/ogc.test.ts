/**
 * OGC API – Features over HTTP, as a department's GIS client meets it: the landing page, conformance,
 * the OpenAPI definition and the collections; items with limit and paging (every feature once), bbox,
 * datetime and property filters; one item by id; both formats; no personal data in any collection; and
 * every malformed request a 400 or 404 in the caller's language, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/ogc/[[...path]]/route';
import { provideDatabase } from '../db';
import { issueDepartmentKey, keyUses, revokeDepartmentKey, type DepartmentKeyInput } from './department-keys';
import type { AccessFixture } from '../testing/access-fixture';
import { PAGED_COMMUNITY, seedOgcFixture } from './__fixtures__/ogc-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';

let t: TestDatabase;
let fx: AccessFixture;
const PAGED = PAGED_COMMUNITY;

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedOgcFixture(t.db);
  // An incident with a reporter and a description: neither may leave through the open endpoint.
  await t.db.execute(
    `UPDATE incident SET description = '张三家门口井盖缺失', reporter_name = '张三', reporter_phone = '13900000000', address_text = '张三家'
      WHERE id = $1`,
    [fx.streets['320102008'].incidentIds[0]],
  );
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const ORIGIN = 'http://127.0.0.1:3000';
const segmentsOf = (path: string) => path.split('?')[0]!.replace(/^\/ogc\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
const get = (path: string, headers: Record<string, string> = {}) =>
  GET(new Request(ORIGIN + path, { headers }), { params: Promise.resolve({ path: segmentsOf(path) }) });
const getJson = async <T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}) => {
  const res = await get(path, headers);
  expect([path, res.status]).toEqual([path, 200]);
  return (await res.json()) as T;
};

interface Link { href: string; rel: string; type: string }
interface Feature { id: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown>; links?: Link[] }
interface Page { type: string; features: Feature[]; links: Link[]; numberMatched: number; numberReturned: number; timeStamp: string }
const rel = (links: Link[], r: string) => links.filter((l) => l.rel === r);
/** The path and query of an absolute link of this endpoint. */
const pathOf = (href: string) => {
  const u = new URL(href);
  expect(u.origin).toBe(ORIGIN);
  return u.pathname + u.search;
};

describe('the landing page, conformance, the API definition and the collections', () => {
  it('links to everything a client starts from', async () => {
    const doc = await getJson<{ title: string; links: Link[] }>('/ogc');
    expect(doc.title).toContain('GridAtlas');
    for (const r of ['self', 'service-desc', 'service-doc', 'conformance', 'data']) expect(rel(doc.links, r).length, r).toBeGreaterThan(0);
    expect(rel(doc.links, 'service-desc')[0]!.type).toBe('application/vnd.oai.openapi+json;version=3.0');
    const conf = await getJson<{ conformsTo: string[] }>(pathOf(rel(doc.links, 'conformance')[0]!.href));
    expect(conf.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]));
  });

  it('describes every items path with the parameters it takes, limit bounded at 10000', async () => {
    const res = await get('/ogc/api');
    expect(res.headers.get('content-type')).toContain('application/vnd.oai.openapi+json');
    const api = (await res.json()) as { openapi: string; paths: Record<string, { get: { parameters: ({ name?: string; $ref?: string })[] } }>; components: { parameters: Record<string, { schema: { maximum?: number } }> } };
    expect(api.openapi).toMatch(/^3\.0\./);
    expect(api.components.parameters.limit!.schema.maximum).toBe(10000);
    const params = (p: string) => api.paths[p]!.get.parameters.map((x) => x.name ?? x.$ref!.split('/').pop());
    expect(params('/collections/grids/items')).toEqual(expect.arrayContaining(['limit', 'offset', 'bbox', 'datetime', 'community_code', 'kind', 'f']));
    expect(params('/collections/districts/items')).not.toContain('datetime');
    expect(Object.keys(api.paths)).toEqual(expect.arrayContaining(['/', '/conformance', '/collections', '/collections/addresses/items/{featureId}']));
  });

  it('lists the seven collections with their extents and links to their items', async () => {
    const doc = await getJson<{ collections: { id: string; extent: { spatial: { bbox: number[][] }; temporal?: unknown }; links: Link[] }[] }>('/ogc/collections');
    expect(doc.collections.map((c) => c.id)).toEqual(['districts', 'streets', 'communities', 'grids', 'addresses', 'key-sites', 'incidents']);
    for (const c of doc.collections) {
      expect(c.extent.spatial.bbox[0]).toEqual([118.7, 32.0, 119.0, 32.1].map((x) => expect.closeTo(x, 6)));
      expect(rel(c.links, 'items').map((l) => l.type)).toEqual(['application/geo+json', 'text/html']);
    }
    expect(doc.collections.find((c) => c.id === 'grids')!.extent.temporal).toBeDefined();
    const one = await getJson<{ id: string }>('/ogc/collections/grids');
    expect(one.id).toBe('grids');
  });
});

describe('items', () => {
  it('pages through a collection by its next links, every feature exactly once, numberMatched as counted', async () => {
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM standard_address')) as [{ n: number }];
    let path: string | null = '/ogc/collections/addresses/items?limit=10';
    const seen: string[] = [];
    let pages = 0;
    while (path) {
      const page: Page = await getJson<Page>(path);
      expect(page.type).toBe('FeatureCollection');
      expect(page.numberMatched).toBe(n);
      expect(page.numberReturned).toBe(page.features.length);
      expect(page.features.length).toBeLessThanOrEqual(10);
      seen.push(...page.features.map((f) => f.id));
      const next = rel(page.links, 'next')[0];
      path = next ? pathOf(next.href) : null;
      if (pages++ > 0) expect(rel(page.links, 'prev')).toHaveLength(1);
    }
    expect(pages).toBe(Math.ceil(n / 10));
    expect(new Set(seen).size).toBe(n);
    expect(seen).toEqual([...seen].sort());
  });

  it('serves addresses with their community and grid and nothing about their households', async () => {
    const page = await getJson<Page>(`/ogc/collections/addresses/items?community_code=${PAGED}&limit=100`);
    expect(page.numberMatched).toBe(26);
    for (const f of page.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['address', 'building_type', 'code', 'community_code', 'grid_code']);
      expect(f.geometry.type).toBe('Point');
      // West of 118.85 the first grid, east of it the second (the fixture's two halves).
      const lon = (f.geometry.coordinates as number[])[0]!;
      expect([f.id, f.properties.grid_code]).toEqual([f.id, lon < 118.85 ? '320102003001001' : '320102003001002']);
    }
    const inGrid = await getJson<Page>('/ogc/collections/addresses/items?grid_code=320102003001002&limit=100');
    expect(inGrid.features.length).toBeGreaterThan(0);
    expect(inGrid.features.every((f) => f.properties.grid_code === '320102003001002')).toBe(true);
    expect(inGrid.numberMatched + (await getJson<Page>('/ogc/collections/addresses/items?grid_code=320102003001001&limit=1')).numberMatched).toBe(26);
  });

  it('keeps to a bbox, and crosses the antimeridian as two boxes', async () => {
    const page = await getJson<Page>('/ogc/collections/grids/items?bbox=118.71,32.01,118.74,32.02');
    expect(page.features.map((f) => f.id)).toEqual(['320102008001001']);
    const six = await getJson<Page>('/ogc/collections/grids/items?bbox=118.71,32.01,0,118.74,32.02,10');
    expect(six.features.map((f) => f.id)).toEqual(['320102008001001']);
    expect((await getJson<Page>('/ogc/collections/grids/items?bbox=170,0,-170,10')).numberMatched).toBe(0);
    expect((await getJson<Page>('/ogc/collections/grids/items?bbox=118.95,32.0,118.69,32.1')).features.map((f) => f.id)).toEqual(['320104001001001', '320104001001002']);
  });

  it('gives the grids in force at a datetime, and filters incidents by when they were reported', async () => {
    const now = await getJson<Page>('/ogc/collections/grids/items');
    expect(now.numberMatched).toBe(6);
    expect(Object.keys(now.features[0]!.properties)).toEqual(expect.arrayContaining(['households', 'residents', 'community_code', 'valid_from']));
    expect((await getJson<Page>('/ogc/collections/grids/items?datetime=2000-01-01T00:00:00Z')).numberMatched).toBe(0);
    expect((await getJson<Page>('/ogc/collections/grids/items?datetime=2000-01-01')).numberMatched).toBe(0);
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString();
    expect((await getJson<Page>(`/ogc/collections/incidents/items?datetime=${since}/..`)).numberMatched).toBe(6);
    expect((await getJson<Page>(`/ogc/collections/incidents/items?datetime=../${since}`)).numberMatched).toBe(0);
  });

  it('publishes no person and no free text of an incident, and no risk level of a key site', async () => {
    const page = await getJson<Page>('/ogc/collections/incidents/items?limit=100');
    const body = JSON.stringify(page);
    for (const secret of ['张三', '13900000000', 'reporter', 'description', 'address_text']) expect(body).not.toContain(secret);
    const sites = await getJson<Page>('/ogc/collections/key-sites/items');
    expect(sites.features).toHaveLength(3);
    expect(Object.keys(sites.features[0]!.properties).sort()).toEqual(['address', 'category', 'grid_code', 'name']);
    expect(JSON.stringify(sites)).not.toContain('risk');
  });

  it('serves one feature by id with its links, and a missing or malformed id as 404', async () => {
    const f = await getJson<Feature>('/ogc/collections/grids/items/320102008001002');
    expect(f).toMatchObject({ type: 'Feature', id: '320102008001002', properties: { community_code: '320102008001', kind: 'comprehensive' } });
    expect(rel(f.links!, 'collection')).toHaveLength(1);
    const site = await getJson<Feature>(`/ogc/collections/key-sites/items/${fx.streets['320104001'].keySiteId}`);
    expect(site.properties.name).toBe('秦虹街道小学');
    for (const id of ['320102008001999', String(2 ** 31), '0', 'x'.repeat(300), 'a%00b', '%E2%80%AE', '1;DROP TABLE grid']) {
      for (const c of ['grids', 'key-sites', 'addresses', 'incidents', 'districts']) {
        const res = await get(`/ogc/collections/${c}/items/${id}`);
        expect([c, id, res.status]).toEqual([c, id, 404]);
        expect(((await res.json()) as { code: string }).code).toBe('FEATURE_NOT_FOUND');
      }
    }
  });
});

describe('formats and refusals', () => {
  it('answers a browser in HTML that runs nothing, and f=json wins over Accept', async () => {
    await t.db.execute(`UPDATE key_site SET name = '<script>alert(1)</script>' WHERE id = $1`, [fx.streets['320102008'].keySiteId]);
    const res = await get('/ogc/collections/key-sites/items', { accept: 'text/html,application/xhtml+xml', 'accept-language': 'en' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('lang="en"');
    expect((await get('/ogc/collections/key-sites/items?f=json', { accept: 'text/html' })).headers.get('content-type')).toContain('application/geo+json');
    expect((await get('/ogc?f=html')).headers.get('content-type')).toContain('text/html');
  });

  it('refuses a bad parameter with a 400 naming it, in the caller language', async () => {
    const cases: [string, string][] = [
      ['/ogc/collections/grids/items?limit=0', 'LIMIT_INVALID'],
      ['/ogc/collections/grids/items?limit=10001', 'LIMIT_INVALID'],
      ['/ogc/collections/grids/items?limit=1e3', 'LIMIT_INVALID'],
      ['/ogc/collections/grids/items?offset=-1', 'OFFSET_INVALID'],
      ['/ogc/collections/grids/items?bbox=1,2,3', 'BBOX_INVALID'],
      ['/ogc/collections/grids/items?bbox=0,95,1,96', 'BBOX_INVALID'],
      ['/ogc/collections/grids/items?bbox=a,b,c,d', 'BBOX_INVALID'],
      ['/ogc/collections/grids/items?bbox-crs=EPSG:3857', 'BBOX_CRS_UNSUPPORTED'],
      ['/ogc/collections/grids/items?datetime=yesterday', 'DATETIME_INVALID'],
      ['/ogc/collections/grids/items?datetime=2026-02-31', 'DATETIME_INVALID'],
      ['/ogc/collections/grids/items?datetime=2026-01-01/2025-01-01', 'DATETIME_INVALID'],
      ['/ogc/collections/grids/items?datetime=2025-01-01/..', 'DATETIME_INSTANT_ONLY'],
      ['/ogc/collections/grids/items?households=300', 'PARAMETER_UNKNOWN'],
      ['/ogc/collections/grids/items?limit=1&limit=2', 'PARAMETER_REPEATED'],
      ['/ogc/collections/grids/items?code=a%00b', 'FILTER_VALUE_INVALID'],
      [`/ogc/collections/grids/items?name=${'长'.repeat(201)}`, 'FILTER_VALUE_INVALID'],
      ['/ogc/collections/grids/items?f=xml', 'FORMAT_UNKNOWN'],
      ['/ogc/collections?limit=5', 'PARAMETER_UNKNOWN'],
    ];
    for (const [path, code] of cases) {
      const res = await get(path, { 'accept-language': 'en' });
      const body = (await res.json()) as { code: string; description: string };
      expect([path, res.status, body.code]).toEqual([path, 400, code]);
      expect(body.description).toMatch(/^[\x20-\x7e…–]+$/);
    }
    const zh = (await (await get('/ogc/collections/grids/items?limit=0')).json()) as { description: string };
    expect(zh.description).toContain('limit 须为');
  });

  it('answers unknown paths with 404 and anything but a read with 405', async () => {
    for (const path of ['/ogc/nope', '/ogc/collections/nope', '/ogc/collections/nope/items', '/ogc/collections/grids/things', '/ogc/collections/grids/items/1/2']) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }
    const res = await POST(new Request(`${ORIGIN}/ogc/collections/grids/items`, { method: 'POST', body: '{}' }), { params: Promise.resolve({ path: ['collections', 'grids', 'items'] }) });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('takes 60 requests at once', async () => {
    const all = await Promise.all(Array.from({ length: 60 }, (_, i) => get(`/ogc/collections/${['grids', 'addresses', 'incidents'][i % 3]}/items?limit=${1 + i}`)));
    expect(all.map((r) => r.status)).toEqual(all.map(() => 200));
  });
});

describe('department read keys', () => {
  const withKey = (path: string, key: string, headers: Record<string, string> = {}) => get(path, { 'x-gridatlas-key': key, ...headers });

  it('add the restricted fields the key names, in its collections only, and nothing without a key', async () => {
    const { key, id } = await issueDepartmentKey(t.db, { userId: null }, { name: '公安分局', departmentCode: 'police', collections: ['addresses', 'incidents'], fields: ['addresses.households', 'incidents.description'] }, new Date());
    const res = await withKey(`/ogc/collections/addresses/items?community_code=${PAGED}&limit=3`, key);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = (await res.json()) as Page;
    expect(page.features[0]!.properties).toMatchObject({ households: expect.any(Number) });
    // Not named by the key: not served to it either.
    expect(page.features[0]!.properties).not.toHaveProperty('residents');
    const incident = await withKey(`/ogc/collections/incidents/items/SJ-320102008-1`, key);
    expect(((await incident.json()) as Feature).properties.description).toBe('张三家门口井盖缺失');
    expect(JSON.stringify(await (await withKey('/ogc/collections/incidents/items/SJ-320102008-1', key)).json())).not.toContain('13900000000');
    const sites = (await (await withKey('/ogc/collections/key-sites/items', key)).json()) as Page;
    expect(sites.features[0]!.properties).not.toHaveProperty('risk_level');
    // The public answer is the same as ever.
    const open = (await getJson<Page>(`/ogc/collections/addresses/items?community_code=${PAGED}&limit=3`)).features[0]!.properties;
    expect(open).not.toHaveProperty('households');

    // Counted and logged with what was asked and the answer.
    const [row] = await t.db.query<{ n: number }>('SELECT request_count::int AS n FROM department_key WHERE id = $1', [id]);
    expect(row!.n).toBe(4);
    const uses = await keyUses(t.db, id, 10);
    expect(uses.map((u) => u.status)).toEqual([200, 200, 200, 200]);
    expect(uses.at(-1)!.request).toBe(`/ogc/collections/addresses/items?community_code=${PAGED}&limit=3`);
  });

  it('stops a revoked key at its next request, and refuses a key that is none', async () => {
    const { key, id } = await issueDepartmentKey(t.db, { userId: null }, { name: '城管执法', departmentCode: 'urban_management', collections: ['key-sites'], fields: ['key-sites.risk_level'] }, new Date());
    expect(((await (await withKey('/ogc/collections/key-sites/items', key)).json()) as Page).features[0]!.properties).toHaveProperty('risk_level');
    await revokeDepartmentKey(t.db, id, new Date());
    const refused = await withKey('/ogc/collections/key-sites/items', key, { 'accept-language': 'en' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string; description: string })).toMatchObject({ code: 'KEY_INVALID', description: expect.stringContaining('revoked') });
    for (const bad of ['', 'x', 'ga_nope', 'k'.repeat(500), 'ga_\u00e9\u00e9\u00e9\u00e9\u00e9']) expect([bad.length, (await withKey('/ogc', bad)).status]).toEqual([bad.length, 403]);
  });

  it('is issued only for collections and restricted fields that exist, to a department that exists', async () => {
    const issue = (input: Partial<DepartmentKeyInput>) =>
      issueDepartmentKey(t.db, { userId: null }, { name: '测试', departmentCode: 'police', collections: ['addresses'], fields: [], ...input }, new Date());
    await expect(issue({ collections: ['people'] })).rejects.toMatchObject({ code: 'KEY_COLLECTION_UNKNOWN' });
    await expect(issue({ fields: ['addresses.code'] })).rejects.toMatchObject({ code: 'KEY_FIELD_UNKNOWN' });
    await expect(issue({ fields: ['incidents.description'] })).rejects.toMatchObject({ code: 'KEY_FIELD_UNKNOWN' });
    await expect(issue({ departmentCode: 'nobody' })).rejects.toMatchObject({ code: 'DEPARTMENT_UNKNOWN' });
  });
});
