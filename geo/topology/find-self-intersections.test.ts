import { describe, expect, it } from 'vitest';
import { findSelfIntersections } from './find-self-intersections';
import { bowTie, holeCrossingShell, holeInside, spike, square, tooFew, touchingSelf } from './__fixtures__/shapes';

describe('findSelfIntersections', () => {
  it('accepts a simple square, a square with a hole inside, and a multipolygon of two squares', () => {
    expect(findSelfIntersections(square(0, 0))).toEqual({ valid: true });
    expect(findSelfIntersections(holeInside)).toEqual({ valid: true });
    expect(findSelfIntersections({ type: 'MultiPolygon', coordinates: [square(0, 0).coordinates, square(2, 0).coordinates] })).toEqual({ valid: true });
  });
  it('finds the crossing of a bow-tie, where it is', () => {
    expect(findSelfIntersections(bowTie)).toEqual({ valid: false, reason: 'GRID_SELF_INTERSECTION', at: [[0.5, 0.5]] });
  });
  it('finds a hole crossing its shell', () => {
    const r = findSelfIntersections(holeCrossingShell);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.at).toEqual(expect.arrayContaining([[4, 1], [4, 2]]));
  });
  it('finds a ring touching itself at a vertex', () => {
    const r = findSelfIntersections(touchingSelf);
    expect(r).toMatchObject({ valid: false, reason: 'GRID_SELF_INTERSECTION' });
  });
  it('finds a spike folding back on itself', () => {
    expect(findSelfIntersections(spike).valid).toBe(false);
  });
  it('reports a ring with too few points', () => {
    expect(findSelfIntersections(tooFew)).toMatchObject({ valid: false, reason: 'GRID_EMPTY_PART' });
  });
});
