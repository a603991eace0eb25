/**
 * The incident states of the closed loop and the rules on them, in one place (DOMAIN.md, after the
 * GB/T 30428 family): 上报 reported → 立案 accepted (or 不予立案 rejected) → 派遣 dispatched (the time limit
 * starts) → 处置 being handled → 反馈 handled (the handler reports done) → 核查 verified on site (a failed
 * check sends it back to dispatch) → 结案 closed → 评价 evaluated.
 *
 * Everything else is derived from these tables: which states are closed, which stage's time limit runs in
 * each (the limits themselves are the category's, in the database), which action moves a case and whose
 * duty it is, how much a case weighs in the density view, how the map colours it, and the SQL sets the
 * server queries with (server/data/incidents.ts).
 */
export const INCIDENT_STATES = ['reported', 'accepted', 'rejected', 'dispatched', 'handling', 'handled', 'verified', 'closed', 'evaluated'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** How a command centre reads a state: still to be handled, handled but not closed, or over. */
export type IncidentPhase = 'open' | 'handled' | 'closed';

/**
 * The stages whose time limit each category sets (incident_category.*_limit_minutes): accept (上报→立案),
 * dispatch (立案→派遣), handle (派遣→处置完毕, the case's time limit), verify (→核查), close (→结案).
 */
export const INCIDENT_STAGES = ['accept', 'dispatch', 'handle', 'verify', 'close'] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];

interface StateRule {
  phase: IncidentPhase;
  /** The stage a case in this state is in (its limit runs from when the stage began); null once over. */
  stage: IncidentStage | null;
  /** The states a case in this one may move to next. */
  next: readonly IncidentState[];
  /**
   * The time limit runs from dispatch until the handler reports the case done: a case in a state with a
   * running clock and past its due time is overdue.
   */
  clockRuns: boolean;
}

export const INCIDENT_RULES: Readonly<Record<IncidentState, StateRule>> = {
  reported: { phase: 'open', stage: 'accept', next: ['accepted', 'rejected'], clockRuns: false },
  accepted: { phase: 'open', stage: 'dispatch', next: ['dispatched'], clockRuns: false },
  rejected: { phase: 'closed', stage: null, next: [], clockRuns: false },
  dispatched: { phase: 'open', stage: 'handle', next: ['handling'], clockRuns: true },
  handling: { phase: 'open', stage: 'handle', next: ['handled'], clockRuns: true },
  // The grid worker checks on site: verified, or back to dispatch (awaiting a new dispatch) when the
  // problem is still there.
  handled: { phase: 'handled', stage: 'verify', next: ['verified', 'accepted'], clockRuns: false },
  verified: { phase: 'handled', stage: 'close', next: ['closed'], clockRuns: false },
  closed: { phase: 'closed', stage: null, next: ['evaluated'], clockRuns: false },
  evaluated: { phase: 'closed', stage: null, next: [], clockRuns: false },
};

export const isIncidentState = (s: string): s is IncidentState => (INCIDENT_STATES as readonly string[]).includes(s);

/** Whether a case may move from one state to another. */
export const canMove = (from: IncidentState, to: IncidentState): boolean => INCIDENT_RULES[from].next.includes(to);

const statesWhere = (p: (r: StateRule) => boolean): readonly IncidentState[] => INCIDENT_STATES.filter((s) => p(INCIDENT_RULES[s]));

export const statesInPhase = (phase: IncidentPhase): readonly IncidentState[] => statesWhere((r) => r.phase === phase);

/** A case is open until it is closed, evaluated or rejected. */
export const CLOSED_STATES = statesInPhase('closed');
export const isClosed = (s: IncidentState): boolean => INCIDENT_RULES[s].phase === 'closed';

/**
 * The states in which the case's time limit runs (between dispatch and the handler's report): handling
 * within it is on time, and a case in one of them counts as a worker's load.
 */
export const CLOCK_RUNNING_STATES = statesWhere((r) => r.clockRuns);

/**
 * The states with a stage deadline: a case past it is overdue (overdueIncidentSql, the one place that
 * compares the times) and is escalated once per stage.
 */
export const STAGED_STATES = statesWhere((r) => r.stage !== null);

/**
 * How much a closed case weighs in the map's density view against an open one's 1: the view is about the
 * current workload, so a case that is over counts for a third. The map style (one point per case) and the
 * low-zoom tiles (weights summed per cell, workloadWeightSql) both use it.
 */
export const CLOSED_WORKLOAD_WEIGHT = 0.35;

/** A category's time limit of each stage, in minutes. */
export type StageLimits = Readonly<Record<IncidentStage, number>>;

/**
 * When the stage of a case that enters `to` from `from` at `at` runs out: a new stage starts its limit
 * then; moving within a stage (dispatched → handling) keeps the deadline it had; a case that is over has
 * none.
 */
export function stageDueAt(from: IncidentState | null, to: IncidentState, at: Date, limits: StageLimits, current: Date | null): Date | null {
  const stage = INCIDENT_RULES[to].stage;
  if (!stage) return null;
  if (from && INCIDENT_RULES[from].stage === stage) return current;
  return new Date(at.getTime() + limits[stage] * 60_000);
}

/**
 * Whose duty an action is: the command centre's (立案, 派遣, 结案, recording the reporter's evaluation),
 * the handler's (the assigned worker, or the command centre recording a department's report), or the
 * verifier's (the grid's own worker, or the command centre where the grid has none).
 */
export type IncidentDuty = 'command' | 'handler' | 'verifier';

interface ActionRule {
  from: IncidentState;
  to: IncidentState;
  duty: IncidentDuty;
  /** A written note the action cannot go without (the reason for not accepting, a failed check…). */
  noteRequired: boolean;
}

/** Every move of the loop. Dispatch has its own service (the handler is chosen there). */
export const INCIDENT_ACTIONS = {
  accept: { from: 'reported', to: 'accepted', duty: 'command', noteRequired: false },
  not_accept: { from: 'reported', to: 'rejected', duty: 'command', noteRequired: true },
  dispatch: { from: 'accepted', to: 'dispatched', duty: 'command', noteRequired: false },
  start: { from: 'dispatched', to: 'handling', duty: 'handler', noteRequired: false },
  finish: { from: 'handling', to: 'handled', duty: 'handler', noteRequired: true },
  verify_pass: { from: 'handled', to: 'verified', duty: 'verifier', noteRequired: false },
  verify_fail: { from: 'handled', to: 'accepted', duty: 'verifier', noteRequired: true },
  close: { from: 'verified', to: 'closed', duty: 'command', noteRequired: false },
  evaluate: { from: 'closed', to: 'evaluated', duty: 'command', noteRequired: false },
} as const satisfies Record<string, ActionRule>;
export type IncidentAction = keyof typeof INCIDENT_ACTIONS;
export const INCIDENT_ACTION_NAMES = Object.keys(INCIDENT_ACTIONS) as IncidentAction[];

/** The actions a case in `state` offers. */
export const actionsFrom = (state: IncidentState): IncidentAction[] => INCIDENT_ACTION_NAMES.filter((a) => INCIDENT_ACTIONS[a].from === state);
