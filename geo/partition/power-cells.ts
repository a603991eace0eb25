/**
 * Balanced grids: a power diagram (Voronoi with additive weights) whose cells carry about the same
 * households. Plain k-means leaves grids anywhere from 70 to 900 households on clustered housing; real
 * divisions are drawn to a norm. The weights are tuned so each cell's load nears total/k, and the seeds
 * move to their cells' centroids (a capacity-constrained Voronoi, after Balzer et al.). Cells are
 * convex: computed by clipping a box with the half-planes of every other site.
 */
import type { BBox, XY } from '../planar/polygon';
import type { WeightedPoint } from './weighted-kmeans';

export interface PowerSite {
  p: XY;
  /** Additive weight (km²): a bigger weight pushes the cell's edges out. */
  w: number;
}

export const powerDistance = (q: XY, s: PowerSite) => (q[0] - s.p[0]) ** 2 + (q[1] - s.p[1]) ** 2 - s.w;

/** Index of the site with the smallest power distance (ties to the lower index). */
export function nearestPowerSite(q: XY, sites: readonly PowerSite[]): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < sites.length; i++) {
    const d = powerDistance(q, sites[i]!);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Distance from q to the nearest edge of its own power cell (own = its nearest site). */
export function distanceToPowerEdges(q: XY, sites: readonly PowerSite[], own: number): number {
  const a = sites[own]!;
  const pa = powerDistance(q, a);
  let best = Infinity;
  for (let j = 0; j < sites.length; j++) {
    if (j === own) continue;
    const b = sites[j]!;
    const ab = Math.hypot(b.p[0] - a.p[0], b.p[1] - a.p[1]);
    if (ab === 0) return 0;
    const d = (powerDistance(q, b) - pa) / (2 * ab);
    if (d < best) best = d;
  }
  return best;
}

/** Tunes weights and positions so that the cells' loads approach total/k. Drops sites left empty. */
export function balancePowerSites(points: readonly WeightedPoint[], start: readonly XY[], iterations = 100): PowerSite[] {
  let sites: PowerSite[] = start.map((p) => ({ p: [p[0], p[1]], w: 0 }));
  if (sites.length <= 1 || points.length === 0) return sites;
  const total = points.reduce((s, q) => s + q.w, 0);
  for (let it = 0; it < iterations; it++) {
    const k = sites.length;
    const target = total / k;
    const load = new Float64Array(k);
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sw = new Float64Array(k);
    const spread = new Float64Array(k);
    for (const q of points) {
      const j = nearestPowerSite(q.p, sites);
      load[j] += q.w;
      const w = q.w + 1e-9;
      sx[j] += q.p[0] * w;
      sy[j] += q.p[1] * w;
      sw[j] += w;
      spread[j] += w * ((q.p[0] - sites[j]!.p[0]) ** 2 + (q.p[1] - sites[j]!.p[1]) ** 2);
    }
    let meanSpread = 0;
    for (let j = 0; j < k; j++) meanSpread += sw[j]! > 0 ? spread[j]! / sw[j]! : 0;
    meanSpread = Math.max(meanSpread / k, 1e-6);
    const next: PowerSite[] = [];
    for (let j = 0; j < k; j++) {
      // Light cells grow (weight up), heavy ones shrink; the step is scaled to the cells' own size.
      // An empty cell keeps its place and grows until it wins points again.
      const w = sites[j]!.w + 0.5 * meanSpread * Math.max(-1, Math.min(1, (target - load[j]!) / target));
      const moved = sw[j]! > 0 && it < iterations / 3;
      next.push({ p: moved ? [sx[j]! / sw[j]!, sy[j]! / sw[j]!] : sites[j]!.p, w });
    }
    // Keep weights relative (only differences matter) so they stay small numbers.
    const minW = Math.min(...next.map((s) => s.w));
    sites = next.map((s) => ({ p: s.p, w: s.w - minW }));
  }
  // Final pass: sites that ended without any point are dropped, and so are exact duplicates.
  const used = new Set(points.map((q) => nearestPowerSite(q.p, sites)));
  const seen = new Set<string>();
  return sites.filter((s, j) => {
    const key = `${s.p[0]},${s.p[1]}`;
    if (!used.has(j) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The convex power cell of every site, clipped to the box; a cell that vanishes gives null. */
export function powerCells(sites: readonly PowerSite[], box: BBox, pad = 1): (XY[] | null)[] {
  const base: XY[] = [
    [box.minX - pad, box.minY - pad],
    [box.maxX + pad, box.minY - pad],
    [box.maxX + pad, box.maxY + pad],
    [box.minX - pad, box.maxY + pad],
  ];
  return sites.map((a, i) => {
    let poly: XY[] = base;
    for (let j = 0; j < sites.length && poly.length > 0; j++) {
      if (j === i) continue;
      const b = sites[j]!;
      // Keep x with powerDistance(x, a) <= powerDistance(x, b):  2x·(b - a) <= |b|² - |a|² - w_b + w_a.
      const nx = 2 * (b.p[0] - a.p[0]);
      const ny = 2 * (b.p[1] - a.p[1]);
      const c = b.p[0] ** 2 + b.p[1] ** 2 - a.p[0] ** 2 - a.p[1] ** 2 - b.w + a.w;
      poly = clipHalfPlane(poly, nx, ny, c);
    }
    if (poly.length < 3) return null;
    return [...poly, poly[0]!];
  });
}

/** Sutherland-Hodgman against one half-plane nx*x + ny*y <= c. */
function clipHalfPlane(poly: XY[], nx: number, ny: number, c: number): XY[] {
  const out: XY[] = [];
  const f = (p: XY) => nx * p[0] + ny * p[1] - c;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    const fp = f(p);
    const fq = f(q);
    if (fp <= 0) out.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}
