/**
 * Weighted k-means (Lloyd's algorithm): k centres for weighted points so that each centre's Voronoi
 * cell holds a similar total weight. Used to place grid seeds so that grids come out near the
 * households norm, with the uneven drift real grids have.
 */
import type { XY } from '../planar/polygon';
import type { Rng } from '../random/prng';

export interface WeightedPoint {
  p: XY;
  w: number;
}

/** Returns up to k centres (fewer when points run out); deterministic for a given rng state. */
export function weightedKMeans(rng: Rng, points: readonly WeightedPoint[], k: number, iterations = 12): XY[] {
  if (points.length === 0 || k <= 0) return [];
  const n = Math.min(k, points.length);
  // k-means++ style start: spread the first centres apart.
  const centres: XY[] = [points[rng.weightedIndex(points.map((q) => q.w + 1e-9))]!.p];
  const d2 = points.map((q) => (q.p[0] - centres[0]![0]) ** 2 + (q.p[1] - centres[0]![1]) ** 2);
  while (centres.length < n) {
    const weights = points.map((q, i) => d2[i]! * (q.w + 1e-9));
    const total = weights.reduce((s, x) => s + x, 0);
    const next = total > 0 ? points[rng.weightedIndex(weights)]!.p : points[centres.length]!.p;
    centres.push([next[0], next[1]]);
    points.forEach((q, i) => {
      const d = (q.p[0] - next[0]) ** 2 + (q.p[1] - next[1]) ** 2;
      if (d < d2[i]!) d2[i] = d;
    });
  }
  const assign = new Int32Array(points.length);
  for (let it = 0; it < iterations; it++) {
    points.forEach((q, i) => {
      let best = 0;
      let bestD = Infinity;
      centres.forEach((c, j) => {
        const d = (c[0] - q.p[0]) ** 2 + (c[1] - q.p[1]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      });
      assign[i] = best;
    });
    const sx = new Float64Array(n);
    const sy = new Float64Array(n);
    const sw = new Float64Array(n);
    points.forEach((q, i) => {
      const j = assign[i]!;
      const w = q.w + 1e-9;
      sx[j] += q.p[0] * w;
      sy[j] += q.p[1] * w;
      sw[j] += w;
    });
    for (let j = 0; j < n; j++) if (sw[j]! > 0) centres[j] = [sx[j]! / sw[j]!, sy[j]! / sw[j]!];
  }
  // Drop centres that ended with no point, and exact duplicates (a Voronoi diagram needs distinct sites).
  const used = new Set<number>();
  points.forEach((_, i) => used.add(assign[i]!));
  const seen = new Set<string>();
  return centres.filter((c, j) => {
    const key = `${c[0]},${c[1]}`;
    if (!used.has(j) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
