/**
 * A worker's day as the worker panel shows it: today (a China day, geo/time/china-day.ts) up to now, the
 * patrol coverage (巡查覆盖率) as a percentage, and the day's track as deck.gl binary path data (one typed
 * array, no accessor per point: a day of 10-second positions is thousands of points).
 */
import { chinaDayOf, startOfChinaDay } from '@/geo/time/china-day';
import type { Coverage, DayTrack } from '@/server/field/tracks';

export interface DayPeriod {
  /** YYYY-MM-DD in China. */
  day: string;
  /** 00:00 of the day in China. */
  from: Date;
  to: Date;
}

/** Today so far: from the start of `now`'s China day to `now` (never empty: the server refuses from ≥ to). */
export function todaySoFar(now: Date): DayPeriod {
  const day = chinaDayOf(now);
  const from = startOfChinaDay(day);
  return { day, from, to: new Date(Math.max(now.getTime(), from.getTime() + 1000)) };
}

/**
 * The share of the worker's addresses passed, in per cent with one decimal; null when their grids hold no
 * standard address. Never rounded to 100 while one address is missed, nor to 0 once one was passed.
 */
export function coveragePercent(c: Pick<Coverage, 'addresses' | 'passed'>): number | null {
  if (c.addresses <= 0) return null;
  const percent = Math.round((c.passed / c.addresses) * 1000) / 10;
  if (c.passed > 0 && percent === 0) return 0.1;
  if (c.passed < c.addresses && percent === 100) return 99.9;
  return percent;
}

/** deck.gl's binary form of one open path ([lon, lat] pairs, oldest first). */
export interface TrackData {
  length: 1;
  startIndices: Uint32Array;
  attributes: { getPath: { value: Float64Array; size: 2 } };
}

/** The track as one path (the times dropped); null below two points, which draw no line. */
export function trackData(path: DayTrack['path']): TrackData | null {
  if (path.length < 2) return null;
  const value = new Float64Array(path.length * 2);
  for (let i = 0; i < path.length; i++) {
    value[2 * i] = path[i]![0];
    value[2 * i + 1] = path[i]![1];
  }
  // The path's start and end vertex: deck.gl counts the vertices from them.
  return { length: 1, startIndices: new Uint32Array([0, path.length]), attributes: { getPath: { value, size: 2 } } };
}
