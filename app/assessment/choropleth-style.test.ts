import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { classify, fillColour } from './choropleth';
import { assessmentMapStyle, groupLayers, LAYERS, selectedFilter, showStreetLines, STREET_LINES } from './choropleth-style';

const ORIGIN = 'http://gridatlas.local';
const rows = [
  { key: '320104', closureRate: 0.5 },
  { key: '320105', closureRate: 0.9 },
].map((r) => ({ ...r, name: { 'zh-CN': r.key, en: r.key }, reported: 1, notAccepted: 0, cases: 1, closed: 0, handledWithLimit: 0, onTime: 0, onTimeRate: null, hours: { accept: null, dispatch: null, handle: null, verify: null, close: null }, reopened: 0, reopenedShare: null, coverage: null }));

describe('the assessment map style', () => {
  it('is offline: every URL is the app’s own tile route, no glyphs or sprites', () => {
    const style = assessmentMapStyle(ORIGIN);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(Object.keys(style.sources).sort()).toEqual(['ga-districts', 'ga-grids', 'ga-streets']);
    for (const s of Object.values(style.sources)) {
      for (const url of (s as { tiles: string[] }).tiles) expect(url.startsWith(`${ORIGIN}/tiles/`)).toBe(true);
    }
    // Today's grids: no "as of" day on the tile URL.
    expect((style.sources['ga-grids'] as { tiles: string[] }).tiles).toEqual([`${ORIGIN}/tiles/grids/{z}/{x}/{y}.mvt`]);
    expect(style.layers.map((l) => l.id)).toEqual(['ga-background', 'ga-districts-fill', STREET_LINES, 'ga-districts-line']);
  });

  it('is a valid style with each grouping’s layers added, on the grouping’s own tile layer', () => {
    for (const group of ['grid', 'street', 'district'] as const) {
      const style = assessmentMapStyle(ORIGIN);
      const { under, over } = groupLayers(group, fillColour(classify(rows, 'closureRate')), '320104');
      const at = style.layers.findIndex((l) => l.id === STREET_LINES);
      style.layers.splice(at, 0, ...under);
      style.layers.push(...over);
      expect(validateStyleMin(style)).toEqual([]);
      const layer = { grid: 'grids', street: 'streets', district: 'districts' }[group];
      for (const l of [...under, ...over]) expect(l).toMatchObject({ source: `ga-${layer}`, 'source-layer': layer });
      expect([...under, ...over].map((l) => l.id)).toEqual([LAYERS.fill, LAYERS.outline, LAYERS.selected]);
    }
    expect(showStreetLines('grid')).toBe(true);
    expect(showStreetLines('street')).toBe(false);
    expect(showStreetLines('district')).toBe(false);
  });

  it('highlights by code, or nothing', () => {
    expect(selectedFilter('320104')).toEqual(['==', ['to-string', ['get', 'code']], '320104']);
    expect(selectedFilter(null)).toEqual(['==', ['get', 'code'], '__none__']);
  });
});
