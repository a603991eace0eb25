import { describe, expect, it } from 'vitest';
import type { DivisionFigures, ScenarioFigures } from '@/geo/rebalance/figures';
import { formatChange, formatFigure } from './figure-kind';
import { COMPARE_FIGURES, compareRows, DIVISION_FIGURES, figureRows, type ComparedScenario } from './figures';
import { plannerFormat } from './format';

const division = (d: Partial<DivisionFigures>): DivisionFigures => ({
  grids: 10,
  comprehensive: 9,
  households: [120, 180, 250],
  withinRange: 1,
  withinRangeShare: 1 / 9,
  overResidentsMax: 0,
  polsbyPopperMean: 0.5,
  polsbyPopperMedian: 0.45,
  polsbyPopperWorst: 0.2,
  cutEdges: 40,
  fullTime: 9,
  partTime: 9,
  annualSubsidyFen: 9 * 12 * 530_000,
  ...d,
});

const figures = (today: Partial<DivisionFigures>, scenario: Partial<DivisionFigures>, rest: Partial<ScenarioFigures> = {}): ScenarioFigures =>
  Object.freeze({
    today: division(today),
    scenario: division(scenario),
    movedUnits: 12,
    movedHouseholds: 300,
    movedShare: 0.25,
    subsidyChangeFen: 12_720_000,
    subsidyChangePercent: 22.2,
    ...rest,
  });

describe('the figures beside today', () => {
  it('list every division figure once, today, scenario and the change', () => {
    const rows = figureRows(figures({}, { grids: 12, households: [100, 150, 190], annualSubsidyFen: 11 * 12 * 530_000 }));
    expect(rows.map((r) => r.id)).toEqual([...DIVISION_FIGURES]);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.grids).toMatchObject({ a: 10, b: 12, change: 2, kind: 'count' });
    expect(by.fewestHouseholds).toMatchObject({ a: 120, b: 100, change: -20 });
    expect(by.mostHouseholds).toMatchObject({ a: 250, b: 190, change: -60 });
    expect(by.annualSubsidy).toMatchObject({ kind: 'money', change: 2 * 12 * 530_000 });
  });

  it('leave the fewest and most households unknown for a division without comprehensive grids', () => {
    const rows = figureRows(figures({ households: [] }, {}));
    expect(rows.find((r) => r.id === 'fewestHouseholds')).toMatchObject({ a: null, change: null });
  });
});

describe('two scenarios compared', () => {
  const a: ComparedScenario = { params: { householdsMin: 100, householdsMax: 200, residentsMax: 2500 }, figures: figures({}, { grids: 12, withinRangeShare: 0.75 }) };
  const b: ComparedScenario = {
    params: { householdsMin: 60, householdsMax: 150, residentsMax: 2500 },
    figures: figures({}, { grids: 14, withinRangeShare: 12 / 14 }, { subsidyChangeFen: 25_440_000, subsidyChangePercent: 44.4, movedShare: 0.4 }),
  };

  it('give B − A for every figure, parameters first', () => {
    const rows = compareRows(a, b);
    expect(rows.map((r) => r.id)).toEqual([...COMPARE_FIGURES]);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.householdsMin).toMatchObject({ a: 100, b: 60, change: -40 });
    expect(by.grids).toMatchObject({ a: 12, b: 14, change: 2 });
    expect(by.gridsToday).toMatchObject({ a: 10, b: 10, change: 0 });
    expect(by.subsidyChange).toMatchObject({ kind: 'moneyChange', a: 12_720_000, b: 25_440_000, change: 12_720_000 });
    expect(by.movedShare!.change).toBeCloseTo(0.15);
    expect(by.withinRangeShare!.change).toBeCloseTo(12 / 14 - 0.75);
  });

  it('know only the parameters of a scenario without figures (still running or failed)', () => {
    const rows = compareRows(a, { ...b, figures: null });
    expect(rows.find((r) => r.id === 'householdsMax')).toMatchObject({ b: 150, change: -50 });
    expect(rows.filter((r) => r.id !== 'householdsMin' && r.id !== 'householdsMax' && r.id !== 'residentsMax').every((r) => r.b === null && r.change === null)).toBe(true);
  });

  it('write each value and difference as its kind', () => {
    const f = plannerFormat('zh-CN');
    expect(formatFigure(f, 'money', 12_720_000)).toBe('¥127,200');
    expect(formatChange(f, 'money', -12_720_000)).toBe('−¥127,200');
    expect(formatFigure(f, 'moneyChange', 12_720_000)).toBe('+¥127,200');
    expect(formatFigure(f, 'share', 0.75)).toBe('75.0%');
    expect(formatChange(f, 'share', 0.1)).toBe('+10.0%');
    expect(formatFigure(f, 'percent', 22.2)).toBe('+22.2%');
    expect(formatChange(f, 'count', null)).toBe('—');
  });
});
