/**
 * One category's row in edit mode: what the fields hold while the administrator types (text, as typed),
 * and the change that goes to incidents.updateCategory — only what differs from the version the edit
 * started from, sent with that version so that someone else's change meanwhile is refused, not lost.
 */
import type { inferRouterInputs } from '@trpc/server';
import { INCIDENT_STAGES, type IncidentStage } from '@/geo/incidents/incident-states';
import type { Category } from '@/server/incidents/categories';
import type { AppRouter } from '@/server/routers/_app';
import { limitInput, parseLimit, type LimitInput } from './limits';
import { normalizeNumber, type CatalogueReason, type Checked } from './reasons';

export type CategoryChange = inferRouterInputs<AppRouter>['incidents']['updateCategory'];

export interface CategoryDraft {
  departmentCode: string;
  limits: Record<IncidentStage, LimitInput>;
  /** As typed: "1", "0.5". */
  weight: string;
  active: boolean;
}

/** The workload weight's bounds (incident_category.workload_weight numeric(5, 2), > 0 and ≤ 100). */
export const WEIGHT_MAX = 100;
export const WEIGHT_DECIMALS = 2;

export function draftOf(category: Category): CategoryDraft {
  return {
    departmentCode: category.department.code,
    limits: Object.fromEntries(INCIDENT_STAGES.map((s) => [s, limitInput(category.limits[s])])) as Record<IncidentStage, LimitInput>,
    weight: String(category.workloadWeight),
    active: category.active,
  };
}

/** The weight a typed text stands for: more than 0, at most 100, two decimals at most (the column's). */
export function parseWeight(typed: string): Checked<number> {
  const text = normalizeNumber(typed);
  if (text === '') return { valid: false, reason: 'WEIGHT_REQUIRED' };
  const m = /^-?[0-9]+(?:\.([0-9]+))?$/.exec(text);
  if (!m) return { valid: false, reason: 'WEIGHT_NOT_A_NUMBER' };
  const weight = Number(text);
  if (weight <= 0) return { valid: false, reason: 'WEIGHT_TOO_SMALL' };
  if (weight > WEIGHT_MAX) return { valid: false, reason: 'WEIGHT_TOO_LARGE' };
  // "1.50" is 1.5; "0.125" would be stored as 0.13.
  if ((m[1] ?? '').replace(/0+$/, '').length > WEIGHT_DECIMALS) return { valid: false, reason: 'WEIGHT_PRECISION' };
  return { valid: true, value: weight };
}

/** The field a problem belongs to: a stage's limit, the weight or the department. */
export type DraftField = IncidentStage | 'weight' | 'department';
export interface DraftProblem {
  field: DraftField;
  reason: CatalogueReason;
}

export type DraftResult =
  | { valid: true; change: CategoryChange; changed: boolean }
  | { valid: false; problems: DraftProblem[] };

/** The change a draft makes to the category it was started from, or every field that is wrong (in order). */
export function changeOf(base: Category, draft: CategoryDraft): DraftResult {
  const problems: DraftProblem[] = [];
  const change: CategoryChange = { code: base.code, expectedVersion: base.version };
  if (draft.departmentCode === '') problems.push({ field: 'department', reason: 'DEPARTMENT_REQUIRED' });
  else if (draft.departmentCode !== base.department.code) change.departmentCode = draft.departmentCode;
  const limits: NonNullable<CategoryChange['limits']> = {};
  for (const stage of INCIDENT_STAGES) {
    const minutes = parseLimit(draft.limits[stage]);
    if (!minutes.valid) problems.push({ field: stage, reason: minutes.reason });
    else if (minutes.value !== base.limits[stage]) limits[stage] = minutes.value;
  }
  if (Object.keys(limits).length > 0) change.limits = limits;
  const weight = parseWeight(draft.weight);
  if (!weight.valid) problems.push({ field: 'weight', reason: weight.reason });
  else if (weight.value !== base.workloadWeight) change.workloadWeight = weight.value;
  if (draft.active !== base.active) change.active = draft.active;
  if (problems.length > 0) return { valid: false, problems };
  return { valid: true, change, changed: Object.keys(change).length > 2 };
}
