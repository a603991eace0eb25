import { describe, expect, it } from 'vitest';
import { areaOf, pointInMultiPolygon, type XY } from '../planar/polygon';
import { voronoiCells } from './voronoi-cells';

const box = { minX: 0, minY: 0, maxX: 10, maxY: 10 };

describe('voronoiCells', () => {
  it('partitions the padded box among the seeds', () => {
    const seeds: XY[] = [[2, 2], [8, 2], [5, 8], [5, 5]];
    const cells = voronoiCells(seeds, box, 1);
    const total = cells.reduce((s, c) => s + areaOf([[c!]]), 0);
    expect(total).toBeCloseTo(12 * 12, 9);
    seeds.forEach((s, i) => expect(pointInMultiPolygon(s, [[cells[i]!]])).toBe(true));
  });

  it('gives a single seed the whole box and no seed nothing', () => {
    expect(areaOf([[voronoiCells([[1, 1]], box, 0)[0]!]])).toBeCloseTo(100, 12);
    expect(voronoiCells([], box)).toEqual([]);
  });
});
