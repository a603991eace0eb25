/**
 * The incident states of the closed loop and the rules on them, in one place (DOMAIN.md, after the
 * GB/T 30428 family): 上报 reported → 立案 accepted (or 不予立案 rejected) → 派遣 dispatched (the time limit
 * starts) → 处置 being handled → 反馈 handled (the handler reports done) → 核查 verified on site (a failed
 * check sends it back to dispatch) → 结案 closed → 评价 evaluated.
 *
 * Everything else is derived from this table: which states are closed, when a case can be overdue, how
 * much it weighs in the density view, how the map colours it, and the SQL sets the server queries with
 * (server/data/incidents.ts). The incident loop (a later issue) grows the transitions, not the copies.
 */
export const INCIDENT_STATES = ['reported', 'accepted', 'rejected', 'dispatched', 'handling', 'handled', 'verified', 'closed', 'evaluated'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** How a command centre reads a state: still to be handled, handled but not closed, or over. */
export type IncidentPhase = 'open' | 'handled' | 'closed';

interface StateRule {
  phase: IncidentPhase;
  /** The states a case in this one may move to next. */
  next: readonly IncidentState[];
  /**
   * The time limit runs from dispatch until the handler reports the case done: a case in a state with a
   * running clock and past its due time is overdue.
   */
  clockRuns: boolean;
}

export const INCIDENT_RULES: Readonly<Record<IncidentState, StateRule>> = {
  reported: { phase: 'open', next: ['accepted', 'rejected'], clockRuns: false },
  accepted: { phase: 'open', next: ['dispatched'], clockRuns: false },
  rejected: { phase: 'closed', next: [], clockRuns: false },
  dispatched: { phase: 'open', next: ['handling'], clockRuns: true },
  handling: { phase: 'open', next: ['handled'], clockRuns: true },
  // The grid worker checks on site: verified, or back to dispatch when the problem is still there.
  handled: { phase: 'handled', next: ['verified', 'dispatched'], clockRuns: false },
  verified: { phase: 'handled', next: ['closed'], clockRuns: false },
  closed: { phase: 'closed', next: ['evaluated'], clockRuns: false },
  evaluated: { phase: 'closed', next: [], clockRuns: false },
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
 * The states in which the time limit runs (between dispatch and the handler's report): a case past its due
 * time in one of them is overdue (overdueIncidentSql, the one place that compares the times).
 */
export const CLOCK_RUNNING_STATES = statesWhere((r) => r.clockRuns);

/**
 * How much a closed case weighs in the map's density view against an open one's 1: the view is about the
 * current workload, so a case that is over counts for a third. The map style (one point per case) and the
 * low-zoom tiles (weights summed per cell, workloadWeightSql) both use it.
 */
export const CLOSED_WORKLOAD_WEIGHT = 0.35;
