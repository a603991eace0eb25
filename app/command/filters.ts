/**
 * The command centre's filters: the time window (cases reported in the last 24 hours, 7 or 30 days), a
 * category, a state or phase, a district or street (by code prefix) and "overdue only". One model serves
 * the load (incidents.list's input), the live feed (does a case the feed reports still belong on the map?)
 * and the URL.
 */
import { INCIDENT_STATES, isIncidentState, statesInPhase, type IncidentPhase, type IncidentState } from '@/geo/incidents/incident-states';
import type { CaseRecord } from './case-store';

export const TIME_WINDOWS = ['24h', '7d', '30d'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];
export const WINDOW_MS: Readonly<Record<TimeWindow, number>> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

export const PHASES = ['open', 'handled', 'closed'] as const satisfies readonly IncidentPhase[];
/**
 * A state filter: everything, a phase (待处置 / 待结案 / 已办结) or one state. Phases are prefixed: two of
 * them ('handled', 'closed') are also the names of states.
 */
export type PhaseChoice = `phase:${IncidentPhase}`;
export type StateChoice = 'all' | PhaseChoice | IncidentState;
export const phaseChoice = (p: IncidentPhase): PhaseChoice => `phase:${p}`;

export interface CommandFilters {
  window: TimeWindow;
  /** A category code, or null for all. */
  category: string | null;
  state: StateChoice;
  /** A district (6 digits) or street (9 digits) code, or null for the whole scope. */
  areaCode: string | null;
  overdueOnly: boolean;
}

export const DEFAULT_FILTERS: CommandFilters = { window: '24h', category: null, state: 'all', areaCode: null, overdueOnly: false };

/** The filters fixed at a moment: the window's start is a time. */
export interface ResolvedFilters extends CommandFilters {
  since: Date;
}

export const resolveFilters = (f: CommandFilters, now: Date): ResolvedFilters => ({ ...f, since: new Date(now.getTime() - WINDOW_MS[f.window]) });

/** The phase a choice names, if it names one. */
export function phaseOf(choice: string): IncidentPhase | null {
  const p = choice.startsWith('phase:') ? choice.slice(6) : null;
  return p && (PHASES as readonly string[]).includes(p) ? (p as IncidentPhase) : null;
}

/** The states a choice stands for; undefined for all. */
export function statesOf(choice: StateChoice): readonly IncidentState[] | undefined {
  if (choice === 'all') return undefined;
  const phase = phaseOf(choice);
  return phase ? statesInPhase(phase) : [choice as IncidentState];
}

export const isStateChoice = (s: string): s is StateChoice => s === 'all' || phaseOf(s) !== null || isIncidentState(s);
const CATEGORY = /^[a-z][a-z0-9_]{1,39}$/;
const AREA = /^[0-9]{6}([0-9]{3})?$/;
export const isCategoryCode = (s: string): boolean => CATEGORY.test(s);
export const isAreaCode = (s: string): boolean => AREA.test(s);

export const LIST_PAGE = 1000;

/** incidents.list's input for one page of the filtered cases (newest first, below `before`). */
export function listInput(f: ResolvedFilters, before?: number) {
  const states = statesOf(f.state);
  return {
    since: f.since,
    limit: LIST_PAGE,
    ...(states ? { states: [...states] } : {}),
    ...(f.category ? { categories: [f.category] } : {}),
    ...(f.areaCode ? { areaCode: f.areaCode } : {}),
    ...(f.overdueOnly ? { overdueOnly: true } : {}),
    ...(before !== undefined ? { before } : {}),
  };
}

/** Whether a case under the same place and category filters belongs on the map (the feed's test). */
export function caseShown(f: ResolvedFilters, c: Pick<CaseRecord, 'category' | 'status' | 'gridCode' | 'reportedAt' | 'overdue'>): boolean {
  if (!eventShown(f, c)) return false;
  if (c.reportedAt.getTime() < f.since.getTime()) return false;
  const states = statesOf(f.state);
  if (states && !states.includes(c.status)) return false;
  return !f.overdueOnly || c.overdue;
}

/**
 * Whether a feed event belongs in the list: its case's category and place match. The state and the window
 * are left out, so the list also shows a case leaving the state filtered for (结案 of a case shown open).
 */
export function eventShown(f: Pick<CommandFilters, 'category' | 'areaCode'>, c: Pick<CaseRecord, 'category' | 'gridCode'>): boolean {
  if (f.category && c.category !== f.category) return false;
  return !f.areaCode || (c.gridCode?.startsWith(f.areaCode) ?? false);
}

/** A key that changes exactly when the cases to load change. */
export const filtersKey = (f: CommandFilters): string => [f.window, f.category ?? '', f.state, f.areaCode ?? '', f.overdueOnly ? 1 : 0].join('|');

/** Every state choice in the select's order: all, the phases, then the states. */
export const STATE_CHOICES: readonly StateChoice[] = ['all', ...PHASES.map(phaseChoice), ...INCIDENT_STATES];
