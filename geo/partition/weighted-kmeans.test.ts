import { describe, expect, it } from 'vitest';
import { createRng } from '../random/prng';
import { weightedKMeans, type WeightedPoint } from './weighted-kmeans';

describe('weightedKMeans', () => {
  const rng = createRng(4);
  const blobs: WeightedPoint[] = [];
  for (const [cx, cy] of [[0, 0], [10, 0], [5, 9]] as const)
    for (let i = 0; i < 50; i++) blobs.push({ p: [cx + rng.normal() * 0.3, cy + rng.normal() * 0.3], w: 1 });

  it('finds well separated clusters', () => {
    const centres = weightedKMeans(createRng(1), blobs, 3).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(centres).toHaveLength(3);
    expect(centres[0]![0]).toBeCloseTo(0, 0);
    expect(centres[1]![1]).toBeCloseTo(9, 0);
    expect(centres[2]![0]).toBeCloseTo(10, 0);
  });

  it('never returns more centres than points, nor duplicates', () => {
    expect(weightedKMeans(createRng(1), blobs.slice(0, 2), 5)).toHaveLength(2);
    expect(weightedKMeans(createRng(1), [], 3)).toEqual([]);
    const same: WeightedPoint[] = [{ p: [1, 1], w: 1 }, { p: [1, 1], w: 2 }];
    expect(weightedKMeans(createRng(1), same, 2)).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(weightedKMeans(createRng(3), blobs, 4)).toEqual(weightedKMeans(createRng(3), blobs, 4));
  });
});
