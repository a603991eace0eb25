/**
 * The live map's workers: a snapshot of the workers in the caller's scope, then every batch of
 * positions as it is written, filtered to the scope in memory (one write, any number of subscribers).
 * Positions are state, not events: a reconnect starts from a fresh snapshot, which is the truth.
 */
import { codeInScope, scopePatterns, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { codeMatchesSql } from '../data/sql';
import { LiveQueue } from '../events/live-queue';
import { positionEvents, workerLoadSql, type LivePosition, type PositionBatch } from './positions';

/** Whether the scope covers a worker: their community lies in it, or it is the worker themself. */
export const workerInScope = (scope: Scope, w: { workerId: number; communityCode: string }) =>
  scope.all || codeInScope(scope, w.communityCode) || scope.workerIds.includes(w.workerId);

/** Every worker of the scope with a known position. */
export async function positionSnapshot(db: Executor, scope: Scope): Promise<LivePosition[]> {
  return db.query<LivePosition>(
    `SELECT w.id AS "workerId", w.name, w.employment, c.code AS "communityCode", ST_X(w.position) AS lon, ST_Y(w.position) AS lat,
            w.position_at AS at, w.on_duty AS "onDuty", ${workerLoadSql('w')} AS load
       FROM grid_worker w JOIN community c ON c.id = w.community_id
      WHERE w.position IS NOT NULL AND (${codeMatchesSql('c.code', '$1')} OR w.id = ANY ($2::int[]))
      ORDER BY w.id`,
    [scopePatterns(scope), scope.all ? [] : scope.workerIds],
  );
}

/** The snapshot, then each written batch of the scope's workers, until `signal` aborts or `stillAllowed` says no. */
export async function* subscribePositions(opts: {
  db: Executor;
  scope: Scope;
  signal: AbortSignal | undefined;
  stillAllowed: () => Promise<boolean>;
}): AsyncGenerator<{ at: Date; positions: LivePosition[]; snapshot: boolean }> {
  const queue = new LiveQueue<PositionBatch>(opts.signal, opts.stillAllowed);
  const events = positionEvents();
  const onBatch = (b: PositionBatch) => queue.push(b);
  events.on('batch', onBatch);
  try {
    yield { at: new Date(), positions: await positionSnapshot(opts.db, opts.scope), snapshot: true };
    for (let batch = await queue.next(); batch; batch = await queue.next()) {
      const mine = batch.positions.filter((p) => workerInScope(opts.scope, p));
      if (mine.length > 0) yield { at: batch.at, positions: mine, snapshot: false };
    }
  } finally {
    events.off('batch', onBatch);
    queue.close();
  }
}
