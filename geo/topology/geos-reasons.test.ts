import { describe, expect, it } from 'vitest';
import { geosReasonText, invalidityFinding } from './geos-reasons';

describe('GEOS invalidity reasons', () => {
  it('names the finding of each known phrase, whatever the location', () => {
    expect(invalidityFinding('Self-intersection[118.7 32.005]')).toBe('GRID_SELF_INTERSECTION');
    expect(invalidityFinding('Ring Self-intersection[1 2]')).toBe('GRID_SELF_INTERSECTION');
    expect(invalidityFinding('Too few points in geometry component[118 32]')).toBe('GRID_EMPTY_PART');
    expect(invalidityFinding('Empty geometry')).toBe('GRID_EMPTY_PART');
    expect(invalidityFinding('Hole lies outside shell[0 0]')).toBe('GRID_INVALID');
    // Not a pattern: a phrase that merely contains a known word is not taken for it.
    expect(invalidityFinding('Not a self-intersection at all')).toBe('GRID_INVALID');
  });
  it('says each in Chinese and keeps the English and the location', () => {
    expect(geosReasonText('Self-intersection[118.7 32.005]')).toEqual({ 'zh-CN': '自相交[118.7 32.005]', en: 'Self-intersection[118.7 32.005]' });
    expect(geosReasonText('Something new')).toEqual({ 'zh-CN': 'Something new', en: 'Something new' });
  });
});
