import { describe, expect, it } from 'vitest';
import { geometryToWkt } from './wkt';

describe('geometryToWkt', () => {
  it('writes points, polygons with holes and multipolygons to 1e-7°', () => {
    expect(geometryToWkt({ type: 'Point', coordinates: [118.123456789, 32.5] })).toBe('POINT (118.1234568 32.5)');
    const shell = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    const hole = [[0.5, 0.5], [0.5, 1], [1, 1], [0.5, 0.5]];
    expect(geometryToWkt({ type: 'Polygon', coordinates: [shell, hole] })).toBe('POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 0.5 1, 1 1, 0.5 0.5))');
    expect(geometryToWkt({ type: 'MultiPolygon', coordinates: [[shell], [hole]] })).toBe('MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((0.5 0.5, 0.5 1, 1 1, 0.5 0.5)))');
    expect(geometryToWkt({ type: 'MultiPolygon', coordinates: [] })).toBe('MULTIPOLYGON EMPTY');
    expect(geometryToWkt({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] })).toBe('GEOMETRYCOLLECTION (POINT (1 2))');
  });
});
