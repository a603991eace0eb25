/**
 * Automatic escalation (督办): a case whose stage deadline has passed is escalated once per stage, with
 * a system event in its history; the map and the lists flag it from then on. The scheduler runs this
 * every minute (server/jobs/scheduler.ts); each run escalates everything overdue at its moment, so a run
 * after a stop catches up on every tick it missed.
 */
import type { Executor } from '../db';
import { announceIncidentEvents } from './store';

const BATCH = 500;

/** Escalates every case overdue at `at` that was not yet escalated for its current deadline; returns how many. */
export async function escalateOverdue(db: Executor, at: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.transaction((tx) =>
      tx.query<{ incident_id: number }>(
        `WITH due AS (
           SELECT id FROM incident
            WHERE stage_due_at < $1::timestamptz AND escalated_due_at IS DISTINCT FROM stage_due_at
            ORDER BY stage_due_at LIMIT $2::int FOR UPDATE SKIP LOCKED),
         up AS (
           UPDATE incident i SET escalated = true, escalation_level = i.escalation_level + 1, escalated_due_at = i.stage_due_at
             FROM due WHERE i.id = due.id
           RETURNING i.id, i.status, i.stage_due_at, i.escalation_level)
         INSERT INTO incident_event (incident_id, at, action, from_status, to_status, actor_kind, actor_name, detail)
         SELECT id, $1, 'escalate', status, status, 'system', '系统督办', jsonb_build_object('stageDueAt', stage_due_at, 'level', escalation_level)
           FROM up
         RETURNING incident_id`,
        [at, BATCH],
      ),
    );
    total += rows.length;
    if (rows.length > 0) announceIncidentEvents();
    if (rows.length < BATCH) return total;
  }
}
