import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INPUT_ERRORS, INPUT_WARNINGS } from './input-errors';
import { type GridFileResult, parseBoundaryFeatureCollection, parseGridFeatureCollection } from './parse-grid-feature-collection';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
const fixture = (name: string): unknown =>
  deepFreeze(JSON.parse(readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8')));
const twoGrids = fixture('nanjing-two-grids.geojson') as {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
};

/** A copy of the fixture with the first feature's geometry coordinates replaced. */
function withCoordinates(coordinates: unknown, type = 'Polygon'): unknown {
  const copy = structuredClone(twoGrids) as typeof twoGrids;
  copy.features[0]!.geometry = { type, coordinates };
  return copy;
}
function withProperties(properties: unknown): unknown {
  const copy = structuredClone(twoGrids) as unknown as { features: { properties: unknown }[] };
  copy.features[0]!.properties = properties;
  return copy;
}
const codes = (r: GridFileResult) => (r.ok ? [] : r.errors.map((e) => e.code));
const square = [[118.79, 32.045], [118.795, 32.045], [118.795, 32.05], [118.79, 32.05], [118.79, 32.045]];

describe('parseGridFeatureCollection: accepted input', () => {
  it('reads the Nanjing fixture into grid candidates with their properties', () => {
    const r = parseGridFeatureCollection(twoGrids);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.grids.map((g) => [g.key, g.code, g.name, g.kind, g.dedicatedType, g.communityCode])).toEqual([
      ['feature-0', '320102002001001', '梅园新村社区第一网格', 'comprehensive', null, '320102002001'],
      ['feature-1', '320102002001002', '南京市第九中学专属网格', 'dedicated', 'school', '320102002001'],
    ]);
    expect(r.grids[0]!.geometry).toEqual(twoGrids.features[0]!.geometry);
  });

  it('accepts the same document as text, with a byte-order mark', () => {
    const r = parseGridFeatureCollection(`\ufeff${JSON.stringify(twoGrids)}`);
    expect(r.ok && r.grids.length).toBe(2);
  });

  it('accepts a single Feature and a bare Polygon or MultiPolygon', () => {
    const one = parseGridFeatureCollection(twoGrids.features[1]);
    expect(one.ok && one.grids[0]!.dedicatedType).toBe('school');
    const bare = parseGridFeatureCollection({ type: 'Polygon', coordinates: [square] });
    expect(bare.ok && bare.grids[0]!.code).toBe(null);
    const multi = parseGridFeatureCollection({ type: 'MultiPolygon', coordinates: [[square]] });
    expect(multi.ok && multi.grids[0]!.geometry.type).toBe('MultiPolygon');
  });

  it('reads Chinese property names and values, and derives the community from the grid code', () => {
    const r = parseGridFeatureCollection(withProperties({ 网格编码: '320102002001007', 网格名称: ' 第七网格 ', 网格类型: '专属网格', 专属类型: '医院' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.grids[0]).toMatchObject({ code: '320102002001007', name: '第七网格', kind: 'dedicated', dedicatedType: 'hospital', communityCode: '320102002001' });
  });

  it('matches keys case-insensitively (shapefile fields are often upper case)', () => {
    const r = parseGridFeatureCollection(withProperties({ CODE: '320102002001003', NAME: 'A', KIND: 'Comprehensive' }));
    expect(r.ok && r.grids[0]!.code).toBe('320102002001003');
  });

  it('defaults the kind to comprehensive with one warning for the file, and reads a numeric code', () => {
    const r = parseGridFeatureCollection({
      type: 'FeatureCollection',
      features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: { code: 320102002001001 + i }, geometry: { type: 'Polygon', coordinates: [square] } })),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.grids.map((g) => g.kind)).toEqual(['comprehensive', 'comprehensive', 'comprehensive']);
    expect(r.grids[2]!.code).toBe('320102002001003');
    expect(r.warnings.map((w) => w.code).sort()).toEqual([INPUT_WARNINGS.codeFromNumber, INPUT_WARNINGS.kindDefaulted]);
    expect(r.warnings[0]!.message['zh-CN']).toContain('3 个');
  });

  it('drops a third coordinate with a warning, and passes an invalid but well-formed bow-tie through', () => {
    const bowTie = [[118.79, 32.045, 5], [118.795, 32.05, 5], [118.795, 32.045, 5], [118.79, 32.05, 5], [118.79, 32.045, 5]];
    const r = parseGridFeatureCollection(withCoordinates([bowTie]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.grids[0]!.geometry.coordinates[0]).toEqual(bowTie.map(([x, y]) => [x, y]));
    expect(r.warnings.map((w) => w.code)).toEqual([INPUT_WARNINGS.zDropped]);
  });

  it('accepts WGS84 CRS members, warns for grids outside China', () => {
    const named = { ...(twoGrids as object), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } };
    expect(parseGridFeatureCollection(named).ok).toBe(true);
    const r = parseGridFeatureCollection({ type: 'Polygon', coordinates: [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]] });
    expect(r.ok && r.warnings.map((w) => w.code)).toContain(INPUT_WARNINGS.outsideChina);
  });

  it('converts declared GCJ-02 input to WGS84 (never keeps GCJ-02)', () => {
    const gcj = fixture('nanjing-two-grids.gcj02.geojson');
    const r = parseGridFeatureCollection(gcj, undefined, { crs: 'gcj02' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.code)).toContain(INPUT_WARNINGS.crsConverted);
    r.grids.forEach((g, i) => {
      const expected = twoGrids.features[i]!.geometry.coordinates as number[][][];
      const got = g.geometry.coordinates as number[][][];
      got[0]!.forEach((p, k) => {
        expect(Math.abs(p[0]! - expected[0]![k]![0]!)).toBeLessThan(1e-7);
        expect(Math.abs(p[1]! - expected[0]![k]![1]!)).toBeLessThan(1e-7);
      });
      expect(got[0]![0]).toEqual(got[0]![got[0]!.length - 1]);
    });
    // Read as WGS84, the same file is ~500 m off: the option matters.
    const asIs = parseGridFeatureCollection(gcj);
    expect(asIs.ok && Math.abs((asIs.grids[0]!.geometry.coordinates[0] as number[][])[0]![0]! - 118.79)).toBeGreaterThan(1e-3);
  });

  it('does not modify its input (frozen fixture)', () => {
    expect(() => parseGridFeatureCollection(twoGrids, undefined, { crs: 'gcj02' })).not.toThrow();
  });
});

describe('parseGridFeatureCollection: refused input, one code each', () => {
  const cases: [string, unknown, string][] = [
    ['not JSON', '{"type": "FeatureCollection", ', INPUT_ERRORS.notJson],
    ['a number', 42, INPUT_ERRORS.notGeoJson],
    ['an array', [twoGrids], INPUT_ERRORS.notGeoJson],
    ['an unknown type', { type: 'Topology' }, INPUT_ERRORS.notGeoJson],
    ['features not an array', { type: 'FeatureCollection', features: {} }, INPUT_ERRORS.notGeoJson],
    ['no features', { type: 'FeatureCollection', features: [] }, INPUT_ERRORS.noFeatures],
    ['a feature that is not one', { type: 'FeatureCollection', features: [{ type: 'Polygon', coordinates: [square] }] }, INPUT_ERRORS.featureMalformed],
    ['a point', withCoordinates([118.79, 32.05], 'Point'), INPUT_ERRORS.geometryNotPolygon],
    ['a geometry collection', { type: 'GeometryCollection', geometries: [] }, INPUT_ERRORS.geometryNotPolygon],
    ['a null geometry', { type: 'Feature', properties: {}, geometry: null }, INPUT_ERRORS.geometryMissing],
    ['coordinates not an array', withCoordinates('118,32'), INPUT_ERRORS.coordinatesMalformed],
    ['a polygon without rings', withCoordinates([]), INPUT_ERRORS.geometryEmpty],
    ['a multipolygon with zero parts', withCoordinates([], 'MultiPolygon'), INPUT_ERRORS.geometryEmpty],
    ['a position that is not an array', withCoordinates([[...square.slice(0, 2), 7, ...square.slice(2)]]), INPUT_ERRORS.coordinatesMalformed],
    ['a string coordinate', withCoordinates([[['118.79', 32.045], ...square.slice(1)]]), INPUT_ERRORS.coordinateNotNumber],
    ['a null coordinate', withCoordinates([[[null, 32.045], ...square.slice(1)]]), INPUT_ERRORS.coordinateNotNumber],
    ['NaN', withCoordinates([[[118.79, Number.NaN], ...square.slice(1)]]), INPUT_ERRORS.coordinateNotFinite],
    ['1e400 in JSON text (Infinity)', JSON.stringify(withCoordinates([[[0, 0], [1, 0], [1, 1], [0, 0]]])).replace('[1,1]', '[1e400,1]'), INPUT_ERRORS.coordinateNotFinite],
    ['a position with one number', withCoordinates([[[118.79], ...square.slice(1)]]), INPUT_ERRORS.positionDimension],
    ['a position with four numbers', withCoordinates([[[118.79, 32.045, 0, 0], ...square.slice(1)]]), INPUT_ERRORS.positionDimension],
    ['latitude beyond 90', withCoordinates([[[100, 95], [101, 95], [101, 96], [100, 95]]]), INPUT_ERRORS.latitudeOutOfRange],
    ['longitude beyond 180', withCoordinates([[[190, 32], [191, 32], [191, 33], [190, 32]]]), INPUT_ERRORS.longitudeOutOfRange],
    ['lat,lon order', withCoordinates([square.map(([x, y]) => [y, x])]), INPUT_ERRORS.coordinateOrderSwapped],
    ['an unclosed ring', withCoordinates([square.slice(0, 4)]), INPUT_ERRORS.ringNotClosed],
    ['a ring of three positions', withCoordinates([[square[0], square[1], square[0]]]), INPUT_ERRORS.ringTooFewPositions],
    ['a non-WGS84 CRS', { ...(twoGrids as object), crs: { type: 'name', properties: { name: 'EPSG:4547' } } }, INPUT_ERRORS.crsNotWgs84],
    ['a GCJ-02 CRS not declared', { ...(twoGrids as object), crs: { type: 'name', properties: { name: 'GCJ02' } } }, INPUT_ERRORS.crsGcj02NotDeclared],
    ['properties an array', withProperties([1, 2]), INPUT_ERRORS.propertiesMalformed],
    ['a 14-digit grid code', withProperties({ code: '32010200200100' }), INPUT_ERRORS.gridCodeInvalid],
    ['a grid code ending 000', withProperties({ code: '320102002001000' }), INPUT_ERRORS.gridCodeInvalid],
    ['a community code of letters', withProperties({ community_code: 'abcdefabcdef' }), INPUT_ERRORS.communityCodeInvalid],
    ['a code outside its community', withProperties({ code: '320102002001001', community_code: '320102002002' }), INPUT_ERRORS.codeCommunityMismatch],
    ['a name that is an object', withProperties({ name: { zh: 'x' } }), INPUT_ERRORS.nameInvalid],
    ['an enormous name', withProperties({ name: '网'.repeat(100_000) }), INPUT_ERRORS.nameInvalid],
    ['an unknown kind', withProperties({ kind: 'residential' }), INPUT_ERRORS.kindInvalid],
    ['an unknown dedicated type', withProperties({ kind: 'dedicated', dedicated_type: 'zoo' }), INPUT_ERRORS.dedicatedTypeInvalid],
    ['a dedicated grid without type', withProperties({ kind: 'dedicated' }), INPUT_ERRORS.dedicatedTypeMissing],
    ['a comprehensive grid with a type', withProperties({ kind: 'comprehensive', dedicated_type: 'park' }), INPUT_ERRORS.dedicatedTypeOnComprehensive],
  ];
  it.each(cases)('%s', (_label, input, code) => {
    const r = parseGridFeatureCollection(input);
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain(code);
    if (!r.ok) {
      for (const e of r.errors) {
        expect(e.message['zh-CN'].length).toBeGreaterThan(0);
        expect(e.message.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('reports a swapped file as swapped, not as out-of-range latitudes', () => {
    const r = parseGridFeatureCollection(withCoordinates([square.map(([x, y]) => [y, x])]));
    expect(codes(r)).toEqual([INPUT_ERRORS.coordinateOrderSwapped]);
    expect(!r.ok && r.errors[0]!.message.en).toContain('5 places');
  });

  it('locates errors: feature index and path to the position', () => {
    const copy = structuredClone(twoGrids) as typeof twoGrids;
    (copy.features[1]!.geometry.coordinates as number[][][])[0]![2] = [118.8, Number.NaN];
    const r = parseGridFeatureCollection(copy);
    expect(!r.ok && r.errors[0]).toMatchObject({
      code: INPUT_ERRORS.coordinateNotFinite,
      featureIndex: 1,
      path: 'features[1].geometry.coordinates[0][2][1]',
    });
    expect(!r.ok && r.errors[0]!.message['zh-CN']).toMatch(/^第 2 个要素：/);
  });

  it('enforces the vertex limits per grid and per file, and the feature limit', () => {
    const big = [...Array.from({ length: 30 }, (_, k) => [118.79 + k * 1e-4, 32.045]), [118.79, 32.05], [118.79, 32.045]];
    expect(codes(parseGridFeatureCollection(withCoordinates([big]), { maxVerticesPerGrid: 20 }))).toEqual([INPUT_ERRORS.gridTooManyVertices]);
    expect(codes(parseGridFeatureCollection(twoGrids, { maxVerticesPerFile: 10 }))).toEqual([INPUT_ERRORS.fileTooManyVertices]);
    expect(codes(parseGridFeatureCollection(twoGrids, { maxFeatures: 1 }))).toEqual([INPUT_ERRORS.tooManyFeatures]);
  });

  it('refuses a huge ring by its length without reading its positions', () => {
    const ring = new Array(5_000_000); // holes only: reading them would report millions of problems
    const r = parseGridFeatureCollection(withCoordinates([ring]));
    expect(codes(r)).toEqual([INPUT_ERRORS.gridTooManyVertices]);
  });

  it('caps the number of errors', () => {
    const features = Array.from({ length: 500 }, () => ({ type: 'Feature', properties: {}, geometry: null }));
    const r = parseGridFeatureCollection({ type: 'FeatureCollection', features }, { maxErrors: 50 });
    expect(!r.ok && r.errors.length).toBe(51);
    expect(!r.ok && r.errors[50]!.code).toBe(INPUT_ERRORS.tooManyErrors);
  });

  it('ignores inherited and prototype-looking keys', () => {
    const props = JSON.parse('{"__proto__": {"code": "320102002001009"}, "constructor": 1}');
    const r = parseGridFeatureCollection(withProperties(props));
    expect(r.ok && r.grids[0]!.code).toBe(null);
  });

  it('accepts GCJ-02 in the CRS member when GCJ-02 is declared', () => {
    const doc = { ...(twoGrids as object), crs: { type: 'name', properties: { name: 'GCJ-02' } } };
    expect(parseGridFeatureCollection(doc, undefined, { crs: 'gcj02' }).ok).toBe(true);
  });
});

describe('parseBoundaryFeatureCollection', () => {
  const square = { type: 'Polygon', coordinates: [[[118.78, 32.04], [118.79, 32.04], [118.79, 32.05], [118.78, 32.05], [118.78, 32.04]]] };
  const boundary = (properties: unknown, geometry: unknown = square) => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry }] });

  it('accepts any attributes: a community code of 12 digits is a label, not a malformed grid code', () => {
    const r = parseBoundaryFeatureCollection(boundary({ 社区编码: '320102001001', 社区名称: '长江路社区', SHAPE_Area: 1.2, kind: 'anything' }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.grids).toEqual([{ key: 'feature-0', label: '长江路社区（320102001001）', geometry: square }]);
    // The same file read as grids is refused for its code.
    const asGrids = parseGridFeatureCollection(boundary({ code: '320102001001' }));
    expect(asGrids.ok).toBe(false);
  });

  it('checks the geometry as strictly as a grid file', () => {
    const unclosed = { type: 'Polygon', coordinates: [[[118.78, 32.04], [118.79, 32.04], [118.79, 32.05], [118.78, 32.05]]] };
    const r = parseBoundaryFeatureCollection(boundary({ name: '长江路社区' }, unclosed));
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual([INPUT_ERRORS.ringNotClosed]);
    const swapped = { type: 'Polygon', coordinates: [[[32.04, 118.78], [32.04, 118.79], [32.05, 118.79], [32.04, 118.78]]] };
    expect(parseBoundaryFeatureCollection(boundary({}, swapped)).ok).toBe(false);
  });
});
