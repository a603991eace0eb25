/**
 * Staffing (队伍管理): the compliance figures and map, the workers' register, stage changes, assessments
 * and assignments. Thin: each procedure validates its input and calls one service function. Changes are
 * made at the request's moment (no back-dating: the history is the order things were recorded in).
 */
import { z } from 'zod';
import { ASSESSMENT_RESULTS, isAssessmentPeriod, LEAVING_REASONS, WORKER_STAGES } from '@/geo/staffing/worker-stages';
import { scopePatterns } from '../auth/policy';
import { listStreets } from '../data/territory';
import { assignWorker, unassignWorker } from '../staffing/assignments';
import { complianceReport, streetGridStaffing } from '../staffing/compliance';
import { changeStage, recordAssessment, recruitWorker } from '../staffing/stages';
import { streetWorkers, workerRecord } from '../staffing/workers';
import { procedure, router, scopedProcedure } from '../trpc';
import { asOfMoment, chinaDay, lineText, multiLineText, phoneNumber, serialId } from './inputs';

const gridCode = z.string().regex(/^[0-9]{15}$/);
const areaCode = z.string().regex(/^([0-9]{6}|[0-9]{9}|[0-9]{12})$/);
const asOf = { asOf: chinaDay.optional() };
const stage = z.enum(WORKER_STAGES);
const note = multiLineText(500).optional();

export const staffingRouter = router({
  /** The streets of the caller's staffing scope, to pick one. */
  streets: procedure.query(({ ctx }) => listStreets(ctx.db, scopePatterns(ctx.scope!))),
  compliance: procedure
    .input(z.object({ level: z.enum(['district', 'street', 'community', 'grid']), withinCode: areaCode.nullable().optional(), ...asOf }).strict())
    .query(({ ctx, input }) => complianceReport(ctx.db, ctx.scope!, input, asOfMoment(input.asOf, ctx.at))),
  /** The street's grids with their staffing status (the map's colours, the assignment form's choices). */
  grids: scopedProcedure(z.object({ streetId: serialId, ...asOf }).strict()).query(({ ctx, input }) =>
    streetGridStaffing(ctx.db, input.streetId, asOfMoment(input.asOf, ctx.at)),
  ),
  workers: scopedProcedure(z.object({ streetId: serialId, ...asOf }).strict()).query(({ ctx, input }) =>
    streetWorkers(ctx.db, input.streetId, asOfMoment(input.asOf, ctx.at)),
  ),
  worker: procedure
    .input(z.object({ workerId: serialId, ...asOf }).strict())
    .query(({ ctx, input }) => workerRecord(ctx.db, { actor: ctx.actor, address: ctx.address }, input.workerId, asOfMoment(input.asOf, ctx.at))),
  recruit: procedure
    .input(
      z
        .object({
          communityCode: z.string().regex(/^[0-9]{12}$/),
          name: lineText(60).pipe(z.string().trim().min(1)),
          employment: z.enum(['full_time', 'part_time']),
          recruitmentSource: z.enum(['community_cadre', 'social_worker_transfer', 'open_recruitment']),
          phone: phoneNumber.optional(),
          note,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => recruitWorker(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  changeStage: procedure
    .input(
      z.object({ workerId: serialId, fromStage: stage.nullable(), toStage: stage, leavingReason: z.enum(LEAVING_REASONS).nullable().optional(), note }).strict(),
    )
    .mutation(({ ctx, input }) => changeStage(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  recordAssessment: procedure
    .input(
      z.object({ workerId: serialId, period: lineText(7).refine(isAssessmentPeriod, { message: 'YYYY, YYYY-H1 or YYYY-Q1' }), result: z.enum(ASSESSMENT_RESULTS), note }).strict(),
    )
    .mutation(({ ctx, input }) => recordAssessment(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  assign: procedure
    .input(z.object({ workerId: serialId, gridCode, fromGridCode: gridCode.nullable().optional() }).strict())
    .mutation(({ ctx, input }) => assignWorker(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  unassign: procedure
    .input(z.object({ workerId: serialId, gridCode }).strict())
    .mutation(({ ctx, input }) => unassignWorker(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
});
