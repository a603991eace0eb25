import { describe, expect, it } from 'vitest';
import { latestAsOfDay, versionInForce, withAsOf } from './as-of';
import { parseUrlState, serializeUrlState } from './state';
import { offlineStyle, tileUrl } from './style';

describe('the "as of" day in the URL', () => {
  it('round-trips a real day and drops anything else', () => {
    const state = parseUrlState(new URLSearchParams('c=118.8,32&z=12&asOf=2025-06-30'));
    expect(state.asOf).toBe('2025-06-30');
    expect(serializeUrlState(state)).toContain('asOf=2025-06-30');
    expect(parseUrlState(new URLSearchParams('asOf=2025-02-30')).asOf).toBeNull();
    expect(parseUrlState(new URLSearchParams('asOf=yesterday')).asOf).toBeNull();
    expect(parseUrlState({}).asOf).toBeNull();
    expect(serializeUrlState({ ...state, asOf: null })).not.toContain('asOf');
  });
});

describe('tile URLs as of a day', () => {
  it('adds ?at= to the grid and address tiles only', () => {
    expect(tileUrl('http://x', 'grids', '2025-06-30')).toBe('http://x/tiles/grids/{z}/{x}/{y}.mvt?at=2025-06-30');
    expect(tileUrl('http://x', 'addresses', '2025-06-30')).toBe('http://x/tiles/addresses/{z}/{x}/{y}.mvt?at=2025-06-30');
    expect(tileUrl('http://x', 'incidents', '2025-06-30')).toBe('http://x/tiles/incidents/{z}/{x}/{y}.mvt');
    expect(tileUrl('http://x', 'grids', null)).toBe('http://x/tiles/grids/{z}/{x}/{y}.mvt');
    const style = offlineStyle('http://x', 'kind', '2025-06-30');
    expect((style.sources['ga-grids'] as { tiles: string[] }).tiles).toEqual(['http://x/tiles/grids/{z}/{x}/{y}.mvt?at=2025-06-30']);
    expect((style.sources['ga-streets'] as { tiles: string[] }).tiles).toEqual(['http://x/tiles/streets/{z}/{x}/{y}.mvt']);
  });
});

describe('withAsOf', () => {
  it('adds the day only when one is set', () => {
    expect(withAsOf({ kind: 'grid', code: '1' }, null)).toEqual({ kind: 'grid', code: '1' });
    expect(withAsOf({ kind: 'grid', code: '1' }, '2025-06-30')).toEqual({ kind: 'grid', code: '1', asOf: '2025-06-30' });
  });
});

describe('latestAsOfDay', () => {
  it('is some years after today in China', () => {
    // 2026-03-01 20:00 UTC is already 2 March in China.
    expect(latestAsOfDay(new Date('2026-03-01T20:00:00Z'), 1)).toBe('2027-03-02');
  });
});

describe('versionInForce', () => {
  const versions = [
    { validFrom: '2020-01-01T00:00:00.000Z', validTo: '2025-06-30T16:00:00.000Z' },
    { validFrom: '2025-06-30T16:00:00.000Z', validTo: null },
  ];
  it('finds the version in force at the end of a day, or now', () => {
    // The second version starts at 00:00 on 1 July in China: 30 June still shows the first.
    expect(versionInForce(versions, '2025-06-30', new Date())).toBe(0);
    expect(versionInForce(versions, '2025-07-01', new Date())).toBe(1);
    expect(versionInForce(versions, null, new Date('2026-01-01T00:00:00Z'))).toBe(1);
    expect(versionInForce(versions, '2019-12-01', new Date())).toBe(-1);
    expect(versionInForce([], null, new Date())).toBe(-1);
  });
});
