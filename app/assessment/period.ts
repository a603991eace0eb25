/**
 * The assessment period: a preset relative to today (this month, last month, the last 30 days, this
 * year) or two days typed in. Days are China's (UTC+8); the server counts the cases reported in
 * [from, to), so the period's end is the first moment of the day after its last day: exact to the
 * microsecond, where endOfChinaDay (the last millisecond) would drop the day's final millisecond.
 */
import { addChinaDays, isChinaDay, startOfChinaDay } from '@/geo/time/china-day';

export const PERIOD_PRESETS = ['this-month', 'last-month', 'last-30-days', 'this-year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type PeriodChoice = PeriodPreset | 'custom';
export const PERIOD_CHOICES: readonly PeriodChoice[] = [...PERIOD_PRESETS, 'custom'];

/** What the controls hold: the choice, and the two typed days (used when the choice is 'custom'). */
export interface Period {
  choice: PeriodChoice;
  from: string;
  to: string;
}

/** A period as China days, both inclusive (YYYY-MM-DD). */
export interface PeriodDays {
  from: string;
  to: string;
}

/** The server refuses a longer period (server/incidents/assessment.ts). */
export const MAX_PERIOD_DAYS = 366;

export const PERIOD_REASONS = ['FROM_INVALID', 'TO_INVALID', 'PERIOD_REVERSED', 'PERIOD_TOO_LONG'] as const;
export type PeriodReason = (typeof PERIOD_REASONS)[number];

export type PeriodCheck = { valid: true; days: PeriodDays } | { valid: false; reason: PeriodReason };

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/** The days of a preset, `today` being the China day of now. */
export function presetDays(preset: PeriodPreset, today: string): PeriodDays {
  switch (preset) {
    case 'this-month':
      return { from: firstOfMonth(today), to: today };
    case 'last-month': {
      const last = addChinaDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(last), to: last };
    }
    case 'last-30-days':
      return { from: addChinaDays(today, -29), to: today };
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** How many days a period holds, both ends counted. */
export function periodLength(days: PeriodDays): number {
  return Math.round((startOfChinaDay(days.to).getTime() - startOfChinaDay(days.from).getTime()) / 86_400_000) + 1;
}

/** The days of the chosen period, or why the typed days make none. */
export function resolvePeriod(period: Period, today: string): PeriodCheck {
  if (period.choice !== 'custom') return { valid: true, days: presetDays(period.choice, today) };
  if (!isChinaDay(period.from)) return { valid: false, reason: 'FROM_INVALID' };
  if (!isChinaDay(period.to)) return { valid: false, reason: 'TO_INVALID' };
  const days = { from: period.from, to: period.to };
  if (period.from > period.to) return { valid: false, reason: 'PERIOD_REVERSED' };
  if (periodLength(days) > MAX_PERIOD_DAYS) return { valid: false, reason: 'PERIOD_TOO_LONG' };
  return { valid: true, days };
}

/** The moments the server is asked for: from the start of the first day to the start of the day after the last. */
export function periodMoments(days: PeriodDays): { from: Date; to: Date } {
  return { from: startOfChinaDay(days.from), to: startOfChinaDay(addChinaDays(days.to, 1)) };
}
