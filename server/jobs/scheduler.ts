/**
 * The app's scheduled work on a durable job queue in its own database (pg-boss, schema `pgboss`), the
 * same on both engines: pg-boss speaks to the database through the app's own connection, so the embedded
 * engine keeps its single owner. Schedules and jobs are rows: they survive a restart, and a job missed
 * while the app was down runs when it is back (each job does everything due at its moment).
 *
 * Jobs: incident escalation (督办) every minute, and once at start to catch up; the positions' day
 * partitions (the next days made ahead, those past the retention period dropped) daily and at start.
 */
import PgBoss from 'pg-boss';
import { now } from '../clock';
import type { Db } from '../db';
import { SwallowedQueryError } from '../db/errors';
import { escalateOverdue } from '../incidents/escalation';
import { dropExpiredPartitions, ensurePartitions } from '../field/positions';
import { readSettings } from '../settings';

export const ESCALATION_QUEUE = 'incident-escalation';
export const PARTITIONS_QUEUE = 'position-partitions';

/** Today's and the next two days' partitions exist; days past the retention period are dropped. */
export async function maintainPositionPartitions(db: Db, at: Date): Promise<{ made: number; dropped: number }> {
  const { fieldWork } = await readSettings(db);
  const made = await ensurePartitions(db, at, new Date(at.getTime() + 2 * 86_400_000));
  const dropped = await dropExpiredPartitions(db, at, fieldWork.positionRetentionDays);
  return { made, dropped };
}

/** pg-boss's database adapter over the app's Db: parameterised statements, or scripts of several. */
function bossDb(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      try {
        return { rows: await db.query(text, values) };
      } catch (e) {
        // The statement ran but returns no rows (DDL, a plain UPDATE).
        if (e instanceof SwallowedQueryError) return { rows: [] };
        // A script of several statements (pg-boss's schema migrations) cannot be prepared.
        if (values.length === 0 && /multiple commands|cannot insert multiple/i.test(String((e as Error).message))) {
          await db.script(text);
          return { rows: [] };
        }
        throw e;
      }
    },
  };
}

export interface Scheduler {
  boss: PgBoss;
  stop(): Promise<void>;
}

export const schedulerEnabled = (env: NodeJS.ProcessEnv = process.env) => env.GRIDATLAS_SCHEDULER?.trim().toLowerCase() !== 'off';

export async function startScheduler(db: Db, log: (message: string) => void = () => {}): Promise<Scheduler> {
  const boss = new PgBoss({ db: bossDb(db), schema: 'pgboss', supervise: true, schedule: true });
  boss.on('error', (e) => log(`scheduler: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  await boss.createQueue(ESCALATION_QUEUE, { name: ESCALATION_QUEUE, policy: 'singleton', retryLimit: 3, expireInSeconds: 300 });
  await boss.schedule(ESCALATION_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(ESCALATION_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const n = await escalateOverdue(db, now());
    if (n > 0) log(`escalated ${n} overdue incident(s)`);
  });
  await boss.send(ESCALATION_QUEUE, {});
  await boss.createQueue(PARTITIONS_QUEUE, { name: PARTITIONS_QUEUE, policy: 'singleton', retryLimit: 3, expireInSeconds: 600 });
  await boss.schedule(PARTITIONS_QUEUE, '5 0 * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.work(PARTITIONS_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    const { made, dropped } = await maintainPositionPartitions(db, now());
    if (made + dropped > 0) log(`position partitions: ${made} made, ${dropped} dropped`);
  });
  await maintainPositionPartitions(db, now());
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
