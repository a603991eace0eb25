import { describe, expect, it } from 'vitest';
import { metresBetween, patrolRoute, pointAlong, routeLength, type LonLat } from './patrol-route';

describe('patrol routes', () => {
  const square: LonLat[] = [[118.78, 32.04], [118.79, 32.05], [118.79, 32.04], [118.78, 32.05]];

  it('measures short distances as a spheroid would, within a percent', () => {
    // 0.01° of latitude is about 1,109 m.
    expect(metresBetween([118.78, 32.04], [118.78, 32.05])).toBeGreaterThan(1100);
    expect(metresBetween([118.78, 32.04], [118.78, 32.05])).toBeLessThan(1120);
  });

  it('tours every point once, nearest first, and thins long lists evenly', () => {
    const route = patrolRoute(square);
    expect(route).toHaveLength(4);
    expect(new Set(route.map((p) => p.join()))).toEqual(new Set(square.map((p) => p.join())));
    // From the first corner the nearest is a neighbour, never the opposite corner.
    expect(route[1]).not.toEqual([118.79, 32.05]);
    expect(patrolRoute(Array.from({ length: 500 }, (_, i) => [118 + i * 1e-4, 32] as LonLat), 50).length).toBeLessThanOrEqual(50);
  });

  it('walks along the closed tour and wraps round', () => {
    const route = patrolRoute(square);
    const total = routeLength(route);
    expect(pointAlong(route, 0)).toEqual(route[0]);
    expect(pointAlong(route, total)).toEqual(route[0]);
    const half = pointAlong(route, total / 2);
    expect(metresBetween(half, route[0]!)).toBeGreaterThan(100);
    expect(pointAlong([[1, 2]], 55)).toEqual([1, 2]);
  });
});
