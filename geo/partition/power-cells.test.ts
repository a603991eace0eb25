import { describe, expect, it } from 'vitest';
import { areaOf, pointInMultiPolygon, type XY } from '../planar/polygon';
import { createRng } from '../random/prng';
import { balancePowerSites, distanceToPowerEdges, nearestPowerSite, powerCells } from './power-cells';
import { weightedKMeans, type WeightedPoint } from './weighted-kmeans';

describe('power cells', () => {
  it('with zero weights are the Voronoi cells, and partition the box', () => {
    const sites = [{ p: [2, 2] as XY, w: 0 }, { p: [8, 2] as XY, w: 0 }, { p: [5, 8] as XY, w: 0 }];
    const cells = powerCells(sites, { minX: 0, minY: 0, maxX: 10, maxY: 10 }, 0);
    expect(cells.reduce((s, c) => s + areaOf([[c!]]), 0)).toBeCloseTo(100, 9);
    // The bisector of the first two sites is x = 5.
    expect(Math.max(...cells[0]!.map(([x]) => x))).toBeCloseTo(5, 12);
  });

  it('moves an edge towards the lighter site', () => {
    const sites = [{ p: [0, 0] as XY, w: 4 }, { p: [4, 0] as XY, w: 0 }];
    // |x|² - 4 = |x - 4|² -> x = 2.5
    expect(nearestPowerSite([2.4, 0], sites)).toBe(0);
    expect(nearestPowerSite([2.6, 0], sites)).toBe(1);
    expect(distanceToPowerEdges([2, 0], sites, 0)).toBeCloseTo(0.5, 12);
    const cells = powerCells(sites, { minX: -1, minY: -1, maxX: 5, maxY: 1 }, 0);
    expect(Math.max(...cells[0]!.map(([x]) => x))).toBeCloseTo(2.5, 12);
  });

  it('balances clustered households better than k-means alone', () => {
    const rng = createRng(8);
    const pts: WeightedPoint[] = [];
    for (let c = 0; c < 12; c++) {
      const centre: XY = [rng.float(0, 2), rng.float(0, 2)];
      for (let i = 0; i < 15; i++) pts.push({ p: [centre[0] + 0.05 * rng.normal(), centre[1] + 0.05 * rng.normal()], w: rng.int(1, 80) });
    }
    const start = weightedKMeans(createRng(1), pts, 10);
    const spread = (sites: { p: XY; w: number }[]) => {
      const load = new Array(sites.length).fill(0);
      for (const q of pts) load[nearestPowerSite(q.p, sites)] += q.w;
      const mean = load.reduce((s, x) => s + x, 0) / load.length;
      return Math.sqrt(load.reduce((s, x) => s + (x - mean) ** 2, 0) / load.length) / mean;
    };
    const balanced = balancePowerSites(pts, start);
    expect(spread(balanced)).toBeLessThan(spread(start.map((p) => ({ p, w: 0 }))));
    // Every point's cell contains it.
    const cells = powerCells(balanced, { minX: -1, minY: -1, maxX: 3, maxY: 3 });
    for (const q of pts.slice(0, 40)) expect(pointInMultiPolygon(q.p, [[cells[nearestPowerSite(q.p, balanced)]!]])).toBe(true);
  });
});
