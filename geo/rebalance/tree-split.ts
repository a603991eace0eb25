/**
 * Splitting a connected set of address units into grids within a households range, by cutting spanning
 * trees of the units' adjacency graph (the move GerryChain's ReCom makes, used here as a planner: the
 * number of grids is chosen from the range, and a cut is taken only when both sides can still be split
 * into that many grids in range). Every part is connected, because each side of a cut tree edge is a
 * subtree. Where the range cannot be met the answer says why instead of failing.
 *
 * Pure and deterministic for a given Rng. The units are indices into the graph; a caller builds the graph
 * per community (so grids stay inside it) and leaves out the edges that cross a barrier.
 */
import type { Rng } from '../random/prng';

/** Address units (a building or a standard address) and which touch which. */
export interface UnitGraph {
  /** Households of each unit. */
  households: readonly number[];
  /** For each unit, the units it touches (symmetric). */
  neighbours: readonly (readonly number[])[];
  /**
   * Where each unit is (planar), if known: the trees then prefer short edges, so that the parts a cut
   * leaves are compact rather than ragged.
   */
  points?: readonly (readonly [number, number])[];
  /** Residents of each unit, if the range limits them. */
  residents?: readonly number[];
}

export interface HouseholdRange {
  min: number;
  max: number;
  /** At most this many residents in a grid (none: no limit; needs the graph's residents). */
  residentsMax?: number;
}

/** Why a set of units cannot be divided into grids within the range. */
export type SplitRefusal =
  /** One unit alone is above the maximum (a single building of 900 households). */
  | { kind: 'unit_over_max'; unit: number; households: number }
  /** One unit alone has more residents than a grid may (a dormitory of 3,000). */
  | { kind: 'unit_over_residents'; unit: number; residents: number }
  /** Too few households for even one grid at the minimum (a community of 120). */
  | { kind: 'total_under_min'; households: number }
  /** No number of grids fits: each count leaves grids below the minimum or above the maximum. */
  | { kind: 'no_count_fits'; households: number }
  /** The units do not form one connected piece. */
  | { kind: 'not_connected' }
  /** A count fits, but none of the trees tried could be cut so that every grid lands in range. */
  | { kind: 'no_cut_found'; parts: number; tries: number };

export type SplitResult = { ok: true; parts: number[][] } | { ok: false; refusal: SplitRefusal };

/**
 * How many spanning trees a split may draw per grid it makes before it gives up (shared by all its cuts:
 * a cut whose sides cannot be split draws again, and the budget keeps that search bounded).
 */
export const TREES_PER_CUT = 60;

/** The grid counts k for which k grids within the range can hold `total` households. */
export function feasibleCounts(total: number, range: HouseholdRange): { from: number; to: number } | null {
  const from = Math.max(1, Math.ceil(total / range.max));
  const to = Math.floor(total / range.min);
  return from <= to ? { from, to } : null;
}

/** Whether `units` is one connected piece of the graph. */
export function isConnectedSubset(graph: UnitGraph, units: readonly number[]): boolean {
  if (units.length === 0) return true;
  const inSet = new Set(units);
  const seen = new Set<number>([units[0]!]);
  const queue = [units[0]!];
  while (queue.length > 0) {
    const u = queue.pop()!;
    for (const v of graph.neighbours[u]!) {
      if (inSet.has(v) && !seen.has(v)) {
        seen.add(v);
        queue.push(v);
      }
    }
  }
  return seen.size === inSet.size;
}

const sumOf = (graph: UnitGraph, units: readonly number[]) => units.reduce((s, u) => s + graph.households[u]!, 0);
const residentsOf = (graph: UnitGraph, units: readonly number[]) => (graph.residents ? units.reduce((s, u) => s + graph.residents![u]!, 0) : 0);
const residentsMaxOf = (range: HouseholdRange) => range.residentsMax ?? Number.POSITIVE_INFINITY;

/**
 * Divides `units` (connected) into grids within the range: as many as the households need, the count
 * nearest to the middle of the range when several fit.
 */
export function splitInRange(graph: UnitGraph, units: readonly number[], range: HouseholdRange, rng: Rng, trees = TREES_PER_CUT): SplitResult {
  const total = sumOf(graph, units);
  const residents = residentsOf(graph, units);
  const residentsMax = residentsMaxOf(range);
  for (const u of units) {
    if (graph.households[u]! > range.max) return { ok: false, refusal: { kind: 'unit_over_max', unit: u, households: graph.households[u]! } };
    const r = graph.residents?.[u] ?? 0;
    if (r > residentsMax) return { ok: false, refusal: { kind: 'unit_over_residents', unit: u, residents: r } };
  }
  if (total < range.min) return { ok: false, refusal: { kind: 'total_under_min', households: total } };
  const counts = feasibleCounts(total, range);
  // As many grids as the residents need, too.
  const from = Math.max(counts?.from ?? 0, Math.ceil(residents / residentsMax));
  if (!counts || from > counts.to) return { ok: false, refusal: { kind: 'no_count_fits', households: total } };
  if (!isConnectedSubset(graph, units)) return { ok: false, refusal: { kind: 'not_connected' } };
  const middle = (range.min + range.max) / 2;
  const k = Math.min(counts.to, Math.max(from, Math.round(total / middle)));
  const budget = { trees: trees * k, compactUntil: (trees * k) / 2 };
  const parts = splitInto(graph, [...units], { households: total, residents }, k, range, rng, budget);
  return parts ? { ok: true, parts } : { ok: false, refusal: { kind: 'no_cut_found', parts: k, tries: trees * k - budget.trees } };
}

/** `units` (connected, with `sums` households and residents) into exactly k grids in range, or null. */
function splitInto(
  graph: UnitGraph,
  units: number[],
  sums: { households: number; residents: number },
  k: number,
  range: HouseholdRange,
  rng: Rng,
  budget: { trees: number; compactUntil: number },
): number[][] | null {
  const total = sums.households;
  const residentsMax = residentsMaxOf(range);
  if (k === 1) return total >= range.min && total <= range.max && sums.residents <= residentsMax ? [units] : null;
  const fits = (w: number, r: number, j: number) => w >= j * range.min && w <= j * range.max && r <= j * residentsMax;
  // The subgraph once for all the trees drawn on it.
  const sub = subgraphOf(graph, units);
  while (budget.trees > 0) {
    budget.trees--;
    // Compact trees first; in the second half of the budget uniformly random ones (more varied, for the
    // shapes where compact cuts keep failing).
    const tree = randomSpanningTree(sub, rng, budget.trees > budget.compactUntil);
    const { order, parent, below, belowResidents } = rootedWeights(sub, tree);
    // The cut: a tree edge whose lower side can be j grids and the rest k - j. One grid cut off first (then
    // two, and so on), and of those the side nearest its share of the households: peeling a grid at a
    // time leaves the rest the most room. Halving first was tried: on a tight region (buildings of 200-360
    // households among small ones) one division in ten succeeded, peeling eight in ten.
    let best: { at: number; j: number; score: number } | null = null;
    for (let i = 1; i < order.length; i++) {
      const x = order[i]!;
      const w = below[x]!;
      const r = belowResidents[x]!;
      for (let j = 1; j < k; j++) {
        if (!fits(w, r, j) || !fits(total - w, sums.residents - r, k - j)) continue;
        const score = Math.min(j, k - j) * total + Math.abs(w - (total * j) / k);
        if (!best || score < best.score) best = { at: x, j, score };
      }
    }
    if (!best) continue;
    const inLower = subtreeOf(best.at, tree, parent);
    const lower: number[] = [];
    const upper: number[] = [];
    units.forEach((u, x) => (inLower[x] ? lower : upper).push(u));
    const w = below[best.at]!;
    const r = belowResidents[best.at]!;
    const a = splitInto(graph, lower, { households: w, residents: r }, best.j, range, rng, budget);
    if (!a) continue;
    const b = splitInto(graph, upper, { households: total - w, residents: sums.residents - r }, k - best.j, range, rng, budget);
    if (!b) continue;
    return [...a, ...b];
  }
  return null;
}

/**
 * The subgraph on `units` in local indices (a unit's place in `units`): its edges, their lengths when the
 * places are known, and each unit's households and residents.
 */
interface Subgraph {
  size: number;
  from: Int32Array;
  to: Int32Array;
  length: Float64Array | null;
  households: Float64Array;
  residents: Float64Array;
}

function subgraphOf(graph: UnitGraph, units: readonly number[]): Subgraph {
  const local = new Map<number, number>();
  units.forEach((u, x) => local.set(u, x));
  const from: number[] = [];
  const to: number[] = [];
  units.forEach((u, x) => {
    for (const v of graph.neighbours[u]!) {
      const y = local.get(v);
      if (y !== undefined && x < y) {
        from.push(x);
        to.push(y);
      }
    }
  });
  const points = graph.points;
  const length = points
    ? Float64Array.from(from, (x, i) => Math.hypot(points[units[x]!]![0] - points[units[to[i]!]!]![0], points[units[x]!]![1] - points[units[to[i]!]!]![1]))
    : null;
  return {
    size: units.length,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    length,
    households: Float64Array.from(units, (u) => graph.households[u]!),
    residents: Float64Array.from(units, (u) => graph.residents?.[u] ?? 0),
  };
}

/** A spanning tree as adjacency in one array: the neighbours of x are adj[start[x]] .. adj[start[x + 1] - 1]. */
interface Tree {
  start: Int32Array;
  adj: Int32Array;
}

/** Edge indices fit below this in a packed sort key (the key's length part above it, within 2^53). */
const INDEX_SPAN = 2 ** 21;

/** The edges in the order of their stretched lengths, by one native sort of keys that carry the edge. */
function byStretchedLength(sub: Subgraph & { length: Float64Array }, rng: Rng): ArrayLike<number> {
  const edges = sub.from.length;
  if (edges >= INDEX_SPAN) {
    const key = Float64Array.from(sub.length, (l) => l * (1 + rng.next()));
    return Array.from({ length: edges }, (_, i) => i).sort((a, b) => key[a]! - key[b]!);
  }
  // A length to 1/64 m is plenty to order by; 5,000 km of edge would still leave the key exact.
  const packed = new Float64Array(edges);
  for (let i = 0; i < edges; i++) packed[i] = Math.floor(sub.length[i]! * (1 + rng.next()) * 64) * INDEX_SPAN + i;
  packed.sort();
  const order = new Int32Array(edges);
  for (let i = 0; i < edges; i++) order[i] = packed[i]! % INDEX_SPAN;
  return order;
}

/**
 * A random spanning tree of the subgraph: Kruskal over the edges in random order, or, when the units'
 * places are known and `compact`, by length each stretched by a random factor of 1 to 2 (a random
 * near-minimum tree: its subtrees are compact, and it still differs from one draw to the next).
 */
function randomSpanningTree(sub: Subgraph, rng: Rng, compact: boolean): Tree {
  const edges = sub.from.length;
  const order: ArrayLike<number> =
    sub.length && compact ? byStretchedLength(sub as Subgraph & { length: Float64Array }, rng) : rng.shuffle(Array.from({ length: edges }, (_, i) => i));
  const n = sub.size;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const chosen = new Int32Array(Math.max(0, n - 1));
  let joined = 0;
  for (let i = 0; i < edges && joined < n - 1; i++) {
    const e = order[i]!;
    const rx = find(sub.from[e]!);
    const ry = find(sub.to[e]!);
    if (rx === ry) continue;
    parent[rx] = ry;
    chosen[joined++] = e;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < joined; i++) {
    start[sub.from[chosen[i]!]! + 1]!++;
    start[sub.to[chosen[i]!]! + 1]!++;
  }
  for (let x = 0; x < n; x++) start[x + 1]! += start[x]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(2 * joined);
  for (let i = 0; i < joined; i++) {
    const x = sub.from[chosen[i]!]!;
    const y = sub.to[chosen[i]!]!;
    adj[fill[x]!++] = y;
    adj[fill[y]!++] = x;
  }
  return { start, adj };
}

/** The tree rooted at local index 0: a visiting order, each one's parent and the households and residents below it. */
function rootedWeights(sub: Subgraph, tree: Tree) {
  const n = sub.size;
  const parent = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  const order = new Int32Array(n);
  order[0] = 0;
  seen[0] = 1;
  let end = 1;
  for (let i = 0; i < end; i++) {
    const x = order[i]!;
    for (let j = tree.start[x]!; j < tree.start[x + 1]!; j++) {
      const y = tree.adj[j]!;
      if (seen[y]) continue;
      seen[y] = 1;
      parent[y] = x;
      order[end++] = y;
    }
  }
  const below = Float64Array.from(sub.households);
  const belowResidents = Float64Array.from(sub.residents);
  for (let i = end - 1; i > 0; i--) {
    const x = order[i]!;
    const p = parent[x]!;
    below[p]! += below[x]!;
    belowResidents[p]! += belowResidents[x]!;
  }
  return { order: order.subarray(0, end), parent, below, belowResidents };
}

/** Which local indices are in the subtree hanging from `top` (away from its parent). */
function subtreeOf(top: number, tree: Tree, parent: Int32Array): Uint8Array {
  const inside = new Uint8Array(parent.length);
  const stack = [top];
  inside[top] = 1;
  while (stack.length > 0) {
    const x = stack.pop()!;
    for (let j = tree.start[x]!; j < tree.start[x + 1]!; j++) {
      const y = tree.adj[j]!;
      if (parent[y] === x && !inside[y]) {
        inside[y] = 1;
        stack.push(y);
      }
    }
  }
  return inside;
}
