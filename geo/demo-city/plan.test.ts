import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DISTRICTS, allocate, communityCount, gridTarget, randomBuilding } from './plan';
import { createRng } from '../random/prng';

describe('plan', () => {
  it('sums to about three million households at scale 1', () => {
    const total = DISTRICTS.reduce((s, d) => s + d.households, 0);
    expect(total).toBeGreaterThan(2_800_000);
    expect(total).toBeLessThan(3_200_000);
    expect(DISTRICTS).toHaveLength(11);
  });

  it('allocate keeps the total exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }), (total, w) => {
        const out = allocate(total, w);
        return out.reduce((s, x) => s + x, 0) === total && out.every((x) => x >= 0);
      }),
    );
    expect(allocate(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(() => allocate(1, [0])).toThrow();
  });

  it('keeps communities per street within 5-15', () => {
    const rng = createRng(1);
    for (const hh of [0, 1000, 20_000, 100_000]) {
      const n = communityCount(rng, hh, 'street');
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(15);
    }
  });

  it('makes buildings of realistic size', () => {
    const rng = createRng(2);
    for (let i = 0; i < 500; i++) {
      const b = randomBuilding(rng, 'village');
      expect(['rural_house', 'low_rise', 'mid_rise']).toContain(b.type);
      if (b.type === 'rural_house') expect(b.households).toBeLessThanOrEqual(3);
      const u = randomBuilding(rng, 'community');
      if (u.type === 'high_rise') expect(u.households).toBeGreaterThanOrEqual(100);
      expect(u.residents).toBeGreaterThanOrEqual(1);
    }
  });

  it('aims most grids at the norm', () => {
    const rng = createRng(3);
    const targets = Array.from({ length: 1000 }, () => gridTarget(rng, 'community'));
    const inNorm = targets.filter((t) => t >= 300 && t <= 520).length;
    expect(inNorm / 1000).toBeGreaterThan(0.8);
    expect(targets.some((t) => t > 650)).toBe(true);
  });
});
