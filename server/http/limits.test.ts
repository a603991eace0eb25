/**
 * The limits a careless or hostile client meets, tried the way it meets them: as HTTP requests to the
 * real route handlers (tRPC's fetch adapter, the topology route, health), on a real database of either
 * engine. Every refusal is a 4xx with a stable code and both languages, never a 500 or database text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { POST as validate } from '@/app/api/topology/validate/route';
import { provideDatabase } from '../db';
import { toDomainError } from '../errors/database-errors';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { seedSmallStreet, type SmallStreet } from '../drafts/__fixtures__/small-street';
import { SESSION_COOKIE_NAME } from '../auth/http';
import { createTestUser, signInTestUser } from '../testing/users';
import { handleTrpcRequest, TRPC_BODY_LIMIT } from './trpc-handler';

let t: TestDatabase;
let street: SmallStreet;
let cookie: string;

/** The request with the editor's session cookie (and, being from the app's own page, its Origin). */
function withSession(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.set('cookie', cookie);
  if (req.method === 'POST') headers.set('origin', ORIGIN);
  return new Request(req, { headers, duplex: 'half' } as RequestInit);
}
const trpc = (req: Request) => handleTrpcRequest(withSession(req));
const validateAs = (req: Request) => validate(withSession(req));

beforeAll(async () => {
  t = await openTestDatabase();
  street = await seedSmallStreet(t.db);
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  // Every call is made as the street's editor: the limits are met by a signed-in user.
  const editor = await createTestUser(t.db, 'editor-limits', [{ role: 'street_editor', level: 'street', code: '320102001' }]);
  cookie = `${SESSION_COOKIE_NAME}=${(await signInTestUser(t.db, editor)).token}`;
});
afterAll(async () => {
  await t?.dispose();
});

const ORIGIN = 'http://127.0.0.1';

interface TrpcError {
  message: string;
  data: { code: string; httpStatus: number; reason: string; text: { 'zh-CN': string; en: string }; stack?: unknown };
}

/** One tRPC call over HTTP (superjson envelopes), as the app's client sends it. */
async function call(path: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<{ status: number; result?: unknown; error?: TrpcError }> {
  const res =
    method === 'GET'
      ? await trpc(new Request(`${ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`))
      : await trpc(new Request(`${ORIGIN}/api/trpc/${path}`, { method: 'POST', body: JSON.stringify({ json: input }), headers: { 'content-type': 'application/json' } }));
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: TrpcError } };
  return { status: res.status, result: body.result?.data.json, error: body.error?.json };
}

/** A refusal as users get it: a 4xx, a stable reason, both languages, nothing from the database. */
function expectRefusal(r: { status: number; error?: TrpcError }, status: number, reason: string) {
  expect(r.status).toBe(status);
  expect(r.error?.data.reason).toBe(reason);
  expect(r.error?.data.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(r.error?.data.text.en.length).toBeGreaterThan(0);
  expect(r.error?.data.stack).toBeUndefined();
  expect(JSON.stringify(r.error)).not.toMatch(/out of range for type|invalid byte sequence|syntax error|violates|relation "|column "/);
}

async function openDraftOverHttp() {
  const open = await call('drafts.open', { streetId: street.streetId });
  expect(open.status).toBe(200);
  return open.result as { draftId: number; version: number; grids: { features: { properties: { key: string; code: string; name: string } }[] } };
}

describe('the tRPC transport', () => {
  it('refuses a batch of more than 16 calls before running any, and serves one of 16', async () => {
    const batch = (n: number) => {
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), { json: { query: '网格', limit: 5 } }]));
      const paths = Array.from({ length: n }, () => 'search.places').join(',');
      return trpc(new Request(`${ORIGIN}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`));
    };
    const big = await batch(60);
    expect(big.status).toBe(400);
    const errors = (await big.json()) as { error: { json: TrpcError } }[];
    expect(errors).toHaveLength(60);
    for (const e of errors) expect(e.error.json.data.reason).toBe('BATCH_TOO_LARGE');
    expect(errors[0]!.error.json.data.text['zh-CN']).toMatch(/调用过多/);
    const ok = await batch(16);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(16);
  });

  it('refuses a body above the limit without reading it whole', async () => {
    let sent = 0;
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 20 MB of blanks, produced only as fast as they are read.
        if (sent >= 20 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await trpc(
      new Request(`${ORIGIN}/api/trpc/drafts.open`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
    const e = ((await res.json()) as { error: { json: TrpcError } }).error.json;
    expect(e.data.reason).toBe('REQUEST_TOO_LARGE');
    expect(sent).toBeLessThanOrEqual(TRPC_BODY_LIMIT + 2 * chunk.byteLength);
    // A declared length above the limit is refused before a byte is read.
    const declared = await trpc(
      new Request(`${ORIGIN}/api/trpc/drafts.open`, { method: 'POST', body: 'x', headers: { 'content-length': String(19.5 * 1024 * 1024) } }),
    );
    expect(declared.status).toBe(413);
  });

  it('answers a body that is not JSON (invalid escapes included) with 400 in both languages', async () => {
    for (const body of ['{"json":', '{"json": {"query": "\\x41"}}', '\u0000']) {
      const res = await trpc(new Request(`${ORIGIN}/api/trpc/drafts.open`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
      expect(res.status).toBe(400);
      const e = ((await res.json()) as { error: { json: TrpcError } }).error.json;
      expectRefusal({ status: res.status, error: e }, 400, 'REQUEST_NOT_JSON');
    }
  });

  it('answers a malformed path or procedure name with a 4xx, never a 500', async () => {
    for (const path of ['%E0%A4%A', 'drafts.nope', 'drafts.open%00', '__proto__', 'drafts..open']) {
      const post = await trpc(new Request(`${ORIGIN}/api/trpc/${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
      expect(post.status, path).toBeGreaterThanOrEqual(400);
      expect(post.status, path).toBeLessThan(500);
      const get = await trpc(new Request(`${ORIGIN}/api/trpc/${path}?input=%7B`));
      expect(get.status, path).toBeGreaterThanOrEqual(400);
      expect(get.status, path).toBeLessThan(500);
    }
  });

  it('bounds every id and number: 2^31 where an int is stored, 2^53 where a bigint is', async () => {
    expectRefusal(await call('details.get', { kind: 'street', id: 2 ** 31 }, 'GET'), 400, 'INPUT_INVALID');
    expectRefusal(await call('details.get', { kind: 'incident', id: 2 ** 53 }, 'GET'), 400, 'INPUT_INVALID');
    expectRefusal(await call('drafts.open', { streetId: 2 ** 31 }), 400, 'INPUT_INVALID');
    expectRefusal(await call('drafts.get', { draftId: 1, extra: 1 }, 'GET'), 400, 'INPUT_INVALID');
    expectRefusal(await call('map.labels', { bbox: [118, 32, 118.1, 32.1], zoom: 1e9 }, 'GET'), 400, 'INPUT_INVALID');
    // The largest int still answers (not found), never a database error.
    expectRefusal(await call('details.get', { kind: 'street', id: 2 ** 31 - 1 }, 'GET'), 404, 'NOT_FOUND');
  });

  it('refuses NUL, control characters and lone surrogates in any text', async () => {
    const d = await openDraftOverHttp();
    const key = d.grids.features[0]!.properties.key;
    for (const name of ['a\u0000b', 'line\nbreak', '\u007f', 'x\ud800y', '\udc00']) {
      const r = await call('drafts.setAttributes', { draftId: d.draftId, expectedVersion: d.version, key, attributes: { name } });
      expectRefusal(r, 400, 'INPUT_INVALID');
    }
    // The same, arriving as JSON escapes in the raw body.
    const raw = `{"json":{"draftId":${d.draftId},"expectedVersion":${d.version},"key":"${key}","attributes":{"name":"\\ud800\\u0000"}}}`;
    const res = await trpc(new Request(`${ORIGIN}/api/trpc/drafts.setAttributes`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } }));
    expect(res.status).toBe(400);
    expectRefusal(await call('search.places', { query: '长江\u0000路' }, 'GET'), 400, 'INPUT_INVALID');
    // Notes may hold line breaks, nothing else.
    const notes = await call('drafts.setAttributes', { draftId: d.draftId, expectedVersion: d.version, key, attributes: { notes: '第一行\n第二行\t完' } });
    expect(notes.status).toBe(200);
  });

  it('says in both languages what is wrong with an input', async () => {
    const r = await call('drafts.open', { streetId: 'one' });
    expectRefusal(r, 400, 'INPUT_INVALID');
    expect(r.error!.data.text['zh-CN']).toContain('streetId');
    expect(r.error!.data.text.en).toMatch(/streetId: must be number/);
  });

  it('an edit that changes nothing is not an edit: unknown fields are refused, the same values change no version', async () => {
    const d = await openDraftOverHttp();
    const grid = d.grids.features[0]!.properties;
    expectRefusal(await call('drafts.setAttributes', { draftId: d.draftId, expectedVersion: d.version, key: grid.key, attributes: { colour: 'red' } }), 400, 'INPUT_INVALID');
    const same = await call('drafts.setAttributes', { draftId: d.draftId, expectedVersion: d.version, key: grid.key, attributes: { name: grid.name } });
    expect(same.status).toBe(200);
    expect(same.result).toMatchObject({ version: d.version, changed: false, editSeq: null });
    const [edits] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grid_draft_edit WHERE draft_id = $1', [d.draftId]);
    const after = await call('drafts.get', { draftId: d.draftId }, 'GET');
    expect((after.result as { version: number }).version).toBe(d.version);
    const again = await call('drafts.setAttributes', { draftId: d.draftId, expectedVersion: d.version, key: grid.key, attributes: { name: grid.name } });
    expect(again.result).toMatchObject({ changed: false });
    const [edits2] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grid_draft_edit WHERE draft_id = $1', [d.draftId]);
    expect(edits2!.n).toBe(edits!.n);
  });
});

describe('one rule for every path: a draft grid lies in its street', () => {
  // ~300 km east of the fixture street, still in China.
  const far = { type: 'Polygon', coordinates: [[[121.0, 31.2], [121.01, 31.2], [121.01, 31.21], [121.0, 31.21], [121.0, 31.2]]] };

  it('createGrid with an explicit community refuses a grid far from the street', async () => {
    const d = await openDraftOverHttp();
    const r = await call('drafts.createGrid', { draftId: d.draftId, expectedVersion: d.version, geometry: far, attributes: { communityId: street.communityA } });
    expectRefusal(r, 400, 'GRID_OUTSIDE_STREET');
    expect(r.error!.data.text['zh-CN']).toMatch(/平方米在本街道以外/);
    // A grid that overshoots the street by a sliver below the spill tolerance is still drawn.
    const edge = { type: 'Polygon', coordinates: [[[118.0, 32.0], [118.004, 32.0], [118.004, 32.0041], [118.0, 32.0041], [118.0, 32.0]]] };
    const ok = await call('drafts.createGrid', { draftId: d.draftId, expectedVersion: d.version, geometry: edge, attributes: { communityId: street.communityA } });
    expect(ok.status).toBe(200);
  });

  it('moveSharedVertex refuses to take a vertex hundreds of kilometres away', async () => {
    const d = await openDraftOverHttp();
    // The street's north-west corner, taken 100 km north: a valid shape, but out of the street.
    const r = await call('drafts.moveSharedVertex', { draftId: d.draftId, expectedVersion: d.version, from: [118.0, 32.02], to: [118.0, 33.0] });
    expectRefusal(r, 400, 'GRID_OUTSIDE_STREET');
  });

  it('importFile with a community code of the street refuses grids lying elsewhere, and imports nothing', async () => {
    const d = await openDraftOverHttp();
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '320102001001001', community_code: '320102001001' }, geometry: far }] };
    const r = await call('drafts.importFile', {
      draftId: d.draftId,
      expectedVersion: d.version,
      fileName: 'far.geojson',
      contentBase64: Buffer.from(JSON.stringify(file)).toString('base64'),
    });
    expectRefusal(r, 400, 'GRID_OUTSIDE_STREET');
    const after = (await call('drafts.get', { draftId: d.draftId }, 'GET')).result as { version: number; grids: { features: unknown[] } };
    expect(after.version).toBe(d.version);
    expect(after.grids.features).toHaveLength(d.grids.features.length);
  });
});

describe('database failures', () => {
  it('are mapped by SQLSTATE to a 400 in both languages, never shown as they are', async () => {
    const failure = await t.db.query('SELECT $1::int AS n', ['2147483648']).catch((e: unknown) => e);
    expect(toDomainError(failure)).toMatchObject({ code: 'INPUT_NOT_STORABLE', kind: 'invalid' });
    const nul = await t.db.query('SELECT $1::jsonb AS j', ['{"a": "\\u0000"}']).catch((e: unknown) => e);
    expect(toDomainError(nul)).toMatchObject({ code: 'INPUT_NOT_STORABLE' });
    const exclusion = await t.db
      .execute(`INSERT INTO grid (code, name, kind, community_id, geom, valid_from) SELECT code, name, kind, community_id, geom, '2025-01-01' FROM grid WHERE code = '320102001001001'`)
      .catch((e: unknown) => e);
    expect(toDomainError(exclusion)).toMatchObject({ code: 'GRID_CODE_PERIOD_OVERLAP', kind: 'conflict' });
  });
});

describe('/api/topology/validate under a hostile input', () => {
  it('413 above the size limit and 400 on a body that is not JSON, before any topology work; 401 without a session', async () => {
    const big = await validateAs(new Request(`${ORIGIN}/api/topology/validate`, { method: 'POST', body: 'x'.repeat(21 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const bad = await validateAs(new Request(`${ORIGIN}/api/topology/validate`, { method: 'POST', body: '{"type":' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { message: { en: string } }[] }).errors[0]!.message.en).toMatch(/not valid JSON/);
    const anonymous = await validate(new Request(`${ORIGIN}/api/topology/validate`, { method: 'POST', body: '{}' }));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('SIGN_IN_REQUIRED');
  });

  it('600 identical small squares: bounded findings, output and work, totals and "and N more" in the notes', async () => {
    const square = [[[118.001, 32.001], [118.0012, 32.001], [118.0012, 32.0012], [118.001, 32.0012], [118.001, 32.001]]];
    const body = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 600 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square } })) });
    const res = await validateAs(new Request(`${ORIGIN}/api/topology/validate`, { method: 'POST', body }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeLessThan(2 * 1024 * 1024);
    const report = JSON.parse(text) as { ok: boolean; totals: Record<string, number>; findings: { code: string }[]; omitted: number; notes: { en: string }[] };
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.code === 'GRID_OVERLAP').length).toBeLessThanOrEqual(500);
    // 600 x 599 / 2 = 179,700 pairs overlap; the search stops at 10,000 and says so.
    expect(report.totals.GRID_OVERLAP).toBe(10_000);
    expect(report.omitted).toBeGreaterThan(0);
    expect(report.notes.map((n) => n.en).join(' ')).toMatch(/More than 10,000 pairs/);
    expect(report.notes.map((n) => n.en).join(' ')).toMatch(/GRID_OVERLAP: 10,000 in all; the first 500 are listed/);
  });

  it('refuses more than 5,000 grids in one request with 413', async () => {
    const square = [[[118.001, 32.001], [118.0012, 32.001], [118.0012, 32.0012], [118.001, 32.0012], [118.001, 32.001]]];
    const body = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 5001 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square } })) });
    const res = await validateAs(new Request(`${ORIGIN}/api/topology/validate`, { method: 'POST', body }));
    expect(res.status).toBe(413);
  });
});

describe('/api/health', () => {
  it('answers while every pooled connection is busy (the probe has a path of its own)', async () => {
    // The city figure is read once per process (it only changes at the first start).
    expect((await health()).status).toBe(200);
    // Eight transactions hold the whole pool (server engine) or queue on the one session (embedded).
    let busyEnded = 0;
    const busy = Promise.all(Array.from({ length: 8 }, () => t.db.transaction((tx) => tx.query('SELECT pg_sleep(0.5) AS s')))).then(() => {
      busyEnded = Date.now();
    });
    await new Promise((r) => setTimeout(r, 100));
    const res = await health();
    const answeredAt = Date.now();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');
    await busy;
    // Health did not wait for the app's work to end.
    expect(answeredAt).toBeLessThan(busyEnded);
  });
});
