import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { moveVertex, replaceVertices } from './replace-vertices';
import { deepFreeze } from './__fixtures__/freeze';
import twoSquaresJson from './__fixtures__/two-squares.json';

const twoSquares = deepFreeze(structuredClone(twoSquaresJson) as MultiPolygon);

describe('moveVertex', () => {
  it('moves a corner and keeps the ring closed when it is the first vertex', () => {
    const { geometry, moved } = moveVertex(twoSquares, [118.0, 32.0], [117.999, 31.999]);
    expect(moved).toBe(1);
    const ring = geometry.coordinates[0]![0]!;
    expect(ring[0]).toEqual([117.999, 31.999]);
    expect(ring[4]).toEqual([117.999, 31.999]);
    expect(geometry.coordinates[1]).toEqual(twoSquares.coordinates[1]);
  });
  it('moves nothing when no vertex matches, and honours the tolerance', () => {
    expect(moveVertex(twoSquares, [118.005, 32.0], [118, 31]).moved).toBe(0);
    expect(moveVertex(twoSquares, [118.01 + 1e-10, 32.0], [118.011, 32.0], 1e-9).moved).toBe(1);
    expect(moveVertex(twoSquares, [118.01 + 1e-10, 32.0], [118.011, 32.0], 0).moved).toBe(0);
  });
});

describe('replaceVertices', () => {
  it('moving the closing position moves the first too', () => {
    const g = replaceVertices(twoSquares, [{ polygon: 1, ring: 0, index: 4, to: [118.02, 31.99] }]);
    expect(g.coordinates[1]![0]![0]).toEqual([118.02, 31.99]);
  });
  it('refuses a path that does not exist', () => {
    expect(() => replaceVertices(twoSquares, [{ polygon: 2, ring: 0, index: 0, to: [0, 0] }])).toThrow(RangeError);
  });
});
