/**
 * Random points strictly inside a territory, a margin away from its edges (so that a point can never
 * fall on a shared edge after the coverage is noded), optionally outside some excluded rings.
 */
import { bboxOf, isInsideWithMargin, pointInMultiPolygon, type MultiPolygon, type Ring, type XY } from '../planar/polygon';
import type { Rng } from '../random/prng';

export interface SampleOptions {
  margin: number;
  /** Areas to keep out of (e.g. dedicated grids), with the same margin. */
  exclude?: readonly Ring[];
  /** Give up after this many draws (a thin sliver may have no room). */
  maxTries?: number;
}

export function acceptable(p: XY, mp: MultiPolygon, opts: SampleOptions): boolean {
  if (!isInsideWithMargin(p, mp, opts.margin)) return false;
  for (const ring of opts.exclude ?? []) if (pointInMultiPolygon(p, [[ring]]) || nearRing(p, ring, opts.margin)) return false;
  return true;
}

function nearRing(p: XY, ring: Ring, margin: number): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    if (Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]) < margin) return true;
  }
  return false;
}

/** A uniform random point in mp, or null when none was found within maxTries. */
export function samplePoint(rng: Rng, mp: MultiPolygon, opts: SampleOptions): XY | null {
  const b = bboxOf(mp);
  const tries = opts.maxTries ?? 500;
  for (let i = 0; i < tries; i++) {
    const p: XY = [rng.float(b.minX, b.maxX), rng.float(b.minY, b.maxY)];
    if (acceptable(p, mp, opts)) return p;
  }
  return null;
}

/** A point near `center` (normal spread `sigma`), falling back to a uniform point. */
export function samplePointNear(rng: Rng, center: XY, sigma: number, mp: MultiPolygon, opts: SampleOptions): XY | null {
  for (let i = 0; i < 12; i++) {
    const p: XY = [center[0] + sigma * rng.normal(), center[1] + sigma * rng.normal()];
    if (acceptable(p, mp, opts)) return p;
  }
  return samplePoint(rng, mp, opts);
}
