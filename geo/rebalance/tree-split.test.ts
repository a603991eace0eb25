import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lattice } from './__fixtures__/lattice';
import { createRng } from '../random/prng';
import { feasibleCounts, isConnectedSubset, splitInRange, type UnitGraph } from './tree-split';

const all = (g: UnitGraph) => g.households.map((_, i) => i);
const sum = (g: UnitGraph, units: readonly number[]) => units.reduce((s, u) => s + g.households[u]!, 0);

describe('splitting address units into grids within a households range', () => {
  it('splits a row of nine buildings of 100 households into exactly three grids of 300, each three neighbours', () => {
    const row = lattice(9, 1, () => 100);
    const r = splitInRange(row, all(row), { min: 300, max: 300 }, createRng(1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parts = r.parts.map((p) => [...p].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
    expect(parts).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
  });

  it('divides a 12×12 block of 30-household buildings (4,320) into grids of 300–500, connected, the count nearest the middle', () => {
    const block = lattice(12, 12, () => 30);
    const r = splitInRange(block, all(block), { min: 300, max: 500 }, createRng(7));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 4,320 households: 9 to 14 grids fit; 4,320 / 400 rounds to 11.
    expect(r.parts).toHaveLength(11);
    for (const p of r.parts) {
      expect(sum(block, p)).toBeGreaterThanOrEqual(300);
      expect(sum(block, p)).toBeLessThanOrEqual(500);
      expect(isConnectedSubset(block, p)).toBe(true);
    }
  });

  it('says why when the range cannot be met', () => {
    const tower = lattice(3, 1, (i) => (i === 1 ? 900 : 100));
    expect(splitInRange(tower, all(tower), { min: 300, max: 500 }, createRng(1))).toEqual({ ok: false, refusal: { kind: 'unit_over_max', unit: 1, households: 900 } });
    const small = lattice(4, 1, () => 30);
    expect(splitInRange(small, all(small), { min: 300, max: 500 }, createRng(1))).toEqual({ ok: false, refusal: { kind: 'total_under_min', households: 120 } });
    // 550 households: one grid is too many for 500, two are too few for 300 each.
    const odd = lattice(11, 1, () => 50);
    expect(feasibleCounts(550, { min: 300, max: 500 })).toBeNull();
    expect(splitInRange(odd, all(odd), { min: 300, max: 500 }, createRng(1))).toEqual({ ok: false, refusal: { kind: 'no_count_fits', households: 550 } });
    // Two pieces with no edge between them (a river with no bridge).
    const apart: UnitGraph = { households: [200, 200, 200, 200], neighbours: [[1], [0], [3], [2]] };
    expect(splitInRange(apart, [0, 1, 2, 3], { min: 300, max: 500 }, createRng(1))).toEqual({ ok: false, refusal: { kind: 'not_connected' } });
  });

  it('keeps every grid within the residents\' maximum too: more grids where the residents need them', () => {
    // Six buildings of 100 households and 400 residents: by households two grids of 300 would do, but
    // 1,200 residents each is above 1,000, so three grids of 200 households (800 residents).
    const row = { ...lattice(6, 1, () => 100), residents: [400, 400, 400, 400, 400, 400] };
    const r = splitInRange(row, all(row), { min: 200, max: 600, residentsMax: 1000 }, createRng(3));
    expect(r.ok && r.parts.map((p) => p.length)).toEqual([2, 2, 2]);
    // Without the limit the count nearest the middle of the range (400) is two.
    const free = splitInRange(row, all(row), { min: 200, max: 600 }, createRng(3));
    expect(free.ok && free.parts.length).toBe(2);
    // A dormitory of 3,000 residents cannot be divided.
    const dorm = { ...lattice(3, 1, () => 100), residents: [200, 3000, 200] };
    expect(splitInRange(dorm, all(dorm), { min: 200, max: 600, residentsMax: 2500 }, createRng(3))).toEqual({ ok: false, refusal: { kind: 'unit_over_residents', unit: 1, residents: 3000 } });
  });

  it('gives up with the count and the trees tried when the shape allows no cut (a star of three 250s around a 10)', () => {
    // 760 households: two grids of 300–500 fit by count, but any cut of the star leaves one arm alone (250).
    const star: UnitGraph = { households: [10, 250, 250, 250], neighbours: [[1, 2, 3], [0], [0], [0]] };
    const r = splitInRange(star, [0, 1, 2, 3], { min: 300, max: 500 }, createRng(3), 5);
    expect(r).toEqual({ ok: false, refusal: { kind: 'no_cut_found', parts: 2, tries: 10 } });
  });

  it('assigns every unit once, conserves the households, keeps each grid connected and in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 81, maxLength: 81 }), fc.integer(), (w, h, hh, seed) => {
        const g = lattice(w, h, (i) => hh[i]!);
        const range = { min: 150, max: 300 };
        const r = splitInRange(g, all(g), range, createRng(seed));
        if (!r.ok) {
          // Refused only for a reason that holds.
          const total = sum(g, all(g));
          if (r.refusal.kind === 'total_under_min') expect(total).toBeLessThan(range.min);
          if (r.refusal.kind === 'no_count_fits') expect(feasibleCounts(total, range)).toBeNull();
          expect(r.refusal.kind).not.toBe('not_connected');
          return;
        }
        const seen = r.parts.flat().sort((a, b) => a - b);
        expect(seen).toEqual(all(g));
        expect(r.parts.reduce((s, p) => s + sum(g, p), 0)).toBe(sum(g, all(g)));
        for (const p of r.parts) {
          expect(isConnectedSubset(g, p)).toBe(true);
          expect(sum(g, p)).toBeGreaterThanOrEqual(range.min);
          expect(sum(g, p)).toBeLessThanOrEqual(range.max);
        }
      }),
      { numRuns: 300 },
    );
  });
});
