import { describe, expect, it } from 'vitest';
import { lattice } from './__fixtures__/lattice';
import type { XY } from '../planar/polygon';
import { createRng } from '../random/prng';
import { capacityKMeans, divisionQuality } from './baseline-kmeans';


describe('the capacity-constrained k-means baseline', () => {
  it('divides two separate blocks of 400 households into two grids under the maximum, one per block', () => {
    // Two 4×5 blocks of 20 households each, 1 km apart.
    const a = lattice(4, 5, () => 20);
    const points: XY[] = [...a.points, ...a.points.map(([x, y]): XY => [x + 1000, y])];
    const households = [...a.households, ...a.households];
    const r = capacityKMeans(createRng(3), { points, households, fixed: points.map(() => false), k: 2, max: 500 }, 4);
    expect(r.grids).toBe(2);
    expect(r.overflow).toBe(0);
    const left = new Set(r.gridOf.slice(0, 20));
    const right = new Set(r.gridOf.slice(20));
    expect(left.size).toBe(1);
    expect(right.size).toBe(1);
    expect([...left][0]).not.toBe([...right][0]);
  });

  it('never puts more than the maximum in a grid while there is room, leaves fixed units out, and is deterministic', () => {
    const g = lattice(10, 10, (i) => 5 + (i % 7));
    const fixed = g.points.map((_, u) => u < 10);
    const input = { points: g.points, households: g.households, fixed, k: 3, max: 250 };
    const r = capacityKMeans(createRng(11), input);
    expect(r.gridOf.slice(0, 10)).toEqual(Array(10).fill(-1));
    const load = new Map<number, number>();
    r.gridOf.forEach((c, u) => c >= 0 && load.set(c, (load.get(c) ?? 0) + g.households[u]!));
    const total = g.households.slice(10).reduce((s, h) => s + h, 0);
    // 3 × 250 = 750 ≥ the total: nothing overflows, and no grid is above the maximum.
    expect(total).toBeLessThanOrEqual(750);
    expect(r.overflow).toBe(0);
    for (const h of load.values()) expect(h).toBeLessThanOrEqual(250);
    expect(capacityKMeans(createRng(11), input)).toEqual(r);
  });

  it('gives a unit no centre has room for to its nearest one, and says so', () => {
    const g = lattice(3, 1, () => 200);
    const r = capacityKMeans(createRng(1), { points: g.points, households: g.households, fixed: [false, false, false], k: 1, max: 300 });
    expect(r.gridOf).toEqual([0, 0, 0]);
    expect(r.overflow).toBe(2);
  });
});

describe('the measures of a division on the unit graph', () => {
  it('counts grids in range, grids in one piece, cut edges and households moved against today', () => {
    // A row of six units of 100: today one grid; a division into {0,1,2} and {3,4,5} in range; and one
    // into {0,1,5} (two pieces) and {2,3,4}.
    const g = lattice(6, 1, () => 100);
    const today = [0, 0, 0, 0, 0, 0];
    const range = { min: 250, max: 350 };
    const good = divisionQuality(g, [0, 0, 0, 1, 1, 1], new Set([0, 1]), today, range, { sameIds: false });
    expect(good).toEqual({ households: [300, 300], withinRange: 2, contiguous: 2, cutEdges: 1, movedHouseholds: 300 });
    const ragged = divisionQuality(g, [7, 7, 8, 8, 8, 7], new Set([7, 8]), today, range, { sameIds: false });
    expect(ragged).toMatchObject({ withinRange: 2, contiguous: 1, cutEdges: 2, movedHouseholds: 300 });
    // With the grid numbers taken as today's: grid 1 is new, so its units moved.
    expect(divisionQuality(g, [0, 0, 0, 1, 1, 1], new Set([0, 1]), today, range, { sameIds: true }).movedHouseholds).toBe(300);
  });
});
