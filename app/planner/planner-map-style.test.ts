import { expression, featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LAYERS, loadColour, NORM_COLOURS, normClass, pickLayers, plannerMapStyle, scenarioSelectedFilter, sidePaint, todayFilter } from './planner-map-style';

const ORIGIN = 'http://gridatlas.local';

const rgba = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},1)`;
};

function colour(expr: unknown, properties: Record<string, unknown>): string {
  const parsed = expression.createExpression(expr, { type: 'color' } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return (parsed.value.evaluate({ zoom: 14 }, { type: 'Polygon', properties } as never) as { toString(): string }).toString();
}

function passes(filter: unknown, properties: Record<string, unknown>): boolean {
  return featureFilter(filter as never).filter({ zoom: 14 } as never, { type: 3, properties } as never);
}

describe('the planner map style', () => {
  it('is offline and valid: only the app’s own tiles, no glyphs or sprites', () => {
    const style = plannerMapStyle(ORIGIN, ['320102003'], { min: 100, max: 200 });
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const s of Object.values(style.sources)) {
      if (s.type === 'geojson') continue;
      for (const url of (s as { tiles: string[] }).tiles) expect(url.startsWith(`${ORIGIN}/tiles/`)).toBe(true);
    }
    // The scenario's outlines and the selection are drawn over the boundaries.
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf(LAYERS.scenarioLine)).toBeGreaterThan(ids.indexOf('ga-districts-line'));
    expect(ids.at(-1)).toBe(LAYERS.scenarioSelected);
  });

  it('colours a grid by its households against the scenario’s range, dedicated grids apart', () => {
    const fill = loadColour({ min: 100, max: 200 });
    expect(colour(fill, { households: 99, kind: 'comprehensive' })).toBe(rgba(NORM_COLOURS.below));
    expect(colour(fill, { households: 100, kind: 'comprehensive' })).toBe(rgba(NORM_COLOURS.within));
    expect(colour(fill, { households: 200, kind: 'comprehensive' })).toBe(rgba(NORM_COLOURS.within));
    expect(colour(fill, { households: 201, kind: 'comprehensive' })).toBe(rgba(NORM_COLOURS.above));
    expect(colour(fill, { households: 999, kind: 'dedicated' })).toBe(rgba(NORM_COLOURS.dedicated));
    expect([99, 100, 200, 201].map((h) => normClass(h, 'comprehensive', { min: 100, max: 200 }))).toEqual(['below', 'within', 'within', 'above']);
    expect(normClass(999, 'dedicated', { min: 100, max: 200 })).toBe('dedicated');
    // A tile at city zoom may carry no households at all.
    expect(colour(fill, { kind: 'comprehensive' })).toBe(rgba(NORM_COLOURS.below));
  });

  it('draws today’s grids of the scope only, by code prefix', () => {
    const street = todayFilter(['320102003']);
    expect(passes(street, { code: '320102003001002' })).toBe(true);
    expect(passes(street, { code: '320102008001001' })).toBe(false);
    const communities = todayFilter(['320102003001', '320102003004']);
    expect(passes(communities, { code: '320102003004001' })).toBe(true);
    expect(passes(communities, { code: '320102003002001' })).toBe(false);
    expect(passes(todayFilter([]), { code: '320102003001002' })).toBe(false);
    expect(passes(scenarioSelectedFilter(3), { gridNo: 3 })).toBe(true);
    expect(passes(scenarioSelectedFilter(null), { gridNo: 3 })).toBe(false);
  });

  it('shows today’s outlines under the scenario, or each alone side by side', () => {
    expect(sidePaint('over').visible[LAYERS.todayLine]).toBe(true);
    expect(sidePaint('over').visible[LAYERS.scenarioFill]).toBe(true);
    expect(sidePaint('today').visible[LAYERS.scenarioFill]).toBe(false);
    expect(sidePaint('today').todayFillOpacity).toBeGreaterThan(0);
    expect(sidePaint('scenario').visible[LAYERS.todayLine]).toBe(false);
    expect(pickLayers('over')).toEqual([LAYERS.scenarioFill, LAYERS.todayFill]);
    expect(pickLayers('today')).toEqual([LAYERS.todayFill]);
  });
});
