import { describe, expect, it } from 'vitest';
import { assessmentFormat, NONE } from './format';

describe('assessment numbers', () => {
  it('writes rates as a percent with one decimal, hours with one decimal, counts grouped, none as a dash', () => {
    for (const locale of ['zh-CN', 'en']) {
      const f = assessmentFormat(locale);
      expect(f.rate(0.625)).toBe('62.5%');
      expect(f.rate(1)).toBe('100.0%');
      expect(f.rate(0)).toBe('0.0%');
      expect(f.rate(2 / 3)).toBe('66.7%');
      expect(f.hours(12)).toBe('12.0');
      expect(f.hours(0.26)).toBe('0.3');
      expect(f.count(12345)).toBe('12,345');
      for (const none of [f.rate(null), f.hours(null), f.count(null)]) expect(none).toBe(NONE);
      expect(f.value('rate', 0.5)).toBe('50.0%');
      expect(f.value('hours', 1.25)).toBe(f.hours(1.25));
      expect(f.value('count', 7)).toBe('7');
    }
  });

  it('writes China days in the reader’s language, whatever the machine’s time zone', () => {
    expect(assessmentFormat('zh-CN').day('2026-03-01')).toBe('2026年3月1日');
    expect(assessmentFormat('en').day('2026-03-01')).toBe('Mar 1, 2026');
  });
});
