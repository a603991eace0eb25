import { describe, expect, it } from 'vitest';
import { bboxOfCodes, featuresBBox, insideWithMargin } from './map-fit';

const square = (x: number, y: number, size = 1) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

describe('the box of the areas of some codes', () => {
  it('joins the boxes of every piece of the wanted codes, and counts the codes found', () => {
    const features = Object.freeze([
      { geometry: square(0, 0), properties: { code: 'a' } },
      // The same area cut by a tile edge: a second piece.
      { geometry: square(1, 0), properties: { code: 'a' } },
      { geometry: { type: 'MultiPolygon' as const, coordinates: [square(5, 5).coordinates, square(-2, 3).coordinates] }, properties: { code: 320104 } },
      { geometry: square(50, 50), properties: { code: 'other' } },
      { geometry: null, properties: { code: 'b' } },
      { geometry: square(9, 9), properties: null },
    ]);
    expect(bboxOfCodes(features, new Set(['a']))).toEqual({ bbox: [0, 0, 2, 1], found: 1 });
    expect(bboxOfCodes(features, new Set(['a', '320104', 'missing']))).toEqual({ bbox: [-2, 0, 6, 6], found: 2 });
    expect(bboxOfCodes(features, new Set(['b']))).toEqual({ bbox: null, found: 0 });
    expect(bboxOfCodes([], new Set(['a']))).toEqual({ bbox: null, found: 0 });
  });

  it('trusts a box only well inside the view (an area at the edge may be cut)', () => {
    expect(insideWithMargin([1, 1, 9, 9], [0, 0, 10, 10])).toBe(true);
    expect(insideWithMargin([0.1, 1, 9, 9], [0, 0, 10, 10])).toBe(false);
    expect(insideWithMargin([1, 1, 9, 10], [0, 0, 10, 10])).toBe(false);
  });
});

describe('the box of some features', () => {
  it('covers every part of every feature, and is null for none', () => {
    expect(
      featuresBBox(
        Object.freeze([
          { geometry: { type: 'MultiPolygon' as const, coordinates: [square(118, 32).coordinates, square(119.5, 31).coordinates] } },
          { geometry: null },
        ]),
      ),
    ).toEqual([118, 31, 120.5, 33]);
    expect(featuresBBox([])).toBeNull();
  });
});
