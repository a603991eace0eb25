/**
 * Grid workers in the field: positions (reported by the worker's phone, live on the command map),
 * on-duty status, trails, a day's track and patrol coverage, the day's patrol log, key-site
 * inspections, and the demo's simulator switch. Thin procedures over server/field.
 */
import { z } from 'zod';
import { isChinaDay } from '@/geo/time/china-day';
import { resolveSession } from '../auth/sessions';
import { now } from '../clock';
import { getDatabase } from '../db';
import { ownWorkerId, reportPositions, setOnDuty } from '../field/duty';
import { FieldError } from '../field/errors';
import { inspectionsDue, recordInspection } from '../field/inspections';
import { subscribePositions, workerInScope } from '../field/live';
import { patrolLogOf, savePatrolLog } from '../field/patrol-logs';
import { simulator } from '../field/simulator';
import { dayTrack, patrolCoverage, recentTrails } from '../field/tracks';
import { readSettings } from '../settings';
import { procedure, router } from '../trpc';
import type { Executor } from '../db';
import type { Scope } from '../auth/policy';
import { bigserialId, catalogueCode, chinaDay, latitude, longitude, multiLineText, serialId, version } from './inputs';

const workerId = serialId;

/** A worker's tracks are personal data: only for a scope that covers the worker. */
async function checkWorker(db: Executor, scope: Scope, id: number): Promise<void> {
  const [w] = await db.query<{ code: string }>('SELECT c.code FROM grid_worker w JOIN community c ON c.id = w.community_id WHERE w.id = $1', [id]);
  if (!w || !workerInScope(scope, { workerId: id, communityCode: w.code })) throw new FieldError('WORKER_NOT_FOUND', String(id));
}

export const fieldRouter = router({
  /** The worker's phone: up to 120 positions at once (a phone that was offline sends what it kept). */
  report: procedure
    .input(z.object({ positions: z.array(z.object({ lon: longitude, lat: latitude, at: z.date().optional(), accuracyM: z.number().min(0).max(10_000).optional() }).strict()).min(1).max(120) }).strict())
    .mutation(async ({ ctx, input }) => reportPositions((await getDatabase()).db, ctx.actor, input.positions, ctx.at)),
  setDuty: procedure.input(z.object({ onDuty: z.boolean() }).strict()).mutation(({ ctx, input }) => setOnDuty(ctx.db, ctx.actor, input.onDuty, ctx.at)),
  /** The signed-in worker's own state (on duty, their worker id). */
  me: procedure.query(async ({ ctx }) => {
    const id = ownWorkerId(ctx.actor);
    const [w] = await ctx.db.query<{ on_duty: boolean; name: string }>('SELECT on_duty, name FROM grid_worker WHERE id = $1', [id]);
    return { workerId: id, name: w?.name ?? '', onDuty: w?.on_duty ?? false };
  }),

  /** Live positions: a snapshot of the scope's workers, then each written batch. */
  positions: procedure
    .input(z.object({ lastEventId: z.string().max(40).nullish() }).strict())
    .subscription(async function* ({ ctx, signal }) {
      const { db } = await getDatabase();
      const token = ctx.sessionToken;
      let seq = 0;
      for await (const batch of subscribePositions({
        db,
        scope: ctx.scope!,
        signal,
        stillAllowed: async () => (await resolveSession(db, token, now()).catch(() => null))?.state === 'active',
      })) {
        seq++;
        yield { seq, ...batch };
      }
    }),
  trails: procedure
    .input(z.object({ minutes: z.number().int().min(1).max(1440), workerIds: z.array(workerId).max(500).optional() }).strict())
    .query(({ ctx, input }) => recentTrails(ctx.db, ctx.scope!, input.minutes, ctx.at, input.workerIds)),
  track: procedure.input(z.object({ workerId, day: chinaDay }).strict()).query(async ({ ctx, input }) => {
    await checkWorker(ctx.db, ctx.scope!, input.workerId);
    return dayTrack(ctx.db, input.workerId, input.day);
  }),
  coverage: procedure
    .input(z.object({ workerId, from: z.date(), to: z.date(), distanceM: z.number().min(5).max(500).optional() }).strict())
    .query(async ({ ctx, input }) => {
      await checkWorker(ctx.db, ctx.scope!, input.workerId);
      const { fieldWork } = await readSettings(ctx.db);
      return patrolCoverage(ctx.db, input.workerId, input.from, input.to, input.distanceM ?? fieldWork.coverageDistanceM);
    }),

  patrolLog: procedure.input(z.object({ workerId: workerId.optional(), day: chinaDay }).strict()).query(async ({ ctx, input }) => {
    const id = input.workerId ?? ownWorkerId(ctx.actor);
    await checkWorker(ctx.db, ctx.scope!, id);
    return patrolLogOf(ctx.db, id, input.day);
  }),
  savePatrolLog: procedure
    .input(
      z.object({
        day: z.string().refine(isChinaDay),
        body: multiLineText(8000).pipe(z.string().trim().min(1)),
        visitedAddressIds: z.array(bigserialId).max(500).default([]),
        photoIds: z.array(bigserialId).max(6).default([]),
        expectedVersion: version.optional(),
      }).strict(),
    )
    .mutation(({ ctx, input }) => savePatrolLog(ctx.db, ctx.actor, input, ctx.at)),

  inspectionsDue: procedure
    .input(z.object({ overdueOnly: z.boolean().optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict())
    .query(({ ctx, input }) => inspectionsDue(ctx.db, ctx.scope!, ctx.at, input)),
  recordInspection: procedure
    .input(
      z.object({
        keySiteId: serialId,
        result: z.enum(['ok', 'issue']),
        note: multiLineText(4000).default(''),
        issue: z.object({ categoryCode: catalogueCode, severity: z.number().int().min(1).max(4) }).strict().optional(),
      }).strict(),
    )
    .mutation(({ ctx, input }) => recordInspection(ctx.db, ctx.actor, input, ctx.at)),

  /** The demo's simulator: whether it runs, and the city command centre's switch. */
  simulator: procedure.query(async () => {
    const { db } = await getDatabase();
    const sim = simulator(db, now);
    return { running: sim.running, reported: sim.reported };
  }),
  setSimulator: procedure.input(z.object({ running: z.boolean() }).strict()).mutation(async ({ ctx, input }) => {
    if (!ctx.scope?.all) throw new FieldError('SIMULATOR_CITY_ONLY');
    const { db } = await getDatabase();
    const sim = simulator(db, now);
    if (input.running) await sim.start();
    else sim.stop();
    return { running: sim.running };
  }),
});
