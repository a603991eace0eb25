/**
 * The approval workflow (街道初划、区级审核、市级备案): thin procedures over server/plans. A plan is a
 * street's draft, so its id is the draft's and the jurisdiction checks are the drafts' (policy.ts): a plan
 * of another district answers as not found. Which role may make which move is the plan service's rule.
 */
import { z } from 'zod';
import { PLAN_STATES } from '@/geo/plans/plan-states';
import { chinaDayOf, endOfChinaDay } from '@/geo/time/china-day';
import { scopeOf, codeInScope } from '../auth/policy';
import { restoreDraft } from '../drafts/store';
import { addComment, listComments, resolveComment } from '../plans/comments';
import { planDiff } from '../plans/diff';
import { PlanError } from '../plans/errors';
import { filePlan } from '../plans/filing';
import { movePlan } from '../plans/moves';
import { listNotifications, markNotificationsRead } from '../plans/notifications';
import { approveArrangement, arrangementsAwaiting, recordArrangement } from '../plans/arrangements';
import { setWarningReason } from '../plans/plan-topology';
import { listPlans, planById } from '../plans/store';
import { getPlan, gridTimeline } from '../plans/view';
import { procedure, router, scopedProcedure } from '../trpc';
import { bigserialId, chinaDay as day, lineText, multiLineText, serialId, version } from './inputs';

const plan = { draftId: bigserialId };
const write = { draftId: bigserialId, expectedVersion: version };
const gridCode = z.string().regex(/^[0-9]{15}$/);
const dutyName = z.string().regex(/^[a-z_]{1,40}$/);

export const plansRouter = router({
  /** The plans of the caller's jurisdiction (a reviewer's district, the filer's city), with counts per state. */
  queue: procedure
    .input(z.object({ states: z.array(z.enum(PLAN_STATES)).max(PLAN_STATES.length).optional(), streetId: serialId.optional() }).strict())
    .query(({ ctx, input }) => listPlans(ctx.db, ctx.scope!, input, ctx.at)),
  get: scopedProcedure(z.object(plan).strict()).query(({ ctx, input }) => getPlan(ctx.db, ctx.actor, input.draftId, ctx.at)),
  /** Added, removed, reshaped and changed grids against the grids in force, and the impact table. */
  diff: scopedProcedure(z.object(plan).strict()).query(async ({ ctx, input }) => {
    const row = await planById(ctx.db, input.draftId);
    if (!row) throw new PlanError('PLAN_NOT_FOUND', String(input.draftId));
    return planDiff(ctx.db, row, ctx.at, { personalData: codeInScope(scopeOf(ctx.actor, 'personal_data'), row.streetCode) });
  }),
  /** Submit, withdraw, start the review, return (with comment), approve, reject (with comment). */
  move: scopedProcedure(
      z.object({ ...write, action: z.enum(['submit', 'withdraw', 'start_review', 'return', 'approve', 'reject']), comment: multiLineText(4000).optional() }).strict(),
    )
    .mutation(({ ctx, input }) => movePlan(ctx.db, ctx.actor, input, ctx.at)),
  /** The city files an approved plan: its number and the day its grids take effect (today or later). */
  file: scopedProcedure(z.object({ ...write, filingNumber: lineText(60).pipe(z.string().trim().min(1)), effectiveDate: day }).strict())
    .mutation(({ ctx, input }) => filePlan(ctx.db, ctx.actor, input, ctx.at)),
  setWarningReason: scopedProcedure(z.object({ ...write, findingKey: lineText(700).pipe(z.string().min(3)), reason: multiLineText(2000) }).strict())
    .mutation(({ ctx, input }) => setWarningReason(ctx.db, ctx.actor, input, ctx.at)),
  recordArrangement: scopedProcedure(
      z.object({
        ...write,
        arrangementId: serialId,
        responsibilities: z.record(dutyName, z.enum(['home', 'host', 'from', 'to'])).refine((r) => Object.keys(r).length <= 20),
        transferCompleted: z.boolean().default(false),
        notes: multiLineText(2000).default(''),
      }).strict(),
    )
    .mutation(({ ctx, input }) => recordArrangement(ctx.db, ctx.actor, input)),
  /** Arrangements of plans (any district's) that await the caller's district's approval. */
  arrangementsAwaiting: procedure.query(({ ctx }) => arrangementsAwaiting(ctx.db, ctx.actor)),
  /** Checked in the service: the arrangement must concern a district the caller reviews. */
  approveArrangement: procedure
    .input(z.object({ ...write, arrangementId: serialId }).strict())
    .mutation(({ ctx, input }) => approveArrangement(ctx.db, ctx.actor, input)),
  comments: scopedProcedure(z.object(plan).strict()).query(({ ctx, input }) => listComments(ctx.db, input.draftId)),
  addComment: scopedProcedure(
      z.object({ ...plan, body: multiLineText(4000).pipe(z.string().trim().min(1)), parentId: bigserialId.nullable().optional(), place: z.unknown().optional() }).strict(),
    )
    .mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, input)),
  resolveComment: scopedProcedure(z.object({ ...plan, commentId: bigserialId, resolved: z.boolean().default(true) }).strict())
    .mutation(({ ctx, input }) => resolveComment(ctx.db, ctx.actor, input)),
  /** Every version of a grid, with the filings that created and retired it. */
  gridTimeline: procedure.input(z.object({ code: gridCode }).strict()).query(({ ctx, input }) => gridTimeline(ctx.db, input.code)),
  /**
   * The street's draft from the grids in force at the end of a past day (to restore an earlier division):
   * a new draft, or the draft being edited refilled if it was never submitted.
   */
  restore: scopedProcedure(z.object({ streetId: serialId, date: day }).strict()).mutation(async ({ ctx, input }) => {
    if (input.date > chinaDayOf(ctx.at)) throw new PlanError('RESTORE_DATE_INVALID', input.date);
    return restoreDraft(ctx.db, input.streetId, { id: ctx.actor.userId, username: ctx.actor.username }, ctx.at, endOfChinaDay(input.date));
  }),
  /** The caller's inbox (newest first); `after` gives only entries newer than an id (a reconnect). */
  notifications: procedure
    .input(z.object({ after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) }).strict())
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor.userId, input.after)),
  markRead: procedure
    .input(z.object({ ids: z.union([z.array(bigserialId).max(500), z.literal('all')]) }).strict())
    .mutation(async ({ ctx, input }) => ({ marked: await markNotificationsRead(ctx.db, ctx.actor.userId, input.ids) })),
});
