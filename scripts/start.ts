/**
 * `npm start`: builds when needed, opens the database (embedded unless DATABASE_URL is set), applies
 * migrations, loads the demo city on first run, then serves the app on PORT (default 3000).
 * The database and the Next.js server live in this one process, so the embedded data directory has
 * exactly one owner.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { getDatabase } from '../server/db';
import { ensureDemoCity } from '../server/seed/ensure-demo-city';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
process.env.NEXT_TELEMETRY_DISABLED = '1';

const SOURCE_DIRS = ['app', 'server', 'geo', 'public'];
const SOURCE_FILES = ['next.config.js', 'package.json', 'tsconfig.json'];

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** A production build is needed when there is none or a source file is newer than it. */
function buildIsStale(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => path.join(root, p)).filter(existsSync);
  return sources.some((p) => newestMtime(p) > built);
}

async function main() {
  if (!dev && buildIsStale()) {
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

  const app = next({ dev, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  createServer((req, res) => void handle(req, res)).listen(port, hostname, () => {
    console.log(`[gridatlas] ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
  });
}

main().catch((err) => {
  console.error('[gridatlas] failed to start:', err);
  process.exit(1);
});
