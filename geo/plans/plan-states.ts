/**
 * The states of a grid division plan (划分方案) and the rules of moving between them, in one place. The
 * reports' procedure is 街道（镇）初划、区级审核、市级备案: the street drafts, the district reviews, the city
 * files. A plan is a street's draft once it enters this procedure:
 *
 *   editing → submitted → under_review → approved → filed (→ in force from its effective date)
 *                 │             ├→ returned (with comments; editable again) → submitted …
 *                 └→ withdrawn  └→ rejected
 *   filed → superseded (a later filing of the street replaced it)
 *
 * Pure data and functions: the plan service (a later step of the workflow) applies them in one
 * transaction per move, writes the plan log, and decides who the actor is; this module only says what a
 * move needs. "In force" is not stored: a filed plan is in force from its effective date on, without
 * anyone acting (effectiveState).
 */

export const PLAN_STATES = ['editing', 'submitted', 'under_review', 'returned', 'approved', 'filed', 'withdrawn', 'rejected', 'superseded'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** What a plan is at a moment: its stored state, or 'in_force' for a filed plan whose date has come. */
export type EffectivePlanState = PlanState | 'in_force';

export const PLAN_ACTIONS = ['submit', 'withdraw', 'start_review', 'return', 'approve', 'reject', 'file', 'supersede'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** Who moves a plan: a role of the plan's own street, district or city, or the system itself. */
export type PlanActorRole = 'street_editor' | 'district_reviewer' | 'city_filer' | 'system';

interface ActionRule {
  from: readonly PlanState[];
  to: PlanState;
  by: PlanActorRole;
  /** A written comment is required (a return or a rejection says why). */
  needsComment: boolean;
  /** The plan's author may not do it: the reviewer and the filer are never the author. */
  notByAuthor: boolean;
  /** No blocking topology finding may remain, and every remaining warning needs the editor's reason. */
  needsCleanTopology: boolean;
}

export const PLAN_ACTION_RULES: Readonly<Record<PlanAction, ActionRule>> = {
  submit: { from: ['editing', 'returned'], to: 'submitted', by: 'street_editor', needsComment: false, notByAuthor: false, needsCleanTopology: true },
  // Only before the review starts: once a reviewer holds it, the street waits for the return.
  withdraw: { from: ['submitted'], to: 'withdrawn', by: 'street_editor', needsComment: false, notByAuthor: false, needsCleanTopology: false },
  start_review: { from: ['submitted'], to: 'under_review', by: 'district_reviewer', needsComment: false, notByAuthor: true, needsCleanTopology: false },
  return: { from: ['under_review'], to: 'returned', by: 'district_reviewer', needsComment: true, notByAuthor: true, needsCleanTopology: false },
  approve: { from: ['under_review'], to: 'approved', by: 'district_reviewer', needsComment: false, notByAuthor: true, needsCleanTopology: true },
  reject: { from: ['under_review'], to: 'rejected', by: 'district_reviewer', needsComment: true, notByAuthor: true, needsCleanTopology: false },
  file: { from: ['approved'], to: 'filed', by: 'city_filer', needsComment: false, notByAuthor: true, needsCleanTopology: false },
  supersede: { from: ['filed'], to: 'superseded', by: 'system', needsComment: false, notByAuthor: false, needsCleanTopology: false },
};

/** The states whose grids the street may still change: a submitted plan is frozen until it is returned. */
export const EDITABLE_STATES: readonly PlanState[] = ['editing', 'returned'];
export const isEditable = (s: PlanState): boolean => EDITABLE_STATES.includes(s);

/** The states of a plan still on its way: a street has at most one of these at a time. */
export const OPEN_STATES: readonly PlanState[] = ['editing', 'submitted', 'under_review', 'returned', 'approved'];

/** The states nothing moves on from (but supersession of a filed plan). */
export const FINAL_STATES: readonly PlanState[] = PLAN_STATES.filter((s) => !PLAN_ACTIONS.some((a) => PLAN_ACTION_RULES[a].from.includes(s)));

export const isPlanState = (s: string): s is PlanState => (PLAN_STATES as readonly string[]).includes(s);

/** The actions possible from a state, in the table's order. */
export const actionsFrom = (s: PlanState): PlanAction[] => PLAN_ACTIONS.filter((a) => PLAN_ACTION_RULES[a].from.includes(s));

/** Why a move is refused. The plan service turns each into a bilingual error. */
export type PlanMoveRefusal =
  | 'NOT_FROM_THIS_STATE'
  | 'WRONG_ROLE'
  | 'COMMENT_REQUIRED'
  | 'AUTHOR_CANNOT_DO_THIS'
  | 'BLOCKING_FINDINGS'
  | 'WARNINGS_NEED_REASONS';

export interface PlanMove {
  state: PlanState;
  action: PlanAction;
  /** The role the actor holds over the plan's street for this move (null: none that the move needs). */
  role: PlanActorRole | null;
  isAuthor: boolean;
  comment?: string;
  /** The topology report at this moment: blocking findings, and warnings the editor gave no reason for. */
  blockingFindings?: number;
  unexplainedWarnings?: number;
}

/** Where a move leads, or why it may not be made. Checks in the order a user can act on them. */
export function checkPlanMove(m: PlanMove): { ok: true; to: PlanState } | { ok: false; refusal: PlanMoveRefusal } {
  const rule = PLAN_ACTION_RULES[m.action];
  if (!rule.from.includes(m.state)) return { ok: false, refusal: 'NOT_FROM_THIS_STATE' };
  if (rule.by !== m.role) return { ok: false, refusal: 'WRONG_ROLE' };
  if (rule.notByAuthor && m.isAuthor) return { ok: false, refusal: 'AUTHOR_CANNOT_DO_THIS' };
  if (rule.needsComment && !(m.comment ?? '').trim()) return { ok: false, refusal: 'COMMENT_REQUIRED' };
  if (rule.needsCleanTopology && (m.blockingFindings ?? 0) > 0) return { ok: false, refusal: 'BLOCKING_FINDINGS' };
  if (rule.needsCleanTopology && (m.unexplainedWarnings ?? 0) > 0) return { ok: false, refusal: 'WARNINGS_NEED_REASONS' };
  return { ok: true, to: rule.to };
}

/** A filed plan is in force from its effective date on; every other state is what is stored. */
export function effectiveState(state: PlanState, effectiveFrom: Date | null, at: Date): EffectivePlanState {
  return state === 'filed' && effectiveFrom !== null && effectiveFrom.getTime() <= at.getTime() ? 'in_force' : state;
}
