import { describe, expect, it } from 'vitest';
import type { XY } from '../planar/polygon';
import { createRng } from '../random/prng';
import { addressUnits } from './address-graph';
import { rebalance } from './rebalance';
import { splitInRange } from './tree-split';

/** Addresses on a w×h lattice 50 m apart, `households` each. */
const block = (w: number, h: number, households = 40) =>
  Array.from({ length: w * h }, (_, i) => ({ p: [(i % w) * 50, Math.floor(i / w) * 50] as XY, households }));

describe('the address units of a community', () => {
  it('takes the addresses of one building together, and joins neighbours', () => {
    const u = addressUnits([{ p: [0, 0], households: 30 }, { p: [0, 0], households: 12 }, { p: [50, 0], households: 20 }, { p: [100, 0], households: 20 }]);
    expect(u.unitOf).toEqual([0, 0, 1, 2]);
    expect(u.graph.households).toEqual([42, 20, 20]);
    // A row: each touches the next (collinear points included).
    expect(u.graph.neighbours.map((n) => [...n].sort())).toEqual([[1], [0, 2], [1]]);
    expect(addressUnits([{ p: [0, 0], households: 1 }, { p: [9, 9], households: 1 }]).graph.neighbours).toEqual([[1], [0]]);
    expect(addressUnits([]).graph).toEqual({ households: [], neighbours: [], points: [] });
  });

  it('never puts addresses on both sides of a barrier in one grid', () => {
    // A river at x = 125 m, between the third and the fourth column of a 6×6 block.
    const addresses = block(6, 6);
    const river: XY[] = [[125, -100], [125, 400]];
    const u = addressUnits(addresses, [river]);
    for (const [a, n] of u.graph.neighbours.entries()) for (const b of n) expect(u.points[a]![0] < 125).toBe(u.points[b]![0] < 125);
    // Today one grid spans the river: its west and east halves become grids of their own, each in range.
    const r = rebalance({ graph: u.graph, today: u.points.map(() => 0), range: { min: 300, max: 800 } }, createRng(1));
    expect(r.refusals).toEqual([]);
    for (const g of r.grids) {
      const sides = new Set(g.units.map((x) => u.points[x]![0] < 125));
      expect(sides.size).toBe(1);
      expect(g.inRange).toBe(true);
    }
    // One side alone is 18 × 40 = 720 households: with 300–500 it must split, and does, still one side each.
    const west = u.points.map((p, i) => (p[0] < 125 ? i : -1)).filter((i) => i >= 0);
    const s = splitInRange(u.graph, west, { min: 300, max: 500 }, createRng(2));
    expect(s.ok && s.parts.length).toBe(2);
  });
});
