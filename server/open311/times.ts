/**
 * Open311's times: W3C date-times (the spec's subset of ISO 8601) with their zone. Answers write China
 * time; queries may give any zone, or a date alone, read as that day in China (where the city lives).
 */
import { endOfChinaDay, isChinaDay, startOfChinaDay } from '@/geo/time/china-day';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A moment as the spec writes it, in China time: 2026-12-01T10:00:00+08:00 (whole seconds). */
export function chinaDateTime(at: Date): string {
  return `${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** A moment a query names, with the last millisecond its precision covers. */
export interface NamedMoment {
  first: Date;
  last: Date;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses `2026-12-01T08:00:00Z`, `2026-12-01T16:00+08:00` or `2026-12-01`; null if it is none of them
 * or names no real moment (2026-02-30, 25:00, an offset beyond ±14:00). A time without seconds covers
 * its minute, one without a fraction its second, a date its day: an end_date copied from an answer's
 * whole-second requested_datetime still takes in that request.
 */
export function parseNamedMoment(text: string): NamedMoment | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, day, hh, mi, ss, fraction, zone] = m;
  if (!isChinaDay(day!)) return null;
  if (hh === undefined) return { first: startOfChinaDay(day!), last: endOfChinaDay(day!) };
  const [hour, minute, second] = [Number(hh), Number(mi), Number(ss ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [oh, om] = [Number(zone!.slice(1, 3)), Number(zone!.slice(4, 6))];
    if (oh > 14 || om > 59 || oh * 60 + om > 14 * 60) return null;
    offsetMinutes = (zone!.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const [y, mo, d] = day!.split('-').map(Number) as [number, number, number];
  const ms = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  const first = new Date(Date.UTC(y, mo - 1, d, hour, minute, second, ms) - offsetMinutes * 60_000);
  const covers = fraction ? 0 : ss !== undefined ? 999 : 59_999;
  return { first, last: new Date(first.getTime() + covers) };
}
