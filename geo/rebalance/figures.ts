/**
 * A scenario's figures beside today's: grids, households per grid, the share within the range, cut
 * edges (adjacent units in different grids: fewer is more compact), units and households that change
 * grid, the workers the staffing rule asks for and the annual subsidy, with its change in yuan and
 * percent. Money is counted in fen (integers), so that sums and differences are exact. Pure.
 */
import type { HouseholdRange, UnitGraph } from './tree-split';

export interface StaffingRule {
  /** Full-time workers per comprehensive grid (the norm: one). */
  fullTimePerGrid: number;
  /** Part-time workers per comprehensive grid (from community staff; 0.5 is one for every two grids, rounded up). */
  partTimePerGrid: number;
  /** Monthly subsidy of each, in fen. */
  fullTimeMonthlyFen: number;
  partTimeMonthlyFen: number;
}

export interface DivisionFigures {
  grids: number;
  /** Households of each grid, ascending (for the distribution chart). */
  households: number[];
  withinRange: number;
  /** Grids within the range over all grids (1 when there are none). */
  withinRangeShare: number;
  cutEdges: number;
  fullTime: number;
  partTime: number;
  annualSubsidyFen: number;
}

export interface ScenarioFigures {
  today: DivisionFigures;
  scenario: DivisionFigures;
  movedUnits: number;
  movedHouseholds: number;
  /** Households that change grid over all households (0 when there are none). */
  movedShare: number;
  subsidyChangeFen: number;
  /** The change against today in percent; null when today costs nothing. */
  subsidyChangePercent: number | null;
}

export function divisionFigures(graph: UnitGraph, gridOf: readonly number[], range: HouseholdRange, rule: StaffingRule): DivisionFigures {
  const byGrid = new Map<number, number>();
  gridOf.forEach((g, u) => byGrid.set(g, (byGrid.get(g) ?? 0) + graph.households[u]!));
  const households = [...byGrid.values()].sort((a, b) => a - b);
  const withinRange = households.filter((h) => h >= range.min && h <= range.max).length;
  let cutEdges = 0;
  graph.neighbours.forEach((n, u) => n.forEach((v) => (cutEdges += u < v && gridOf[u] !== gridOf[v] ? 1 : 0)));
  const grids = households.length;
  // Headcounts are whole people: a rule of one per two grids rounds up.
  const fullTime = Math.ceil(grids * rule.fullTimePerGrid);
  const partTime = Math.ceil(grids * rule.partTimePerGrid);
  return {
    grids,
    households,
    withinRange,
    withinRangeShare: grids === 0 ? 1 : withinRange / grids,
    cutEdges,
    fullTime,
    partTime,
    annualSubsidyFen: 12 * (fullTime * rule.fullTimeMonthlyFen + partTime * rule.partTimeMonthlyFen),
  };
}

export function scenarioFigures(graph: UnitGraph, today: readonly number[], scenario: readonly number[], range: HouseholdRange, rule: StaffingRule): ScenarioFigures {
  const before = divisionFigures(graph, today, range, rule);
  const after = divisionFigures(graph, scenario, range, rule);
  let movedUnits = 0;
  let movedHouseholds = 0;
  today.forEach((g, u) => {
    if (scenario[u] === g) return;
    movedUnits++;
    movedHouseholds += graph.households[u]!;
  });
  const total = graph.households.reduce((s, h) => s + h, 0);
  const change = after.annualSubsidyFen - before.annualSubsidyFen;
  return {
    today: before,
    scenario: after,
    movedUnits,
    movedHouseholds,
    movedShare: total === 0 ? 0 : movedHouseholds / total,
    subsidyChangeFen: change,
    subsidyChangePercent: before.annualSubsidyFen === 0 ? null : (change / before.annualSubsidyFen) * 100,
  };
}
