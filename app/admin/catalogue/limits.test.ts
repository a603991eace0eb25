import { describe, expect, it } from 'vitest';
import { formatLimit, LIMIT_MAX_MINUTES, limitInput, limitParts, parseLimit } from './limits';

describe('a stage limit as typed', () => {
  it('shows minutes in the largest unit they are a whole number of', () => {
    expect(limitInput(30)).toEqual({ value: '30', unit: 'minute' });
    expect(limitInput(240)).toEqual({ value: '4', unit: 'hour' });
    expect(limitInput(1440)).toEqual({ value: '1', unit: 'day' });
    expect(limitInput(4320)).toEqual({ value: '3', unit: 'day' });
    expect(limitInput(90)).toEqual({ value: '90', unit: 'minute' });
    expect(limitInput(1500)).toEqual({ value: '25', unit: 'hour' });
    expect(limitInput(LIMIT_MAX_MINUTES)).toEqual({ value: '365', unit: 'day' });
  });

  it('reads back to the minutes it stands for', () => {
    for (const m of [1, 30, 90, 240, 1440, 1500, 10080, LIMIT_MAX_MINUTES]) expect(parseLimit(limitInput(m))).toEqual({ valid: true, value: m });
  });

  it('takes fractions that come to whole minutes, full-width digits and spaces around', () => {
    expect(parseLimit({ value: '1.5', unit: 'hour' })).toEqual({ valid: true, value: 90 });
    expect(parseLimit({ value: '1.1', unit: 'hour' })).toEqual({ valid: true, value: 66 });
    expect(parseLimit({ value: '0.5', unit: 'day' })).toEqual({ valid: true, value: 720 });
    expect(parseLimit({ value: ' ４ ', unit: 'hour' })).toEqual({ valid: true, value: 240 });
    expect(parseLimit({ value: '１．５', unit: 'hour' })).toEqual({ valid: true, value: 90 });
  });

  it('says why a limit cannot be sent', () => {
    expect(parseLimit({ value: '', unit: 'hour' })).toEqual({ valid: false, reason: 'LIMIT_REQUIRED' });
    expect(parseLimit({ value: '   ', unit: 'hour' })).toEqual({ valid: false, reason: 'LIMIT_REQUIRED' });
    for (const value of ['abc', '--5', '1e3', '1,5', '1.', '.5', '4 小时', 'Infinity']) {
      expect(parseLimit({ value, unit: 'hour' }), value).toEqual({ valid: false, reason: 'LIMIT_NOT_A_NUMBER' });
    }
    expect(parseLimit({ value: '0', unit: 'minute' })).toEqual({ valid: false, reason: 'LIMIT_TOO_SHORT' });
    expect(parseLimit({ value: '-5', unit: 'hour' })).toEqual({ valid: false, reason: 'LIMIT_TOO_SHORT' });
    expect(parseLimit({ value: '0.5', unit: 'minute' })).toEqual({ valid: false, reason: 'LIMIT_TOO_SHORT' });
    expect(parseLimit({ value: '0.01', unit: 'hour' })).toEqual({ valid: false, reason: 'LIMIT_TOO_SHORT' });
    expect(parseLimit({ value: '1.5', unit: 'minute' })).toEqual({ valid: false, reason: 'LIMIT_NOT_WHOLE_MINUTES' });
    expect(parseLimit({ value: '0.1', unit: 'hour' })).toEqual({ valid: true, value: 6 });
    expect(parseLimit({ value: '0.11', unit: 'hour' })).toEqual({ valid: false, reason: 'LIMIT_NOT_WHOLE_MINUTES' });
    expect(parseLimit({ value: '366', unit: 'day' })).toEqual({ valid: false, reason: 'LIMIT_TOO_LONG' });
    expect(parseLimit({ value: '525601', unit: 'minute' })).toEqual({ valid: false, reason: 'LIMIT_TOO_LONG' });
    expect(parseLimit({ value: '8760', unit: 'hour' })).toEqual({ valid: true, value: LIMIT_MAX_MINUTES });
  });
});

describe('a stage limit in words', () => {
  const word = (unit: string, count: number) => `${count}${unit[0]}`;

  it('names days, hours and minutes, leaving out the zero parts', () => {
    expect(limitParts(240)).toEqual([{ unit: 'hour', count: 4 }]);
    expect(limitParts(1560)).toEqual([
      { unit: 'day', count: 1 },
      { unit: 'hour', count: 2 },
    ]);
    expect(limitParts(1441)).toEqual([
      { unit: 'day', count: 1 },
      { unit: 'minute', count: 1 },
    ]);
    expect(limitParts(0)).toEqual([{ unit: 'minute', count: 0 }]);
    expect(formatLimit(1565, word)).toBe('1d 2h 5m');
    expect(formatLimit(30, word)).toBe('30m');
    expect(formatLimit(LIMIT_MAX_MINUTES, word, '·')).toBe('365d');
  });
});
