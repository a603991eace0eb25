/**
 * Moving a plan through the workflow. Each move is one transaction: lock the plan at the version the
 * caller saw, decide with geo/plans/plan-states.ts (the one table of the rules), write the new state, the
 * plan log row (with the topology digest) and the inbox entries. Filing, which also changes the grids in
 * force, is ./filing.ts on top of the same steps.
 */
import { checkPlanMove, PLAN_ACTION_RULES, type PlanAction, type PlanActorRole, type PlanState } from '@/geo/plans/plan-states';
import type { Actor } from '../auth/actor';
import { codeInScope, scopeOf, type Capability } from '../auth/policy';
import type { Db, Executor } from '../db';
import { PlanError } from './errors';
import { announceNotifications, notifyArrangementReviewers, notifyMove } from './notifications';
import { arrangementStanding, recordOwnDistrictApproval } from './arrangements';
import { planDigest, planTopology } from './plan-topology';
import { bumpPlan, isPlanAuthor, lockPlan, type PlanRow } from './store';

/** The capability that makes an actor hold each workflow role over a street. */
const ROLE_CAPABILITY: Readonly<Record<Exclude<PlanActorRole, 'system'>, Capability>> = {
  street_editor: 'draft_edit',
  district_reviewer: 'plan_review',
  city_filer: 'plan_file',
};

/** The role a move needs, if the actor holds it over the plan's street; else null. */
export function roleOver(actor: Actor, needed: PlanActorRole, streetCode: string): PlanActorRole | null {
  if (needed === 'system') return null;
  return codeInScope(scopeOf(actor, ROLE_CAPABILITY[needed]), streetCode) ? needed : null;
}

/** The moves this actor could make on the plan now (the page offers only these; the server re-checks). */
export function movesOffered(actor: Actor, plan: PlanRow, isAuthor: boolean): PlanAction[] {
  return (Object.keys(PLAN_ACTION_RULES) as PlanAction[]).filter((action) => {
    const rule = PLAN_ACTION_RULES[action];
    if (!rule.from.includes(plan.status) || rule.by === 'system') return false;
    if (rule.notByAuthor && isAuthor) return false;
    return roleOver(actor, rule.by, plan.streetCode) !== null;
  });
}

export interface MoveInput {
  draftId: number;
  expectedVersion: number;
  action: Exclude<PlanAction, 'file' | 'supersede'>;
  comment?: string;
}

export interface MoveResult {
  draftId: number;
  state: PlanState;
  version: number;
  logId: number;
}

/**
 * Checks the move against the rules and writes everything but the grids: the plan's state and version
 * (plus `set`), the plan log row and the inbox. Runs inside the caller's transaction.
 */
export async function applyMove(
  tx: Executor,
  actor: Actor,
  plan: PlanRow,
  action: PlanAction,
  opts: { comment?: string; at: Date; set?: Record<string, unknown>; detail?: Record<string, unknown> },
): Promise<MoveResult> {
  const rule = PLAN_ACTION_RULES[action];
  const comment = (opts.comment ?? '').trim();
  const isAuthor = await isPlanAuthor(tx, plan.id, actor.userId);
  const base = { state: plan.status, action, role: roleOver(actor, rule.by, plan.streetCode), isAuthor, comment };
  // The cheap rules first (no topology counts yet), so a wrong role or state never waits for a topology run.
  const first = checkPlanMove(base);
  if (!first.ok) throw new PlanError(first.refusal);

  let digest: { digest: string; blocking: number; warnings: number };
  const detail: Record<string, unknown> = { ...opts.detail };
  if (rule.needsCleanTopology) {
    const topology = await planTopology(tx, plan.id, opts.at);
    if (!topology.report.complete) throw new PlanError('TOPOLOGY_INCOMPLETE');
    const checked = checkPlanMove({ ...base, blockingFindings: topology.blocking, unexplainedWarnings: topology.unexplained.length });
    if (!checked.ok) throw new PlanError(checked.refusal, topology.unexplained.slice(0, 5).join('; '));
    const standing = await arrangementStanding(tx, plan, topology.arrangementIds);
    if (standing.unrecorded.length > 0) throw new PlanError('ARRANGEMENT_NEEDED', standing.unrecorded.join('、'));
    if (action === 'approve') {
      await recordOwnDistrictApproval(tx, plan, standing.recorded, actor);
      const after = await arrangementStanding(tx, plan, topology.arrangementIds);
      if (after.awaitingDistricts.length > 0) throw new PlanError('ARRANGEMENT_NOT_APPROVED', after.awaitingDistricts.join('、'));
    }
    if (action === 'submit') await notifyArrangementReviewers(tx, plan, standing.districtIds, { id: actor.userId, name: actor.username });
    digest = { digest: topology.digest, blocking: topology.blocking, warnings: topology.report.warnings };
    detail.arrangements = standing.recorded;
  } else {
    digest = await planDigest(tx, plan.id, opts.at);
  }

  const to = rule.to;
  const version = await bumpPlan(tx, plan.id, { status: to, ...(action === 'submit' ? { submitted_at: opts.at } : {}), ...opts.set });
  const [log] = await tx.query<{ id: number }>(
    `INSERT INTO plan_log (draft_id, action, from_state, to_state, actor_id, actor_name, comment, topology_digest, blocking, warnings, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) RETURNING id`,
    [plan.id, action, plan.status, to, actor.userId, actor.username, comment, digest.digest, digest.blocking, digest.warnings, JSON.stringify(detail)],
  );
  await notifyMove(tx, plan, action, { id: actor.userId, name: actor.username });
  return { draftId: plan.id, state: to, version, logId: log!.id };
}

/** Submit, withdraw, start the review, return, approve or reject: one transaction. */
export async function movePlan(db: Db, actor: Actor, input: MoveInput, at: Date): Promise<MoveResult> {
  const result = await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.draftId, input.expectedVersion);
    return applyMove(tx, actor, plan, input.action, { comment: input.comment, at });
  });
  announceNotifications();
  return result;
}
