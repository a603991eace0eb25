/**
 * A stage's time limit as the catalogue stores it (whole minutes, incident_category.*_limit_minutes) and
 * as an administrator reads and types it: a number and a unit (分钟, 小时, 天), shown as "1 天 2 小时".
 */
import { normalizeNumber, type Checked } from './reasons';

export const LIMIT_UNITS = ['minute', 'hour', 'day'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export const MINUTES_PER_UNIT: Readonly<Record<LimitUnit, number>> = { minute: 1, hour: 60, day: 1440 };

/** The bounds the server holds a stage limit to (incidents.updateCategory): 1 minute to 365 days. */
export const LIMIT_MIN_MINUTES = 1;
export const LIMIT_MAX_MINUTES = 365 * MINUTES_PER_UNIT.day;

/** What the limit's field shows: the number in the largest unit it is a whole number of (1440 → 1 天). */
export interface LimitInput {
  value: string;
  unit: LimitUnit;
}

export function limitInput(minutes: number): LimitInput {
  for (const unit of ['day', 'hour'] as const) {
    if (minutes > 0 && minutes % MINUTES_PER_UNIT[unit] === 0) return { value: String(minutes / MINUTES_PER_UNIT[unit]), unit };
  }
  return { value: String(minutes), unit: 'minute' };
}

// A sign is read ("-5" is too short, not "not a number").
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/**
 * The minutes a typed limit stands for. A fraction is fine when it comes to whole minutes (1.5 小时 is
 * 90 minutes; 0.01 小时 is not a whole minute).
 */
export function parseLimit(input: LimitInput): Checked<number> {
  const text = normalizeNumber(input.value);
  if (text === '') return { valid: false, reason: 'LIMIT_REQUIRED' };
  if (!DECIMAL.test(text)) return { valid: false, reason: 'LIMIT_NOT_A_NUMBER' };
  const exact = Number(text) * MINUTES_PER_UNIT[input.unit];
  if (exact < LIMIT_MIN_MINUTES) return { valid: false, reason: 'LIMIT_TOO_SHORT' };
  const minutes = Math.round(exact);
  // Binary fractions: 1.1 小时 is 66.00000000000001 minutes, and that is 66.
  if (Math.abs(exact - minutes) > 1e-6) return { valid: false, reason: 'LIMIT_NOT_WHOLE_MINUTES' };
  if (minutes > LIMIT_MAX_MINUTES) return { valid: false, reason: 'LIMIT_TOO_LONG' };
  return { valid: true, value: minutes };
}

/** A limit in days, hours and minutes, the zero parts left out: 1560 → 1 day, 2 hours. */
export function limitParts(minutes: number): { unit: LimitUnit; count: number }[] {
  const whole = Math.max(0, Math.round(minutes));
  const counts: Record<LimitUnit, number> = {
    day: Math.floor(whole / MINUTES_PER_UNIT.day),
    hour: Math.floor((whole % MINUTES_PER_UNIT.day) / MINUTES_PER_UNIT.hour),
    minute: whole % MINUTES_PER_UNIT.hour,
  };
  const parts = (['day', 'hour', 'minute'] as const).filter((u) => counts[u] > 0).map((unit) => ({ unit, count: counts[unit] }));
  return parts.length > 0 ? parts : [{ unit: 'minute', count: 0 }];
}

/**
 * A limit as words, "1 天 2 小时" / "1 day 2 hours": `word` gives one part in the user's language
 * (catalogue.limit.<unit> with its count), `separator` joins them.
 */
export function formatLimit(minutes: number, word: (unit: LimitUnit, count: number) => string, separator = ' '): string {
  return limitParts(minutes)
    .map((p) => word(p.unit, p.count))
    .join(separator);
}
