import { describe, expect, it } from 'vitest';
import { createRng } from '../random/prng';
import { rebalanceCommunity, type CommunityInput } from './community-scenario';

/** A community of w×h buildings about 100 m apart near Nanjing, `households` each, in today's grid by column. */
function community(w: number, h: number, households: number, gridOfColumn: (x: number) => number, more: Partial<CommunityInput> = {}): CommunityInput {
  const addresses = [];
  for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) addresses.push({ id: 1 + x * h + y, lon: 118.8 + x * 0.001, lat: 32.0 + y * 0.0009, households, residents: households * 3, grid: gridOfColumn(x) });
  const ids = [...new Set(addresses.map((a) => a.grid))];
  return { addresses, grids: ids.map((id) => ({ id, dedicated: false })), origin: [118.8, 32.0], range: { min: 300, max: 500 }, keepDedicated: true, ...more };
}

describe('one community re-divided from its addresses', () => {
  it('keeps a grid within the range exactly as it is, and draws cells only for the grids that change', () => {
    // Grid 11: two columns of 4 × 50 = 400 (in range); grid 12: four columns, 800 (above).
    const r = rebalanceCommunity(community(6, 4, 50, (x) => (x < 2 ? 11 : 12)), createRng(1));
    const kept = r.grids.find((g) => g.todayGridId === 11)!;
    expect(kept).toMatchObject({ unchanged: true, households: 400, inRange: true, cells: [] });
    const changed = r.grids.filter((g) => !g.unchanged);
    expect(changed).toHaveLength(2);
    expect(changed.reduce((s, g) => s + g.households, 0)).toBe(800);
    for (const g of changed) expect(g.inRange).toBe(true);
    // Every unit of a changed grid has its cell (a closed lon/lat ring around it).
    for (const g of changed) {
      expect(g.cells).toHaveLength(g.addressIds.length);
      for (const ring of g.cells) expect(ring[0]).toEqual(ring.at(-1));
    }
    expect(r.todayGrids.map((g) => [g.id, g.households, g.unchanged])).toEqual([[11, 400, true], [12, 800, false]]);
    expect(r.totalHouseholds).toBe(1200);
    expect(r.movedAddresses).toBe(r.grids.filter((g) => g.todayGridId !== 12 && !g.unchanged).reduce((s, g) => s + g.addressIds.length, 0));
    expect(r.refusals).toEqual([]);
  });

  it('keeps dedicated grids when asked, and re-divides them like any other when not', () => {
    const input = community(4, 4, 50, (x) => (x < 1 ? 21 : 22));
    const dedicated = { ...input, grids: input.grids.map((g) => ({ ...g, dedicated: g.id === 21 })) };
    const kept = rebalanceCommunity(dedicated, createRng(2)).grids.find((g) => g.todayGridId === 21)!;
    expect(kept).toMatchObject({ kept: true, dedicated: true, unchanged: true, households: 200 });
    // A kept grid with no address at all (a school's grounds) stays too.
    const grounds = rebalanceCommunity({ ...dedicated, grids: [...dedicated.grids, { id: 23, dedicated: true }] }, createRng(2)).grids.find((g) => g.todayGridId === 23);
    expect(grounds).toMatchObject({ kept: true, unchanged: true, households: 0, addressIds: [], cells: [] });
    const free = rebalanceCommunity({ ...dedicated, keepDedicated: false }, createRng(2));
    expect(free.grids.every((g) => !g.kept && !g.dedicated)).toBe(true);
    expect(free.grids.every((g) => g.inRange)).toBe(true);
  });

  it('divides a community with no grids today as one area, and says why one that is too small stays', () => {
    const none = community(3, 4, 50, () => 0);
    const r = rebalanceCommunity({ ...none, addresses: none.addresses.map((a) => ({ ...a, grid: null })), grids: [] }, createRng(3));
    // 600 households: two grids, both in range; no grid of today to carry on (the first part takes the area's place).
    expect(r.grids).toHaveLength(2);
    expect(r.grids.every((g) => g.inRange && g.todayGridId === null && !g.unchanged && g.cells.length === g.addressIds.length)).toBe(true);
    expect(r.todayGrids).toEqual([{ id: null, households: 600, residents: 1800, dedicated: false, unchanged: false }]);
    const small = rebalanceCommunity(community(2, 2, 30, () => 5), createRng(4));
    expect(small.refusals.map((x) => x.refusal)).toEqual([{ kind: 'total_under_min', households: 120 }]);
  });

  it('takes the links its drawn shapes found false out of the address graph', () => {
    // One row of 14 buildings of 50 in one grid of 700: two grids of 6 + 8, 7 + 7 or 8 + 6 buildings are
    // in range. Told that the first eight and the rest are not neighbours after all, the split falls between
    // them, where it did not before.
    const row = community(14, 1, 50, () => 31);
    const sorted = (r: ReturnType<typeof rebalanceCommunity>) => r.grids.map((g) => [...g.addressIds].sort((a, b) => a - b)[0]).sort((a, b) => a! - b!);
    expect(sorted(rebalanceCommunity(row, createRng(5)))).toEqual([1, 7]);
    const apart = [{ apart: [1, 2, 3, 4, 5, 6, 7, 8], from: [9, 10, 11, 12, 13, 14] }];
    const r = rebalanceCommunity({ ...row, apart }, createRng(5));
    expect(sorted(r)).toEqual([1, 9]);
    // The link taken out is no cut edge: today's grid crosses it, the split does not.
    expect(r.cutEdges).toBe(0);
  });
});
