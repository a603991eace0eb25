import fc from 'fast-check';

/**
 * Generated client geometry for property tests of the editor's input path: a plausible star-shaped
 * grid polygon inside a box, then at most two of the bad and odd things clients send (NaN, huge or
 * non-numeric coordinates, swapped lon/lat, unclosed rings, repeated points, bow-ties, collapsed rings,
 * empty or mistyped geometries).
 */
export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

type Ring = unknown[][];
type Geometry = { type: unknown; coordinates: unknown };

const starRing = (box: Box) =>
  fc
    .record({
      fx: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
      fy: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
      radii: fc.array(fc.double({ min: 0.02, max: 0.2, noNaN: true }), { minLength: 3, maxLength: 10 }),
    })
    .map(({ fx, fy, radii }): Ring => {
      const w = box.east - box.west;
      const h = box.north - box.south;
      const cx = box.west + fx * w;
      const cy = box.south + fy * h;
      const ring = radii.map((r, i) => {
        const a = (2 * Math.PI * i) / radii.length;
        return [cx + r * w * Math.cos(a), cy + r * h * Math.sin(a)];
      });
      return [...ring, [...ring[0]!]];
    });

/** The first ring when it is still an array of positions (an earlier mutation may have broken it). */
function firstRing(g: Geometry): unknown[][] | null {
  const ring = Array.isArray(g.coordinates) ? (g.coordinates as unknown[])[0] : null;
  return Array.isArray(ring) && ring.length > 1 && ring.every(Array.isArray) ? (ring as unknown[][]) : null;
}

const oddValue = fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 91, -91, 181, '118.01', null, true, {}, [], 0);

const mutation: fc.Arbitrary<(g: Geometry) => unknown> = fc.oneof(
  fc.constant((g: Geometry) => g), // left as it is
  fc.tuple(fc.nat(), fc.nat(1), oddValue).map(([k, d, v]) => (g: Geometry) => {
    const ring = firstRing(g);
    if (ring) ring[k % ring.length]![d] = v;
    return g;
  }),
  fc.constant((g: Geometry) => {
    firstRing(g)?.forEach((p) => p.reverse()); // lat, lon
    return g;
  }),
  fc.constant((g: Geometry) => {
    firstRing(g)?.pop(); // unclosed
    return g;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(([k, n]) => (g: Geometry) => {
    const ring = firstRing(g);
    if (!ring) return g;
    const i = k % (ring.length - 1);
    ring.splice(i, 0, ...Array.from({ length: n }, () => [...ring[i]!])); // repeated points
    return g;
  }),
  fc.nat().map((k) => (g: Geometry) => {
    const ring = firstRing(g);
    if (!ring || ring.length < 4) return g;
    const i = 1 + (k % (ring.length - 3));
    [ring[i], ring[i + 1]] = [ring[i + 1]!, ring[i]!]; // a bow-tie, usually
    return g;
  }),
  fc.constant((g: Geometry) => {
    const ring = firstRing(g);
    for (const p of ring ?? []) p[1] = ring![0]![1]; // collapsed to a line
    return g;
  }),
  fc.constant((g: Geometry) => ({ type: 'MultiPolygon', coordinates: [g.coordinates, g.coordinates] })), // parts on top of each other
  fc.constant((g: Geometry) => ({ ...g, coordinates: [] })),
  fc.constant((g: Geometry) => ({ ...g, type: 'LineString' })),
  fc.constant(() => null),
  fc.constant((g: Geometry) => {
    for (const p of firstRing(g) ?? []) p.push(12.5); // heights (a third number; a fourth if already there)
    return g;
  }),
);

export const oddPolygon = (box: Box): fc.Arbitrary<unknown> =>
  fc
    .tuple(starRing(box), fc.array(mutation, { minLength: 0, maxLength: 2 }))
    .map(([ring, ms]) => ms.reduce<unknown>((g, m) => (g && typeof g === 'object' ? m(g as Geometry) : g), { type: 'Polygon', coordinates: [ring] }));
