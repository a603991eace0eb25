import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lattice } from './__fixtures__/lattice';
import { cutEdges } from './figures';
import { refine } from './refine';
import { isConnectedSubset } from './tree-split';


describe('refining a division by boundary flips', () => {
  it('straightens a ragged boundary between two grids, keeping both in range', () => {
    // 4×2 block of 100s: grid 0 is the left half plus a tooth from the right, grid 1 the rest.
    const g = lattice(4, 2, () => 100);
    // Row 0: 0 0 0 1 / row 1: 0 1 1 1  (the tooth at (2,0) makes 4 cut edges; a straight cut makes 2).
    const gridOf = [0, 0, 0, 1, 0, 1, 1, 1];
    const before = cutEdges(g, gridOf);
    const flips = refine(g, gridOf, [...gridOf], { min: 300, max: 500 }, new Set(), { moveWeight: 0 });
    expect(flips).toBeGreaterThan(0);
    expect(cutEdges(g, gridOf)).toBeLessThan(before);
    for (const id of [0, 1]) {
      const units = gridOf.flatMap((x, u) => (x === id ? [u] : []));
      expect(units.length * 100).toBeGreaterThanOrEqual(300);
      expect(isConnectedSubset(g, units)).toBe(true);
    }
  });

  it('never moves a unit that would take a grid out of range, nor one of a kept grid', () => {
    const g = lattice(4, 2, () => 100);
    const gridOf = [0, 0, 0, 1, 0, 1, 1, 1];
    // With 400 as the minimum, neither grid may give a unit away.
    expect(refine(g, [...gridOf], gridOf, { min: 400, max: 500 }, new Set(), { moveWeight: 0 })).toBe(0);
    expect(refine(g, [...gridOf], gridOf, { min: 300, max: 500 }, new Set([0, 1]), { moveWeight: 0 })).toBe(0);
  });

  it('keeps a unit in today\'s grid when the gain is smaller than the weight of moving it', () => {
    const g = lattice(4, 2, () => 100);
    const gridOf = [0, 0, 0, 1, 0, 1, 1, 1];
    expect(refine(g, [...gridOf], gridOf, { min: 300, max: 500 }, new Set(), { moveWeight: 1 })).toBe(0);
  });

  it('never cuts a grid in two, never empties one, never adds cut edges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 2, max: 9 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 81, maxLength: 81 }), fc.integer({ min: 1, max: 60 }), (w, h, labels, hh) => {
        const g = lattice(w, h, (i) => 10 + ((i * 7) % hh));
        // Start from connected grids: vertical strips, relabelled by the random labels per column.
        const gridOf = g.households.map((_, i) => labels[i % w]!);
        const range = { min: 0, max: 10_000 };
        const members = (go: readonly number[], id: number) => go.flatMap((x, u) => (x === id ? [u] : []));
        const connectedBefore = new Map([...new Set(gridOf)].map((id) => [id, isConnectedSubset(g, members(gridOf, id))]));
        const before = cutEdges(g, gridOf);
        const ids = new Set(gridOf);
        refine(g, gridOf, [...gridOf], range, new Set(), { moveWeight: 0 });
        expect(cutEdges(g, gridOf)).toBeLessThanOrEqual(before);
        expect(new Set(gridOf)).toEqual(ids);
        // A grid connected before stays connected.
        for (const [id, connected] of connectedBefore) if (connected) expect(isConnectedSubset(g, members(gridOf, id))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
