/**
 * A scenario's figures beside today's: grids, households per grid, the share within the range, the grids
 * above the residents' maximum, compactness (Polsby-Popper), cut edges (adjacent units in different grids:
 * fewer is more compact), units and households that change grid, the workers the staffing rule asks for
 * and the annual subsidy, with its change in yuan and percent. Money is counted in fen (integers), so
 * that sums and differences are exact. Pure.
 *
 * The norm and the staffing rule are for comprehensive grids: a dedicated grid (a school, a market) is
 * staffed by its own unit, so it is counted as a grid but not in the range, the headcount or the cost.
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

/** One grid as the figures count it. */
export interface GridTally {
  households: number;
  residents: number;
  dedicated: boolean;
  /** 4πA/P² of its shape. */
  polsbyPopper: number;
}

export interface NormLimits extends HouseholdRange {
  residentsMax: number;
}

export interface DivisionFigures {
  grids: number;
  comprehensive: number;
  /** Households of each comprehensive grid, ascending (for the distribution chart). */
  households: number[];
  withinRange: number;
  /** Comprehensive grids within the range over all of them (1 when there are none). */
  withinRangeShare: number;
  overResidentsMax: number;
  polsbyPopperMean: number;
  polsbyPopperMedian: number;
  polsbyPopperWorst: number;
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

/** Adjacent units in different grids. */
export function cutEdges(graph: UnitGraph, gridOf: readonly number[]): number {
  let cut = 0;
  graph.neighbours.forEach((n, u) => n.forEach((v) => (cut += u < v && gridOf[u] !== gridOf[v] ? 1 : 0)));
  return cut;
}

const median = (sorted: readonly number[]) =>
  sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;

export function divisionFigures(grids: readonly GridTally[], cut: number, limits: NormLimits, rule: StaffingRule): DivisionFigures {
  const comprehensive = grids.filter((g) => !g.dedicated);
  const households = comprehensive.map((g) => g.households).sort((a, b) => a - b);
  const withinRange = households.filter((h) => h >= limits.min && h <= limits.max).length;
  const pp = grids.map((g) => g.polsbyPopper).sort((a, b) => a - b);
  const { fullTime, partTime } = ruleHeadcount(comprehensive.length, rule);
  return {
    grids: grids.length,
    comprehensive: comprehensive.length,
    households,
    withinRange,
    withinRangeShare: comprehensive.length === 0 ? 1 : withinRange / comprehensive.length,
    overResidentsMax: comprehensive.filter((g) => g.residents > limits.residentsMax).length,
    polsbyPopperMean: pp.length === 0 ? 0 : pp.reduce((s, x) => s + x, 0) / pp.length,
    polsbyPopperMedian: median(pp),
    polsbyPopperWorst: pp[0] ?? 0,
    cutEdges: cut,
    fullTime,
    partTime,
    annualSubsidyFen: annualSubsidyFen(fullTime, partTime, rule),
  };
}

/** The workers the staffing rule asks for `comprehensive` grids. Headcounts are whole people: a rule of one per two grids rounds up. */
export function ruleHeadcount(comprehensive: number, rule: StaffingRule): { fullTime: number; partTime: number } {
  return { fullTime: Math.ceil(comprehensive * rule.fullTimePerGrid), partTime: Math.ceil(comprehensive * rule.partTimePerGrid) };
}

/** A year's subsidy of so many full-time and part-time workers, in fen (the planner's and the staffing page's one formula). */
export function annualSubsidyFen(fullTime: number, partTime: number, rule: StaffingRule): number {
  return 12 * (fullTime * rule.fullTimeMonthlyFen + partTime * rule.partTimeMonthlyFen);
}

export interface DivisionTally {
  grids: GridTally[];
  cutEdges: number;
}

export function scenarioFigures(
  today: DivisionTally,
  scenario: DivisionTally,
  moved: { units: number; households: number; totalHouseholds: number },
  limits: NormLimits,
  rule: StaffingRule,
): ScenarioFigures {
  const before = divisionFigures(today.grids, today.cutEdges, limits, rule);
  const after = divisionFigures(scenario.grids, scenario.cutEdges, limits, rule);
  const change = after.annualSubsidyFen - before.annualSubsidyFen;
  return {
    today: before,
    scenario: after,
    movedUnits: moved.units,
    movedHouseholds: moved.households,
    movedShare: moved.totalHouseholds === 0 ? 0 : moved.households / moved.totalHouseholds,
    subsidyChangeFen: change,
    subsidyChangePercent: before.annualSubsidyFen === 0 ? null : (change / before.annualSubsidyFen) * 100,
  };
}
