import { describe, expect, it } from 'vitest';
import type { PlanDiff } from '@/server/plans/diff';
import { attributeMarkers, changeId, diffFeatures, planLayers, planMapStyle } from './plan-map-layers';

const square = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
const props = (change: string, side: 'old' | 'new', code: string | null, key: string | null) => ({
  change, side, code, key, name: code ?? key ?? '', changedAttributes: change === 'attributes' ? ['name'] : [], oldName: null, households: 0, residents: 0,
});
const diff = {
  comparedWith: 'in_force',
  at: '2026-01-01T00:00:00.000Z',
  features: {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square(0), properties: props('added', 'new', null, 'g1') },
      { type: 'Feature', geometry: square(1), properties: props('removed', 'old', 'c2', null) },
      { type: 'Feature', geometry: square(2), properties: props('reshaped', 'old', 'c3', 'g3') },
      { type: 'Feature', geometry: square(2.5), properties: props('reshaped', 'new', 'c3', 'g3') },
      { type: 'Feature', geometry: square(4), properties: props('attributes', 'new', 'c4', 'g4') },
      { type: 'Feature', geometry: square(5), properties: props('unchanged', 'new', 'c5', 'g5') },
    ],
  },
  changes: [{ code: 'c4', key: 'g4', name: 'c4', change: 'attributes', changedAttributes: ['name'], areaBeforeM2: 1, areaAfterM2: 1, householdsBefore: 0, householdsAfter: 0, bbox: [4, 0, 5, 1] }],
  impact: {} as PlanDiff['impact'],
} as unknown as PlanDiff;

describe('plan map data', () => {
  it('splits the diff into the side in force and the plan’s side', () => {
    const codes = (side: 'old' | 'new') => diffFeatures(diff, side).features.map((f) => `${f.properties.change}:${f.properties.side}`);
    expect(codes('old')).toEqual(['removed:old', 'reshaped:old', 'attributes:new', 'unchanged:new']);
    expect(codes('new')).toEqual(['added:new', 'reshaped:new', 'attributes:new', 'unchanged:new']);
    expect(diffFeatures(diff, 'all').features).toHaveLength(6);
    expect(diffFeatures(undefined, 'all').features).toEqual([]);
  });

  it('names a change the same on both sides and in the list', () => {
    const reshaped = diffFeatures(diff, 'all').features.filter((f) => f.properties.change === 'reshaped');
    expect(new Set(reshaped.map((f) => f.properties.cid))).toEqual(new Set([changeId({ code: 'c3', key: 'g3' })]));
    expect(attributeMarkers(diff.changes).features[0]).toMatchObject({ geometry: { coordinates: [4.5, 0.5] }, properties: { cid: 'c4|g4' } });
  });

  it('asks nothing of any other origin, and shows no grids in force under the diff', () => {
    const style = planMapStyle('http://intranet.example', true);
    const urls = JSON.stringify(style.sources).match(/https?:\/\/[^/"]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://intranet.example']));
    expect(Object.keys(style.sources).some((s) => s.includes('grids'))).toBe(false);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(planMapStyle('http://x', false).sources).toEqual({});
    expect(planLayers().some((l) => l.type === 'symbol')).toBe(false);
  });
});
