/**
 * The live feed and the photos over HTTP, as the browser meets them: the tRPC subscription (server-sent
 * events) delivers each event of the caller's scope once, in order, and a reconnect with the last event
 * id receives exactly what it missed; photos are checked by content and served only to those allowed.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as photoGET } from '@/app/api/incidents/photos/[id]/route';
import { POST as photoPOST } from '@/app/api/incidents/photos/route';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { browserHeaders, TEST_ORIGIN, trpcCall, trpcSubscribe } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { reportIncident } from './intake';
import { latestEventId } from './live';

let t: TestDatabase;
let fx: AccessFixture;
const users = new Map<string, { actor: Actor; token: string }>();

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['command', 'worker-hongshan', 'district-qinhuai', 'planner']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    users.set(name, await signInTestUser(t.db, u!.id));
  }
}, 120_000);
afterAll(async () => {
  await new Promise((r) => setTimeout(r, 200));
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.incidentFeedPump')];
  await t?.dispose();
});

const token = (name: string) => users.get(name)!.token;
const report = (lon: number) =>
  reportIncident(t.db, { kind: 'user', actor: users.get('command')!.actor, scope: scopeOf(users.get('command')!.actor, 'incident_report')! }, {
    categoryCode: 'dispute', description: '直播测试', severity: 2, source: 'hotline', place: { kind: 'point', lon, lat: 32.05 },
  }, new Date(Date.now() + 60_000));
type FeedMessage = { eventId: number; action: string; incident: { id: number; gridCode: string } };

describe('the live feed', () => {
  it('delivers new events live, each once and in order, and only those of the scope', async () => {
    const start = await latestEventId(t.db);
    const xuanwu = fx.streets['320102008'].bbox[0] + 0.01;
    const qinhuai = fx.streets['320104001'].bbox[0] + 0.01;
    const commandFeed = trpcSubscribe('incidents.feed', { lastEventId: String(start) }, { token: token('command'), count: 3, timeoutMs: 8000 });
    const qinhuaiFeed = trpcSubscribe('incidents.feed', { lastEventId: String(start) }, { token: token('district-qinhuai'), count: 2, timeoutMs: 8000 });
    await new Promise((r) => setTimeout(r, 300));
    const a = await report(xuanwu);
    const b = await report(qinhuai);
    const c = await report(qinhuai);
    const seen = (await commandFeed).messages.map((m) => m.data as FeedMessage);
    expect(seen.map((m) => m.incident.id)).toEqual([a.id, b.id, c.id]);
    const ids = (await commandFeed).messages.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect((await qinhuaiFeed).messages.map((m) => (m.data as FeedMessage).incident.id)).toEqual([b.id, c.id]);
  });

  it('resumes after the last event id it saw: exactly the events it missed, then live ones', async () => {
    const before = await latestEventId(t.db);
    const missed = [await report(118.71), await report(118.72)];
    const resumed = await trpcSubscribe('incidents.feed', { lastEventId: String(before) }, { token: token('command'), count: 2, timeoutMs: 5000 });
    expect(resumed.messages.map((m) => (m.data as FeedMessage).incident.id)).toEqual(missed.map((x) => x.id));
    // A reconnect from the last id it got receives nothing twice.
    const again = await trpcSubscribe('incidents.feed', { lastEventId: resumed.messages.at(-1)!.id }, { token: token('command'), count: 1, timeoutMs: 800 });
    expect(again.messages).toEqual([]);
    expect(again.error).toBeUndefined();
  });

  it('refuses the feed to a role without incidents, and a malformed cursor', async () => {
    const [u] = await t.db.query<{ id: number }>("SELECT id FROM app_user WHERE username = 'dept-police'");
    const police = await signInTestUser(t.db, u!.id);
    expect((await trpcSubscribe('incidents.feed', {}, { token: police.token })).error?.data.reason).toBe('ACCESS_DENIED');
    expect((await trpcSubscribe('incidents.feed', { lastEventId: '1; DROP' }, { token: token('command') })).error?.data.reason).toBe('INPUT_INVALID');
  });
});

describe('photos', () => {
  const upload = (bytes: Uint8Array, who: string) =>
    photoPOST(new Request(`${TEST_ORIGIN}/api/incidents/photos`, { method: 'POST', body: bytes as BodyInit, headers: { ...browserHeaders({ token: token(who) }, true), 'content-type': 'image/jpeg' } }));
  const read = (id: number, who: string) => photoGET(new Request(`${TEST_ORIGIN}/api/incidents/photos/${id}`, { headers: browserHeaders({ token: token(who) }) }), { params: Promise.resolve({ id: String(id) }) });

  it('stores a real image without its metadata, refuses what is not one, and serves it only to those allowed', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .withMetadata({ exif: { IFD0: { Copyright: 'GPS 32.05 118.71' } } }).jpeg().toBuffer();
    const res = await upload(new Uint8Array(png), 'worker-hongshan');
    expect(res.status).toBe(201);
    const photo = (await res.json()) as { id: number; contentType: string; width: number };
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 40 });
    const fake = await upload(new TextEncoder().encode('<script>alert(1)</script>'), 'worker-hongshan');
    expect([fake.status, ((await fake.json()) as { error: { code: string } }).error.code]).toEqual([400, 'PHOTO_NOT_AN_IMAGE']);
    const huge = await upload(new Uint8Array(6 * 1024 * 1024), 'worker-hongshan');
    expect(huge.status).toBe(413);
    // Unattached: only its uploader reads it.
    expect((await read(photo.id, 'command')).status).toBe(404);
    // Attached to a report in the worker's grid: the command centre reads it, the planner does not.
    const r = await trpcCall('incidents.report', {
      categoryCode: 'manhole_cover', description: '井盖', place: { kind: 'point', lon: 118.71, lat: 32.05 }, source: 'patrol', photoIds: [photo.id],
    }, 'POST', { token: token('worker-hongshan') });
    expect(r.status).toBe(200);
    const served = await read(photo.id, 'command');
    expect(served.status).toBe(200);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.includes(Buffer.from('GPS 32.05'))).toBe(false);
    expect((await read(photo.id, 'planner')).status).toBe(404);
    expect((await read(photo.id, 'district-qinhuai')).status).toBe(404);
    expect((await read(2 ** 31, 'command')).status).toBe(404);
    // Someone else's photo cannot be attached.
    const other = (await (await upload(new Uint8Array(png), 'worker-hongshan')).json()) as { id: number };
    const stolen = await trpcCall('incidents.report', {
      categoryCode: 'manhole_cover', description: '井盖', place: { kind: 'point', lon: 118.71, lat: 32.05 }, source: 'hotline', photoIds: [other.id],
    }, 'POST', { token: token('command') });
    expect([stolen.status, stolen.error?.data.reason]).toEqual([404, 'PHOTO_NOT_FOUND']);
  });
});
