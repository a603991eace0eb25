/**
 * A patrol route through a grid for the demo's simulator: the grid's addresses in a nearest-neighbour
 * tour (closed, so a worker walks it round and round), and the point reached after walking a distance
 * along it. Distances in metres on a local equirectangular approximation (grids are a few hundred
 * metres across; the error is far below a phone's accuracy).
 */
export type LonLat = [number, number];

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Metres between two nearby points. */
export function metresBetween(a: LonLat, b: LonLat): number {
  const x = (b[0] - a[0]) * RAD * Math.cos(((a[1] + b[1]) / 2) * RAD);
  const y = (b[1] - a[1]) * RAD;
  return Math.hypot(x, y) * EARTH_M;
}

/** The points in a nearest-neighbour tour from the first (at most `limit` of them, kept evenly). */
export function patrolRoute(points: readonly LonLat[], limit = 60): LonLat[] {
  if (points.length <= 1) return [...points];
  const step = Math.max(1, Math.ceil(points.length / limit));
  const left = points.filter((_, i) => i % step === 0);
  const route: LonLat[] = [left.shift()!];
  while (left.length > 0) {
    const here = route[route.length - 1]!;
    let best = 0;
    let bestD = Infinity;
    for (let i = 0; i < left.length; i++) {
      const d = metresBetween(here, left[i]!);
      if (d < bestD) (bestD = d), (best = i);
    }
    route.push(left.splice(best, 1)[0]!);
  }
  return route;
}

/** The length of the closed tour, in metres. */
export function routeLength(route: readonly LonLat[]): number {
  let total = 0;
  for (let i = 0; i < route.length; i++) total += metresBetween(route[i]!, route[(i + 1) % route.length]!);
  return total;
}

/** The point `distance` metres along the closed tour (wrapping round). */
export function pointAlong(route: readonly LonLat[], distance: number): LonLat {
  if (route.length === 0) throw new RangeError('an empty route');
  if (route.length === 1) return route[0]!;
  const total = routeLength(route);
  let d = total > 0 ? ((distance % total) + total) % total : 0;
  for (let i = 0; i < route.length; i++) {
    const a = route[i]!;
    const b = route[(i + 1) % route.length]!;
    const leg = metresBetween(a, b);
    if (d <= leg) {
      const f = leg > 0 ? d / leg : 0;
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
    }
    d -= leg;
  }
  return route[0]!;
}
