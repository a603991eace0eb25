import { describe, expect, it } from 'vitest';
import { addChinaDays, chinaDayOf, effectiveMoment, endOfChinaDay, isChinaDay, startOfChinaDay } from './china-day';

describe('China calendar days', () => {
  it('accepts real days only', () => {
    expect(isChinaDay('2026-12-01')).toBe(true);
    expect(isChinaDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '20261201', '2026-12-01T00:00', '', '1800-01-01', '2026-12-01\u0000']) {
      expect(isChinaDay(bad)).toBe(false);
    }
  });

  it('a day starts at 16:00 UTC of the day before and ends a millisecond before the next', () => {
    expect(startOfChinaDay('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(endOfChinaDay('2026-12-01').toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(chinaDayOf(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
    expect(chinaDayOf(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(addChinaDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addChinaDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('a filing takes effect at the start of its day, never before it was made', () => {
    const filedAt = new Date('2026-12-01T02:00:00.000Z'); // 10:00 in China
    expect(effectiveMoment('2026-12-01', filedAt)).toEqual(filedAt);
    expect(effectiveMoment('2026-12-02', filedAt).toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });
});
