import { describe, expect, it } from 'vitest';
import { academyShares, passes } from './exam-rule';

describe('the exam rule', () => {
  it('passes at the mark exactly, not below', () => {
    expect(passes(60, 60)).toBe(true);
    expect(passes(59.9, 60)).toBe(false);
    expect(passes(100, 100)).toBe(true);
    expect(passes(0, 0)).toBe(true);
  });
});

describe('the academy shares', () => {
  it('divides, and gives no figure (null) for nothing to divide by', () => {
    expect(academyShares(Object.freeze({ activeWorkers: 4, trainedWorkers: 1, examsTaken: 5, examsPassed: 4 }))).toEqual({ trainedShare: 0.25, passRate: 0.8 });
    expect(academyShares(Object.freeze({ activeWorkers: 0, trainedWorkers: 0, examsTaken: 0, examsPassed: 0 }))).toEqual({ trainedShare: null, passRate: null });
  });
});
