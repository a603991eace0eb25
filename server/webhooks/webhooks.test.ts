/**
 * The change feed for partner systems on a real database (the engine of the run) and a real local
 * receiver (http.createServer) that checks every signature: a filed plan and incidents changing state
 * become signed deliveries scoped by the department key; a 500 is retried after its back-off (the
 * moment passed in moves on), then dead after the last attempt; a key without `incidents`, a revoked key
 * and a disabled subscription get nothing; a hanging receiver never delays the change that was made;
 * every attempt is logged; a bad URL is refused with a 4xx in both languages.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findingKey } from '@/geo/plans/finding-key';
import { chinaDayOf } from '@/geo/time/china-day';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { provideDatabase } from '../db';
import { reportIncident } from '../incidents/intake';
import { moveIncident } from '../incidents/loop';
import { issueDepartmentKey, revokeDepartmentKey } from '../ogc/department-keys';
import { seedOgcFixture } from '../ogc/__fixtures__/ogc-fixture';
import { filePlan } from '../plans/filing';
import { movePlan } from '../plans/moves';
import { setWarningReason } from '../plans/plan-topology';
import { planById } from '../plans/store';
import { validateDraft } from '../drafts/validate-draft';
import type { AccessFixture } from '../testing/access-fixture';
import { expectClientError } from '../testing/client-errors';
import { trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { backoffMs, deliverDue, MAX_ATTEMPTS, startDispatcher } from './dispatcher';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyDelivery } from './signature';
import { createSubscription, disableSubscription, listSubscriptions, sendTestEvent, subscriptionDeliveries } from './subscriptions';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, { actor: Actor; token: string }>();
const HONGSHAN = '320102008';

// After the fixture's grids took effect, on a whole minute; each test moves on from it.
const T0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** What the receiver got: each request with its headers, body and whether its signature checked out. */
interface Received {
  path: string;
  event: string;
  delivery: string;
  body: { id: string; event: string; event_id: string; occurred_at: string; data: Record<string, any> };
  verified: boolean;
}
const received: Received[] = [];
/** The secret of each receiving path, to check signatures with. */
const secrets = new Map<string, string>();
/** How each path answers: a status, a list of statuses one per request (the last repeats), or never. */
const behaviour = new Map<string, number[] | 'hang'>();
const hits = new Map<string, number>();
const hanging = new Set<ServerResponse>();
let receiver: Server;
let base: string;

function receive(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = req.url ?? '/';
    const raw = Buffer.concat(chunks).toString('utf8');
    const secret = secrets.get(path) ?? '';
    received.push({
      path,
      event: String(req.headers[EVENT_HEADER.toLowerCase()]),
      delivery: String(req.headers[DELIVERY_HEADER.toLowerCase()]),
      body: JSON.parse(raw),
      // The receiver's clock is the moment the dispatcher was given.
      verified: verifyDelivery(
        secret,
        { timestamp: req.headers[TIMESTAMP_HEADER.toLowerCase()] as string, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string },
        raw,
        Number(req.headers[TIMESTAMP_HEADER.toLowerCase()]),
      ),
    });
    const how = behaviour.get(path) ?? [200];
    if (how === 'hang') {
      hanging.add(res);
      return;
    }
    const n = hits.get(path) ?? 0;
    hits.set(path, n + 1);
    res.writeHead(how[Math.min(n, how.length - 1)]!, { 'Content-Type': 'text/plain' }).end('ok');
  });
}

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedOgcFixture(t.db);
  for (const name of ['admin', 'command', 'street-hongshan', 'district-xuanwu', 'city-filer']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    users.set(name, await signInTestUser(t.db, u!.id));
  }
  receiver = createServer(receive);
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}, 120_000);
afterEach(async () => {
  // Each test starts with no live subscription: deliverDue sends whatever is due.
  for (const s of await listSubscriptions(t.db)) if (!s.disabledAt) await disableSubscription(t.db, s.id, at(0));
  received.length = 0;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const actor = (name: string) => users.get(name)!.actor;
const admin = () => ({ userId: actor('admin').userId });
let keys = 0;
const issueKey = (collections: string[], fields: string[] = []) =>
  issueDepartmentKey(t.db, admin(), { name: `测试系统 ${++keys}`, departmentCode: 'police', collections, fields }, at(0));

/** A department's system listening at `path` of the receiver, for `events`. */
async function subscribe(keyId: number, path: string, events: string[], answers: number[] | 'hang' = [200]) {
  const s = await createSubscription(t.db, admin(), { departmentKeyId: keyId, url: `${base}${path}`, events }, at(0));
  secrets.set(path, s.secret);
  behaviour.set(path, answers);
  return s;
}

const report = (when: Date) =>
  reportIncident(t.db, { kind: 'user', actor: actor('command'), scope: scopeOf(actor('command'), 'incident_report')! }, {
    categoryCode: 'manhole_cover',
    description: '井盖缺失，行人易跌落',
    severity: 3,
    source: 'hotline',
    place: { kind: 'point', lon: fx.streets[HONGSHAN].bbox[0] + 0.01, lat: 32.05 },
    addressText: '红山路 1 号门口',
  }, when);

const versionOf = async (id: number) => (await t.db.query<{ version: number }>('SELECT version FROM incident WHERE id = $1', [id]))[0]!.version;
const accept = async (id: number, when: Date) =>
  moveIncident(t.db, actor('command'), { incidentId: id, expectedVersion: await versionOf(id), action: 'accept' }, when);

describe('incidents changing state', () => {
  it('are delivered signed, with the public fields and only the restricted ones the key opens', async () => {
    const reader = await issueKey(['incidents'], ['incidents.description']);
    const publicOnly = await issueKey(['grids', 'incidents']);
    const gridsOnly = await issueKey(['grids']);
    await subscribe(reader.id, '/reader', ['incident.state_changed']);
    await subscribe(publicOnly.id, '/public', ['incident.state_changed', 'grids.filed']);
    // A key without `incidents` cannot even subscribe to them…
    await expect(subscribe(gridsOnly.id, '/grids-only', ['incident.state_changed'])).rejects.toMatchObject({ code: 'WEBHOOK_EVENT_NOT_OPENED' });
    // …and its grids subscription gets no incident event.
    await subscribe(gridsOnly.id, '/grids-only', ['grids.filed']);

    const r = await report(at(10));
    await accept(r.id, at(20));
    const run = await deliverDue(t.db, at(20));
    expect(run).toEqual({ attempted: 4, delivered: 4, failed: 0 });
    expect(received.every((x) => x.verified)).toBe(true);
    expect(received.filter((x) => x.path === '/grids-only')).toEqual([]);
    const reader2 = received.filter((x) => x.path === '/reader').sort((a, b) => Number(a.body.event_id) - Number(b.body.event_id));
    expect(reader2.map((x) => [x.event, x.body.data.from, x.body.data.to, x.body.data.action])).toEqual([
      ['incident.state_changed', null, 'reported', 'report'],
      ['incident.state_changed', 'reported', 'accepted', 'accept'],
    ]);
    const incident = reader2[1]!.body.data.incident;
    expect(incident).toMatchObject({ code: r.code, category: 'manhole_cover', category_name: '井盖', status: 'accepted', grid_code: fx.streets[HONGSHAN].grids[0] });
    expect(incident.description).toBe('井盖缺失，行人易跌落');
    // The typed address is restricted too, and this key does not open it; the reporter is never sent.
    expect(incident).not.toHaveProperty('address_text');
    expect(JSON.stringify(reader2)).not.toMatch(/reporter/);
    expect(reader2[1]!.body.occurred_at).toBe(at(20).toISOString());
    expect(reader2[1]!.delivery).toBe(reader2[1]!.body.id);
    const pub = received.filter((x) => x.path === '/public');
    expect(pub).toHaveLength(2);
    for (const x of pub) {
      expect(x.body.data.incident).not.toHaveProperty('description');
      expect(x.body.data.incident).not.toHaveProperty('address_text');
    }
    // Nothing more is due: each delivery went once.
    expect(await deliverDue(t.db, at(3600))).toMatchObject({ attempted: 0 });
  });

  it('sends a revoked key nothing, not even what was pending when it was revoked', async () => {
    const key = await issueKey(['incidents']);
    const s = await subscribe(key.id, '/revoked', ['incident.state_changed']);
    await report(at(30));
    await revokeDepartmentKey(t.db, key.id, at(31));
    await report(at(32));
    expect(await deliverDue(t.db, at(40))).toMatchObject({ attempted: 0 });
    expect(received).toEqual([]);
    const deliveries = await subscriptionDeliveries(t.db, s.id, 10);
    // The change before the revocation was cancelled; the one after it was never queued.
    expect(deliveries.map((d) => [d.status, d.attempts, d.log])).toEqual([['cancelled', 0, []]]);
    await expect(sendTestEvent(t.db, s.id, at(41))).rejects.toMatchObject({ code: 'WEBHOOK_DISABLED' });
  });
});

describe('retries', () => {
  it('retries a 500 after its back-off, then delivers; every attempt is logged', async () => {
    const key = await issueKey(['incidents']);
    const s = await subscribe(key.id, '/flaky', ['incident.state_changed'], [500, 204]);
    await report(at(100));
    expect(await deliverDue(t.db, at(100))).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    let [d] = await subscriptionDeliveries(t.db, s.id, 10);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(at(100).getTime() + backoffMs(1)) });
    expect(d!.log).toEqual([{ at: at(100), durationMs: expect.any(Number), statusCode: 500, error: 'HTTP 500' }]);
    // Not before the back-off (30 s)…
    expect(await deliverDue(t.db, at(129))).toMatchObject({ attempted: 0 });
    // …then again, with the same delivery id, signed anew.
    expect(await deliverDue(t.db, at(130))).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    [d] = await subscriptionDeliveries(t.db, s.id, 10);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: at(130), nextAttemptAt: null });
    expect(d!.log.map((a) => a.statusCode)).toEqual([204, 500]);
    expect(received.map((x) => [x.delivery, x.verified])).toEqual([
      [String(d!.id), true],
      [String(d!.id), true],
    ]);
    const [row] = (await listSubscriptions(t.db)).filter((x) => x.id === s.id);
    expect(row).toMatchObject({ counts: { pending: 0, delivered: 1, dead: 0, cancelled: 0 }, last: { status: 'delivered', statusCode: 204, error: null } });
  });

  it('gives up after the last attempt: the delivery is dead', async () => {
    const key = await issueKey(['incidents']);
    const s = await subscribe(key.id, '/down', ['incident.state_changed'], [503]);
    await report(at(200));
    let when = at(200).getTime();
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      expect(await deliverDue(t.db, new Date(when))).toMatchObject({ attempted: 1 });
      when += backoffMs(n);
    }
    const [d] = await subscriptionDeliveries(t.db, s.id, 10);
    expect(d).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(d!.log).toHaveLength(MAX_ATTEMPTS);
    expect(await deliverDue(t.db, new Date(when + 86_400_000))).toMatchObject({ attempted: 0 });
    // The back-off doubles from 30 s and is capped.
    expect([1, 2, 3, 8].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 1_800_000]);
  });

  it('does not follow a redirect: a 3xx is a failed attempt, retried at the same URL', async () => {
    const key = await issueKey(['incidents']);
    const s = await subscribe(key.id, '/moved', ['incident.state_changed'], [302]);
    await report(at(400));
    expect(await deliverDue(t.db, at(400))).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    const [d] = await subscriptionDeliveries(t.db, s.id, 10);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d!.log[0]).toMatchObject({ statusCode: 302 });
    expect(received.map((x) => x.path)).toEqual(['/moved']);
  });

  it('sends each delivery once when two dispatchers run at the same moment', async () => {
    const key = await issueKey(['incidents']);
    const s = await subscribe(key.id, '/twice', ['incident.state_changed']);
    for (let i = 0; i < 6; i++) await report(at(500 + i));
    const [a, b] = await Promise.all([deliverDue(t.db, at(510)), deliverDue(t.db, at(510))]);
    expect(a!.delivered + b!.delivered).toBe(6);
    expect(a!.attempted + b!.attempted).toBe(6);
    const paths = received.filter((x) => x.path === '/twice');
    expect(new Set(paths.map((x) => x.delivery)).size).toBe(6);
    expect(paths).toHaveLength(6);
    expect((await subscriptionDeliveries(t.db, s.id, 10)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it('logs a receiver that is not there', async () => {
    const key = await issueKey(['incidents']);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const s = await createSubscription(t.db, admin(), { departmentKeyId: key.id, url: `http://127.0.0.1:${port}/gone`, events: ['incident.state_changed'] }, at(0));
    await report(at(300));
    expect(await deliverDue(t.db, at(300))).toMatchObject({ attempted: 1, failed: 1 });
    const [d] = await subscriptionDeliveries(t.db, s.id, 10);
    expect(d!.log[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
  });
});

describe('a hanging receiver', () => {
  it('never delays the change: the call returns at once, the dispatcher times out and logs it', async () => {
    const key = await issueKey(['incidents']);
    const s = await subscribe(key.id, '/hang', ['incident.state_changed'], 'hang');
    const timeoutMs = 1500;
    const dispatcher = startDispatcher(t.db, { clock: () => at(400), timeoutMs, pollMs: 100 });
    try {
      const t0 = performance.now();
      const r = await report(at(400));
      const reported = performance.now() - t0;
      // The dispatcher is woken by the commit and is now waiting on the receiver…
      await expect.poll(() => received.filter((x) => x.path === '/hang').length, { timeout: 5000 }).toBe(1);
      // …while the loop goes on undisturbed.
      const t1 = performance.now();
      await accept(r.id, at(400));
      const accepted = performance.now() - t1;
      expect(reported).toBeLessThan(timeoutMs);
      expect(accepted).toBeLessThan(timeoutMs);
      await expect
        .poll(async () => (await subscriptionDeliveries(t.db, s.id, 10)).flatMap((d) => d.log).length, { timeout: 10_000, interval: 100 })
        .toBe(2);
      const log = (await subscriptionDeliveries(t.db, s.id, 10)).flatMap((d) => d.log);
      for (const a of log) expect(a).toMatchObject({ statusCode: null, error: `no answer within ${timeoutMs} ms`, durationMs: expect.any(Number) });
      expect(Math.min(...log.map((a) => a.durationMs))).toBeGreaterThanOrEqual(timeoutMs - 50);
    } finally {
      await dispatcher.stop();
    }
  }, 30_000);
});

describe('a filed plan', () => {
  it('is delivered to the keys that open grids: the street, its grids and the moment they take effect', async () => {
    const grids = await issueKey(['grids']);
    const incidentsOnly = await issueKey(['incidents']);
    await subscribe(grids.id, '/filed', ['grids.filed']);
    await subscribe(incidentsOnly.id, '/incidents-only', ['incident.state_changed']);
    const draftId = fx.streets[HONGSHAN].draftId;
    const version = async () => (await planById(t.db, draftId))!.version;
    const move = async (who: string, action: 'submit' | 'start_review' | 'approve') =>
      movePlan(t.db, actor(who), { draftId, expectedVersion: await version(), action }, new Date());
    for (const f of (await validateDraft(t.db, draftId)).findings.filter((x) => x.severity === 'warning')) {
      await setWarningReason(t.db, actor('street-hongshan'), { draftId, expectedVersion: await version(), findingKey: findingKey(f), reason: '社区实际情况如此，已核实' }, new Date());
    }
    await move('street-hongshan', 'submit');
    await move('district-xuanwu', 'start_review');
    await move('district-xuanwu', 'approve');
    const filedAt = new Date();
    const filed = await filePlan(t.db, actor('city-filer'), { draftId, expectedVersion: await version(), filingNumber: '宁网备〔2026〕9号', effectiveDate: chinaDayOf(filedAt) }, filedAt);
    expect(await deliverDue(t.db, filedAt)).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(received.map((x) => [x.path, x.event, x.verified])).toEqual([['/filed', 'grids.filed', true]]);
    expect(received[0]!.body.data).toEqual({
      plan: { id: draftId, filing_number: '宁网备〔2026〕9号' },
      street: { code: HONGSHAN, name: expect.any(String), district_code: '320102' },
      grid_codes: [...fx.streets[HONGSHAN].grids].sort(),
      retired_grid_codes: [],
      valid_from: filed.effectiveFrom,
    });
  });
});

describe('the procedures', () => {
  const call = (path: string, input: unknown, method: 'GET' | 'POST' = 'POST', who = 'admin') => trpcCall(path, input, method, { token: users.get(who)!.token });

  it('refuse bad URLs and events with a 4xx in both languages, and create a subscription whose secret is shown once', async () => {
    const key = await issueKey(['incidents']);
    const create = (url: string, events = ['incident.state_changed']) => call('opendata.createWebhookSubscription', { departmentKeyId: key.id, url, events });
    for (const [url, reason] of [
      ['ftp://example.gov.cn/hook', 'WEBHOOK_URL_SCHEME'],
      ['javascript:alert(1)', 'WEBHOOK_URL_SCHEME'],
      ['不是网址', 'WEBHOOK_URL_INVALID'],
      ['https://user:pass@example.gov.cn/hook', 'WEBHOOK_URL_CREDENTIALS'],
      [`https://example.gov.cn/${'a'.repeat(2000)}`, 'WEBHOOK_URL_TOO_LONG'],
      ['   ', 'WEBHOOK_URL_REQUIRED'],
    ] as const) {
      const r = await create(url);
      expectClientError(r, 400);
      expect([url.slice(0, 30), r.error!.data.reason]).toEqual([url.slice(0, 30), reason]);
    }
    const notOpened = await create('https://example.gov.cn/hook', ['grids.filed']);
    expectClientError(notOpened, 400);
    expect(notOpened.error!.data.reason).toBe('WEBHOOK_EVENT_NOT_OPENED');
    expectClientError(await create('https://example.gov.cn/hook', []), 400);
    expectClientError(await create('https://example.gov.cn/hook', ['grids.everything']), 400);
    const missing = await call('opendata.createWebhookSubscription', { departmentKeyId: 2 ** 31 - 1, url: 'https://example.gov.cn/hook', events: ['incident.state_changed'] });
    expectClientError(missing, 404);

    const ok = await create('https://Example.gov.cn/hook#part');
    expect(ok.status).toBe(200);
    const { id, secret } = ok.result as { id: number; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = (await call('opendata.webhookSubscriptions', undefined, 'GET')).result as { id: number; url: string; secretPrefix: string }[];
    const row = list.find((s) => s.id === id)!;
    expect(row.url).toBe('https://example.gov.cn/hook');
    expect(row.secretPrefix).toBe(secret.slice(0, 10));
    expect(JSON.stringify(list)).not.toContain(secret);
    // A test event is queued, not sent from the request.
    const test = await call('opendata.sendTestWebhook', { id });
    expect(test.status).toBe(200);
    const deliveries = (await call('opendata.webhookDeliveries', { id }, 'GET')).result as { event: string; status: string }[];
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([['webhook.test', 'pending']]);
    expect((await call('opendata.disableWebhookSubscription', { id })).status).toBe(200);
    expect(((await call('opendata.webhookDeliveries', { id }, 'GET')).result as { status: string }[]).map((d) => d.status)).toEqual(['cancelled']);
  });

  it('are refused outside a city administrator: a district administrator, an operator', async () => {
    const districtAdmin = await createTestUser(t.db, 'webhooks-district-admin', [{ role: 'administrator', level: 'district', code: '320102' }]);
    const { token } = await signInTestUser(t.db, districtAdmin);
    const key = await issueKey(['incidents']);
    const input = { departmentKeyId: key.id, url: 'https://example.gov.cn/hook', events: ['incident.state_changed'] };
    const district = await trpcCall('opendata.createWebhookSubscription', input, 'POST', { token });
    expect([district.status, district.error?.data.reason]).toEqual([403, 'KEYS_CITY_ONLY']);
    const listed = await trpcCall('opendata.webhookSubscriptions', undefined, 'GET', { token });
    expect([listed.status, listed.error?.data.reason]).toEqual([403, 'KEYS_CITY_ONLY']);
    const operator = await call('opendata.createWebhookSubscription', input, 'POST', 'command');
    expect([operator.status, operator.error?.data.reason]).toEqual([403, 'ACCESS_DENIED']);
    const anonymous = await trpcCall('opendata.webhookSubscriptions', undefined, 'GET', {});
    expect(anonymous.status).toBe(401);
  });
});
