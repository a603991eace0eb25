/**
 * /api/health while the app is busy, over HTTP against a running app (`npm start`): a few clients send
 * tRPC batches of searches as fast as they are answered (MAX_BATCH_CALLS each, the most a batch may hold, and now
 * and then a batch of 60, which is refused), while health is asked every 100 ms. The same health probe
 * with the app idle, in the same run, is the baseline. Target: p95 under load below 200 ms.
 */
import { performance } from 'node:perf_hooks';
import { MAX_BATCH_CALLS } from '../app/trpc/limits';
import { quantile, round1 } from './stats';

export const HEALTH_P95_TARGET_MS = 200;

export interface HealthUnderLoad {
  idle: { samples: number; p50Ms: number; p95Ms: number; maxMs: number };
  busy: { samples: number; p50Ms: number; p95Ms: number; maxMs: number; failures: number };
  load: { clients: number; seconds: number; batches: number; callsPerBatch: number; batchP50Ms: number; refusedBatchesOf60: number; errors: number };
  targetP95Ms: number;
  met: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Signs in to the running app as a demo account (the bench databases get them from the authorization
 * bench) and returns the Cookie header for the load's requests.
 */
export async function signInOverHttp(base: string, username = 'planner', password = 'gridatlas-demo'): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: HTTP ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function healthOnce(base: string): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 200 };
  } catch {
    return { ms: performance.now() - t0, ok: false };
  }
}

const QUERIES = ['长江', '金陵', '幸福', '红山', '玄武', '秦淮', '花园', '新村', '路1', '32010'];

function batchUrl(base: string, calls: number, offset: number): string {
  const input = Object.fromEntries(
    Array.from({ length: calls }, (_, i) => [String(i), { json: { query: QUERIES[(offset + i) % QUERIES.length], limit: 12 } }]),
  );
  return `${base}/api/trpc/${Array.from({ length: calls }, () => 'search.places').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

export async function benchHealthUnderLoad(base: string, opts: { clients?: number; seconds?: number } = {}): Promise<HealthUnderLoad> {
  const clients = opts.clients ?? 4;
  const cookie = await signInOverHttp(base);
  const seconds = opts.seconds ?? 10;
  const idle: number[] = [];
  for (let i = 0; i < 30; i++) {
    idle.push((await healthOnce(base)).ms);
    await sleep(50);
  }

  const deadline = performance.now() + seconds * 1000;
  const batchMs: number[] = [];
  let refused = 0;
  let errors = 0;
  const client = async (c: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const sixtieth = n % 10 === 9;
      const t0 = performance.now();
      try {
        const res = await fetch(batchUrl(base, sixtieth ? 60 : MAX_BATCH_CALLS, c * 7 + n), { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (sixtieth) {
          if (res.status === 400) refused++;
          else errors++;
        } else if (res.status === 200) batchMs.push(performance.now() - t0);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const busy: number[] = [];
  let failures = 0;
  const prober = async () => {
    await sleep(500); // let the load build up first
    while (performance.now() < deadline) {
      const h = await healthOnce(base);
      busy.push(h.ms);
      if (!h.ok) failures++;
      await sleep(100);
    }
  };
  await Promise.all([...Array.from({ length: clients }, (_, c) => client(c)), prober()]);
  const p95 = quantile(busy, 0.95);
  return {
    idle: { samples: idle.length, p50Ms: round1(quantile(idle, 0.5)), p95Ms: round1(quantile(idle, 0.95)), maxMs: round1(Math.max(...idle)) },
    busy: { samples: busy.length, p50Ms: round1(quantile(busy, 0.5)), p95Ms: round1(p95), maxMs: round1(Math.max(...busy)), failures },
    load: { clients, seconds, batches: batchMs.length, callsPerBatch: MAX_BATCH_CALLS, batchP50Ms: round1(quantile(batchMs, 0.5)), refusedBatchesOf60: refused, errors },
    targetP95Ms: HEALTH_P95_TARGET_MS,
    met: p95 < HEALTH_P95_TARGET_MS && failures === 0,
  };
}
