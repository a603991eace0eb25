import { describe, expect, it } from 'vitest';
import { areaOf, type MultiPolygon } from '../planar/polygon';
import { gridShapes, polsbyPopper } from './grid-shapes';

const square: MultiPolygon = [[[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]]];
// An L: the square without its north-east quarter.
const ell: MultiPolygon = [[[[0, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100], [0, 0]]]];

describe('the proposed grids as polygons', () => {
  it('unions the units\' cells of each grid within the community: two columns of a square', () => {
    const shapes = gridShapes([[25, 25], [25, 75], [75, 25], [75, 75]], [0, 0, 1, 1], square);
    expect([...shapes.keys()].sort()).toEqual([0, 1]);
    expect(areaOf(shapes.get(0)!)).toBeCloseTo(5000, 6);
    expect(areaOf(shapes.get(1)!)).toBeCloseTo(5000, 6);
    // A 50 × 100 rectangle: 4π·5000 / 300².
    expect(polsbyPopper(shapes.get(0)!)).toBeCloseTo((4 * Math.PI * 5000) / 90000, 6);
  });

  it('tiles a concave community exactly, whatever the division', () => {
    const points: [number, number][] = [[10, 10], [40, 20], [80, 10], [90, 40], [20, 60], [30, 90], [10, 40]];
    const shapes = gridShapes(points, [0, 0, 1, 1, 2, 2, 0], ell);
    const total = [...shapes.values()].reduce((s, mp) => s + areaOf(mp), 0);
    expect(total).toBeCloseTo(areaOf(ell), 6);
    expect(shapes.size).toBe(3);
  });

  it('gives a circle-like shape a Polsby-Popper near 1 and an empty one 0', () => {
    const n = 64;
    const circle: MultiPolygon = [[Array.from({ length: n + 1 }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)] as [number, number])]];
    expect(polsbyPopper(circle)).toBeGreaterThan(0.99);
    expect(polsbyPopper([])).toBe(0);
  });
});
