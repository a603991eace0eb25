/**
 * The grid worker's cases on the phone: which group a case stands in (to handle, to check on site, on its
 * way elsewhere, over), the steps the phone offers of those the server says the worker may take now, and
 * what each step needs before it is sent (a note, photos).
 */
import { INCIDENT_ACTION_NAMES, INCIDENT_ACTIONS, INCIDENT_RULES, type IncidentAction, type IncidentState } from '@/geo/incidents/incident-states';
import { cleanNote } from './report-form';
import { queueReadiness, type PhotoQueue } from './photo-queue';

/** The worker's steps on the phone; the command centre's (立案, 派遣, 结案, 评价) are the command page's. */
export const PHONE_ACTIONS = ['start', 'finish', 'verify_pass', 'verify_fail'] as const satisfies readonly IncidentAction[];
export type PhoneAction = (typeof PHONE_ACTIONS)[number];

interface PhoneActionRule {
  /** Whether the step opens a form (a note, photos) before it is sent; "start" goes at once. */
  form: boolean;
  /** Photos of the site may go with it (the handler's result, the check on site). */
  photos: boolean;
}

export const PHONE_ACTION_RULES: Readonly<Record<PhoneAction, PhoneActionRule>> = {
  start: { form: false, photos: false },
  finish: { form: true, photos: true },
  verify_pass: { form: true, photos: true },
  verify_fail: { form: true, photos: true },
};

/** Whether the step cannot go without a note: the loop's own rule (geo/incidents/incident-states.ts). */
export const noteRequired = (action: PhoneAction): boolean => INCIDENT_ACTIONS[action].noteRequired;

/** The phone's steps among those the server offers, in the order of the loop. */
export const phoneActions = (offered: readonly IncidentAction[]): PhoneAction[] => PHONE_ACTIONS.filter((a) => offered.includes(a));

export type MoveReason = 'NOTE_REQUIRED' | 'PHOTOS_UPLOADING' | 'PHOTOS_FAILED';
export type MoveCheck = { valid: true; note: string } | { valid: false; reason: MoveReason; field: 'note' | 'photos' };

export function validateMove(action: PhoneAction, note: string, photos: PhotoQueue): MoveCheck {
  const text = cleanNote(note);
  if (noteRequired(action) && !text) return { valid: false, reason: 'NOTE_REQUIRED', field: 'note' };
  const readiness = queueReadiness(photos);
  if (readiness === 'uploading') return { valid: false, reason: 'PHOTOS_UPLOADING', field: 'photos' };
  if (readiness === 'failed') return { valid: false, reason: 'PHOTOS_FAILED', field: 'photos' };
  return { valid: true, note: text };
}

/** How often the worker's list and open case are read again while shown (and whenever the page regains focus). */
export const MY_CASES_REFRESH_MS = 20_000;

/** The groups of "my cases", in the order the worker works through them. */
export const CASE_GROUPS = ['handle', 'verify', 'elsewhere', 'over'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

export interface CaseListItem {
  id: number;
  status: IncidentState;
  handlerWorkerId: number | null;
  overdue: boolean;
}

/**
 * Where a case of the list stands for this worker (`workerIds`: their own worker records): dispatched to
 * them and not yet reported done (handle), done and waiting for the grid's check (verify), on its way
 * with the command centre or another handler (elsewhere), or over.
 */
export function caseGroup(item: CaseListItem, workerIds: readonly number[]): CaseGroup {
  const rule = INCIDENT_RULES[item.status];
  if (rule.phase === 'closed') return 'over';
  if (item.status === 'handled') return 'verify';
  if ((item.status === 'dispatched' || item.status === 'handling') && item.handlerWorkerId !== null && workerIds.includes(item.handlerWorkerId)) return 'handle';
  return 'elsewhere';
}

/** The list in its groups, overdue cases first within a group, then newest first (the server's order). */
export function groupCases<T extends CaseListItem>(items: readonly T[], workerIds: readonly number[]): { group: CaseGroup; items: T[] }[] {
  return CASE_GROUPS.map((group) => ({
    group,
    items: items.filter((i) => caseGroup(i, workerIds) === group).sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.id - a.id),
  }));
}

/** A case's description for a one-line summary: its first line, cut to `max` characters. */
export function firstLine(text: string, max = 40): string {
  const line = text.split('\n', 1)[0]!.trim();
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}

/** The events a case's history may hold: the report, every move of the loop, and the system's escalation (督办). */
export const HISTORY_EVENTS = ['report', ...INCIDENT_ACTION_NAMES, 'escalate'] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** The label key of a history event's action; anything newer than this page reads as "other". */
export const historyEventKey = (action: string): HistoryEvent | 'other' =>
  (HISTORY_EVENTS as readonly string[]).includes(action) ? (action as HistoryEvent) : 'other';
