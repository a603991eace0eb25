/**
 * The choropleth as data: which figure of a row colours its area, the five classes of the figure's values
 * (quantiles: each class holds about a fifth of the areas that have a value), the colours of a sequential
 * ColorBrewer scale per figure, and the `match` expression on the tiles' `code` that paints them. Areas
 * with no row, or a row without the figure (no case, no time limit), are grey. Pure, so the legend, the
 * map and the tests share one classification.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { AssessmentGroup, AssessmentRow } from '@/server/incidents/assessment';
import type { Figure } from './view-state';

/** The groupings a map can show, and the tile layer of each (source-layer = layer, `code` property). */
export const MAP_LAYER = { grid: 'grids', street: 'streets', district: 'districts' } as const;
export type MapGroup = keyof typeof MAP_LAYER;
export const isMapGroup = (g: AssessmentGroup): g is MapGroup => g in MAP_LAYER;

export type FigureKind = 'rate' | 'count';
export const FIGURE_KIND: Readonly<Record<Figure, FigureKind>> = { closureRate: 'rate', onTimeRate: 'rate', reopenedShare: 'rate', cases: 'count' };

export function figureValue(row: AssessmentRow, figure: Figure): number | null {
  return row[figure];
}

/**
 * Five light-to-dark classes per figure (ColorBrewer, colour-blind safe): greens where more is better,
 * orange-reds for the re-opened share (more is worse), blues for the number of cases (neither).
 */
export const PALETTES: Readonly<Record<Figure, readonly [string, string, string, string, string]>> = {
  closureRate: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
  onTimeRate: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
  reopenedShare: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
  cases: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
};

/** Areas without a value: a neutral grey darker than the lightest class, so "none" never reads as "low". */
export const NO_DATA_COLOUR = '#b4bac3';

export const CLASS_COUNT = 5;

/** A class of values: from `lower` (exclusive, but inclusive for the first class) to `upper` (inclusive). */
export interface ValueClass {
  lower: number;
  upper: number;
}

/**
 * Quantile classes of the values (at most `k`; fewer when the values have fewer distinct levels). The
 * upper bound of class j is the value at rank ⌈j·n/k⌉; equal bounds merge, so no class is empty.
 */
export function classBreaks(values: readonly number[], k = CLASS_COUNT): ValueClass[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0 || k < 1) return [];
  const uppers: number[] = [];
  for (let j = 1; j <= k; j++) {
    const upper = sorted[Math.max(0, Math.ceil((j * n) / k) - 1)]!;
    if (uppers.length === 0 || upper > uppers[uppers.length - 1]!) uppers.push(upper);
  }
  return uppers.map((upper, i) => ({ lower: i === 0 ? sorted[0]! : uppers[i - 1]!, upper }));
}

/** The class a value falls in (the first whose upper bound it does not exceed). */
export function classOf(classes: readonly ValueClass[], v: number): number {
  const i = classes.findIndex((c) => v <= c.upper);
  return i === -1 ? classes.length - 1 : i;
}

/** The palette entries for `m` classes: spread over the five so the ends stay light and dark. */
export function classColours(palette: readonly string[], m: number): string[] {
  if (m <= 0) return [];
  if (m === 1) return [palette[Math.floor(palette.length / 2)]!];
  return Array.from({ length: m }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (m - 1))]!);
}

export interface LegendClass extends ValueClass {
  colour: string;
  /** How many areas fall in the class. */
  count: number;
}

export interface Choropleth {
  figure: Figure;
  classes: LegendClass[];
  /** The class of each row's key; rows without the figure are absent. */
  classByKey: ReadonlyMap<string, number>;
  /** Rows without the figure (drawn grey with the areas that have no row). */
  noValue: number;
}

export function classify(rows: readonly AssessmentRow[], figure: Figure): Choropleth {
  const valued = rows.flatMap((r) => {
    const v = figureValue(r, figure);
    return v === null ? [] : [{ key: r.key, v }];
  });
  const breaks = classBreaks(valued.map((x) => x.v));
  const colours = classColours(PALETTES[figure], breaks.length);
  const classByKey = new Map(valued.map((x) => [x.key, classOf(breaks, x.v)]));
  const counts = breaks.map(() => 0);
  for (const c of classByKey.values()) counts[c]!++;
  return {
    figure,
    classes: breaks.map((b, i) => ({ ...b, colour: colours[i]!, count: counts[i]! })),
    classByKey,
    noValue: rows.length - valued.length,
  };
}

/** The fill colour of the areas: a `match` on the tiles' `code`, grey for every code not listed. */
export function fillColour(choropleth: Choropleth): ExpressionSpecification | string {
  const codes: string[][] = choropleth.classes.map(() => []);
  for (const [key, c] of choropleth.classByKey) codes[c]!.push(key);
  const arms = choropleth.classes.flatMap((cls, i) => (codes[i]!.length ? [codes[i]!.sort(), cls.colour] : []));
  // A match needs at least one arm; with no values at all every area is grey.
  if (arms.length === 0) return NO_DATA_COLOUR;
  return ['match', ['to-string', ['get', 'code']], ...arms, NO_DATA_COLOUR] as unknown as ExpressionSpecification;
}
