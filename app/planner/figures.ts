/**
 * The figures the planner page lists, as data: the rows of one scenario beside today (figures panel)
 * and the rows of two scenarios beside each other with their difference (comparison). One list of
 * figures and their kinds, so the panel, the comparison and their messages agree. Pure.
 */
import type { DivisionFigures, ScenarioFigures } from '@/geo/rebalance/figures';
import type { FigureKind } from './figure-kind';

export type { FigureKind } from './figure-kind';

/** Figures of a division, today's and the scenario's alike. */
export const DIVISION_FIGURES = [
  'grids',
  'comprehensive',
  'withinRange',
  'withinRangeShare',
  'overResidentsMax',
  'fewestHouseholds',
  'mostHouseholds',
  'polsbyPopperMean',
  'polsbyPopperMedian',
  'polsbyPopperWorst',
  'cutEdges',
  'fullTime',
  'partTime',
  'annualSubsidy',
] as const;
export type DivisionFigure = (typeof DIVISION_FIGURES)[number];

export const DIVISION_KIND: Record<DivisionFigure, FigureKind> = {
  grids: 'count',
  comprehensive: 'count',
  withinRange: 'count',
  withinRangeShare: 'share',
  overResidentsMax: 'count',
  fewestHouseholds: 'count',
  mostHouseholds: 'count',
  polsbyPopperMean: 'ratio',
  polsbyPopperMedian: 'ratio',
  polsbyPopperWorst: 'ratio',
  cutEdges: 'count',
  fullTime: 'count',
  partTime: 'count',
  annualSubsidy: 'money',
};

export function divisionValue(d: DivisionFigures, id: DivisionFigure): number | null {
  switch (id) {
    case 'fewestHouseholds':
      return d.households[0] ?? null;
    case 'mostHouseholds':
      return d.households.at(-1) ?? null;
    case 'annualSubsidy':
      return d.annualSubsidyFen;
    default:
      return d[id];
  }
}

export interface FigureRow<Id extends string = string> {
  id: Id;
  kind: FigureKind;
  /** Today and the scenario (figures panel) or scenario A and B (comparison). */
  a: number | null;
  b: number | null;
  /** b − a, null when either is unknown. */
  change: number | null;
}

const row = <Id extends string>(id: Id, kind: FigureKind, a: number | null, b: number | null): FigureRow<Id> => ({
  id,
  kind,
  a,
  b,
  change: a === null || b === null ? null : b - a,
});

/** The scenario beside today, figure by figure. */
export function figureRows(f: ScenarioFigures): FigureRow<DivisionFigure>[] {
  return DIVISION_FIGURES.map((id) => row(id, DIVISION_KIND[id], divisionValue(f.today, id), divisionValue(f.scenario, id)));
}

/** What two scenarios are compared by: their parameters, then the scenario's figures. */
export const COMPARE_FIGURES = [
  'householdsMin',
  'householdsMax',
  'residentsMax',
  'gridsToday',
  'grids',
  'withinRangeShare',
  'overResidentsMax',
  'polsbyPopperMean',
  'polsbyPopperMedian',
  'polsbyPopperWorst',
  'cutEdges',
  'movedUnits',
  'movedHouseholds',
  'movedShare',
  'fullTime',
  'partTime',
  'annualSubsidy',
  'subsidyChange',
  'subsidyChangePercent',
] as const;
export type CompareFigure = (typeof COMPARE_FIGURES)[number];

export const COMPARE_KIND: Record<CompareFigure, FigureKind> = {
  householdsMin: 'count',
  householdsMax: 'count',
  residentsMax: 'count',
  gridsToday: 'count',
  grids: 'count',
  withinRangeShare: 'share',
  overResidentsMax: 'count',
  polsbyPopperMean: 'ratio',
  polsbyPopperMedian: 'ratio',
  polsbyPopperWorst: 'ratio',
  cutEdges: 'count',
  movedUnits: 'count',
  movedHouseholds: 'count',
  movedShare: 'share',
  fullTime: 'count',
  partTime: 'count',
  annualSubsidy: 'money',
  subsidyChange: 'moneyChange',
  subsidyChangePercent: 'percent',
};

/** What a comparison reads of a scenario (a ScenarioView has it). */
export interface ComparedScenario {
  params: { householdsMin: number; householdsMax: number; residentsMax: number };
  figures: ScenarioFigures | null;
}

export function compareValue(s: ComparedScenario, id: CompareFigure): number | null {
  switch (id) {
    case 'householdsMin':
    case 'householdsMax':
    case 'residentsMax':
      return s.params[id];
  }
  const f = s.figures;
  if (!f) return null;
  switch (id) {
    case 'gridsToday':
      return f.today.grids;
    case 'movedUnits':
    case 'movedHouseholds':
    case 'movedShare':
    case 'subsidyChangePercent':
      return f[id];
    case 'subsidyChange':
      return f.subsidyChangeFen;
    default:
      return divisionValue(f.scenario, id);
  }
}

/** Scenario B beside scenario A, with B − A (money stays in fen, so the difference is exact). */
export function compareRows(a: ComparedScenario, b: ComparedScenario): FigureRow<CompareFigure>[] {
  return COMPARE_FIGURES.map((id) => row(id, COMPARE_KIND[id], compareValue(a, id), compareValue(b, id)));
}
