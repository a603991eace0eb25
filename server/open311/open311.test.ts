/**
 * Open311 GeoReport v2 over HTTP, as a partner system meets it: both formats of every resource (the XML
 * parsed back), filing with a position, a doorplate code or an exact address, reading the case back by
 * id and in lists with the spec's filters, every refusal in the spec's error format and status, and no
 * personal data in any read.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/open311/v2/[...path]/route';
import { provideDatabase } from '../db';
import { issuePartnerKey, revokePartnerKey } from '../incidents/partners';
import { DEMO_PARTNER_KEY, ensureDemoPartner } from '../seed/demo-accounts';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';

let t: TestDatabase;
let fx: AccessFixture;
const REVOKED_KEY = 'ga_revoked-partner-key-for-tests';

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  await ensureDemoPartner(t.db, true);
  const revoked = await issuePartnerKey(t.db, { userId: null }, '已停用的伙伴', new Date(), REVOKED_KEY);
  await revokePartnerKey(t.db, revoked.id, new Date());
  // A retired category: not offered as a service, still a filter for its old cases.
  await t.db.execute("UPDATE incident_category SET active = false WHERE code = 'public_toilet'");
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const BASE = 'http://127.0.0.1/open311/v2/';
/** The path's segments as Next.js hands them to the catch-all route: split, then decoded. */
const segmentsOf = (path: string) => path.split('?')[0]!.split('/').map(decodeURIComponent);
const context = (path: string) => ({ params: Promise.resolve({ path: segmentsOf(path) }) });

const get = (path: string, headers: Record<string, string> = {}) => GET(new Request(BASE + path, { headers }), context(path));

type Body = URLSearchParams | FormData | string | Uint8Array;
const post = (path: string, body: Body, headers: Record<string, string> = {}) =>
  POST(new Request(BASE + path, { method: 'POST', body: body as BodyInit, headers }), context(path));

/** A form with the demo partner's key and a service, lat/long inside 红山街道 unless overridden. */
const form = (fields: Record<string, string | undefined> = {}) => {
  const all: Record<string, string | undefined> = {
    api_key: DEMO_PARTNER_KEY,
    service_code: 'manhole_cover',
    lat: '32.05',
    long: '118.72',
    description: '井盖缺失，行人有坠落危险',
    ...fields,
  };
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined) p.append(k, v);
  return p;
};

const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute'].includes(name), parseTagValue: false, trimValues: false });
type Fields = Record<string, unknown>;
const parseXml = (text: string) => xml.parse(text) as Record<string, Record<string, Fields[]> | Fields | ''>;
const xmlItems = (text: string, root: string, item: string): Fields[] => {
  const doc = parseXml(text)[root];
  return doc === '' || doc === undefined ? [] : ((doc as Record<string, Fields[]>)[item] ?? []);
};

interface Open311Request {
  service_request_id: string;
  status: string;
  status_notes: string;
  service_code: string;
  service_name: string;
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime?: string;
  address?: string;
  address_id?: string;
  lat: number;
  long: number;
}

/** Files a request and returns its id (asserting the 201). */
async function file(fields: Record<string, string | undefined> = {}): Promise<string> {
  const res = await post('requests.json', form(fields));
  const body = (await res.json()) as { service_request_id: string }[];
  expect([res.status, body]).toEqual([201, [expect.objectContaining({ service_request_id: expect.stringMatching(/^SJ\d{14,}$/) })]]);
  return body[0]!.service_request_id;
}

async function readJson(id: string): Promise<Open311Request> {
  const res = await get(`requests/${id}.json`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Open311Request[];
  expect(body).toHaveLength(1);
  return body[0]!;
}

const listJson = async (query: string): Promise<Open311Request[]> => {
  const res = await get(`requests.json?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Open311Request[];
};

const incidentCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident'))[0]!.n;

/** An Open311 error answer: the status, the same code in the body, one description. */
async function expectError(res: Response, status: number, format: 'json' | 'xml' = 'json'): Promise<string> {
  expect(res.status).toBe(status);
  const text = await res.text();
  if (format === 'json') {
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(text) as { code: number; description: string }[];
    expect(body).toEqual([{ code: status, description: expect.any(String) }]);
    return body[0]!.description;
  }
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const errors = xmlItems(text, 'errors', 'error');
  expect(errors).toEqual([{ code: String(status), description: expect.any(String) }]);
  return errors[0]!.description as string;
}

const CHINA_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

describe('services', () => {
  it('lists the active categories in JSON, Chinese by default, English on request', async () => {
    const res = await get('services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const services = (await res.json()) as Fields[];
    const codes = services.map((s) => s.service_code);
    expect(codes).toContain('manhole_cover');
    expect(codes).toContain('dispute');
    expect(codes).not.toContain('public_toilet');
    expect(services.find((s) => s.service_code === 'manhole_cover')).toEqual({
      service_code: 'manhole_cover',
      service_name: '井盖',
      description: '部件：井盖，由市政设施管理处处置',
      metadata: false,
      type: 'realtime',
      keywords: '井盖, Manhole cover, 部件, Public facility',
      group: '部件',
    });
    expect(services.find((s) => s.service_code === 'dispute')?.group).toBe('事件');

    const en = (await (await get('services.json', { 'accept-language': 'en-US,en;q=0.9,zh;q=0.8' })).json()) as Fields[];
    expect(en.find((s) => s.service_code === 'manhole_cover')).toMatchObject({ service_name: 'Manhole cover', group: 'Public facility' });
    const zh = (await (await get('services.json', { 'accept-language': 'zh-CN,en;q=0.5' })).json()) as Fields[];
    expect(zh.find((s) => s.service_code === 'manhole_cover')?.service_name).toBe('井盖');
  });

  it('lists the same services in XML', async () => {
    const res = await get('services.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await res.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const services = xmlItems(text, 'services', 'service');
    const json = (await (await get('services.json')).json()) as Fields[];
    expect(services.map((s) => s.service_code)).toEqual(json.map((s) => s.service_code));
    expect(services.find((s) => s.service_code === 'street_lamp')).toEqual({
      service_code: 'street_lamp',
      service_name: '路灯',
      description: '部件：路灯，由市政设施管理处处置',
      metadata: 'false',
      type: 'realtime',
      keywords: '路灯, Street lamp, 部件, Public facility',
      group: '部件',
    });
  });

  it('defines a known service with no attributes, in both formats', async () => {
    const res = await get('services/manhole_cover.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service_code: 'manhole_cover', attributes: [] });
    const x = await get('services/manhole_cover.xml');
    expect(x.status).toBe(200);
    expect(parseXml(await x.text()).service_definition).toEqual({ service_code: 'manhole_cover', attributes: '' });
  });

  it('answers 404 for an unknown, retired or malformed service code, in the format asked', async () => {
    expect(await expectError(await get('services/no_such_service.json'), 404)).toContain('事件类别不存在');
    await expectError(await get('services/no_such_service.xml'), 404, 'xml');
    await expectError(await get('services/public_toilet.json'), 404);
    await expectError(await get(`services/${encodeURIComponent("x'; DROP TABLE incident;--")}.json`), 404);
    expect(await expectError(await get('services/nope.json', { 'accept-language': 'en' }), 404)).toContain('Unknown or retired incident category');
  });
});

describe('paths, formats and methods', () => {
  it('answers an unknown format or resource with a 404 in JSON', async () => {
    expect(await expectError(await get('services.html'), 404)).toContain('.json');
    await expectError(await get('services'), 404);
    await expectError(await get('requests.csv'), 404);
    await expectError(await get('tokens/123.json'), 404);
    await expectError(await get('requests/a/b.json'), 404);
    await expectError(await get('discovery.xml'), 404, 'xml');
  });

  it('answers a HEAD as its GET', async () => {
    const res = await GET(new Request(`${BASE}services.json`, { method: 'HEAD' }), context('services.json'));
    expect(res.status).toBe(200);
  });

  it('refuses a method a resource does not take with 405', async () => {
    const res = await post('services.json', form());
    expect(res.headers.get('allow')).toBe('GET');
    await expectError(res, 405);
    await expectError(await post('requests/SJ1.xml', form()), 405, 'xml');
  });
});

describe('POST requests', () => {
  it('files a case at lat/long and reads it back by id and in the list, open, with its state in status_notes', async () => {
    const before = Date.now();
    const res = await post('requests.json', form({ account_id: 'hotline-0001' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const [filed] = (await res.json()) as { service_request_id: string; service_notice: string; account_id: string | null }[];
    expect(filed!.account_id).toBe('hotline-0001');
    expect(filed!.service_notice).toContain(filed!.service_request_id);
    expect(filed!.service_notice).toContain('市政设施管理处');

    const r = await readJson(filed!.service_request_id);
    expect(r).toEqual({
      service_request_id: filed!.service_request_id,
      status: 'open',
      status_notes: '已上报 Reported',
      service_name: '井盖',
      service_code: 'manhole_cover',
      description: '井盖缺失，行人有坠落危险',
      agency_responsible: '市政设施管理处',
      requested_datetime: expect.stringMatching(CHINA_TIME),
      updated_datetime: expect.stringMatching(CHINA_TIME),
      lat: 32.05,
      long: 118.72,
    });
    expect(Math.abs(Date.parse(r.requested_datetime) - before)).toBeLessThan(60_000);
    const [row] = await t.db.query<{ grid_code: string; source: string; partner_reference: string }>(
      'SELECT grid_code, source, partner_reference FROM incident WHERE code = $1',
      [r.service_request_id],
    );
    expect(row).toEqual({ grid_code: fx.streets['320102008'].grids[0], source: 'partner', partner_reference: 'hotline-0001' });

    const list = await listJson('status=open');
    expect(list.map((x) => x.service_request_id)).toContain(r.service_request_id);
    expect(list.find((x) => x.service_request_id === r.service_request_id)).toEqual(r);

    const x = await get(`requests/${r.service_request_id}.xml`);
    expect(x.status).toBe(200);
    const [item] = xmlItems(await x.text(), 'service_requests', 'request');
    expect(item).toMatchObject({ service_request_id: r.service_request_id, status: 'open', status_notes: '已上报 Reported', lat: '32.05', long: '118.72' });
  });

  it('files a case at a standard address by its 18-digit code, answering in XML', async () => {
    const code = '320102003001000001';
    const res = await post('requests.xml', form({ lat: undefined, long: undefined, address_id: code, service_code: 'street_lamp' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const [filed] = xmlItems(await res.text(), 'service_requests', 'request');
    expect(filed).toEqual({ service_request_id: expect.stringMatching(/^SJ\d+$/), service_notice: expect.any(String), account_id: '' });
    const r = await readJson(filed!.service_request_id as string);
    expect(r).toMatchObject({ address_id: code, address: '新街口街道1号', service_code: 'street_lamp', lat: 32.07 });
    expect(r.long).toBeCloseTo(118.81, 9);
    const [row] = await t.db.query<{ grid_code: string; address_id: number }>('SELECT grid_code, address_id FROM incident WHERE code = $1', [r.service_request_id]);
    expect(row).toEqual({ grid_code: fx.streets['320102003'].grids[0], address_id: fx.streets['320102003'].addressId });
  });

  it('takes an address_string only when it is a standard address word for word', async () => {
    const id = await file({ lat: undefined, long: undefined, address_string: '秦虹街道1号' });
    expect((await readJson(id)).address_id).toBe('320104001001000001');
    const d = await expectError(await post('requests.json', form({ lat: undefined, long: undefined, address_string: '秦虹街道一号附近' })), 400);
    expect(d).toContain('lat');
    expect(d).toContain('address_id');
  });

  it('accepts multipart/form-data, ignores unknown parameters, and never fetches media_url', async () => {
    const fd = new FormData();
    for (const [k, v] of form({ media_url: 'http://example.com/photo.jpg' })) fd.append(k, v);
    fd.append('jurisdiction_id', 'nanjing.gov.cn');
    fd.append('attribute[WHISPAWN]', '123456');
    fd.append('x_partner_ticket', 'T-99');
    fd.append('email', 'someone@example.com');
    fd.append('media', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await post('requests.json', fd);
    expect(res.status).toBe(201);
    const [filed] = (await res.json()) as { service_request_id: string; service_notice: string }[];
    expect(filed!.service_notice).toContain('media_url');
    const en = await post('requests.json', form({ media_url: 'http://example.com/photo.jpg', foo: 'bar', 'attribute[X][]': '1' }), { 'accept-language': 'en' });
    expect(en.status).toBe(201);
    const [filedEn] = (await en.json()) as { service_notice: string }[];
    expect(filedEn!.service_notice).toContain('does not fetch what media_url points to');
  });

  it('refuses a missing, unknown or revoked api_key with 403 and stores nothing', async () => {
    const before = await incidentCount();
    expect(await expectError(await post('requests.json', form({ api_key: undefined })), 403)).toContain('api_key');
    await expectError(await post('requests.xml', form({ api_key: '' })), 403, 'xml');
    await expectError(await post('requests.json', form({ api_key: 'not-a-key-of-anyone' })), 403);
    await expectError(await post('requests.json', form({ api_key: REVOKED_KEY })), 403);
    await expectError(await post('requests.json', new Uint8Array()), 403);
    expect(await expectError(await post('requests.json', form({ api_key: 'x' }), { 'accept-language': 'en' }), 403)).toBe('The api_key is invalid or revoked');
    expect(await incidentCount()).toBe(before);
  });

  it('takes the key from the query string too', async () => {
    const fields = form({ api_key: undefined });
    const res = await post(`requests.json?api_key=${DEMO_PARTNER_KEY}`, fields);
    expect(res.status).toBe(201);
  });

  it('needs a service_code (400) naming an active service (404)', async () => {
    const before = await incidentCount();
    expect(await expectError(await post('requests.json', form({ service_code: undefined })), 400)).toContain('service_code');
    await expectError(await post('requests.json', form({ service_code: '' })), 400);
    await expectError(await post('requests.json', form({ service_code: 'no_such_service' })), 404);
    await expectError(await post('requests.xml', form({ service_code: 'public_toilet' })), 404, 'xml');
    expect(await incidentCount()).toBe(before);
  });

  it('refuses bad places with 400: outside the city, half a position, out of range, not a number, none', async () => {
    const before = await incidentCount();
    expect(await expectError(await post('requests.json', form({ lat: '39.9', long: '116.4' })), 400)).toContain('不在本市');
    expect(await expectError(await post('requests.json', form({ lat: '39.9', long: '116.4' }), { 'accept-language': 'en' }), 400)).toContain('no grid of the city');
    await expectError(await post('requests.json', form({ long: undefined })), 400);
    expect(await expectError(await post('requests.json', form({ lat: '91' })), 400)).toContain('lat');
    await expectError(await post('requests.json', form({ long: '-181' })), 400);
    await expectError(await post('requests.json', form({ lat: 'NaN' })), 400);
    await expectError(await post('requests.json', form({ lat: 'Infinity' })), 400);
    await expectError(await post('requests.json', form({ lat: '0x20' })), 400);
    await expectError(await post('requests.json', form({ lat: '1e999' })), 400);
    await expectError(await post('requests.json', form({ lat: undefined, long: undefined })), 400);
    await expectError(await post('requests.json', form({ lat: undefined, long: undefined, address_id: '320102008001999999' })), 400);
    await expectError(await post('requests.json', form({ lat: undefined, long: undefined, address_id: '12345' })), 400);
    expect(await incidentCount()).toBe(before);
  });

  it('refuses bad text with 400: a NUL, no description, too long, a bad phone, too long a name', async () => {
    const before = await incidentCount();
    expect(await expectError(await post('requests.json', form({ description: '井盖\u0000缺失' })), 400)).toContain('description');
    await expectError(await post('requests.json', form({ description: undefined })), 400);
    await expectError(await post('requests.json', form({ description: '   ' })), 400);
    await expectError(await post('requests.json', form({ description: '长'.repeat(4001) })), 400);
    expect(await expectError(await post('requests.json', form({ phone: '139-1234<script>' })), 400)).toContain('phone');
    await expectError(await post('requests.json', form({ first_name: 'A'.repeat(40), last_name: 'B'.repeat(40) })), 400);
    await expectError(await post('requests.json', form({ account_id: 'x'.repeat(101) })), 400);
    await expectError(await post('requests.json', form({ first_name: 'a\u0007b' })), 400);
    expect(await incidentCount()).toBe(before);
  });

  it('refuses a body over 64 KiB (413), not a form (415), or not UTF-8 (400)', async () => {
    const big = form({ description: 'x'.repeat(70 * 1024) });
    await expectError(await post('requests.json', big), 413);
    await expectError(await post('requests.json', JSON.stringify({ api_key: DEMO_PARTNER_KEY }), { 'content-type': 'application/json' }), 415);
    const bad = new Uint8Array([...new TextEncoder().encode(`api_key=${DEMO_PARTNER_KEY}&description=`), 0xff, 0xfe]);
    await expectError(await post('requests.json', bad, { 'content-type': 'application/x-www-form-urlencoded' }), 400);
    await expectError(await post('requests.json', 'garbage', { 'content-type': 'multipart/form-data; boundary=zzz' }), 400);
  });

  it('keeps a description with markup characters intact through XML and JSON', async () => {
    const description = `A <b>bold</b> & "quoted" 'single' &amp; ]]> 第二行\n第三行`;
    const id = await file({ description });
    expect((await readJson(id)).description).toBe(description);
    const x = await get(`requests/${id}.xml`);
    const raw = await x.text();
    expect(raw).not.toContain('<b>');
    expect(xmlItems(raw, 'service_requests', 'request')[0]!.description).toBe(description);
  });

  it('files 60 requests sent at once, each stored once with its own id', async () => {
    const before = await incidentCount();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => post('requests.json', form({ description: `并发上报 ${i}`, account_id: `burst-${i}` }))));
    expect(answers.map((r) => r.status)).toEqual(Array(60).fill(201));
    const ids = (await Promise.all(answers.map(async (r) => ((await r.json()) as { service_request_id: string }[])[0]!.service_request_id)));
    expect(new Set(ids).size).toBe(60);
    expect(await incidentCount()).toBe(before + 60);
    const listed = await listJson(`service_request_id=${ids.join(',')}`);
    expect(listed.map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
    expect(new Set(listed.map((r) => r.description))).toEqual(new Set(Array.from({ length: 60 }, (_, i) => `并发上报 ${i}`)));
  });
});

describe('GET requests', () => {
  let dispatched: string;
  let closed: string;
  let rejected: string;
  let old: string;

  beforeAll(async () => {
    dispatched = await file({ service_code: 'street_lamp', description: '路灯不亮' });
    closed = await file({ service_code: 'dispute', description: '邻里噪音纠纷' });
    await t.db.execute(
      `UPDATE incident SET status = 'dispatched', dispatched_at = now(), due_at = now() + interval '4 hours', updated_at = now() WHERE code = $1`,
      [dispatched],
    );
    await t.db.execute(`UPDATE incident SET status = 'closed', closed_at = now(), updated_at = now() + interval '1 hour' WHERE code = $1`, [closed]);
    rejected = await file({ service_code: 'traffic', description: '重复上报' });
    await t.db.execute(`UPDATE incident SET status = 'rejected', closed_at = now(), updated_at = now(), not_accepted_reason = '重复' WHERE code = $1`, [rejected]);
    // A case from 100 days ago, closed then, outside the default 90 days.
    old = 'SJ-OLD-0001';
    await t.db.execute(
      `INSERT INTO incident (code, class, category, status, source, geom, grid_code, reported_at, closed_at, department_code)
       VALUES ($1, 'component', 'public_toilet', 'closed', 'hotline', ST_Point(118.75, 32.02, 4326), $2, now() - interval '100 days', now() - interval '99 days', 'urban_management')`,
      [old, fx.streets['320102008'].grids[0]],
    );
  });

  it('maps the loop onto open/closed with the state in status_notes, and the time limit as expected_datetime', async () => {
    const d = await readJson(dispatched);
    expect(d).toMatchObject({ status: 'open', status_notes: '已派遣 Dispatched', expected_datetime: expect.stringMatching(CHINA_TIME) });
    expect(Date.parse(d.expected_datetime!) - Date.parse(d.requested_datetime)).toBeGreaterThan(3.9 * 3_600_000);
    const c = await readJson(closed);
    expect(c).toMatchObject({ status: 'closed', status_notes: '已结案 Closed', agency_responsible: '司法所（人民调解）' });
    // A closed request's updated_datetime is when it was closed, not its later changes.
    expect(Math.abs(Date.parse(c.updated_datetime) - Date.now())).toBeLessThan(60_000);
    expect(await readJson(rejected)).toMatchObject({ status: 'closed', status_notes: '不予立案 Rejected' });
    const en = (await (await get(`requests/${closed}.json`, { 'accept-language': 'en' })).json()) as Open311Request[];
    expect(en[0]).toMatchObject({ service_name: 'Dispute', agency_responsible: 'Mediation office', status_notes: '已结案 Closed' });
  });

  it('filters by status', async () => {
    const open = (await listJson('status=open')).map((r) => r.service_request_id);
    const shut = (await listJson('status=closed')).map((r) => r.service_request_id);
    expect(open).toContain(dispatched);
    expect(open).not.toContain(closed);
    expect(shut.sort()).toEqual([closed, rejected].sort());
    const both = (await listJson('status=open,closed')).map((r) => r.service_request_id);
    expect(both).toEqual(expect.arrayContaining([dispatched, closed]));
    expect(both.length).toBe(open.length + shut.length);
    await expectError(await get('requests.json?status=pending'), 400);
    await expectError(await get('requests.xml?status=open,done'), 400, 'xml');
  });

  it('filters by service_code, one or several, retired ones included; an unknown one is a 404', async () => {
    const lamps = await listJson('service_code=street_lamp');
    expect(lamps.length).toBeGreaterThan(0);
    expect(new Set(lamps.map((r) => r.service_code))).toEqual(new Set(['street_lamp']));
    const two = await listJson('service_code=street_lamp,dispute');
    expect(new Set(two.map((r) => r.service_code))).toEqual(new Set(['street_lamp', 'dispute']));
    expect(two.map((r) => r.service_request_id)).toContain(closed);
    const retired = await listJson(`service_code=public_toilet&start_date=${new Date(Date.now() - 101 * 86_400_000).toISOString()}`);
    expect(retired.map((r) => r.service_request_id)).toEqual([old]);
    await expectError(await get('requests.json?service_code=no_such_service'), 404);
  });

  it('covers the last 90 days by default, and any 90 days asked for', async () => {
    const recent = (await listJson('')).map((r) => r.service_request_id);
    expect(recent).toContain(dispatched);
    expect(recent).not.toContain(old);
    const day = (ms: number) => new Date(Date.now() - ms * 86_400_000).toISOString();
    const back = await listJson(`start_date=${day(105)}&end_date=${day(95)}`);
    expect(back.map((r) => r.service_request_id)).toEqual([old]);
    expect(back[0]).toMatchObject({ status: 'closed', status_notes: '已结案 Closed', agency_responsible: '城市管理局', service_name: '公厕' });
    expect((await listJson(`end_date=${day(95)}`)).map((r) => r.service_request_id)).toEqual([old]);
    expect(await listJson(`start_date=${day(-1)}`)).toEqual([]);
    // A China date alone (the day the request was made, in China), and a zone other than China's.
    const [d] = await listJson(`service_request_id=${dispatched}`);
    const day0 = d!.requested_datetime.slice(0, 10);
    expect((await listJson(`start_date=${day0}&end_date=${day0}`)).map((r) => r.service_request_id)).toContain(dispatched);
    const asked = d!.requested_datetime;
    expect((await listJson(`end_date=${encodeURIComponent(asked)}&start_date=${encodeURIComponent(asked)}&service_code=street_lamp`)).map((r) => r.service_request_id)).toContain(dispatched);
    const utc = new Date(Date.parse(d!.requested_datetime)).toISOString().replace('.000Z', 'Z');
    expect((await listJson(`start_date=${utc}&end_date=${utc}`)).map((r) => r.service_request_id)).toContain(dispatched);
  });

  it('refuses malformed dates and ranges with 400', async () => {
    for (const q of [
      'start_date=yesterday',
      'start_date=2026-02-30',
      'start_date=2026-12-01T25:00:00Z',
      'start_date=2026-12-01T10:00:00',
      'start_date=2026-12-01T10:00:00%2B15:00',
      'start_date=2026-12-01T00:00:00Z&end_date=2026-11-01T00:00:00Z',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    ]) {
      await expectError(await get(`requests.json?${q}`), 400);
    }
    expect(await expectError(await get('requests.json?start_date=2026-01-01&end_date=2026-06-01', { 'accept-language': 'en' }), 400)).toContain('90 days');
  });

  it('answers several ids at once, overriding every other filter', async () => {
    const both = await listJson(`service_request_id=${dispatched},${closed},SJ-NONE,${encodeURIComponent("bad'id")}&status=closed&service_code=manhole_cover&start_date=garbage`);
    expect(both.map((r) => r.service_request_id).sort()).toEqual([closed, dispatched].sort());
    const x = await get(`requests.xml?service_request_id=${dispatched},${closed}`);
    expect(x.status).toBe(200);
    expect(xmlItems(await x.text(), 'service_requests', 'request').map((r) => r.service_request_id).sort()).toEqual([closed, dispatched].sort());
    const empty = await get('requests.xml?service_request_id=SJ-NONE');
    expect(xmlItems(await empty.text(), 'service_requests', 'request')).toEqual([]);
    await expectError(await get(`requests.json?service_request_id=${Array.from({ length: 1001 }, (_, i) => `SJ${i}`).join(',')}`), 400);
  });

  it('answers at most 1000 requests, the newest first', async () => {
    await t.db.execute(
      `INSERT INTO incident (code, class, category, status, source, geom, grid_code, reported_at)
       SELECT 'SJ-BULK-' || n, 'event', 'traffic', 'reported', 'patrol', ST_Point(118.71, 32.01, 4326), $1, now() - interval '200 days' + n * interval '1 second'
         FROM generate_series(1, 1005) AS n`,
      [fx.streets['320102008'].grids[0]],
    );
    const from = new Date(Date.now() - 201 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 199 * 86_400_000).toISOString();
    const list = await listJson(`start_date=${from}&end_date=${to}`);
    expect(list).toHaveLength(1000);
    expect(list[0]!.service_request_id).toBe('SJ-BULK-1005');
    expect(list[999]!.service_request_id).toBe('SJ-BULK-6');
  });

  it('answers 404 for an unknown, huge or malformed id', async () => {
    expect(await expectError(await get('requests/SJ20260101999999.json'), 404)).toContain('事件不存在');
    await expectError(await get('requests/2147483648.json'), 404);
    await expectError(await get('requests/99999999999999999999999.xml'), 404, 'xml');
    await expectError(await get(`requests/${encodeURIComponent("SJ1' OR '1'='1")}.json`), 404);
    await expectError(await get('requests/SJ%00.json'), 404);
    await expectError(await get(`requests/${'9'.repeat(500)}.json`), 404);
    expect(await expectError(await get('requests/SJ0.json', { 'accept-language': 'en' }), 404)).toContain('Incident not found');
  });
});

describe('personal data', () => {
  it('stores the reporter the partner names but never shows them in any read', async () => {
    const secrets = { first_name: '三', last_name: '张', phone: '139 1234 5678', account_id: 'acct-secret-77', device_id: 'dev-secret-99' };
    const id = await file({ ...secrets, description: '占道经营', service_code: 'city_appearance' });
    const [row] = await t.db.query<{ reporter_name: string; reporter_phone: string; partner_reference: string }>(
      'SELECT reporter_name, reporter_phone, partner_reference FROM incident WHERE code = $1',
      [id],
    );
    expect(row).toEqual({ reporter_name: '张三', reporter_phone: '139 1234 5678', partner_reference: 'acct-secret-77' });
    const western = await file({ first_name: 'John', last_name: 'Smith', phone: '+86 (25) 5555-0100', description: '路面破损', service_code: 'traffic' });
    const [w] = await t.db.query<{ reporter_name: string }>('SELECT reporter_name FROM incident WHERE code = $1', [western]);
    expect(w!.reporter_name).toBe('John Smith');

    const bodies = await Promise.all(
      [
        `requests/${id}.json`,
        `requests/${id}.xml`,
        `requests/${western}.json`,
        `requests.json?service_request_id=${id},${western}`,
        `requests.xml?service_request_id=${id},${western}`,
        'requests.json',
        'requests.xml',
        'requests.json?status=open&service_code=city_appearance,traffic',
      ].map(async (path) => {
        const res = await get(path);
        expect([path, res.status]).toEqual([path, 200]);
        return res.text();
      }),
    );
    expect(bodies[0]).toContain(id);
    for (const body of bodies) {
      for (const secret of ['张三', '139 1234 5678', '13912345678', 'acct-secret-77', 'dev-secret-99', 'John Smith', '5555-0100', '网格员']) {
        expect(body).not.toContain(secret);
      }
    }
  });
});
