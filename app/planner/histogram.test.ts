import { describe, expect, it } from 'vitest';
import { householdBins, niceStep } from './histogram';

describe('the households histogram', () => {
  it('picks whole, nice bin widths', () => {
    expect(niceStep(41.7)).toBe(50);
    expect(niceStep(20)).toBe(20);
    expect(niceStep(21)).toBe(25);
    expect(niceStep(2.1)).toBe(5);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(130)).toBe(200);
  });

  it('counts both series in common half-open bins from 0 past the largest grid and the range', () => {
    const h = householdBins([10, 49, 50, 120], [60, 75, 99, 100], { min: 50, max: 100 }, 4);
    expect(h.width).toBe(50);
    expect(h.bins.map((b) => [b.from, b.to, b.today, b.scenario])).toEqual([
      [0, 50, 2, 0],
      [50, 100, 1, 3],
      [100, 150, 1, 1],
    ]);
    expect(h.maxCount).toBe(3);
    expect(h.end).toBe(150);
    // Every grid is counted once.
    expect(h.bins.reduce((s, b) => s + b.today, 0)).toBe(4);
  });

  it('reaches the range’s maximum even when every grid is far below it', () => {
    const h = householdBins([40, 60], [100], { min: 300, max: 500 });
    expect(h.end).toBeGreaterThan(500);
    expect(h.bins.reduce((s, b) => s + b.scenario, 0)).toBe(1);
  });

  it('has a scale of at least one with no grids at all', () => {
    const h = householdBins([], [], { min: 300, max: 500 });
    expect(h.maxCount).toBe(1);
    expect(h.bins.every((b) => b.today === 0 && b.scenario === 0)).toBe(true);
  });
});
