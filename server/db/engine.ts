import type { AppConfig } from '../config';
import { SwallowedQueryError } from './errors';

export type EngineKind = 'embedded' | 'server';

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Executor {
  /** A statement that returns rows (SELECT, or anything with RETURNING). Parameters are always bound. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A statement run for its effect; returns the number of rows it touched. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations, seed DDL). */
  script(sql: string): Promise<void>;
}

export interface Db extends Executor {
  readonly engine: EngineKind;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface RawResult {
  rows: unknown[];
  fields: readonly unknown[];
  affected: number;
}

type RawRun = (sql: string, params: readonly unknown[]) => Promise<RawResult>;

function executorOver(run: RawRun, script: (sql: string) => Promise<void>): Executor {
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

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Opens the server engine (PostgreSQL + PostGIS over `pg`). Bigints and numerics come back as JS numbers
 * on both engines: counts and areas here stay far below 2^53.
 */
async function openServer(url: string): Promise<Db> {
  const pg = await import('pg');
  const { Pool, types } = pg.default ?? pg;
  types.setTypeParser(INT8, (v: string) => Number(v));
  types.setTypeParser(NUMERIC, (v: string) => Number(v));
  // No JIT: the app's statements are interactive (tiles, edits, look-ups), and compiling one costs
  // 100-200 ms, more than running it (an incident density tile: 28 ms to run, 184 ms to compile). The
  // topology engine's big statements gain nothing from it either (measured: the same whole-city time).
  // Sent at connection start; `options` in DATABASE_URL, if any, takes precedence.
  const pool = new Pool({ connectionString: url, max: 8, options: '-c jit=off' });
  await pool.query('SELECT 1');
  const runOn =
    (client: { query: (q: { text: string; values: unknown[] }) => Promise<{ rows: unknown[]; fields: unknown[]; rowCount: number | null }> }): RawRun =>
    async (sql, params) => {
      const r = await client.query({ text: sql, values: [...params] });
      return { rows: r.rows, fields: r.fields ?? [], affected: r.rowCount ?? 0 };
    };
  const base = executorOver(runOn(pool), async (sql) => {
    await pool.query(sql);
  });
  return {
    engine: 'server',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(
          executorOver(runOn(client), async (sql) => {
            await client.query(sql);
          }),
        );
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Opens the embedded engine (PGlite with PostGIS). `dataDir` null keeps everything in memory (tests).
 * Only one process may own a data directory; the caller guarantees that (see server/db/index.ts).
 */
async function openEmbedded(dataDir: string | null): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const parsers = { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) };
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { postgis },
    parsers,
  });
  const runOn =
    (q: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; fields: unknown[]; affectedRows?: number }> }): RawRun =>
    async (sql, params) => {
      const r = await q.query(sql, [...params]);
      return { rows: r.rows, fields: r.fields ?? [], affected: r.affectedRows ?? 0 };
    };
  const base = executorOver(runOn(pg), async (sql) => {
    await pg.exec(sql);
  });
  return {
    engine: 'embedded',
    ...base,
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn(
          executorOver(runOn(tx), async (sql) => {
            await tx.exec(sql);
          }),
        ),
      ),
    async close() {
      await pg.close();
    },
  };
}

export async function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>, opts: { inMemory?: boolean } = {}): Promise<Db> {
  if (config.databaseUrl) return openServer(config.databaseUrl);
  return openEmbedded(opts.inMemory ? null : config.dataDir);
}
