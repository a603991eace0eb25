/**
 * `npm run bench`: the figures issue 2 asks for, printed as JSON and as a table.
 *   1. cold start: `npm start` (embedded engine, a data dir already holding the city, an existing build)
 *      until /api/health first answers 200 with status ok;
 *   2. time to load the demo city (seedDemoCity, scale 1) on the embedded engine, and on the server
 *      engine when BENCH_DATABASE_URL or DATABASE_URL is set (into a fresh, dropped-afterwards database);
 *   3. grids tile latency p50/p95 and size at z10/13/16 over fixed tiles of the centre and outskirts, cold
 *      (tile cache disabled), through the tile service on both engines and through HTTP on the embedded one;
 *   4. the topology engine (bench/topology.ts);
 *   5. the groundwork figures (bench/groundwork.ts): search p50/p95 for 2- and 6-character queries, a key
 *      site's details, a dense incident tile, the tile version reads, each beside what it replaced;
 *   6. /api/health while batches of searches keep the app busy, over HTTP, on each engine (bench/http-load.ts);
 *   7. the latency the authorization check adds to each request, on each engine (bench/authorization.ts).
 *   8. the approval workflow: filing a street of ~60 grids, its diff and impact table, the as-of tile, 50
 *      conflicting saves of one plan (bench/workflow.ts).
 *   9. the incident loop: intake per second with grid and worker assignment, worker positions per second
 *      and their delay to the live map, 200 feed subscribers (bench/incidents.ts).
 *  10. the planner: a whole district's and a street's scenario end to end, its quality (within range,
 *      contiguity, compactness, moves, the topology engine on its grids) beside a k-means baseline
 *      (bench/rebalance.ts).
 *  11. open data: pages of 10,000 standard addresses from the OGC API – Features route (bench/opendata.ts).
 *  12. the bulk import of 1,000,000 standard addresses with grid linkage, server engine, last (bench/address-import.ts).
 * Options: --quick (scale 0.1, one round, a shorter health load), --scale=N, --rounds=N, --port=N (default 3200),
 *   --import-rows=N (default 1,000,000; 100,000 with --quick),
 *   --only=tiles,topology,groundwork,authorization,workflow,incidents,rebalance,opendata,import (the sections to run after the city load),
 *          --skip-cold-start, --skip-server, --skip-embedded, --build (run `next build` first when the build
 *          is missing or stale; not timed).
 * Everything is loopback; temporary data dirs and databases are removed at the end, also on failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { buildIsStale } from '../scripts/build-freshness';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectCapabilities } from '../server/db/capabilities';
import { openDatabase, type Db } from '../server/db/engine';
import { migrate } from '../server/db/migrate';
import { tileAt, type TileCoord } from '../server/tiles/tile-math';
import { createTileService, type TileEncoder } from '../server/tiles/tile-service';
import { seedDemoCity } from '../server/seed/demo-city';
import { benchAuthorization, type AuthorizationFigures } from './authorization';
import { benchGroundwork, type GroundworkFigures } from './groundwork';
import { benchHealthUnderLoad, signInOverHttp, type HealthUnderLoad } from './http-load';
import { quantile, round1 } from './stats';
import { benchTopology, type TopologyFigures } from './topology';
import { benchWorkflow, type WorkflowFigures } from './workflow';
import { benchIncidents, INCIDENT_TARGETS, type IncidentFigures } from './incidents';
import { benchCommandFrame, FRAME_TARGETS, type CommandFrameFigures } from './command-frame';
import { benchRebalance, rebalanceLines, type RebalanceFigures } from './rebalance';
import { benchOpenData, openDataLines, type OpenDataFigures } from './opendata';
import { benchAddressImport, addressImportLines, ADDRESS_IMPORT_TARGETS, type AddressImportFigures } from './address-import';

const root = process.cwd();
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
const quick = flag('quick');
const scale = option('scale', quick ? 0.1 : 1);
const rounds = option('rounds', quick ? 1 : 3);
/** --only=a,b: just these sections (tiles, topology, groundwork, authorization, workflow) after the city load. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const runs = (section: string) => !only || only.includes(section);
const port = option('port', Number(process.env.BENCH_PORT ?? 3200));
const serverUrl = (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL)?.trim() || null;

const TARGETS = { tileP95MsServer: 50, tileP95MsEmbedded: 150, cityLoadS: 180 };
const ZOOMS = [10, 13, 16];
// Fixed probes: Xinjiekou (the dense centre, with its 3x3 neighbourhood) and outlying district seats.
const CENTRE = { lon: 118.7784, lat: 32.0433 };
const OUTSKIRTS = [
  { name: 'Pukou', lon: 118.628, lat: 32.059 },
  { name: 'Jiangning', lon: 118.84, lat: 31.953 },
  { name: 'Qixia', lon: 118.909, lat: 32.102 },
  { name: 'Liuhe', lon: 118.835, lat: 32.323 },
  { name: 'Lishui', lon: 119.021, lat: 31.651 },
  { name: 'Gaochun', lon: 118.875, lat: 31.327 },
];

function benchTiles(z: number): TileCoord[] {
  const seen = new Map<string, TileCoord>();
  const c = tileAt(CENTRE.lon, CENTRE.lat, z);
  for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) seen.set(`${c.x + dx}/${c.y + dy}`, { z, x: c.x + dx, y: c.y + dy });
  for (const o of OUTSKIRTS) {
    const t = tileAt(o.lon, o.lat, z);
    seen.set(`${t.x}/${t.y}`, t);
  }
  return [...seen.values()];
}

interface TileFigure {
  engine: 'embedded' | 'server';
  path: string;
  zoom: number;
  tiles: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  meanBytes: number;
  maxBytes: number;
  emptyTiles: number;
}

interface Report {
  when: string;
  machine: { cpus: number; node: string };
  city: { scale: number; summary?: unknown };
  cityLoad: { engine: string; seconds: number; targetS: number; measured: string }[];
  coldStart?: { engine: 'embedded'; seconds: number; measured: string; health?: unknown } | { skipped: string };
  tiles: TileFigure[];
  topology: TopologyFigures[];
  groundwork: GroundworkFigures[];
  authorization: AuthorizationFigures[];
  workflow: WorkflowFigures[];
  incidents: IncidentFigures[];
  commandFrame: CommandFrameFigures[];
  rebalance: RebalanceFigures[];
  openData: OpenDataFigures[];
  addressImport: AddressImportFigures[];
  health: ({ engine: 'embedded' | 'server' } & HealthUnderLoad)[];
  notes: string[];
}

const report: Report = {
  when: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  city: { scale },
  cityLoad: [],
  tiles: [],
  topology: [],
  groundwork: [],
  authorization: [],
  workflow: [],
  incidents: [],
  commandFrame: [],
  rebalance: [],
  openData: [],
  addressImport: [],
  health: [],
  notes: [],
};
const cleanups: (() => Promise<void> | void)[] = [];
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);


type Seed = (db: Db) => Promise<unknown>;

function demoCitySeed(): Seed {
  let last = '';
  return (db) =>
    seedDemoCity(db, {
      scale,
      onProgress: (step) => {
        if (step !== last) log(`  ${step}`);
        last = step;
      },
    });
}

/** Loads the city and makes sure grid_load is filled (tiles read households from it). */
async function loadCity(db: Db, seed: Seed): Promise<number> {
  const t0 = performance.now();
  report.city.summary = await seed(db);
  const seconds = (performance.now() - t0) / 1000;
  const [{ grids, loaded }] = await db.query<{ grids: number; loaded: number }>(
    'SELECT (SELECT count(*)::int FROM grids_in_force(now())) AS grids, (SELECT count(*)::int FROM grid_load) AS loaded',
  );
  if (grids > 0 && loaded === 0) {
    report.notes.push('The seed left grid_load empty; the bench refreshed it (not counted in the load time).');
    await db.script('SELECT refresh_grid_load()');
  }
  return seconds;
}

async function benchTilesOn(db: Db, encoder: TileEncoder, engine: 'embedded' | 'server') {
  const capabilities = await detectCapabilities(db);
  const service = createTileService({ db, capabilities, encoder, cache: false });
  for (const zoom of ZOOMS) {
    const tiles = benchTiles(zoom);
    const times: number[] = [];
    const sizes: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const tile of tiles) {
        const t0 = performance.now();
        const { bytes } = await service.getTile({ layer: 'grids', ...tile });
        times.push(performance.now() - t0);
        if (r === 0) sizes.push(bytes.byteLength);
      }
    }
    report.tiles.push(figure(engine, `service, ${encoder === 'postgis' ? 'ST_AsMVT' : 'JS encoder'}, cache off`, zoom, tiles.length, times, sizes));
  }
}

function figure(engine: 'embedded' | 'server', pathName: string, zoom: number, tiles: number, times: number[], sizes: number[]): TileFigure {
  return {
    engine,
    path: pathName,
    zoom,
    tiles,
    samples: times.length,
    p50Ms: round1(quantile(times, 0.5)),
    p95Ms: round1(quantile(times, 0.95)),
    meanBytes: Math.round(sizes.reduce((s, v) => s + v, 0) / sizes.length),
    maxBytes: Math.max(...sizes),
    emptyTiles: sizes.filter((s) => s === 0).length,
  };
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) {
        const body = (await res.json()) as { status?: string };
        if (body.status === 'ok') return body;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no healthy answer from ${url} within ${timeoutMs / 1000} s`);
}

/** Signals our own detached process group (npm, tsx, the server under it); ESRCH = already gone. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops `npm start` and everything it spawned; resolves once the group is gone (SIGKILL after 5 s). */
async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  // The server may outlive npm by a moment: wait for the whole group, then force it.
  while (Date.now() < deadline && signalGroup(pid, 0)) await new Promise((r) => setTimeout(r, 100));
  if (signalGroup(pid, 0)) signalGroup(pid, 'SIGKILL');
}

/** An up-to-date production build, made first when --build asks for it; else why there is none. */
function ensureBuild(): string | null {
  if (!buildIsStale(root)) return null;
  // Building rewrites .next, which a `next dev` running in the same checkout also uses: only on request.
  if (!flag('build')) return 'no up-to-date production build (.next); run `npm run build` first or pass --build';
  log('building the app first (not timed)…');
  const r = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  return r.status === 0 ? null : 'next build failed';
}

/** `npm start` as a user runs it, in its own process group; resolves once /api/health answers ok. */
async function startApp(env: NodeJS.ProcessEnv): Promise<{ health: unknown; seconds: number; stop: () => Promise<void>; stderr: () => string }> {
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  const stop = () => stopProcessGroup(child, exited);
  cleanups.push(stop);
  try {
    const health = await waitHealthy(`http://127.0.0.1:${env.PORT}/api/health`, child, 180_000);
    return { health, seconds: (performance.now() - t0) / 1000, stop, stderr: () => stderr };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}; last stderr: ${stderr.slice(-800)}`);
  }
}

async function coldStartAndHttp(dataDir: string) {
  const noBuild = ensureBuild();
  if (noBuild) {
    report.coldStart = { skipped: noBuild };
    return;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', GRIDATLAS_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL;
  log(`cold start: npm start on 127.0.0.1:${port}…`);
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    app = await startApp(env);
    report.coldStart = { engine: 'embedded', seconds: Number(app.seconds.toFixed(2)), measured: 'spawn of `npm start` -> first 200 {status: ok} from /api/health', health: app.health };

    // Tiles through HTTP: the server's cache is empty, so the first round is cold; a second is warm.
    const cookie = await signInOverHttp(`http://127.0.0.1:${port}`);
    for (const zoom of ZOOMS) {
      const tiles = benchTiles(zoom);
      for (const warm of [false, true]) {
        const times: number[] = [];
        const sizes: number[] = [];
        for (const t of tiles) {
          const s = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`, { headers: { cookie } });
          const body = new Uint8Array(await res.arrayBuffer());
          times.push(performance.now() - s);
          if (res.status !== 200 && res.status !== 204) throw new Error(`HTTP ${res.status} for tile ${t.z}/${t.x}/${t.y}`);
          sizes.push(body.byteLength);
        }
        report.tiles.push(figure('embedded', warm ? 'HTTP, warm (tile cache hit)' : 'HTTP, cold (first request)', zoom, tiles.length, times, sizes));
      }
    }
    log('embedded: health under a batch load…');
    report.health.push({ engine: 'embedded', ...(await benchHealthUnderLoad(`http://127.0.0.1:${port}`, { seconds: quick ? 5 : 10 })) });
  } catch (err) {
    report.coldStart ??= { skipped: `failed: ${(err as Error).message}` };
    report.notes.push(`embedded HTTP figures incomplete: ${(err as Error).message}`);
  } finally {
    await app?.stop();
  }
}

/** The app on the server engine's bench database: health under the same batch load. */
async function serverHttp(url: string) {
  const noBuild = ensureBuild();
  if (noBuild) {
    report.notes.push(`server health under load skipped: ${noBuild}`);
    return;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port + 1), HOST: '127.0.0.1', DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: '1' };
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    app = await startApp(env);
    if (runs('tiles') || runs('groundwork')) {
      log('server: health under a batch load…');
      report.health.push({ engine: 'server', ...(await benchHealthUnderLoad(`http://127.0.0.1:${port + 1}`, { seconds: quick ? 5 : 10 })) });
    }
    if (runs('incidents')) report.commandFrame.push(await benchCommandFrame(`http://127.0.0.1:${port + 1}`, url, { seconds: quick ? 5 : 10, log }));
  } catch (err) {
    report.notes.push(`server health under load failed: ${(err as Error).message}`);
  } finally {
    await app?.stop();
  }
}

async function embedded(seed: Seed) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridatlas-bench-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = path.join(dir, 'pglite');
  log(`embedded engine: loading the city into ${dataDir}…`);
  const db = await openDatabase({ databaseUrl: null, dataDir });
  try {
    await migrate(db);
    const seconds = await loadCity(db, seed);
    report.cityLoad.push({ engine: 'embedded', seconds: Number(seconds.toFixed(1)), targetS: TARGETS.cityLoadS, measured: `seed (scale ${scale}) into a fresh, migrated data dir` });
    log(`embedded: city loaded in ${seconds.toFixed(1)} s; tiles…`);
    if (runs('tiles')) await benchTilesOn(db, 'js', 'embedded');
    if (runs('topology')) report.topology.push(await benchTopology(db, { rounds, log }));
    if (runs('groundwork')) report.groundwork.push(await benchGroundwork(db, { rounds, encoder: 'js', log }));
    if (runs('authorization')) report.authorization.push(await benchAuthorization(db, { rounds, log }));
    if (runs('workflow')) report.workflow.push(await benchWorkflow(db, { rounds, encoder: 'js', log }));
    if (runs('incidents')) report.incidents.push(await benchIncidents(db, { quick, log }));
    if (runs('rebalance')) report.rebalance.push(await benchRebalance(db, { rounds, log }));
    if (runs('opendata')) report.openData.push(await benchOpenData(db, { engine: 'embedded', rounds, log }));
  } finally {
    await db.close();
  }
  if (flag('skip-cold-start')) report.coldStart = { skipped: '--skip-cold-start' };
  else await coldStartAndHttp(dataDir);
}

async function server(url: string, seed: Seed) {
  const name = `gridatlas_bench_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
  await admin.script(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await admin.script(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  log(`server engine: loading the city into database ${name}…`);
  const db = await openDatabase({ databaseUrl: target.toString(), dataDir: '' });
  try {
    await migrate(db);
    const seconds = await loadCity(db, seed);
    report.cityLoad.push({ engine: 'server', seconds: Number(seconds.toFixed(1)), targetS: TARGETS.cityLoadS, measured: `seed (scale ${scale}) into a fresh, migrated database` });
    log(`server: city loaded in ${seconds.toFixed(1)} s; tiles…`);
    await db.script('ANALYZE');
    if (runs('tiles')) {
      await benchTilesOn(db, 'postgis', 'server');
      await benchTilesOn(db, 'js', 'server');
    }
    if (runs('topology')) report.topology.push(await benchTopology(db, { rounds, log }));
    if (runs('groundwork')) report.groundwork.push(await benchGroundwork(db, { rounds, encoder: 'postgis', log }));
    if (runs('authorization')) report.authorization.push(await benchAuthorization(db, { rounds, log }));
    if (runs('workflow')) report.workflow.push(await benchWorkflow(db, { rounds, encoder: 'postgis', log }));
    if (runs('incidents')) report.incidents.push(await benchIncidents(db, { quick, log }));
    if (runs('rebalance')) report.rebalance.push(await benchRebalance(db, { rounds, log }));
    if (runs('opendata')) report.openData.push(await benchOpenData(db, { engine: 'server', rounds, log }));
  } finally {
    await db.close();
  }
  // The app on this database serves the health and command-map figures only.
  if (!flag('skip-cold-start') && (runs('tiles') || runs('groundwork') || runs('incidents'))) await serverHttp(target.toString());
  // Last, because it leaves its rows behind: the bulk import of standard addresses (its target is for
  // this engine only; the embedded engine's import is exercised by the tests, not timed here).
  if (runs('import')) {
    const again = await openDatabase({ databaseUrl: target.toString(), dataDir: '' });
    try {
      report.addressImport.push(await benchAddressImport(again, { engine: 'server', rows: option('import-rows', quick ? 100_000 : ADDRESS_IMPORT_TARGETS.rows), log }));
    } finally {
      await again.close();
    }
  }
}

function printTable() {
  const lines: string[] = [];
  lines.push(`GridAtlas bench — ${report.when} — ${report.machine.cpus} CPUs, Node ${report.machine.node}`);
  lines.push(`City: Nanjing demo city, scale ${report.city.scale}`);
  for (const l of report.cityLoad) lines.push(`City load (${l.engine}): ${l.seconds} s   [target < ${l.targetS} s: ${l.seconds < l.targetS ? 'met' : 'MISSED'}]`);
  const cs = report.coldStart;
  if (cs && 'seconds' in cs) lines.push(`Cold start (embedded, npm start -> healthy): ${cs.seconds} s`);
  else if (cs) lines.push(`Cold start: skipped (${cs.skipped})`);
  lines.push('');
  lines.push('Tiles, layer grids              engine    zoom tiles samples  p50 ms  p95 ms  mean B   max B  empty  target p95');
  for (const f of report.tiles) {
    const target = f.path.startsWith('HTTP, warm') ? '' : f.engine === 'server' ? `< ${TARGETS.tileP95MsServer} ms` : `< ${TARGETS.tileP95MsEmbedded} ms`;
    const limit = f.engine === 'server' ? TARGETS.tileP95MsServer : TARGETS.tileP95MsEmbedded;
    const verdict = target ? (f.p95Ms < limit ? ' met' : ' MISSED') : '';
    lines.push(
      `${f.path.padEnd(32)}${f.engine.padEnd(10)}${String(f.zoom).padStart(4)}${String(f.tiles).padStart(6)}${String(f.samples).padStart(8)}` +
        `${f.p50Ms.toFixed(1).padStart(8)}${f.p95Ms.toFixed(1).padStart(8)}${String(f.meanBytes).padStart(8)}${String(f.maxBytes).padStart(8)}${String(f.emptyTiles).padStart(7)}  ${target}${verdict}`,
    );
  }
  lines.push('');
  lines.push('Topology (validate)             engine    grids   best ms  median ms  target   naive ms  naive/engine');
  for (const t of report.topology) {
    lines.push(
      `${'whole city, grids in force'.padEnd(32)}${t.engine.padEnd(10)}${String(t.grids).padStart(5)}${String(t.city.bestMs).padStart(10)}${String(t.city.medianMs).padStart(11)}` +
        `  < ${t.targets.cityMs} ms ${t.targets.cityMet ? 'met' : 'MISSED'}${String(t.naive.ms ?? '-').padStart(9)}  ${t.naive.ratioToEngine ?? '-'}`,
    );
    lines.push(
      `${'one street draft after an edit'.padEnd(32)}${t.engine.padEnd(10)}       p50 ${t.streetEdit.p50Ms} ms, p95 ${t.streetEdit.p95Ms} ms` +
        (t.targets.streetP95Ms ? `  [target p95 < ${t.targets.streetP95Ms} ms: ${t.targets.streetMet ? 'met' : 'MISSED'}]` : ''),
    );
  }
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  lines.push('');
  lines.push('Search (12 results)              engine    query     p50 ms  p95 ms   target p95   before: p50 ms  p95 ms  (5 sequential ILIKE, no trigram index)');
  for (const g of report.groundwork) {
    for (const [label, now, before] of [
      ['2 characters', g.search.twoChars, g.search.baselineTwoChars],
      ['6 characters', g.search.sixChars, g.search.baselineSixChars],
    ] as const) {
      lines.push(
        `${''.padEnd(33)}${g.engine.padEnd(10)}${label.padEnd(10)}${now.p50Ms.toFixed(1).padStart(6)}${now.p95Ms.toFixed(1).padStart(8)}   < ${g.search.targetP95Ms} ms ${verdict(now.p95Ms < g.search.targetP95Ms)}` +
          `${before.p50Ms.toFixed(1).padStart(13)}${before.p95Ms.toFixed(1).padStart(8)}`,
      );
    }
    lines.push(
      `${'Key site details'.padEnd(33)}${g.engine.padEnd(10)}p50 ${g.keySite.current.p50Ms} ms, p95 ${g.keySite.current.p95Ms} ms [target p50 < ${g.keySite.targetP50Ms} ms: ${verdict(g.keySite.current.p50Ms < g.keySite.targetP50Ms)}]; before (ST_DWithin on geography): p50 ${g.keySite.baseline.p50Ms} ms, p95 ${g.keySite.baseline.p95Ms} ms`,
    );
    lines.push(
      `${`Incident tile ${g.incidentTile.tile}`.padEnd(33)}${g.engine.padEnd(10)}${g.incidentTile.bounded.features} features, ${g.incidentTile.bounded.bytes} B, ${g.incidentTile.bounded.ms} ms; before (unbounded): ${g.incidentTile.unbounded.features} features, ${g.incidentTile.unbounded.bytes} B, ${g.incidentTile.unbounded.ms} ms`,
    );
    lines.push(
      `${'Warm tile, data version reads'.padEnd(33)}${g.engine.padEnd(10)}read once: p50 ${g.tileVersionReads.warmOnce.p50Ms} ms, p95 ${g.tileVersionReads.warmOnce.p95Ms} ms; before (read twice): p50 ${g.tileVersionReads.warmTwice.p50Ms} ms, p95 ${g.tileVersionReads.warmTwice.p95Ms} ms`,
    );
  }
  lines.push('');
  lines.push('/api/health                      engine    idle p50/p95 ms   under load p50/p95/max ms   target p95   load');
  for (const h of report.health) {
    lines.push(
      `${''.padEnd(33)}${h.engine.padEnd(10)}${`${h.idle.p50Ms} / ${h.idle.p95Ms}`.padEnd(18)}${`${h.busy.p50Ms} / ${h.busy.p95Ms} / ${h.busy.maxMs}`.padEnd(28)}< ${h.targetP95Ms} ms ${verdict(h.met)}` +
        `   ${h.load.clients} clients, ${h.load.batches} batches of ${h.load.callsPerBatch} searches (p50 ${h.load.batchP50Ms} ms), ${h.load.refusedBatchesOf60} batches of 60 refused, ${h.load.errors} errors, ${h.busy.failures} health failures`,
    );
  }
  lines.push('');
  lines.push('Authorization check per request  engine    procedure (account)                      p50 ms  p95 ms   target p95   beside: SELECT 1 p50/p95 ms');
  for (const a of report.authorization) {
    for (const c of a.checks) {
      lines.push(
        `${''.padEnd(33)}${a.engine.padEnd(10)}${`${c.procedure} (${c.account})`.padEnd(41)}${c.p50Ms.toFixed(1).padStart(6)}${c.p95Ms.toFixed(1).padStart(8)}   < ${a.targetP95Ms} ms ${verdict(c.p95Ms < a.targetP95Ms)}` +
          `   ${a.baselineSelect1.p50Ms} / ${a.baselineSelect1.p95Ms}`,
      );
    }
  }
  lines.push('');
  lines.push('Workflow (issue 9)               engine    figure');
  for (const w of report.workflow) {
    const pad = `${''.padEnd(33)}${w.engine.padEnd(10)}`;
    lines.push(`${pad}filing ${w.street.name} (${w.street.grids} grids, ${w.street.reshaped} vertex moves): ${w.filingMs} ms, one transaction with the topology digest`);
    lines.push(`${pad}diff + impact table: p50 ${w.diffMs.p50Ms} ms, p95 ${w.diffMs.p95Ms} ms (${w.diffMs.changes} changed grids, ${w.diffMs.addressesMoved} addresses change grid)`);
    const a = w.asOfTile;
    lines.push(`${pad}as-of tile ${a.tile} (cold): before filing ${a.beforeFiling.p50Ms} ms; after, as of yesterday ${a.afterFilingAsOfYesterday.p50Ms} ms (${a.afterFilingAsOfYesterday.bytes} B), now ${a.afterFilingNow.p50Ms} ms (${a.afterFilingNow.bytes} B)`);
    lines.push(`${pad}50 simultaneous conflicting saves: ${w.conflict.succeeded} succeeded, ${w.conflict.conflicts} conflicts, ${w.conflict.other} other; version +${w.conflict.finalVersionGain}  [target 1 / 49 / 0: ${verdict(w.conflict.succeeded === 1 && w.conflict.conflicts === 49)}]`);
  }
  lines.push('');
  lines.push('Incident loop (issue 10)         engine    figure');
  for (const f of report.incidents) {
    const pad = `${''.padEnd(33)}${f.engine.padEnd(10)}`;
    const i = f.intake;
    lines.push(`${pad}intake with grid + worker: ${i.perSecond}/s sustained over ${i.seconds} s (${i.reports} reports, ${i.concurrency} callers, p95 ${i.p95Ms} ms; ${i.withGrid} with a grid, ${i.withWorker} with a worker)  [target >= ${INCIDENT_TARGETS.intakePerS}/s: ${verdict(i.met)}]`);
    const p = f.positions;
    lines.push(`${pad}positions: ${p.acceptedPerS}/s accepted of ${p.offeredPerS}/s offered (${p.workers} workers); on the live map after p50 ${p.visibleP50Ms} ms, p95 ${p.visibleP95Ms} ms, max ${p.visibleMaxMs} ms  [target >= ${INCIDENT_TARGETS.positionsPerS}/s within ${INCIDENT_TARGETS.positionsVisibleMs} ms: ${verdict(p.met)}]`);
    const s = f.subscribers;
    lines.push(`${pad}${s.count} feed subscribers (tRPC SSE handler): ${s.deliveries}/${s.expected} deliveries of ${s.events} events, commit -> arrival p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms  [target all, p95 < ${INCIDENT_TARGETS.subscriberP95Ms} ms: ${verdict(s.met)}]`);
  }
  for (const c of report.commandFrame) {
    lines.push(
      `${''.padEnd(33)}${c.engine.padEnd(10)}command map in Chromium (SwiftShader): ${c.incidentsLoaded} cases loaded in ${c.loadSeconds} s, ${c.workers} workers; ` +
        `frame time while dragging and zooming p50 ${c.frameP50Ms} ms, p95 ${c.frameP95Ms} ms, max ${c.frameMaxMs} ms over ${c.frames} frames (${Math.round(c.over50msShare * 100)}% over 50 ms); baseline with no case loaded p50 ${c.baselineP50Ms} ms, p95 ${c.baselineP95Ms} ms  [target ${FRAME_TARGETS.incidents} cases, p95 < ${FRAME_TARGETS.frameP95Ms} ms: ${verdict(c.met)}]`,
    );
  }
  if (report.rebalance.length) {
    lines.push('');
    lines.push(...rebalanceLines(report.rebalance));
  }
  if (report.openData.length) {
    lines.push('');
    lines.push(...openDataLines(report.openData));
  }
  if (report.addressImport.length) {
    lines.push('');
    lines.push(...addressImportLines(report.addressImport));
  }
  for (const n of report.notes) lines.push(`Note: ${n}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const stop = () => {
    log('interrupted: cleaning up');
    void runCleanups().then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const seed = demoCitySeed();
  try {
    if (!flag('skip-embedded')) await embedded(seed);
    if (serverUrl && !flag('skip-server')) await server(serverUrl, seed);
    else report.notes.push(serverUrl ? 'server engine skipped (--skip-server)' : 'server engine skipped: set BENCH_DATABASE_URL or DATABASE_URL');
  } finally {
    await runCleanups();
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
  printTable();
}

async function runCleanups() {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await c();
    } catch (err) {
      log(`cleanup failed: ${(err as Error).message}`);
    }
  }
}

main().catch((err) => {
  console.error('[bench] failed:', err);
  process.exit(1);
});
