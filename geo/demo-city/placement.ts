/**
 * Where the generator puts things inside a territory: evenly spread seeds, the enclave's outline,
 * rectangles for dedicated grids (schools, hospitals, parks). All in local km (local-metric.ts).
 */
import { weightedKMeans } from '../partition/weighted-kmeans';
import { convexRingInside, distanceToBoundary, isInsideWithMargin, pointInMultiPolygon, type MultiPolygon, type Ring, type XY } from '../planar/polygon';
import type { Rng } from '../random/prng';
import { samplePoint } from './sample-points';

/** n distinct seeds spread evenly over a region: k-means of uniform samples, so territories come out of similar size. */
export function spreadSeeds(rng: Rng, region: MultiPolygon, n: number): XY[] {
  const samples: { p: XY; w: number }[] = [];
  for (let i = 0; i < Math.max(40, n * 40); i++) {
    const p = samplePoint(rng, region, { margin: 0.01, maxTries: 2000 });
    if (p) samples.push({ p, w: 1 });
  }
  const seeds = weightedKMeans(rng, samples, n, 15);
  // k-means may merge seeds on a tiny region: top up with plain samples so every unit gets a seed.
  while (seeds.length < n) {
    const p = samplePoint(rng, region, { margin: 0, maxTries: 5000 });
    if (!p) throw new Error('no room for another seed');
    seeds.push(p);
  }
  return seeds;
}

/** A rough round area of about 4 km² well inside the host, 3-8 km from the home territory (not touching it). */
export function placeEnclave(rng: Rng, host: MultiPolygon, home: MultiPolygon): Ring {
  for (let attempt = 0; attempt < 5000; attempt++) {
    const c = samplePoint(rng, host, { margin: 2.5, maxTries: 5000 });
    if (!c) break;
    if (pointInMultiPolygon(c, home)) continue;
    const d = distanceToBoundary(c, home);
    if (d < 3 || d > 8) continue;
    const ring: Ring = [];
    const n = 14;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      const r = 1.15 * rng.float(0.8, 1.2);
      ring.push([c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    if (ring.every((p) => isInsideWithMargin(p, host, 0.8))) return ring;
  }
  throw new Error('found no place for the enclave');
}

/** A w x h rectangle (km) around center, turned by angle (radians); closed ring. */
export function rectRing(center: XY, w: number, h: number, angle: number): Ring {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const corners: XY[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  const ring = corners.map(([x, y]) => [center[0] + x * c - y * s, center[1] + x * s + y * c] as XY);
  ring.push(ring[0]!);
  return ring;
}

export interface PlacedRect {
  ring: Ring;
  center: XY;
}

function span(ring: Ring): number {
  let m = 0;
  for (const a of ring) for (const b of ring) m = Math.max(m, Math.hypot(a[0] - b[0], a[1] - b[1]));
  return m;
}

/**
 * A rectangle of about `size` (km; shrunk to 3/4 then 1/2 if it does not fit) wholly inside the region,
 * 10 m from its edges, and clear of the rectangles already placed there; null when none fits.
 */
export function fitRect(rng: Rng, region: MultiPolygon, placed: readonly PlacedRect[], size: [number, number]): PlacedRect | null {
  for (const shrinkBy of [1, 0.75, 0.5]) {
    const [w, h] = [size[0] * shrinkBy, size[1] * shrinkBy];
    for (let i = 0; i < 25; i++) {
      const center = samplePoint(rng, region, { margin: Math.min(w, h) / 2 });
      if (!center) break;
      const ring = rectRing(center, w, h, rng.float(-0.4, 0.4));
      // Circumscribed circles apart (plus 20 m): the rectangles cannot touch.
      const clear = placed.every((d) => Math.hypot(d.center[0] - center[0], d.center[1] - center[1]) > (Math.hypot(w, h) + span(d.ring)) / 2 + 0.02);
      if (clear && convexRingInside(ring, region, 0.01)) return { ring, center };
    }
  }
  return null;
}
