import { describe, expect, it } from 'vitest';
import { convertGeometry } from './gcj02';

describe('convertGeometry (GCJ-02 <-> WGS84)', () => {
  const ring = [[118.9, 32.2], [118.95, 32.2], [118.95, 32.25], [118.9, 32.2]];

  it('shifts Nanjing by a few hundred metres and keeps rings closed', () => {
    const gcj = convertGeometry({ type: 'Polygon', coordinates: [ring] }, 'wgs84', 'gcj02');
    const p = gcj.coordinates[0]![0]!;
    expect(Math.hypot(p[0]! - 118.9, p[1]! - 32.2)).toBeGreaterThan(0.003);
    expect(gcj.coordinates[0]![3]).toEqual(p);
  });

  it('comes back within 1e-9° (gcoord alone is ~5e-7° off here)', () => {
    const there = convertGeometry({ type: 'MultiPolygon', coordinates: [[ring]] }, 'wgs84', 'gcj02');
    const back = convertGeometry(there, 'gcj02', 'wgs84');
    back.coordinates[0]![0]!.forEach((p, k) => {
      expect(Math.abs(p[0]! - ring[k]![0]!)).toBeLessThan(1e-9);
      expect(Math.abs(p[1]! - ring[k]![1]!)).toBeLessThan(1e-9);
    });
  });

  it('leaves points outside China and same-system calls unchanged', () => {
    const paris = { type: 'Polygon' as const, coordinates: [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]] };
    expect(convertGeometry(paris, 'gcj02', 'wgs84')).toEqual(paris);
    expect(convertGeometry(paris, 'wgs84', 'wgs84')).toBe(paris);
  });
});
