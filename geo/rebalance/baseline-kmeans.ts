/**
 * A plain baseline for the rebalance benchmark: capacity-constrained weighted k-means over a community's
 * address units, with no warm start, no adjacency and no minimum. k centres from weighted k-means
 * (geo/partition/weighted-kmeans.ts); then, a few rounds: every (unit, centre) pair by distance, nearest
 * first, a unit taken by the centre if its households still fit under the maximum (a unit no centre can
 * take goes to its nearest), and the centres moved to their units' weighted mean. Units of kept grids
 * stay out of it.
 *
 * With it, the measures both divisions are judged by on the same unit graph: households per grid, grids
 * in one piece in the address adjacency (a cheap stand-in for drawn shapes), cut edges, and households
 * changing grid against today (each new grid matched to the today grid it shares most households with).
 * Pure and deterministic for a given Rng.
 */
import type { XY } from '../planar/polygon';
import type { Rng } from '../random/prng';
import { weightedKMeans } from '../partition/weighted-kmeans';
import { cutEdges } from './figures';
import { isConnectedSubset, type HouseholdRange, type UnitGraph } from './tree-split';

export interface BaselineInput {
  points: readonly XY[];
  households: readonly number[];
  /** Units left as they are (those of kept dedicated grids). */
  fixed: readonly boolean[];
  /** How many grids to make of the other units. */
  k: number;
  /** The households a grid may take (the range's maximum). */
  max: number;
}

export interface BaselineResult {
  /** The baseline grid (0..k-1) of each unit; -1 for a fixed unit. */
  gridOf: number[];
  /** Grids with at least one unit. */
  grids: number;
  /** Units no centre had room for, given to their nearest centre anyway (those grids end above the maximum). */
  overflow: number;
}

export function capacityKMeans(rng: Rng, input: BaselineInput, rounds = 4): BaselineResult {
  const free = input.points.flatMap((_, u) => (input.fixed[u] ? [] : [u]));
  const gridOf = input.points.map(() => -1);
  if (free.length === 0 || input.k <= 0) return { gridOf, grids: 0, overflow: 0 };
  const centres = weightedKMeans(rng, free.map((u) => ({ p: input.points[u]!, w: input.households[u]! })), input.k);
  const k = centres.length;
  let overflow = 0;
  for (let round = 0; round < rounds; round++) {
    const pairs: { u: number; c: number; d: number }[] = [];
    for (const u of free) {
      const p = input.points[u]!;
      for (let c = 0; c < k; c++) pairs.push({ u, c, d: (p[0] - centres[c]![0]) ** 2 + (p[1] - centres[c]![1]) ** 2 });
    }
    pairs.sort((a, b) => a.d - b.d || a.u - b.u || a.c - b.c);
    const load = new Float64Array(k);
    const nearest = new Map<number, number>();
    for (const u of free) gridOf[u] = -1;
    for (const { u, c } of pairs) {
      if (!nearest.has(u)) nearest.set(u, c);
      if (gridOf[u] !== -1 || load[c]! + input.households[u]! > input.max) continue;
      gridOf[u] = c;
      load[c] += input.households[u]!;
    }
    overflow = 0;
    for (const u of free) {
      if (gridOf[u] !== -1) continue;
      gridOf[u] = nearest.get(u)!;
      overflow++;
    }
    // The centres to their units' weighted mean (an empty one stays where it is).
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sw = new Float64Array(k);
    for (const u of free) {
      const c = gridOf[u]!;
      const w = input.households[u]! + 1e-9;
      sx[c] += input.points[u]![0] * w;
      sy[c] += input.points[u]![1] * w;
      sw[c] += w;
    }
    for (let c = 0; c < k; c++) if (sw[c]! > 0) centres[c] = [sx[c]! / sw[c]!, sy[c]! / sw[c]!];
  }
  return { gridOf, grids: new Set(free.map((u) => gridOf[u]!)).size, overflow };
}

export interface DivisionQuality {
  /** Households of each grid in `counted` (ascending). */
  households: number[];
  withinRange: number;
  /** Grids in `counted` whose units are one piece of the graph. */
  contiguous: number;
  cutEdges: number;
  /** Households whose grid is not the today grid it was matched to. */
  movedHouseholds: number;
}

/**
 * Measures a division of a community's units: `gridOf` any grid numbers (a kept grid included, so the
 * cut edges count its border too); `counted` the grids the range applies to; `today` each unit's grid
 * today, for the moves. A grid of `gridOf` that is also a today number (the scenario's carried-on
 * grids, or a kept grid) is matched to it; the others to the today grid they share most households with.
 */
export function divisionQuality(
  graph: UnitGraph,
  gridOf: readonly number[],
  counted: ReadonlySet<number>,
  today: readonly number[],
  range: HouseholdRange,
  opts: { sameIds: boolean },
): DivisionQuality {
  const members = new Map<number, number[]>();
  gridOf.forEach((g, u) => {
    const list = members.get(g);
    if (list) list.push(u);
    else members.set(g, [u]);
  });
  const households: number[] = [];
  let contiguous = 0;
  for (const [g, units] of members) {
    if (!counted.has(g)) continue;
    households.push(units.reduce((s, u) => s + graph.households[u]!, 0));
    if (isConnectedSubset(graph, units)) contiguous++;
  }
  households.sort((a, b) => a - b);
  const match = opts.sameIds ? new Map([...members.keys()].map((g) => [g, g])) : matchToToday(graph, gridOf, today);
  let movedHouseholds = 0;
  gridOf.forEach((g, u) => (movedHouseholds += match.get(g) === today[u] ? 0 : graph.households[u]!));
  return {
    households,
    withinRange: households.filter((h) => h >= range.min && h <= range.max).length,
    contiguous,
    cutEdges: cutEdges(graph, gridOf),
    movedHouseholds,
  };
}

/** Each grid to at most one today grid, the largest shares of households first (ties by number). */
function matchToToday(graph: UnitGraph, gridOf: readonly number[], today: readonly number[]): Map<number, number> {
  const share = new Map<string, { g: number; t: number; h: number }>();
  gridOf.forEach((g, u) => {
    const key = `${g}:${today[u]}`;
    const s = share.get(key) ?? { g, t: today[u]!, h: 0 };
    s.h += graph.households[u]! + 1e-9;
    share.set(key, s);
  });
  const match = new Map<number, number>();
  const taken = new Set<number>();
  for (const s of [...share.values()].sort((a, b) => b.h - a.h || a.g - b.g || a.t - b.t)) {
    if (match.has(s.g) || taken.has(s.t)) continue;
    match.set(s.g, s.t);
    taken.add(s.t);
  }
  return match;
}
