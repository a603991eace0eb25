import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import { SwallowedQueryError } from './errors';
import { Semaphore, yieldToIo } from './semaphore';
import { allTextParsers, SCALAR_PARSERS } from './types';

export type EngineKind = 'embedded' | 'server';

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Executor {
  readonly engine: EngineKind;
  /** A statement that returns rows (SELECT, or anything with RETURNING). Parameters are always bound. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A statement run for its effect; returns the number of rows it touched. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations, seed DDL). */
  script(sql: string): Promise<void>;
  /**
   * Runs fn in a transaction: committed when fn resolves, rolled back when it throws. Called on an open
   * transaction it runs fn in a savepoint, so one filing can run several edit operations as one unit and
   * still undo the failed one alone. Statements of one transaction run one at a time, in order.
   */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}

/** How the last liveness probe was answered (for /api/health). */
export interface ProbeResult {
  /** 'probe': a statement just ran; 'recent': another statement finished moments ago. */
  via: 'probe' | 'recent';
  ms: number;
}

export interface Db extends Executor {
  /**
   * Proves the database answers without waiting behind the app's own work: the server engine keeps a
   * connection of its own for it; the embedded engine (one session for everything) counts a statement
   * that finished in the last few seconds as the answer, and runs `SELECT 1` otherwise.
   */
  probe(): Promise<ProbeResult>;
  close(): Promise<void>;
}

interface RawResult {
  rows: unknown[];
  fields: readonly unknown[];
  affected: number;
}

type RawRun = (sql: string, params: readonly unknown[]) => Promise<RawResult>;

/** One open session of either engine, as the transaction logic needs it. */
interface Session {
  run: RawRun;
  script(sql: string): Promise<void>;
}

/** Where an embedded Db keeps its PGlite instance, for dumpEmbedded only. */
const PGLITE = Symbol('gridatlas.pglite');

/** How long a finished statement counts as proof of life for the embedded engine's probe. */
const RECENT_MS = 2000;

/**
 * The Executor of a session inside a transaction at savepoint depth `depth` (0 = the transaction
 * itself). Nested transactions are savepoints named after their depth.
 */
function transactionExecutor(engine: EngineKind, session: Session, depth: number): Executor {
  return {
    engine,
    ...executorOver(session.run, session.script),
    async transaction(fn) {
      const name = `sp_${depth + 1}`;
      await session.run(`SAVEPOINT ${name}`, []);
      try {
        const result = await fn(transactionExecutor(engine, session, depth + 1));
        await session.run(`RELEASE SAVEPOINT ${name}`, []);
        return result;
      } catch (err) {
        await session.run(`ROLLBACK TO SAVEPOINT ${name}`, []);
        await session.run(`RELEASE SAVEPOINT ${name}`, []);
        throw err;
      }
    },
  };
}

function executorOver(run: RawRun, script: (sql: string) => Promise<void>): Omit<Executor, 'transaction' | 'engine'> {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await run(sql, params);
      // A row-returning statement always describes its columns, even with zero rows.
      if (result.fields.length === 0) throw new SwallowedQueryError(sql);
      return result.rows as T[];
    },
    async execute(sql: string, params: readonly unknown[] = []) {
      return (await run(sql, params)).affected;
    },
    script,
  };
}

interface PgClientLike {
  query: (q: { text: string; values: unknown[] }) => Promise<{ rows: unknown[]; fields: unknown[]; rowCount: number | null }>;
}

const runOnPg =
  (client: PgClientLike): RawRun =>
  async (sql, params) => {
    const r = await client.query({ text: sql, values: [...params] });
    return { rows: r.rows, fields: r.fields ?? [], affected: r.rowCount ?? 0 };
  };

/** Opens the server engine (PostgreSQL + PostGIS over `pg`). */
async function openServer(url: string): Promise<Db> {
  const pg = await import('pg');
  const { Pool } = pg.default ?? pg;
  const parsers = allTextParsers();
  const builtins = (pg.default ?? pg).types;
  // Per pool, not the global registry: our parsers for our types, pg's own for the rest.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      (format ?? 'text') === 'text' && parsers[oid] ? parsers[oid]! : builtins.getTypeParser(oid, format as 'text'),
  };
  // No JIT: the app's statements are interactive (tiles, edits, look-ups), and compiling one costs
  // 100-200 ms, more than running it (an incident density tile: 28 ms to run, 184 ms to compile). The
  // topology engine's big statements gain nothing from it either (measured: the same whole-city time).
  // DateStyle ISO is what the timestamp parser reads. Sent at connection start; `options` in
  // DATABASE_URL, if any, takes precedence.
  const options = '-c jit=off -c DateStyle=ISO';
  const pool = new Pool({ connectionString: url, max: 8, options, types });
  // The probe's own connection: /api/health answers even when every pooled connection is busy.
  const probePool = new Pool({ connectionString: url, max: 1, options, types });
  // An idle connection the server drops (a restart, an administrator) is discarded by the pool; without
  // a listener its 'error' event would end the process.
  for (const p of [pool, probePool]) p.on('error', (err) => console.error('[db] a pooled connection failed:', err.message));
  await pool.query('SELECT 1');
  const base = executorOver(runOnPg(pool), async (sql) => {
    await pool.query(sql);
  });
  return {
    engine: 'server',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      const session: Session = {
        run: runOnPg(client),
        script: async (sql) => {
          await client.query(sql);
        },
      };
      let broken: Error | undefined;
      // The server may drop the connection mid-transaction: the failing statement reports it, and the
      // client's own 'error' event must not end the process.
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(transactionExecutor('server', session, 0));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot roll back is in an unknown state: it must not serve anyone else.
          broken = rollbackError as Error;
        }
        throw err;
      } finally {
        client.off('error', onError);
        // release(error) destroys the client instead of returning it to the pool.
        client.release(broken);
      }
    },
    async probe() {
      const t0 = performance.now();
      await probePool.query('SELECT 1');
      return { via: 'probe', ms: performance.now() - t0 };
    },
    async close() {
      await Promise.all([pool.end(), probePool.end()]);
    },
  };
}

interface PgliteQueryable {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; fields: unknown[]; affectedRows?: number }>;
  exec: (sql: string) => Promise<unknown>;
}

/**
 * Opens the embedded engine (PGlite with PostGIS). `dataDir` null keeps everything in memory (tests).
 * Only one process may own a data directory; the caller guarantees that (see server/db/index.ts).
 */
async function openEmbedded(dataDir: string | null, loadDataDir?: Blob): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  // PGlite applies an element type's parser to arrays of it itself.
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { postgis, pg_trgm, btree_gist },
    parsers: { ...SCALAR_PARSERS },
  });
  let lastFinished = 0;
  const runOn =
    (q: PgliteQueryable): RawRun =>
    async (sql, params) => {
      try {
        const r = await q.query(sql, [...params]);
        return { rows: r.rows, fields: r.fields ?? [], affected: r.affectedRows ?? 0 };
      } finally {
        lastFinished = performance.now();
      }
    };
  const sessionOf = (q: PgliteQueryable): Session => ({
    run: runOn(q),
    script: async (sql) => {
      await q.exec(sql);
    },
  });
  // PGlite runs in this very thread, one statement at a time, and while one runs nothing else in the
  // process does. Statements (and whole transactions) therefore take turns here, in order, with a turn
  // of the event loop between two of them: a new request, /api/health, a timer get to run after each
  // statement instead of after the whole queue of a busy moment has drained.
  const turns = new Semaphore(1);
  const inTurn = <T>(fn: () => Promise<T>) =>
    turns.run(async () => {
      await yieldToIo();
      return fn();
    });
  const raw = sessionOf(pg);
  const top: Session = { run: (sql, params) => inTurn(() => raw.run(sql, params)), script: (sql) => inTurn(() => raw.script(sql)) };
  const embedded: Db & { [PGLITE]: typeof pg } = {
    engine: 'embedded',
    [PGLITE]: pg,
    ...executorOver(top.run, top.script),
    // One turn for the whole transaction; PGlite's transaction() holds its one session exclusively and
    // rolls back when fn throws. (Calling the top-level Db from inside fn would wait for this very turn.)
    transaction: (fn) => inTurn(() => pg.transaction((tx) => fn(transactionExecutor('embedded', sessionOf(tx), 0)))),
    async probe() {
      const t0 = performance.now();
      // One session serves everything: a probe would queue behind the running statement, so a statement
      // that just finished is the proof the engine answers.
      if (t0 - lastFinished < RECENT_MS) return { via: 'recent', ms: 0 };
      await inTurn(() => pg.query('SELECT 1'));
      lastFinished = performance.now();
      return { via: 'probe', ms: lastFinished - t0 };
    },
    async close() {
      await pg.close();
    },
  };
  return embedded;
}

/**
 * Opens the configured engine. `inMemory`: the embedded engine keeps nothing on disk (tests, the CLI);
 * `loadDataDir`: it starts from a dump of another embedded database (PGlite's dumpDataDir), e.g. the tests'
 * migrated template, instead of an empty cluster.
 */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  opts: { inMemory?: boolean; loadDataDir?: Blob } = {},
): Promise<Db> {
  if (config.databaseUrl) return openServer(config.databaseUrl);
  const dataDir = opts.inMemory ? null : config.dataDir;
  return openEmbedded(dataDir, opts.loadDataDir ?? templateForNewCluster(dataDir));
}

/**
 * GRIDATLAS_EMBEDDED_TEMPLATE, a test aid: the path of a dump (dumpEmbedded) that a *new* embedded
 * cluster (in memory, or a data dir not created yet) starts from instead of an empty one. The test suite
 * sets it for the CLI processes it starts (`gridatlas validate`, `db:reset`), pointing at the run's
 * migrated template (server/testing/template.ts): each process then skips building the schema from
 * scratch (~8 s of initdb and migrations per process here), and its migrate() still applies whatever
 * the dump lacks. Unset, as it is for `npm start` and the CLIs in use, nothing changes: a new cluster
 * is created empty and migrated. An existing data dir is never touched by it.
 */
function templateForNewCluster(dataDir: string | null): Blob | undefined {
  const file = process.env.GRIDATLAS_EMBEDDED_TEMPLATE?.trim();
  if (!file) return undefined;
  if (dataDir && existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  // Named but missing is a mistake of the caller: said so, instead of silently building from scratch.
  if (!existsSync(file)) throw new Error(`GRIDATLAS_EMBEDDED_TEMPLATE names a file that does not exist: ${file}`);
  return new Blob([readFileSync(file)]);
}

/** A gzipped dump of an embedded database's files, to open copies of it (see openDatabase). */
export async function dumpEmbedded(db: Db): Promise<Blob> {
  const pg = (db as Db & { [PGLITE]?: { dumpDataDir(c: 'gzip'): Promise<Blob> } })[PGLITE];
  if (!pg) throw new Error('only an embedded database can be dumped');
  return pg.dumpDataDir('gzip');
}
