/**
 * Numbers as the assessment shows them, per locale: counts with grouping, rates as a percent with one
 * decimal, hours with one decimal, '—' for none; days as China's calendar days.
 */
import { startOfChinaDay } from '@/geo/time/china-day';
import type { ColumnKind } from './table';

export const NONE = '—';

export interface AssessmentFormat {
  count: (n: number | null) => string;
  rate: (x: number | null) => string;
  hours: (h: number | null) => string;
  /** A value of a column of that kind. */
  value: (kind: Exclude<ColumnKind, 'text'>, v: number | null) => string;
  /** A China day (YYYY-MM-DD) written out. */
  day: (day: string) => string;
}

export function assessmentFormat(locale: string): AssessmentFormat {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
  const f: AssessmentFormat = {
    count: (n) => (n === null ? NONE : count.format(n)),
    rate: (x) => (x === null ? NONE : percent.format(x)),
    hours: (h) => (h === null ? NONE : hours.format(h)),
    value: (kind, v) => (kind === 'count' ? f.count(v) : kind === 'rate' ? f.rate(v) : f.hours(v)),
    day: (d) => day.format(startOfChinaDay(d)),
  };
  return f;
}
