import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config';
import { detectCapabilities, type PostgisCapabilities } from './capabilities';
import { openDatabase, type Db } from './engine';
import { migrate } from './migrate';

export type { Db, Executor, EngineKind } from './engine';

export interface Database {
  db: Db;
  capabilities: PostgisCapabilities;
}

// One database per process. Kept on globalThis because the custom server (scripts/start.ts) and the
// Next.js route bundles each load their own copy of this module, and the embedded engine's data
// directory must only ever be opened once.
const globalKey = Symbol.for('gridatlas.database');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Claims the embedded data directory for this process. A second process (a stray `next build` worker,
 * a second `npm start`) gets a clear error instead of corrupting the files.
 */
export function lockDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  try {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && pidAlive(holder)) {
      throw new Error(`The embedded database at ${dataDir} is in use by process ${holder}. Stop it first.`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(lockFile, String(process.pid));
  process.once('exit', () => rmSync(lockFile, { force: true }));
}

/** Opens the configured engine, applies migrations and detects capabilities. */
export async function connect(): Promise<Database> {
  const config = readConfig();
  if (!config.databaseUrl) lockDataDir(config.dataDir);
  const db = await openDatabase(config);
  await migrate(db);
  return { db, capabilities: await detectCapabilities(db) };
}

/** The process-wide database, opened on first use. */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= connect().catch((err) => {
    delete g[globalKey];
    throw err;
  });
  return g[globalKey]!;
}

/**
 * Makes `database` the process-wide one, for a process that opened its own (a test's throwaway database
 * served through the real HTTP handlers). Never called by the app itself.
 */
export function provideDatabase(database: Database): void {
  (globalThis as GlobalWithDb)[globalKey] = Promise.resolve(database);
}
