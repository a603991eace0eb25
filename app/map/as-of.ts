/**
 * The map's "as of" day in the calls that take one, and in a grid's list of versions. A day is
 * YYYY-MM-DD in China (geo/time/china-day.ts); "as of D" is the grids in force at the end of D.
 */
import { addChinaDays, chinaDayOf, endOfChinaDay } from '@/geo/time/china-day';

/** The input with `asOf` added when a day is set (left out for "now", so the cache key stays the same). */
export function withAsOf<T extends object>(input: T, asOf: string | null): T & { asOf?: string } {
  return asOf ? { ...input, asOf } : input;
}

/** The latest day the control offers: filed plans may take effect a while ahead. */
export function latestAsOfDay(now: Date, years = 5): string {
  return addChinaDays(chinaDayOf(now), Math.round(years * 365.25));
}

export interface VersionSpan {
  validFrom: string;
  validTo: string | null;
}

/** Which version (by index) was in force at the end of the day (or at `now` with no day); -1: none. */
export function versionInForce(versions: readonly VersionSpan[], asOf: string | null, now: Date): number {
  const at = (asOf ? endOfChinaDay(asOf) : now).getTime();
  return versions.findIndex((v) => Date.parse(v.validFrom) <= at && (v.validTo === null || at < Date.parse(v.validTo)));
}
