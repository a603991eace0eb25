/**
 * `npm start`: builds when needed, opens the database (embedded unless DATABASE_URL is set), applies
 * migrations, loads the demo city on first run, then serves the app on PORT (default 3000).
 * The database and the Next.js server live in this one process, so the embedded data directory has
 * exactly one owner.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import next from 'next';
import { getDatabase } from '../server/db';
import { CLIENT_ADDRESS_HEADER } from '../server/auth/http';
import { healthAnswer } from '../server/http/health';
import { ensureDemoCity } from '../server/seed/ensure-demo-city';
import { schedulerEnabled, startScheduler } from '../server/jobs/scheduler';
import { startDispatcher } from '../server/webhooks/dispatcher';
import { simulator, simulatorEnabled } from '../server/field/simulator';
import { positionBuffer } from '../server/field/positions';
import { hasDemoLoadRecord } from '../server/seed/load-record';
import { now } from '../server/clock';
import { buildIsStale } from './build-freshness';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
process.env.NEXT_TELEMETRY_DISABLED = '1';

async function main() {
  if (!dev && buildIsStale(root)) {
    console.log('[gridatlas] building the app (first start or sources changed)…');
    const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env } });
    if (r.status !== 0) throw new Error('next build failed');
  }
  const t0 = Date.now();
  const { db, capabilities } = await getDatabase();
  console.log(
    `[gridatlas] database: ${db.engine} engine, PostGIS ${capabilities.postgisVersion} (${Date.now() - t0} ms)`,
  );
  await ensureDemoCity(db, (message) => console.log(`[gridatlas] ${message}`));
  // Escalation of overdue incidents on the durable job queue (GRIDATLAS_SCHEDULER=off: none in this process).
  const scheduler = schedulerEnabled() ? await startScheduler(db, (message) => console.log(`[gridatlas] ${message}`)) : null;
  // The change feed's deliveries to partner systems, beside the scheduler (and off with it).
  const dispatcher = schedulerEnabled() ? startDispatcher(db, { log: (message) => console.log(`[gridatlas] ${message}`) }) : null;
  // The demo city's patrols and reports, so that the command centre is alive (GRIDATLAS_SIMULATOR=off: none).
  if (simulatorEnabled() && (await hasDemoLoadRecord(db))) await simulator(db, now, (message) => console.log(`[gridatlas] ${message}`)).start();

  const app = next({ dev, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // /api/health is answered here, before Next.js's router: under load every step of a routed request
  // waits its turn on the event loop, and operators ask health precisely when the app is busy.
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/api/health' || req.url?.startsWith('/api/health?'))) {
      void healthAnswer().then(({ status, body }) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(body));
      });
      return;
    }
    // The client's address for sign-in limits and the security log: the connection's peer, or behind a
    // reverse proxy the operator declared (GRIDATLAS_TRUST_PROXY=on) the address it forwarded. Whatever
    // a client sent under this header is replaced.
    const forwarded = process.env.GRIDATLAS_TRUST_PROXY === 'on' ? String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() : '';
    req.headers[CLIENT_ADDRESS_HEADER] = forwarded || req.socket.remoteAddress || 'unknown';
    void handle(req, res);
  }).listen(port, hostname, () => {
    console.log(`[gridatlas] ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
  });

  // Stop cleanly on Ctrl-C or a service manager's TERM: the embedded engine flushes and releases its
  // data directory only when it is closed.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[gridatlas] ${signal}: stopping`);
    server.close();
    server.closeAllConnections();
    simulator(db, now).stop();
    positionBuffer(db)
      .flush()
      .then(() => Promise.all([scheduler?.stop(), dispatcher?.stop()]))
      .catch((err) => console.error('[gridatlas] stopping the scheduler failed:', err))
      .then(() => db.close())
      .catch((err) => console.error('[gridatlas] closing the database failed:', err))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error('[gridatlas] failed to start:', err);
  process.exit(1);
});
