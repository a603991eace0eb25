import { describe, expect, it } from 'vitest';
import { localized, textIn, withDetail } from './localized-text';

describe('localized text', () => {
  it("appends a detail with each language's punctuation", () => {
    const t = localized('草稿不存在', 'Draft not found');
    expect(withDetail(t, '42')).toEqual({ 'zh-CN': '草稿不存在：42', en: 'Draft not found: 42' });
    expect(withDetail(t, localized('原因', 'reason'))).toEqual({ 'zh-CN': '草稿不存在：原因', en: 'Draft not found: reason' });
    expect(withDetail(t, undefined)).toBe(t);
    expect(withDetail(t, '')).toBe(t);
  });
  it('reads Chinese unless English is asked for', () => {
    const t = localized('中', 'en');
    expect([textIn(t, 'en'), textIn(t, 'zh-CN'), textIn(t, 'fr')]).toEqual(['en', '中', '中']);
  });
});
