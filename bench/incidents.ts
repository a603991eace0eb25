/**
 * The incident loop's figures (issue 10 §7), on the demo city:
 * 1. intake with grid and worker assignment: concurrent reports (the hotline desk's path: category, the
 *    grid in force covering the point, its full-time worker, the first deadline, the case and its event in
 *    one transaction) for a fixed time; reports per second sustained;
 * 2. worker positions: 2,000+ per second offered through the buffer for a fixed time, with a live-map
 *    subscriber; accepted per second, and the time from a report to its arrival on the map (p50/p95/max);
 * 3. 200 command-centre subscribers at once over the real tRPC SSE handler: every event reaches every
 *    subscriber, and the latency from the report's commit to each arrival (p95).
 * The browser's frame time with 100,000 incidents and 10,000 workers is bench/command-frame.ts.
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../server/auth/actor';
import { scopeOf } from '../server/auth/policy';
import { provideDatabase } from '../server/db';
import { detectCapabilities } from '../server/db/capabilities';
import type { Db } from '../server/db/engine';
import { subscribePositions } from '../server/field/live';
import { positionBuffer } from '../server/field/positions';
import { reportIncident } from '../server/incidents/intake';
import { ensureDemoAccounts } from '../server/seed/demo-accounts';
import { trpcSubscribe } from '../server/testing/http-calls';
import { signInTestUser } from '../server/testing/users';
import { quantile, round1 } from './stats';

export const INCIDENT_TARGETS = { intakePerS: 500, positionsPerS: 2000, positionsVisibleMs: 2000, subscribers: 200, subscriberP95Ms: 1000 } as const;

export interface IncidentFigures {
  engine: 'embedded' | 'server';
  intake: { seconds: number; concurrency: number; reports: number; perSecond: number; withGrid: number; withWorker: number; p95Ms: number; met: boolean };
  positions: { seconds: number; offeredPerS: number; acceptedPerS: number; workers: number; visibleP50Ms: number; visibleP95Ms: number; visibleMaxMs: number; met: boolean };
  subscribers: { count: number; events: number; deliveries: number; expected: number; p50Ms: number; p95Ms: number; maxMs: number; met: boolean };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function commandActor(db: Db): Promise<{ actor: Actor; token: string }> {
  await ensureDemoAccounts(db);
  const [u] = await db.query<{ id: number }>("SELECT id FROM app_user WHERE username = 'command'");
  return signInTestUser(db, u!.id);
}

async function benchIntake(db: Db, actor: Actor, seconds: number, concurrency: number) {
  // Points of real addresses (jittered a few metres), so every report finds a grid like the hotline's do.
  const points = await db.query<{ lon: number; lat: number }>('SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM standard_address ORDER BY id LIMIT 5000');
  const scope = scopeOf(actor, 'incident_report')!;
  const categories = ['dispute', 'city_appearance', 'manhole_cover', 'livelihood', 'traffic'];
  const latencies: number[] = [];
  let withGrid = 0;
  let withWorker = 0;
  let k = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const p = points[k++ % points.length]!;
        const s = performance.now();
        const r = await reportIncident(db, { kind: 'user', actor, scope }, {
          categoryCode: categories[k % categories.length]!, description: '压测上报', severity: 2, source: 'hotline',
          place: { kind: 'point', lon: p.lon + 1e-5, lat: p.lat }, reporterName: '压测', reporterPhone: '13800000000',
        }, new Date());
        latencies.push(performance.now() - s);
        if (r.gridCode) withGrid++;
        if (r.gridWorkerId) withWorker++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const perSecond = Math.round(latencies.length / elapsed);
  return { seconds, concurrency, reports: latencies.length, perSecond, withGrid, withWorker, p95Ms: round1(quantile(latencies, 0.95)), met: perSecond >= INCIDENT_TARGETS.intakePerS };
}

async function benchPositions(db: Db, actor: Actor, seconds: number, perSecond: number) {
  const workers = (await db.query<{ id: number; lon: number; lat: number }>(
    'SELECT id, ST_X(position) AS lon, ST_Y(position) AS lat FROM grid_worker WHERE position IS NOT NULL ORDER BY id LIMIT 10000',
  ));
  const buffer = positionBuffer(db);
  await buffer.flush();
  const abort = new AbortController();
  const sent = new Map<number, number>();
  const visible: number[] = [];
  const live = subscribePositions({ db, scope: scopeOf(actor, 'worker_positions')!, signal: abort.signal, stillAllowed: async () => true });
  await live.next();
  const reading = (async () => {
    for (let b = await live.next(); !b.done; b = await live.next()) {
      const now = performance.now();
      for (const p of b.value.positions) {
        const at = sent.get(p.at.getTime());
        if (at !== undefined) visible.push(now - at);
      }
    }
  })();
  const writtenBefore = buffer.written;
  const tickMs = 100;
  const perTick = Math.round((perSecond * tickMs) / 1000);
  let w = 0;
  const t0 = performance.now();
  for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
    const at = new Date();
    // Each tick's reports carry one instant, so the map's arrival of any of them times the batch.
    sent.set(at.getTime(), performance.now());
    buffer.add(Array.from({ length: perTick }, () => {
      const x = workers[w++ % workers.length]!;
      return { workerId: x.id, lon: x.lon + (Math.random() - 0.5) * 1e-4, lat: x.lat + (Math.random() - 0.5) * 1e-4, at, source: 'device' as const };
    }));
    const next = t0 + (tick + 1) * tickMs;
    await sleep(Math.max(0, next - performance.now()));
  }
  await buffer.flush();
  const elapsed = (performance.now() - t0) / 1000;
  await sleep(500);
  abort.abort();
  await live.return(undefined);
  await reading;
  const acceptedPerS = Math.round((buffer.written - writtenBefore) / elapsed);
  const p95 = round1(quantile(visible, 0.95));
  return {
    seconds, offeredPerS: perSecond, acceptedPerS, workers: workers.length, visibleP50Ms: round1(quantile(visible, 0.5)), visibleP95Ms: p95,
    visibleMaxMs: round1(Math.max(0, ...visible)), met: acceptedPerS >= INCIDENT_TARGETS.positionsPerS && Math.max(0, ...visible) < INCIDENT_TARGETS.positionsVisibleMs,
  };
}

async function benchSubscribers(db: Db, actor: Actor, token: string, count: number, events: number) {
  const scope = scopeOf(actor, 'incident_report')!;
  const [{ id: last }] = (await db.query<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM incident_event')) as [{ id: number }];
  const committedAt = new Map<number, number>();
  const arrivals: number[] = [];
  let deliveries = 0;
  const subs = Array.from({ length: count }, () =>
    trpcSubscribe('incidents.feed', { lastEventId: String(last) }, {
      token, count: events, timeoutMs: 30_000,
      onMessage: (data: unknown) => {
        const id = (data as { incident: { id: number } }).incident.id;
        const at = committedAt.get(id);
        deliveries++;
        if (at !== undefined) arrivals.push(performance.now() - at);
      },
    }),
  );
  await sleep(2000);
  for (let i = 0; i < events; i++) {
    const r = await reportIncident(db, { kind: 'user', actor, scope }, {
      categoryCode: 'dispute', description: '订阅压测', severity: 2, source: 'hotline', place: { kind: 'point', lon: 118.7784, lat: 32.0433 },
    }, new Date());
    committedAt.set(r.id, performance.now());
    await sleep(250);
  }
  await Promise.all(subs);
  const expected = count * events;
  const p95 = round1(quantile(arrivals, 0.95));
  return { count, events, deliveries, expected, p50Ms: round1(quantile(arrivals, 0.5)), p95Ms: p95, maxMs: round1(Math.max(0, ...arrivals)), met: deliveries === expected && p95 < INCIDENT_TARGETS.subscriberP95Ms };
}

export async function benchIncidents(db: Db, opts: { quick: boolean; log: (m: string) => void }): Promise<IncidentFigures> {
  provideDatabase({ db, capabilities: await detectCapabilities(db) });
  const { actor, token } = await commandActor(db);
  const seconds = opts.quick ? 4 : 10;
  opts.log(`${db.engine}: incident intake for ${seconds} s…`);
  const intake = await benchIntake(db, actor, seconds, 16);
  opts.log(`${db.engine}: positions, ${INCIDENT_TARGETS.positionsPerS * 1.25}/s offered for ${seconds} s…`);
  const positions = await benchPositions(db, actor, seconds, INCIDENT_TARGETS.positionsPerS * 1.25);
  opts.log(`${db.engine}: ${INCIDENT_TARGETS.subscribers} feed subscribers…`);
  const subscribers = await benchSubscribers(db, actor, token, INCIDENT_TARGETS.subscribers, opts.quick ? 5 : 20);
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  return { engine: db.engine, intake, positions, subscribers };
}
