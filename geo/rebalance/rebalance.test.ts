import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/prng';
import { rebalance } from './rebalance';
import { isConnectedSubset, type UnitGraph } from './tree-split';

/** A row of buildings, each touching the next. */
const row = (households: number[]): UnitGraph => ({
  households,
  neighbours: households.map((_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < households.length)),
});
const range = { min: 300, max: 500 };

describe('re-dividing a community from today\'s grids', () => {
  it('leaves grids within the range as they are', () => {
    const g = row([100, 100, 200, 200, 200, 150, 150, 150]);
    const today = [0, 0, 0, 1, 1, 2, 2, 2];
    const r = rebalance({ graph: g, today, range }, createRng(1));
    expect(r.gridOf).toEqual(today);
    expect(r.movedUnits).toBe(0);
    expect(r.grids.map((x) => [x.id, x.households, x.inRange])).toEqual([[0, 400, true], [1, 400, true], [2, 450, true]]);
  });

  it('splits a grid above the range, the largest part keeping its id, and touches no other grid', () => {
    const g = row([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 400]);
    const today = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const r = rebalance({ graph: g, today, range }, createRng(2));
    expect(r.refusals).toEqual([]);
    expect(r.grids.every((x) => x.inRange)).toBe(true);
    expect(r.gridOf[10]).toBe(1);
    // 1,000 households: 2 grids (round(1000 / 400) = 3 would be 333 each; 3 fits too) — whichever, all in range.
    const fromZero = r.grids.filter((x) => x.id !== 1);
    expect(fromZero.reduce((s, x) => s + x.households, 0)).toBe(1000);
    expect(fromZero.some((x) => x.id === 0)).toBe(true);
    expect(r.movedHouseholds).toBe(1000 - fromZero.find((x) => x.id === 0)!.households);
  });

  it('merges a grid below the range with its smallest neighbour and splits the two again', () => {
    const g = row([150, 150, 50, 50, 400, 400]);
    const today = [0, 0, 1, 1, 2, 3];
    const r = rebalance({ graph: g, today, range }, createRng(3));
    // Grid 1 (100) joins grid 0 (300, its smaller neighbour), 400 together: one grid.
    expect(r.refusals).toEqual([]);
    expect(r.grids.map((x) => x.households)).toEqual([400, 400, 400]);
    expect(r.gridOf).toEqual([0, 0, 0, 0, 2, 3]);
    expect(r.movedUnits).toBe(2);
  });

  it('keeps dedicated grids, and says so when a small grid has no neighbour it may join', () => {
    const g = row([100, 600, 400]);
    const r = rebalance({ graph: g, today: [0, 1, 2], range, keep: new Set([1]) }, createRng(4));
    expect(r.gridOf).toEqual([0, 1, 2]);
    expect(r.grids.find((x) => x.id === 1)).toMatchObject({ kept: true, inRange: false });
    expect(r.refusals).toEqual([{ grid: 0, refusal: { kind: 'no_neighbour' } }]);
  });

  it('lists a grid whose single building is above the range, with the building', () => {
    const g = row([300, 900, 300]);
    const r = rebalance({ graph: g, today: [0, 1, 2], range }, createRng(5));
    expect(r.refusals).toEqual([{ grid: 1, refusal: { kind: 'unit_over_max', unit: 1, households: 900 } }]);
  });

  it('takes a grid in two pieces apart before anything else', () => {
    const g = row([400, 400, 400]);
    const r = rebalance({ graph: g, today: [0, 1, 0], range }, createRng(6));
    expect(r.gridOf).toEqual([0, 1, 2]);
    expect(r.movedUnits).toBe(1);
  });

  it('assigns every unit once, conserves households, keeps grids connected, and every grid in range or listed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 10 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 80, maxLength: 80 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (w, h, hh, strip, seed) => {
        const neighbours: number[][] = [];
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) neighbours.push([[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]].filter(([a, b]) => a! >= 0 && a! < w && b! >= 0 && b! < h).map(([a, b]) => b! * w + a!));
        const g: UnitGraph = { households: hh.slice(0, w * h), neighbours };
        // Today: vertical strips `strip` units wide.
        const today = g.households.map((_, i) => Math.floor((i % w) / strip));
        const r = rebalance({ graph: g, today, range: { min: 200, max: 400 } }, createRng(seed));
        expect(r.gridOf).toHaveLength(w * h);
        const units = r.grids.flatMap((x) => x.units).sort((a, b) => a - b);
        expect(units).toEqual(g.households.map((_, i) => i));
        expect(r.grids.reduce((s, x) => s + x.households, 0)).toBe(g.households.reduce((s, x) => s + x, 0));
        const listed = new Set(r.refusals.map((x) => x.grid));
        for (const grid of r.grids) {
          expect(isConnectedSubset(g, grid.units)).toBe(true);
          for (const u of grid.units) expect(r.gridOf[u]).toBe(grid.id);
          if (!grid.inRange) expect(listed.has(grid.id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
