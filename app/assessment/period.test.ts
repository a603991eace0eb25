import { describe, expect, it } from 'vitest';
import { MAX_PERIOD_DAYS, periodLength, periodMoments, presetDays, resolvePeriod } from './period';

describe('assessment periods', () => {
  it('turns the presets into China days counted from today', () => {
    expect(presetDays('this-month', '2026-03-17')).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    expect(presetDays('last-month', '2026-03-17')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetDays('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetDays('last-month', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetDays('last-30-days', '2026-03-17')).toEqual({ from: '2026-02-16', to: '2026-03-17' });
    expect(periodLength(presetDays('last-30-days', '2026-03-17'))).toBe(30);
    expect(presetDays('this-year', '2026-03-17')).toEqual({ from: '2026-01-01', to: '2026-03-17' });
    expect(presetDays('this-month', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('asks the server from the first moment of the first day to the first moment after the last (China time)', () => {
    const m = periodMoments({ from: '2026-03-01', to: '2026-03-31' });
    expect(m.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(m.to.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('checks typed days: real days, in order, at most a year (what the server takes)', () => {
    const custom = (from: string, to: string) => resolvePeriod({ choice: 'custom', from, to }, '2026-03-17');
    expect(custom('2026-01-01', '2026-01-31')).toEqual({ valid: true, days: { from: '2026-01-01', to: '2026-01-31' } });
    expect(custom('2026-01-05', '2026-01-05')).toMatchObject({ valid: true });
    expect(custom('', '2026-01-31')).toEqual({ valid: false, reason: 'FROM_INVALID' });
    expect(custom('2026-02-30', '2026-03-01')).toEqual({ valid: false, reason: 'FROM_INVALID' });
    expect(custom('2026-01-01', '2026-13-01')).toEqual({ valid: false, reason: 'TO_INVALID' });
    expect(custom('2026-02-01', '2026-01-31')).toEqual({ valid: false, reason: 'PERIOD_REVERSED' });
    // A leap year's 366 days pass; one more does not.
    expect(custom('2028-01-01', '2028-12-31')).toMatchObject({ valid: true });
    expect(periodLength({ from: '2028-01-01', to: '2028-12-31' })).toBe(MAX_PERIOD_DAYS);
    expect(custom('2025-01-01', '2026-01-02')).toEqual({ valid: false, reason: 'PERIOD_TOO_LONG' });
    const longest = periodMoments({ from: '2028-01-01', to: '2028-12-31' });
    expect(longest.to.getTime() - longest.from.getTime()).toBe(MAX_PERIOD_DAYS * 86_400_000);
  });

  it('ignores typed days while a preset is chosen', () => {
    expect(resolvePeriod({ choice: 'this-year', from: 'junk', to: '' }, '2026-03-17')).toEqual({ valid: true, days: { from: '2026-01-01', to: '2026-03-17' } });
  });
});
