/**
 * The inbox over HTTP: the live stream (server-sent events) delivers an entry when the move that causes
 * it commits, a reconnect with Last-Event-ID gets exactly what it missed, nobody reads another user's
 * inbox, and the test clock route does not exist unless the process was started for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as stream } from '@/app/api/notifications/stream/route';
import { POST as clock } from '@/app/api/test/clock/route';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { browserHeaders, TEST_ORIGIN, trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import type { Actor } from '../auth/actor';
import { announceNotifications, notifyMove } from './notifications';
import { planById } from './store';

let t: TestDatabase;
let fx: AccessFixture;
const sessions = new Map<string, { token: string; actor: Actor }>();

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['street-hongshan', 'district-xuanwu', 'district-qinhuai']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    sessions.set(name, await signInTestUser(t.db, u!.id));
  }
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

/** Reads server-sent events from a response until `count` notification events came (or the time is up). */
async function readEvents(res: Response, count: number, abort: AbortController, timeoutMs = 10_000): Promise<{ id: number; kind: string }[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id: number; kind: string }[] = [];
  let buffer = '';
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: notification') && data) events.push(JSON.parse(data.slice(6)) as { id: number; kind: string });
      }
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
  return events;
}

const open = (name: string, headers: Record<string, string> = {}) => {
  const abort = new AbortController();
  const request = new Request(`${TEST_ORIGIN}/api/notifications/stream`, {
    headers: { ...browserHeaders({ token: sessions.get(name)!.token }), ...headers },
    signal: abort.signal,
  });
  return { abort, response: stream(request) };
};

async function submitNotice(): Promise<void> {
  const plan = (await planById(t.db, fx.streets['320102008'].draftId))!;
  const { actor } = sessions.get('street-hongshan')!;
  await notifyMove(t.db, plan, 'submit', { id: actor.userId, name: actor.username });
  announceNotifications();
}

describe('the notification stream', () => {
  it('refuses without a session', async () => {
    const res = await stream(new Request(`${TEST_ORIGIN}/api/notifications/stream`, { headers: browserHeaders({}) }));
    expect(res.status).toBe(401);
  });

  it('delivers an entry as it is written, and resumes after the last event seen', async () => {
    const first = open('district-xuanwu');
    const res = await first.response;
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readEvents(res, 1, first.abort);
    await submitNotice();
    const [event] = await reading;
    expect(event).toMatchObject({ kind: 'plan_submitted' });
    // Two more while disconnected; the reconnect names the last id it saw.
    await submitNotice();
    await submitNotice();
    const again = open('district-xuanwu', { 'last-event-id': String(event!.id) });
    const missed = await readEvents(await again.response, 2, again.abort);
    expect(missed.every((e) => e.id > event!.id && e.kind === 'plan_submitted')).toBe(true);
    expect(new Set(missed.map((e) => e.id)).size).toBe(2);
  });

  it('never shows one user the inbox of another', async () => {
    const other = open('district-qinhuai');
    const events = await readEvents(await other.response, 1, other.abort, 1500);
    expect(events).toEqual([]);
    const { token } = sessions.get('district-qinhuai')!;
    const r = await trpcCall('plans.notifications', {}, 'GET', { token });
    expect((r.result as { items: unknown[] }).items).toEqual([]);
    // Marking another user's entries read changes nothing.
    const mine = await trpcCall('plans.notifications', {}, 'GET', { token: sessions.get('district-xuanwu')!.token });
    const ids = (mine.result as { items: { id: number }[] }).items.map((i) => i.id);
    const marked = await trpcCall('plans.markRead', { ids }, 'POST', { token });
    expect(marked.result).toEqual({ marked: 0 });
  });
});

describe('the test clock route', () => {
  it('does not exist without GRIDATLAS_TEST_CLOCK=on', async () => {
    const before = process.env.GRIDATLAS_TEST_CLOCK;
    delete process.env.GRIDATLAS_TEST_CLOCK;
    try {
      const res = await clock(new Request(`${TEST_ORIGIN}/api/test/clock`, { method: 'POST', body: JSON.stringify({ offsetMs: 86_400_000 }), headers: browserHeaders({}, true) }));
      expect(res.status).toBe(404);
    } finally {
      if (before !== undefined) process.env.GRIDATLAS_TEST_CLOCK = before;
    }
  });
});
