import { describe, expect, it } from 'vitest';
import { cutEdges, divisionFigures, scenarioFigures, type GridTally, type StaffingRule } from './figures';
import type { UnitGraph } from './tree-split';

const row = (households: number[]): UnitGraph => ({
  households,
  neighbours: households.map((_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < households.length)),
});
// One full-time worker per grid at 3,000.00 yuan a month, a part-time one for every two grids at 800.00.
const rule: StaffingRule = { fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyFen: 300_000, partTimeMonthlyFen: 80_000 };
const limits = { min: 300, max: 500, residentsMax: 1000 };
const grid = (households: number, more: Partial<GridTally> = {}): GridTally => ({ households, residents: households * 2, dedicated: false, polsbyPopper: 0.5, ...more });

describe('a scenario\'s figures', () => {
  it('counts cut edges: adjacent units in different grids', () => {
    expect(cutEdges(row([1, 1, 1, 1]), [0, 0, 1, 2])).toBe(2);
    expect(cutEdges(row([1, 1]), [0, 0])).toBe(0);
  });

  it('counts grids, households, the share in range, compactness, workers and the annual subsidy of a division', () => {
    const f = divisionFigures([grid(100, { polsbyPopper: 0.2 }), grid(400, { polsbyPopper: 0.6 }), grid(600, { residents: 1200, polsbyPopper: 0.7 })], 2, limits, rule);
    expect(f).toMatchObject({ grids: 3, comprehensive: 3, households: [100, 400, 600], withinRange: 1, overResidentsMax: 1, cutEdges: 2, fullTime: 3, partTime: 2 });
    expect(f.withinRangeShare).toBeCloseTo(1 / 3);
    expect([f.polsbyPopperWorst, f.polsbyPopperMedian]).toEqual([0.2, 0.6]);
    expect(f.polsbyPopperMean).toBeCloseTo(0.5);
    expect(f.annualSubsidyFen).toBe(12 * (3 * 300_000 + 2 * 80_000));
    expect(divisionFigures([], 0, limits, rule)).toMatchObject({ grids: 0, withinRangeShare: 1, annualSubsidyFen: 0, polsbyPopperMedian: 0 });
  });

  it('leaves dedicated grids out of the range, the headcount and the cost (their unit staffs them)', () => {
    const f = divisionFigures([grid(400), grid(20, { dedicated: true })], 0, limits, rule);
    expect(f).toMatchObject({ grids: 2, comprehensive: 1, households: [400], withinRange: 1, withinRangeShare: 1, fullTime: 1, partTime: 1 });
  });

  it('sets the scenario beside today: households moved, and the subsidy change in fen and percent', () => {
    // Today 5 grids; the scenario 3 (the small ones joined).
    const today = { grids: [grid(200), grid(200), grid(100), grid(300), grid(300)], cutEdges: 4 };
    const scenario = { grids: [grid(500), grid(300), grid(300)], cutEdges: 2 };
    const s = scenarioFigures(today, scenario, { units: 2, households: 300, totalHouseholds: 1100 }, limits, rule);
    expect([s.movedUnits, s.movedHouseholds]).toEqual([2, 300]);
    expect(s.movedShare).toBeCloseTo(300 / 1100);
    expect([s.today.fullTime, s.today.partTime, s.scenario.fullTime, s.scenario.partTime]).toEqual([5, 3, 3, 2]);
    expect(s.subsidyChangeFen).toBe(12 * (-2 * 300_000 - 80_000));
    expect(s.subsidyChangePercent).toBeCloseTo((-8_160_000 / 20_880_000) * 100);
    const free = { ...rule, fullTimeMonthlyFen: 0, partTimeMonthlyFen: 0 };
    expect(scenarioFigures(today, today, { units: 0, households: 0, totalHouseholds: 1100 }, limits, free).subsidyChangePercent).toBeNull();
  });
});
