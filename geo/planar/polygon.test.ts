import { describe, expect, it } from 'vitest';
import { areaOf, bboxOf, convexRingInside, distanceToBoundary, isInsideWithMargin, pointInMultiPolygon, segmentsIntersect, type MultiPolygon, type XY } from './polygon';

const square = (x0: number, y0: number, s: number): XY[] => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];
// A 10x10 square with a 2x2 hole, plus a separate 1x1 island.
const shape: MultiPolygon = Object.freeze([[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 1)]]) as MultiPolygon;

describe('polygon helpers', () => {
  it('knows inside, holes and islands', () => {
    expect(pointInMultiPolygon([1, 1], shape)).toBe(true);
    expect(pointInMultiPolygon([5, 5], shape)).toBe(false); // in the hole
    expect(pointInMultiPolygon([20.5, 0.5], shape)).toBe(true); // on the island
    expect(pointInMultiPolygon([15, 5], shape)).toBe(false);
    expect(pointInMultiPolygon([1, 1], [])).toBe(false);
  });

  it('measures the distance to the nearest edge, holes included', () => {
    expect(distanceToBoundary([1, 5], shape)).toBeCloseTo(1, 12);
    expect(distanceToBoundary([3.5, 5], shape)).toBeCloseTo(0.5, 12);
    expect(isInsideWithMargin([1, 5], shape, 0.9)).toBe(true);
    expect(isInsideWithMargin([1, 5], shape, 1.1)).toBe(false);
  });

  it('computes area and bbox', () => {
    expect(areaOf(shape)).toBeCloseTo(100 - 4 + 1, 12);
    expect(bboxOf(shape)).toEqual({ minX: 0, minY: 0, maxX: 21, maxY: 10 });
  });

  it('detects crossing and touching segments', () => {
    expect(segmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsIntersect([0, 0], [1, 0], [1, 0], [2, 5])).toBe(true);
    expect(segmentsIntersect([0, 0], [1, 0], [0, 1], [1, 1])).toBe(false);
  });

  it('accepts a rectangle only when wholly inside with a margin', () => {
    expect(convexRingInside(square(1, 1, 2), shape, 0.1)).toBe(true);
    expect(convexRingInside(square(3, 3, 4), shape, 0.1)).toBe(false); // would swallow the hole
    expect(convexRingInside(square(3.5, 1, 2), shape, 0.1)).toBe(true);
    expect(convexRingInside(square(9, 1, 2), shape, 0.1)).toBe(false); // sticks out
  });
});
