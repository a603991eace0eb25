/**
 * The assessment table as data: its columns, their sorting, and the totals row. Rates in the totals are
 * computed from the summed counts (closed ÷ cases, on time ÷ handled with a limit, re-opened ÷ cases),
 * never by averaging the rows' rates, which would weigh a grid of two cases like one of two hundred.
 * Average hours per stage and patrol coverage cannot be summed from the rows (the server sends neither
 * how many cases went through each stage nor how many addresses each worker covers), so the totals
 * leave them empty rather than guess.
 */
import { textIn } from '@/geo/text/localized-text';
import type { AssessmentGroup, AssessmentRow } from '@/server/incidents/assessment';

export const COLUMNS = [
  'name',
  'reported',
  'cases',
  'closed',
  'closureRate',
  'onTimeRate',
  'acceptHours',
  'dispatchHours',
  'handleHours',
  'verifyHours',
  'closeHours',
  'reopenedShare',
  'coverage',
] as const;
export type ColumnId = (typeof COLUMNS)[number];
export type NumericColumn = Exclude<ColumnId, 'name'>;

export type ColumnKind = 'text' | 'count' | 'rate' | 'hours';

export const COLUMN_KIND = {
  name: 'text',
  reported: 'count',
  cases: 'count',
  closed: 'count',
  closureRate: 'rate',
  onTimeRate: 'rate',
  acceptHours: 'hours',
  dispatchHours: 'hours',
  handleHours: 'hours',
  verifyHours: 'hours',
  closeHours: 'hours',
  reopenedShare: 'rate',
  coverage: 'rate',
} as const satisfies Record<ColumnId, ColumnKind>;

/** The kind of a numeric column (how its values are written). */
export const numericKind = (c: NumericColumn): Exclude<ColumnKind, 'text'> => COLUMN_KIND[c];

/** The stage columns, in the loop's order, and the server's name of each stage. */
export const HOUR_COLUMNS = {
  acceptHours: 'accept',
  dispatchHours: 'dispatch',
  handleHours: 'handle',
  verifyHours: 'verify',
  closeHours: 'close',
} as const satisfies Record<string, keyof AssessmentRow['hours']>;
export type HourColumn = keyof typeof HOUR_COLUMNS;
export const isHourColumn = (c: ColumnId): c is HourColumn => c in HOUR_COLUMNS;

/** The columns of a grouping: patrol coverage belongs to workers only. */
export function columnsFor(group: AssessmentGroup): ColumnId[] {
  return COLUMNS.filter((c) => c !== 'coverage' || group === 'worker');
}

/** What a row or the totals hold besides their key and name. */
export type Figures = Omit<AssessmentRow, 'key' | 'name'>;

/** A numeric cell's value (null: none, shown as '—'). */
export function cellValue(f: Figures, column: NumericColumn): number | null {
  switch (column) {
    case 'reported':
    case 'cases':
    case 'closed':
    case 'closureRate':
    case 'onTimeRate':
    case 'reopenedShare':
    case 'coverage':
      return f[column];
    default:
      return f.hours[HOUR_COLUMNS[column]];
  }
}

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: ColumnId;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { column: 'name', direction: 'ascending' };

/**
 * The sort after a click on a column's header: the same column turns around; another column starts with
 * names A→Z and figures largest first (an assessment is read as a ranking).
 */
export function nextSort(current: SortState, column: ColumnId): SortState {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: column === 'name' ? 'ascending' : 'descending' };
}

/**
 * The rows in the order of `sort` (a new array; the input is not touched). Empty values ('—') go last in
 * either direction, ties keep the order of the keys, so the order is the same on every reload.
 */
export function sortRows(rows: readonly AssessmentRow[], sort: SortState, locale: string): AssessmentRow[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byKey = (a: AssessmentRow, b: AssessmentRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const column = sort.column;
  if (column === 'name') {
    return [...rows].sort((a, b) => sign * collator.compare(textIn(a.name, locale), textIn(b.name, locale)) || byKey(a, b));
  }
  return [...rows].sort((a, b) => {
    const x = cellValue(a, column);
    const y = cellValue(b, column);
    if (x === null || y === null) return x === y ? byKey(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byKey(a, b);
  });
}

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/** The totals of the rows: counts summed, rates from the summed counts, what cannot be summed empty. */
export function totals(rows: readonly AssessmentRow[]): Figures {
  const sum = (pick: (r: AssessmentRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const reported = sum((r) => r.reported);
  const notAccepted = sum((r) => r.notAccepted);
  const cases = sum((r) => r.cases);
  const closed = sum((r) => r.closed);
  const handledWithLimit = sum((r) => r.handledWithLimit);
  const onTime = sum((r) => r.onTime);
  const reopened = sum((r) => r.reopened);
  return {
    reported,
    notAccepted,
    cases,
    closed,
    closureRate: rate(closed, cases),
    handledWithLimit,
    onTime,
    onTimeRate: rate(onTime, handledWithLimit),
    hours: { accept: null, dispatch: null, handle: null, verify: null, close: null },
    reopened,
    reopenedShare: rate(reopened, cases),
    coverage: null,
  };
}
