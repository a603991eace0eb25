import { expression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { AssessmentRow } from '@/server/incidents/assessment';
import { classBreaks, classColours, classify, classOf, fillColour, isMapGroup, MAP_LAYER, NO_DATA_COLOUR, PALETTES } from './choropleth';

const row = (key: string, f: Partial<AssessmentRow>): AssessmentRow => ({
  key,
  name: { 'zh-CN': key, en: key },
  reported: 1,
  notAccepted: 0,
  cases: 1,
  closed: 0,
  closureRate: null,
  handledWithLimit: 0,
  onTime: 0,
  onTimeRate: null,
  hours: { accept: null, dispatch: null, handle: null, verify: null, close: null },
  reopened: 0,
  reopenedShare: null,
  coverage: null,
  ...f,
});

/** The colour the fill expression gives a tile feature with this code. */
function paint(fill: unknown, code: string | number): string {
  if (typeof fill === 'string') return fill;
  const parsed = expression.createExpression(fill, { type: 'color' } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 10 }, { type: 'Polygon', properties: { code } } as never) as { toString(): string };
  return c.toString();
}
const rgba = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},1)`;
};

describe('choropleth classes', () => {
  it('splits values into five quantile classes, each upper bound inclusive', () => {
    const classes = classBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(classes).toEqual([
      { lower: 1, upper: 2 },
      { lower: 2, upper: 4 },
      { lower: 4, upper: 6 },
      { lower: 6, upper: 8 },
      { lower: 8, upper: 10 },
    ]);
    expect([1, 2, 2.5, 4, 8.01, 10].map((v) => classOf(classes, v))).toEqual([0, 0, 1, 1, 4, 4]);
  });

  it('merges equal bounds, so no class is empty; none for no values', () => {
    expect(classBreaks([1, 1, 1, 1])).toEqual([{ lower: 1, upper: 1 }]);
    expect(classBreaks([0, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([
      { lower: 0, upper: 1 },
    ]);
    expect(classBreaks([0.2, 0.9])).toEqual([
      { lower: 0.2, upper: 0.2 },
      { lower: 0.2, upper: 0.9 },
    ]);
    expect(classBreaks([])).toEqual([]);
    expect(classBreaks([Number.NaN])).toEqual([]);
  });

  it('spreads fewer classes over the palette, ends light and dark', () => {
    const p = PALETTES.closureRate;
    expect(classColours(p, 5)).toEqual([...p]);
    expect(classColours(p, 2)).toEqual([p[0], p[4]]);
    expect(classColours(p, 3)).toEqual([p[0], p[2], p[4]]);
    expect(classColours(p, 1)).toEqual([p[2]]);
    expect(classColours(p, 0)).toEqual([]);
  });

  it('classifies the rows by the chosen figure; rows without it have no class', () => {
    const rows = [
      row('a', { closureRate: 0.5, cases: 4 }),
      row('b', { closureRate: 1, cases: 2 }),
      row('c', { closureRate: null, cases: 0 }),
    ];
    const byRate = classify(rows, 'closureRate');
    expect(byRate.classes.map((c) => [c.lower, c.upper, c.count])).toEqual([
      [0.5, 0.5, 1],
      [0.5, 1, 1],
    ]);
    expect([...byRate.classByKey]).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(byRate.noValue).toBe(1);
    // A count figure has a value for every row (zero cases is a value).
    expect(classify(rows, 'cases').noValue).toBe(0);
    expect(classify(rows, 'cases').classes.at(-1)!.colour).toBe(PALETTES.cases[4]);
  });

  it('paints each code by its class with a match on the tiles’ code, and everything else grey', () => {
    const rows = [row('320104', { reopenedShare: 0.01 }), row('320105', { reopenedShare: 0.2 }), row('320106', { reopenedShare: null })];
    const fill = fillColour(classify(rows, 'reopenedShare'));
    expect(Array.isArray(fill) && fill[0]).toBe('match');
    expect(paint(fill, '320104')).toBe(rgba(PALETTES.reopenedShare[0]));
    expect(paint(fill, '320105')).toBe(rgba(PALETTES.reopenedShare[4]));
    expect(paint(fill, '320106')).toBe(rgba(NO_DATA_COLOUR));
    expect(paint(fill, '320199')).toBe(rgba(NO_DATA_COLOUR));
    // A tile that encodes the code as a number is matched all the same.
    expect(paint(fill, 320105)).toBe(rgba(PALETTES.reopenedShare[4]));
  });

  it('paints everything grey when nothing has a value (a match needs at least one arm)', () => {
    expect(fillColour(classify([], 'closureRate'))).toBe(NO_DATA_COLOUR);
    expect(fillColour(classify([row('a', {})], 'onTimeRate'))).toBe(NO_DATA_COLOUR);
  });

  it('maps the three area groupings to their tile layers, and no other', () => {
    expect(MAP_LAYER).toEqual({ grid: 'grids', street: 'streets', district: 'districts' });
    expect(['grid', 'street', 'district', 'department', 'worker'].filter((g) => isMapGroup(g as never))).toEqual(['grid', 'street', 'district']);
  });
});
