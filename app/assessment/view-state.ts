/**
 * The assessment page's shareable state (grouping, period, area, the map's figure) and its URL form, so a
 * copied link reloads the same view: `/assessment?group=street&period=custom&from=2025-06-01&to=2025-06-30&area=320104`.
 * Presets stay presets in the link ("this month" is this month when it is opened). What the link names
 * is only a request: the server narrows every figure to the reader's own incidents scope.
 */
import type { AssessmentGroup } from '@/server/incidents/assessment';
import { PERIOD_CHOICES, type Period, type PeriodChoice } from './period';

/** The groupings in the order the select offers them (the server's ASSESSMENT_GROUPS, kept client-side). */
export const GROUPS = ['grid', 'street', 'district', 'department', 'worker'] as const satisfies readonly AssessmentGroup[];
// Every server grouping is offered: a grouping added there fails to compile here until it is added.
const ALL_GROUPS_OFFERED: [Exclude<AssessmentGroup, (typeof GROUPS)[number]>] extends [never] ? true : false = true;
void ALL_GROUPS_OFFERED;

/** The figures the choropleth can show. */
export const FIGURES = ['closureRate', 'onTimeRate', 'reopenedShare', 'cases'] as const;
export type Figure = (typeof FIGURES)[number];

export interface ViewState {
  group: AssessmentGroup;
  period: Period;
  /** A district (6 digits) or street (9 digits) code the cases must lie in; null: the whole scope. */
  area: string | null;
  figure: Figure;
}

export const DEFAULT_GROUP: AssessmentGroup = 'street';
export const DEFAULT_FIGURE: Figure = 'closureRate';
export const DEFAULT_PERIOD: Period = { choice: 'this-month', from: '', to: '' };

/** The area codes the page takes: a district or a street. */
export const AREA_CODE = /^[0-9]{6}([0-9]{3})?$/;
const DAY_TEXT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function param(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

const oneOf = <T extends string>(list: readonly T[], v: string | undefined, fallback: T): T =>
  v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : fallback;

/** The state a link asks for; anything unknown falls back to the default (typed days are kept to be shown). */
export function parseViewState(params: Params): ViewState {
  const choice = oneOf<PeriodChoice>(PERIOD_CHOICES, param(params, 'period'), DEFAULT_PERIOD.choice);
  const day = (key: string) => {
    const v = param(params, key) ?? '';
    return DAY_TEXT.test(v) ? v : '';
  };
  const area = param(params, 'area');
  return {
    group: oneOf(GROUPS, param(params, 'group'), DEFAULT_GROUP),
    period: choice === 'custom' ? { choice, from: day('from'), to: day('to') } : { choice, from: '', to: '' },
    area: area && AREA_CODE.test(area) ? area : null,
    figure: oneOf(FIGURES, param(params, 'figure'), DEFAULT_FIGURE),
  };
}

/** The query string of a state (no leading '?'); the default figure is left out. */
export function serializeViewState(state: ViewState): string {
  const q = new URLSearchParams({ group: state.group, period: state.period.choice });
  if (state.period.choice === 'custom') {
    q.set('from', state.period.from);
    q.set('to', state.period.to);
  }
  if (state.area) q.set('area', state.area);
  if (state.figure !== DEFAULT_FIGURE) q.set('figure', state.figure);
  return q.toString();
}

/** The CSV of the same table: GET /api/assessment/{group}.csv with the same period, area and the page's locale. */
export function csvHref(group: AssessmentGroup, moments: { from: Date; to: Date }, area: string | null, locale: string): string {
  const q = new URLSearchParams({ from: moments.from.toISOString(), to: moments.to.toISOString() });
  if (area) q.set('areaCode', area);
  if (locale === 'en') q.set('locale', 'en');
  return `/api/assessment/${group}.csv?${q.toString()}`;
}
