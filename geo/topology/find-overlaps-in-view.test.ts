import { describe, expect, it } from 'vitest';
import { findOverlapsInView } from './find-overlaps-in-view';
import { bowTie, square } from './__fixtures__/shapes';

describe('findOverlapsInView', () => {
  const view = [
    { key: 'west', geometry: square(0, 0) },
    { key: 'east', geometry: square(1, 0) },
    { key: 'far', geometry: square(10, 10) },
  ];
  it('an edge shared exactly is not an overlap', () => {
    expect(findOverlapsInView(square(0, 1), view)).toEqual([]);
    expect(findOverlapsInView(square(2, 0), view)).toEqual([]);
  });
  it('reports each overlapped grid with the overlap area', () => {
    const r = findOverlapsInView(square(0.5, 0.5), view);
    expect(r.map((o) => o.key)).toEqual(['west', 'east']);
    // A quarter cell each: 0.001° x 0.001° at 32°N ~ 94.5 m x 110.9 m ~ 10,480 m².
    for (const o of r) expect(o.areaM2).toBeGreaterThan(10_300), expect(o.areaM2).toBeLessThan(10_600);
    expect(r[0]!.geometry.type).toBe('Polygon');
  });
  it('a candidate inside a grid overlaps it by its own area', () => {
    const r = findOverlapsInView(square(0.25, 0.25, 0.5), view);
    expect(r.map((o) => o.key)).toEqual(['west']);
  });
  it('skips an invalid candidate (the self-intersection check reports it)', () => {
    expect(findOverlapsInView(bowTie, view)).toEqual([]);
  });
});
