/**
 * Key-site inspections (重点场所巡查) on the phone: the order the worker goes through the sites due, and
 * what an inspection sends: 正常 at once, 发现问题 with a note, a category and a severity (filed as a case
 * at the site). Checked here first; field.recordInspection has the last word.
 */
import { cleanNote, SEVERITIES } from './report-form';

export const ISSUE_NOTE_MAX = 4000;

interface DueSite {
  keySiteId: number;
  name: string;
  overdue: boolean;
  /** Null: never inspected. */
  lastAt: Date | null;
  dueAt: Date | null;
}

/** Overdue first, the never inspected first among them, then the longest overdue; then the next due. */
export function orderInspections<T extends DueSite>(items: readonly T[]): T[] {
  const due = (s: T) => (s.dueAt === null ? Number.NEGATIVE_INFINITY : s.dueAt.getTime());
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || a.name.localeCompare(b.name, 'zh-CN') || a.keySiteId - b.keySiteId);
}

export function inspectionCounts(items: readonly DueSite[]): { total: number; overdue: number; never: number } {
  return { total: items.length, overdue: items.filter((s) => s.overdue).length, never: items.filter((s) => s.lastAt === null).length };
}

export interface IssueDraft {
  note: string;
  categoryCode: string;
  severity: number;
}

export const EMPTY_ISSUE: IssueDraft = { note: '', categoryCode: '', severity: 1 };

export const ISSUE_REASONS = {
  NOTE_REQUIRED: 'NOTE_REQUIRED',
  NOTE_TOO_LONG: 'NOTE_TOO_LONG',
  CATEGORY_REQUIRED: 'CATEGORY_REQUIRED',
  SEVERITY_INVALID: 'SEVERITY_INVALID',
} as const;
export type IssueReason = keyof typeof ISSUE_REASONS;
export type IssueField = 'note' | 'categoryCode' | 'severity';
const ISSUE_FIELDS: readonly IssueField[] = ['note', 'categoryCode', 'severity'];

export interface InspectionRequest {
  keySiteId: number;
  result: 'ok' | 'issue';
  note: string;
  issue?: { categoryCode: string; severity: number };
}

/** 正常: the site was inspected and found in order. */
export const okInspection = (keySiteId: number): InspectionRequest => ({ keySiteId, result: 'ok', note: '' });

export type IssueCheck = { valid: true; input: InspectionRequest } | { valid: false; errors: Partial<Record<IssueField, IssueReason>>; first: IssueField };

/**
 * 发现问题: the note is the case's description, so it cannot be empty (the server would file a case
 * that says nothing).
 */
export function validateIssue(keySiteId: number, draft: IssueDraft): IssueCheck {
  const errors: Partial<Record<IssueField, IssueReason>> = {};
  const note = cleanNote(draft.note);
  if (!note) errors.note = 'NOTE_REQUIRED';
  else if (note.length > ISSUE_NOTE_MAX) errors.note = 'NOTE_TOO_LONG';
  if (!draft.categoryCode) errors.categoryCode = 'CATEGORY_REQUIRED';
  if (!(SEVERITIES as readonly number[]).includes(draft.severity)) errors.severity = 'SEVERITY_INVALID';
  const first = ISSUE_FIELDS.find((f) => errors[f]);
  if (first) return { valid: false, errors, first };
  return { valid: true, input: { keySiteId, result: 'issue', note, issue: { categoryCode: draft.categoryCode, severity: draft.severity } } };
}
