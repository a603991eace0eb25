/**
 * Calendar days as the city lives them: China Standard Time (UTC+8, no daylight saving). A filing's
 * effective date and the map's "as of" date are days, not moments; these are the one place that turns
 * a day into the moment the app queries at.
 */

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day written YYYY-MM-DD that exists in the calendar (2026-02-30 does not). */
export function isChinaDay(day: string): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1949 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The first moment of the day (00:00 in China). */
export function startOfChinaDay(day: string): Date {
  if (!isChinaDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - CST_OFFSET_MS);
}

/** The last millisecond of the day: "as of day D" means everything that was in force during D, at its end. */
export function endOfChinaDay(day: string): Date {
  return new Date(startOfChinaDay(day).getTime() + DAY_MS - 1);
}

/** The day (YYYY-MM-DD, in China) that a moment falls on. */
export function chinaDayOf(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day after (or `n` days after) a day. */
export function addChinaDays(day: string, n: number): string {
  return chinaDayOf(new Date(startOfChinaDay(day).getTime() + n * DAY_MS));
}

/**
 * When a filing takes effect: at the start of its effective day, but never before the filing itself (a
 * plan filed at 10:00 effective today is in force from 10:00, so the morning's history is not rewritten).
 */
export function effectiveMoment(day: string, filedAt: Date): Date {
  const start = startOfChinaDay(day);
  return start.getTime() > filedAt.getTime() ? start : filedAt;
}
