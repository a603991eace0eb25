import fc from 'fast-check';
import { INPUT_ERRORS, INPUT_WARNINGS } from './input-errors';
import type { GridFileResult } from './parse-grid-feature-collection';

/**
 * Shared by the fuzz tests of geo/interchange and server/interchange: generators of odd grid documents
 * and the invariant every result must satisfy. Test support only (imports fast-check).
 */

const ERROR_CODES = new Set<string>(Object.values(INPUT_ERRORS));
const WARNING_CODES = new Set<string>(Object.values(INPUT_WARNINGS));

/** Throws (failing the property) when the result is not well formed or lets a bad geometry through. */
export function assertWellFormedResult(r: GridFileResult, allowUnreadable = false): void {
  const fail = (why: string): never => {
    throw new Error(`${why}: ${JSON.stringify(r).slice(0, 500)}`);
  };
  if (typeof r !== 'object' || r === null) fail('not an object');
  for (const w of r.warnings) {
    if (!WARNING_CODES.has(w.code)) fail(`unknown warning code ${w.code}`);
    if (!w.message['zh-CN'] || !w.message.en) fail('warning without message');
  }
  if (!r.ok) {
    if (r.errors.length === 0) fail('refused without errors');
    for (const e of r.errors) {
      if (!ERROR_CODES.has(e.code)) fail(`unknown error code ${e.code}`);
      if (!allowUnreadable && e.code === INPUT_ERRORS.unreadable) fail('safety net reached');
      if (!(e.featureIndex === null || (Number.isInteger(e.featureIndex) && e.featureIndex >= 0))) fail('bad featureIndex');
      if (typeof e.path !== 'string') fail('bad path');
      if (typeof e.message['zh-CN'] !== 'string' || !e.message['zh-CN'] || typeof e.message.en !== 'string' || !e.message.en) fail('bad message');
    }
    return;
  }
  if (r.grids.length === 0) fail('accepted with no grids');
  const keys = new Set<string>();
  for (const g of r.grids) {
    if (keys.has(g.key)) fail('duplicate key');
    keys.add(g.key);
    if (g.code !== null && !/^[0-9]{15}$/.test(g.code)) fail('bad code');
    if (g.communityCode !== null && !/^[0-9]{12}$/.test(g.communityCode)) fail('bad community code');
    if (g.kind !== 'comprehensive' && g.kind !== 'dedicated') fail('bad kind');
    if ((g.kind === 'dedicated') !== (g.dedicatedType !== null)) fail('kind and dedicated type disagree');
    if (g.name !== null && typeof g.name !== 'string') fail('bad name');
    const polygons = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.type === 'MultiPolygon' ? g.geometry.coordinates : fail('bad type');
    if (polygons.length === 0) fail('no parts');
    for (const rings of polygons) {
      if (rings.length === 0) fail('no rings');
      for (const ring of rings) {
        if (ring.length < 4) fail('short ring');
        for (const p of ring) {
          if (p.length !== 2) fail('not 2D');
          const [x, y] = p as [number, number];
          if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) fail('bad position');
        }
        const a = ring[0]!;
        const b = ring[ring.length - 1]!;
        if (a[0] !== b[0] || a[1] !== b[1]) fail('unclosed ring');
      }
    }
  }
}

/** A plausible grid polygon in Nanjing: a star-shaped ring around a centre, closed, counterclockwise. */
export const nanjingRing = fc
  .record({
    cx: fc.double({ min: 118.6, max: 119.0, noNaN: true }),
    cy: fc.double({ min: 31.9, max: 32.2, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.0005, max: 0.01, noNaN: true }), { minLength: 3, maxLength: 12 }),
  })
  .map(({ cx, cy, radii }) => {
    const ring = radii.map((r, i) => {
      const a = (2 * Math.PI * i) / radii.length;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    });
    return [...ring, ring[0]!];
  });

const gridProperties = fc.record(
  {
    code: fc.constantFrom('320102002001001', '320102002001002', null, 320102002001003, '', 'abc'),
    name: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('梅园新村社区第一网格'), fc.constant(null)),
    kind: fc.constantFrom('comprehensive', 'dedicated', '综合网格', '专属网格', undefined),
    dedicated_type: fc.constantFrom('school', '园区', null, undefined),
  },
  { requiredKeys: [] },
);

export const validFeature = fc.record({
  type: fc.constant('Feature' as const),
  properties: gridProperties,
  geometry: fc.oneof(
    fc.record({ type: fc.constant('Polygon'), coordinates: fc.tuple(nanjingRing).map((r) => r as number[][][]) }),
    fc.record({ type: fc.constant('MultiPolygon'), coordinates: fc.array(fc.tuple(nanjingRing), { minLength: 1, maxLength: 3 }) }),
  ),
});

type Doc = { type: 'FeatureCollection'; features: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] };

const oddNumber = fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 1e400, 91, -91, 181, '118.8', null, true, {}, [], 0, -0);

/** One mutation of a valid document: the bad and odd inputs the issue lists, and some more. */
const mutation: fc.Arbitrary<(doc: Doc) => unknown> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(), fc.nat(1), oddNumber).map(([f, k, d, v]) => (doc: Doc) => {
    const ring = firstRing(doc, f);
    if (ring) (ring[k % ring.length] as unknown[])[d] = v;
    return doc;
  }),
  fc.nat().map((f) => (doc: Doc) => { // swapped order
    const ring = firstRing(doc, f);
    ring?.forEach((p) => (p as number[]).reverse());
    return doc;
  }),
  fc.nat().map((f) => (doc: Doc) => { // dropped closing point
    firstRing(doc, f)?.pop();
    return doc;
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 })).map(([f, k, n]) => (doc: Doc) => { // duplicated points
    const ring = firstRing(doc, f);
    if (ring) ring.splice(k % ring.length, 0, ...Array.from({ length: n }, () => [...(ring[k % ring.length] as number[])]));
    return doc;
  }),
  fc.nat().map((f) => (doc: Doc) => { // empty arrays
    const feature = doc.features[f % doc.features.length]!;
    feature.geometry.coordinates = [];
    return doc;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2000 })).map(([f, depth]) => (doc: Doc) => { // deep nesting
    const feature = doc.features[f % doc.features.length]!;
    let c: unknown = feature.geometry.coordinates;
    for (let i = 0; i < depth; i++) c = [c];
    feature.geometry.coordinates = c;
    return doc;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1_000, max: 1_000_000 })).map(([f, n]) => (doc: Doc) => { // enormous strings
    doc.features[f % doc.features.length]!.properties = { name: '网'.repeat(n), code: '3'.repeat(n % 5000) };
    return doc;
  }),
  fc.nat().map((f) => (doc: Doc) => { // a hole outside its shell (well formed: must pass to the topology engine)
    const ring = firstRing(doc, f);
    if (ring) {
      const hole = ring.map((p) => [(p as number[])[0]! + 0.5, (p as number[])[1]!]);
      const feature = doc.features[f % doc.features.length]!;
      if (feature.geometry.type === 'Polygon') (feature.geometry.coordinates as unknown[]).push(hole);
    }
    return doc;
  }),
  fc.nat().map((f) => (doc: Doc) => { // multipolygon with zero parts
    doc.features[f % doc.features.length]!.geometry = { type: 'MultiPolygon', coordinates: [] };
    return doc;
  }),
  fc.tuple(fc.nat(), fc.constantFrom<unknown>('Point', 'LineString', 'GeometryCollection', 'polygon', null, 7)).map(([f, t]) => (doc: Doc) => {
    (doc.features[f % doc.features.length]!.geometry as { type: unknown }).type = t;
    return doc;
  }),
  fc.tuple(fc.nat(), fc.jsonValue()).map(([f, v]) => (doc: Doc) => { // random JSON in a random place
    const feature = doc.features[f % doc.features.length]! as Record<string, unknown>;
    const slot = ['geometry', 'properties', 'type'][f % 3]!;
    feature[slot] = v;
    return doc;
  }),
  fc.tuple(fc.constantFrom('网格编码', 'kind', 'dedicated_type', 'community_code', 'CODE', '__proto__'), fc.jsonValue()).map(([key, v]) => (doc: Doc) => {
    doc.features[0]!.properties = JSON.parse(JSON.stringify({ [key]: v }));
    return doc;
  }),
  fc.jsonValue().map((v) => (doc: Doc) => ({ ...doc, crs: v })),
  fc.constant((doc: Doc) => ({ ...doc, features: doc.features.map(() => null) })),
  fc.constant((doc: Doc) => doc.features[0]!.geometry), // a bare geometry
);

function firstRing(doc: Doc, f: number): unknown[] | null {
  const feature = doc.features[f % doc.features.length];
  const c = feature?.geometry?.coordinates;
  if (!Array.isArray(c) || !Array.isArray(c[0])) return null;
  const first = c[0] as unknown[];
  if (feature!.geometry.type === 'MultiPolygon') return Array.isArray(first[0]) ? (first[0] as unknown[]) : null;
  return first;
}

/** Valid documents with one to three mutations applied. */
export const mutatedDocument = fc
  .tuple(fc.array(validFeature, { minLength: 1, maxLength: 4 }), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([features, mutations]) => {
    let doc: unknown = structuredClone({ type: 'FeatureCollection', features });
    for (const m of mutations) {
      if (doc && typeof doc === 'object' && Array.isArray((doc as Doc).features) && (doc as Doc).features.length > 0 &&
        (doc as Doc).features.every((f) => f && typeof f === 'object' && f.geometry && typeof f.geometry === 'object')) {
        try {
          doc = m(doc as Doc);
        } catch {
          // an earlier mutation left a shape this one cannot walk: the document stays as it was
        }
      }
    }
    return doc;
  });
