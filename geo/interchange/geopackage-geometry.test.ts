import { describe, expect, it } from 'vitest';
import { geoPackageGeometry } from './geopackage-geometry';
import { geometryToWkb } from './wkb';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('geoPackageGeometry', () => {
  it('writes "GP", version 0, little-endian with an XY envelope, the SRS id, the envelope, then the WKB', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [[[118, 32], [119, 32], [119, 33.5], [118, 32]]] };
    const bytes = geoPackageGeometry(polygon, 4326);
    expect(hex(bytes.subarray(0, 8))).toBe('4750' + '00' + '03' + 'e6100000');
    const view = new DataView(bytes.buffer);
    expect([0, 1, 2, 3].map((i) => view.getFloat64(8 + 8 * i, true))).toEqual([118, 119, 32, 33.5]);
    expect(hex(bytes.subarray(40))).toBe(hex(geometryToWkb(polygon)));
  });

  it('gives a point an envelope of its own position', () => {
    const bytes = geoPackageGeometry({ type: 'Point', coordinates: [118.5, 32.25] }, 4326);
    expect(bytes.length).toBe(8 + 32 + 21);
    const view = new DataView(bytes.buffer);
    expect([0, 1, 2, 3].map((i) => view.getFloat64(8 + 8 * i, true))).toEqual([118.5, 118.5, 32.25, 32.25]);
  });

  it('sets the empty flag and writes no envelope for an empty geometry', () => {
    const bytes = geoPackageGeometry({ type: 'Point', coordinates: [] }, 4326);
    expect(hex(bytes)).toBe('4750' + '00' + '11' + 'e6100000' + '0101000000000000000000f87f000000000000f87f');
    expect(hex(geoPackageGeometry({ type: 'MultiPolygon', coordinates: [] }, -1).subarray(0, 8))).toBe('47500011ffffffff');
  });
});
