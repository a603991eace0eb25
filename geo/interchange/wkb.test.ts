import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../grid/__fixtures__/freeze';
import { envelopeOf, geometryToWkb } from './wkb';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// The expected bytes are PostGIS's: ST_AsBinary(geom, 'NDR') of the same geometries.
describe('geometryToWkb', () => {
  it('writes a point as PostGIS does', () => {
    expect(hex(geometryToWkb({ type: 'Point', coordinates: [118.5, 32.25] }))).toBe('01010000000000000000a05d400000000000204040');
    // A third ordinate is dropped: the file is 2D.
    expect(hex(geometryToWkb({ type: 'Point', coordinates: [118.5, 32.25, 9] }))).toBe('01010000000000000000a05d400000000000204040');
  });

  it('writes a polygon with a hole, ring by ring, as given', () => {
    const polygon = deepFreeze({ type: 'Polygon' as const, coordinates: [[[0, 0], [2, 0], [2, 2], [0, 0]], [[0.5, 0.5], [1, 1], [1, 0.5], [0.5, 0.5]]] });
    expect(hex(geometryToWkb(polygon))).toBe(
      '01030000000200000004000000' +
        '00000000000000000000000000000000' + '00000000000000400000000000000000' + '00000000000000400000000000000040' + '00000000000000000000000000000000' +
        '04000000' +
        '000000000000e03f000000000000e03f' + '000000000000f03f000000000000f03f' + '000000000000f03f000000000000e03f' + '000000000000e03f000000000000e03f',
    );
  });

  it('writes multipart geometries, an empty part and an empty point', () => {
    expect(hex(geometryToWkb({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], []] }))).toBe(
      '0106000000020000000103000000010000000400000000000000000000000000000000000000000000000000f03f0000000000000000000000000000f03f000000000000f03f00000000000000000000000000000000010300000000000000',
    );
    expect(hex(geometryToWkb({ type: 'Point', coordinates: [] }))).toBe('0101000000000000000000f87f000000000000f87f');
    expect(hex(geometryToWkb({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }))).toBe('0104000000020000000101000000000000000000f03f0000000000000040010100000000000000000008400000000000001040');
    expect(hex(geometryToWkb({ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]]] }))).toBe('010500000001000000010200000002000000000000000000f03f000000000000004000000000000008400000000000001040');
    expect(hex(geometryToWkb({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }] }))).toBe(
      '0107000000020000000101000000000000000000f03f000000000000004001020000000200000000000000000000000000000000000000000000000000f03f000000000000f03f',
    );
    expect(hex(geometryToWkb({ type: 'MultiPolygon', coordinates: [] }))).toBe('010600000000000000');
  });
});

describe('envelopeOf', () => {
  it('bounds every position, in GeoPackage order [minX, maxX, minY, maxY]', () => {
    expect(envelopeOf({ type: 'Point', coordinates: [118.5, 32.25] })).toEqual([118.5, 118.5, 32.25, 32.25]);
    expect(envelopeOf({ type: 'MultiPolygon', coordinates: [[[[0, 0], [3, 0], [3, 1], [0, 0]]], [[[-1, -2], [0, 5], [-1, -2]]]] })).toEqual([-1, 3, -2, 5]);
  });

  it('is null for empty geometries', () => {
    expect(envelopeOf({ type: 'Point', coordinates: [] })).toBeNull();
    expect(envelopeOf({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(envelopeOf({ type: 'GeometryCollection', geometries: [] })).toBeNull();
  });
});
