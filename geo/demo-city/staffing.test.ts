import { describe, expect, it } from 'vitest';
import { createRng } from '../random/prng';
import { staffCommunity } from './staffing';

describe('staffCommunity', () => {
  const rng = createRng(12);
  const communities = Array.from({ length: 200 }, (_, c) => Array.from({ length: 8 }, (_, g) => `${c}:${g}`));
  const plans = communities.map((grids) => staffCommunity(rng, grids, ['unit']));

  it('gives about one full-time worker per comprehensive grid', () => {
    const full = plans.flat().filter((p) => p.employment === 'full_time');
    expect(full.length / 1600).toBeGreaterThan(0.9);
    expect(full.length / 1600).toBeLessThanOrEqual(1);
  });

  it('leaves some grids without a full-time worker and lets some workers hold two or more', () => {
    let vacant = 0;
    communities.forEach((grids, i) => {
      const held = new Set(plans[i]!.filter((p) => p.employment === 'full_time').flatMap((p) => p.gridKeys));
      vacant += grids.filter((g) => !held.has(g)).length;
    });
    expect(vacant).toBeGreaterThan(10);
    expect(plans.flat().filter((p) => p.employment === 'full_time' && p.gridKeys.length >= 2).length).toBeGreaterThan(10);
  });

  it('never assigns a grid twice to one worker and staffs no grid outside the community', () => {
    plans.forEach((list, i) => {
      for (const p of list) {
        expect(new Set(p.gridKeys).size).toBe(p.gridKeys.length);
        for (const k of p.gridKeys) expect(k === 'unit' || communities[i]!.includes(k)).toBe(true);
      }
    });
  });

  it('handles a community without comprehensive grids', () => {
    expect(staffCommunity(createRng(1), [], []).length).toBe(0);
  });
});
