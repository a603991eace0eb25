/**
 * A request's share of the database. tRPC runs the calls of one batched request concurrently, and a
 * careless or hostile client can batch many: without a bound, one request holds every pooled connection
 * (one GET of 60 searches held all 8 for seconds) and everyone else waits. Each request gets a Db that
 * runs at most REQUEST_CONNECTION_SHARE statements (or transactions) at a time; the rest of its calls queue here, not in
 * the pool, so other requests keep their turn.
 */
import type { Db, Executor } from './engine';
import { Semaphore } from './semaphore';

/** Statements one request may have running at once (the server pool has 8 connections). */
export const REQUEST_CONNECTION_SHARE = 2;

/** `db` as one request sees it: the same engine, at most REQUEST_CONNECTION_SHARE statements or transactions at a time. */
export function requestShare(db: Db): Db {
  const gate = new Semaphore(REQUEST_CONNECTION_SHARE);
  const shared: Db = {
    engine: db.engine,
    query: (sql, params) => gate.run(() => db.query(sql, params)),
    execute: (sql, params) => gate.run(() => db.execute(sql, params)),
    script: (sql) => gate.run(() => db.script(sql)),
    // A transaction holds one permit throughout; its own statements run on its connection.
    transaction: <T>(fn: (tx: Executor) => Promise<T>) => gate.run(() => db.transaction(fn)),
    probe: () => db.probe(),
    // The request does not own the database: closing its share closes nothing.
    close: async () => undefined,
  };
  return shared;
}
