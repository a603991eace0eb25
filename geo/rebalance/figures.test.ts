import { describe, expect, it } from 'vitest';
import { divisionFigures, scenarioFigures, type StaffingRule } from './figures';
import type { UnitGraph } from './tree-split';

const row = (households: number[]): UnitGraph => ({
  households,
  neighbours: households.map((_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < households.length)),
});
// One full-time worker per grid at 3,000.00 yuan a month, a part-time one for every two grids at 800.00.
const rule: StaffingRule = { fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyFen: 300_000, partTimeMonthlyFen: 80_000 };
const range = { min: 300, max: 500 };

describe('a scenario\'s figures', () => {
  it('counts grids, households, the share in range, cut edges, workers and the annual subsidy of a division', () => {
    const f = divisionFigures(row([200, 200, 100, 600]), [0, 0, 1, 2], range, rule);
    expect(f).toEqual({ grids: 3, households: [100, 400, 600], withinRange: 1, withinRangeShare: 1 / 3, cutEdges: 2, fullTime: 3, partTime: 2, annualSubsidyFen: 12 * (3 * 300_000 + 2 * 80_000) });
    expect(divisionFigures({ households: [], neighbours: [] }, [], range, rule)).toMatchObject({ grids: 0, withinRangeShare: 1, annualSubsidyFen: 0 });
  });

  it('sets the scenario beside today: households moved, and the subsidy change in fen and percent', () => {
    const g = row([200, 200, 100, 300, 300]);
    // Today 5 grids of one building each; the scenario 3 (the 100 joins its neighbour).
    const s = scenarioFigures(g, [0, 1, 2, 3, 4], [0, 0, 0, 3, 4], range, rule);
    expect(s.movedUnits).toBe(2);
    expect(s.movedHouseholds).toBe(300);
    expect(s.movedShare).toBeCloseTo(300 / 1100);
    expect(s.today.grids).toBe(5);
    expect(s.scenario.grids).toBe(3);
    // Today 5 full-time and 3 part-time workers, the scenario 3 and 2.
    expect([s.today.fullTime, s.today.partTime, s.scenario.fullTime, s.scenario.partTime]).toEqual([5, 3, 3, 2]);
    expect(s.subsidyChangeFen).toBe(12 * (-2 * 300_000 - 80_000));
    expect(s.subsidyChangePercent).toBeCloseTo((-8_160_000 / 20_880_000) * 100);
    expect(scenarioFigures(g, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4], range, { ...rule, fullTimeMonthlyFen: 0, partTimeMonthlyFen: 0 }).subsidyChangePercent).toBeNull();
  });
});
