import { describe, expect, it } from 'vitest';
import { distanceToBoundary, pointInMultiPolygon, type MultiPolygon, type XY } from '../planar/polygon';
import { createRng } from '../random/prng';
import { samplePoint, samplePointNear } from './sample-points';

const square: XY[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
const region: MultiPolygon = [[square]];
const excluded: XY[] = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]];

describe('samplePoint', () => {
  it('stays inside, a margin from every edge and out of excluded rings', () => {
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const p = samplePoint(rng, region, { margin: 0.05, exclude: [excluded] })!;
      expect(pointInMultiPolygon(p, region)).toBe(true);
      expect(distanceToBoundary(p, region)).toBeGreaterThanOrEqual(0.05);
      expect(pointInMultiPolygon(p, [[excluded]])).toBe(false);
      expect(distanceToBoundary(p, [[excluded]])).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('gives up (null) when there is no room', () => {
    expect(samplePoint(createRng(1), region, { margin: 0.6, maxTries: 50 })).toBeNull();
  });

  it('clusters around a centre', () => {
    const rng = createRng(2);
    const pts = Array.from({ length: 200 }, () => samplePointNear(rng, [0.2, 0.2], 0.02, region, { margin: 0.01 })!);
    const mean = pts.reduce((s, p) => [s[0] + p[0] / 200, s[1] + p[1] / 200], [0, 0]);
    expect(mean[0]).toBeCloseTo(0.2, 1);
    expect(mean[1]).toBeCloseTo(0.2, 1);
  });

  it('is deterministic', () => {
    expect(samplePoint(createRng(9), region, { margin: 0.1 })).toEqual(samplePoint(createRng(9), region, { margin: 0.1 }));
  });
});
