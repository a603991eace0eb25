import { describe, expect, it } from 'vitest';
import { areaOf, convexRingInside, distanceToBoundary, isInsideWithMargin, pointInMultiPolygon, type MultiPolygon, type XY } from '../planar/polygon';
import { createRng } from '../random/prng';
import { fitRect, placeEnclave, rectRing, spreadSeeds } from './placement';

const square = (x0: number, y0: number, s: number): XY[] => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];

describe('placement', () => {
  it('spreads n distinct seeds inside the region', () => {
    const region: MultiPolygon = [[square(0, 0, 10)]];
    const seeds = spreadSeeds(createRng(1), region, 7);
    expect(seeds).toHaveLength(7);
    expect(new Set(seeds.map((p) => p.join())).size).toBe(7);
    for (const p of seeds) expect(pointInMultiPolygon(p, region)).toBe(true);
  });

  it('places the enclave well inside the host and away from home', () => {
    const host: MultiPolygon = [[square(0, 0, 20)]];
    const home: MultiPolygon = [[square(-10, 0, 10)]];
    const ring = placeEnclave(createRng(2), host, home);
    for (const p of ring) {
      expect(isInsideWithMargin(p, host, 0.8)).toBe(true);
      expect(pointInMultiPolygon(p, home)).toBe(false);
    }
    expect(areaOf([[ring]])).toBeGreaterThan(2);
    expect(areaOf([[ring]])).toBeLessThan(7);
    expect(distanceToBoundary(ring[0]!, home)).toBeGreaterThan(1);
  });

  it('fits rectangles inside, clear of each other, and reports when none fits', () => {
    const region: MultiPolygon = [[square(0, 0, 2)]];
    const rng = createRng(3);
    const placed = [];
    for (let i = 0; i < 4; i++) {
      const r = fitRect(rng, region, placed, [0.3, 0.2]);
      expect(r).not.toBeNull();
      expect(convexRingInside(r!.ring, region, 0.01)).toBe(true);
      for (const other of placed) for (const p of r!.ring) expect(pointInMultiPolygon(p, [[other.ring]])).toBe(false);
      placed.push(r!);
    }
    expect(fitRect(rng, region, [], [5, 5])).toBeNull();
  });

  it('builds closed rectangles of the asked size', () => {
    const ring = rectRing([0, 0], 2, 1, 0.3);
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(areaOf([[ring]])).toBeCloseTo(2, 12);
  });
});
