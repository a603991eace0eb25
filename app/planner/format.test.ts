import { describe, expect, it } from 'vitest';
import { NONE, plannerFormat } from './format';

describe('the planner’s numbers', () => {
  const zh = plannerFormat('zh-CN');
  const en = plannerFormat('en');

  it('write money from fen in yuan, with fen only when there are some', () => {
    expect(zh.yuan(123_456_700)).toBe('¥1,234,567');
    expect(zh.yuan(12_345)).toBe('¥123.45');
    expect(en.yuan(123_456_700)).toBe('CN¥1,234,567');
    expect(zh.yuan(0)).toBe('¥0');
    expect(zh.yuanAmount(4500)).toBe('¥4,500');
    expect(zh.yuanAmount(800.5)).toBe('¥800.50');
  });

  it('sign changes with a plus or a true minus, and leave zero unsigned', () => {
    expect(zh.signedYuan(25_440_000)).toBe('+¥254,400');
    expect(zh.signedYuan(-6_360_000)).toBe('−¥63,600');
    expect(en.signedYuan(-6_360_000)).toBe('−CN¥63,600');
    expect(zh.signedYuan(0)).toBe('¥0');
    expect(zh.signedCount(3)).toBe('+3');
    expect(zh.signedCount(-2)).toBe('−2');
    expect(zh.signedCount(0)).toBe('0');
    expect(zh.signedPercent(12.345)).toBe('+12.3%');
    expect(zh.signedPercent(-50)).toBe('−50.0%');
  });

  it('write shares as percents with one decimal, compactness with three', () => {
    expect(zh.share(0.5)).toBe('50.0%');
    expect(en.share(1)).toBe('100.0%');
    expect(zh.signedShare(0.125)).toBe('+12.5%');
    expect(zh.ratio(0.4567)).toBe('0.457');
    expect(zh.signedRatio(-0.01)).toBe('−0.010');
    expect(zh.count(12_345)).toBe('12,345');
    expect(zh.perGrid(0.5)).toBe('0.5');
  });

  it('write nothing known as a dash', () => {
    for (const f of [zh.count, zh.share, zh.yuan, zh.signedYuan, zh.signedPercent, zh.ratio]) expect(f(null)).toBe(NONE);
    expect(zh.share(Number.NaN)).toBe(NONE);
  });
});
