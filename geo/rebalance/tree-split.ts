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
  while (budget.trees > 0) {
    budget.trees--;
    // Compact trees first; in the second half of the budget uniformly random ones (more varied, for the
    // shapes where compact cuts keep failing).
    const tree = randomSpanningTree(graph, units, rng, budget.trees > budget.compactUntil);
    const { order, parent, below, belowResidents } = rootedWeights(graph, units, tree);
    // The cut: a tree edge whose lower side can be j grids and the rest k - j, the j nearest half first,
    // and of those the side nearest its share of the households (balanced sides keep later cuts easy).
    let best: { unit: number; j: number; score: number } | null = null;
    for (const u of order) {
      if (parent.get(u) === undefined) continue;
      const w = below.get(u)!;
      const r = belowResidents.get(u)!;
      for (let j = 1; j < k; j++) {
        if (!fits(w, r, j) || !fits(total - w, sums.residents - r, k - j)) continue;
        const score = Math.abs(j - k / 2) * total + Math.abs(w - (total * j) / k);
        if (!best || score < best.score) best = { unit: u, j, score };
      }
    }
    if (!best) continue;
    const lower = subtreeOf(best.unit, tree, parent);
    const lowerSet = new Set(lower);
    const upper = units.filter((u) => !lowerSet.has(u));
    const w = below.get(best.unit)!;
    const r = belowResidents.get(best.unit)!;
    const a = splitInto(graph, lower, { households: w, residents: r }, best.j, range, rng, budget);
    if (!a) continue;
    const b = splitInto(graph, upper, { households: total - w, residents: sums.residents - r }, k - best.j, range, rng, budget);
    if (!b) continue;
    return [...a, ...b];
  }
  return null;
}

/**
 * A random spanning tree of the subgraph on `units`: Kruskal over the edges in random order, or, when the
 * units' places are known, by length each stretched by a random factor of 1 to 2 (a random near-minimum
 * tree: its subtrees are compact, and it still differs from one draw to the next) when `compact`.
 * Adjacency lists.
 */
function randomSpanningTree(graph: UnitGraph, units: readonly number[], rng: Rng, compact: boolean): Map<number, number[]> {
  const inSet = new Set(units);
  let edges: [number, number][] = [];
  for (const u of units) for (const v of graph.neighbours[u]!) if (u < v && inSet.has(v)) edges.push([u, v]);
  const points = graph.points;
  if (points && compact) {
    const weight = new Float64Array(edges.length);
    edges.forEach(([u, v], i) => (weight[i] = Math.hypot(points[u]![0] - points[v]![0], points[u]![1] - points[v]![1]) * (1 + rng.next())));
    const order = edges.map((_, i) => i).sort((a, b) => weight[a]! - weight[b]!);
    edges = order.map((i) => edges[i]!);
  } else {
    edges = rng.shuffle(edges);
  }
  const parentOf = new Map<number, number>(units.map((u) => [u, u]));
  const find = (x: number): number => {
    let r = x;
    while (parentOf.get(r) !== r) r = parentOf.get(r)!;
    while (parentOf.get(x) !== r) {
      const next = parentOf.get(x)!;
      parentOf.set(x, r);
      x = next;
    }
    return r;
  };
  const tree = new Map<number, number[]>(units.map((u) => [u, []]));
  for (const [u, v] of edges) {
    const ru = find(u);
    const rv = find(v);
    if (ru === rv) continue;
    parentOf.set(ru, rv);
    tree.get(u)!.push(v);
    tree.get(v)!.push(u);
  }
  return tree;
}

/** The tree rooted at its first unit: a visiting order, each unit's parent and the households and residents below it. */
function rootedWeights(graph: UnitGraph, units: readonly number[], tree: Map<number, number[]>) {
  const root = units[0]!;
  const parent = new Map<number, number | undefined>([[root, undefined]]);
  const order = [root];
  for (let i = 0; i < order.length; i++) {
    const u = order[i]!;
    for (const v of tree.get(u)!) {
      if (parent.has(v)) continue;
      parent.set(v, u);
      order.push(v);
    }
  }
  const below = new Map<number, number>();
  const belowResidents = new Map<number, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const u = order[i]!;
    below.set(u, (below.get(u) ?? 0) + graph.households[u]!);
    belowResidents.set(u, (belowResidents.get(u) ?? 0) + (graph.residents?.[u] ?? 0));
    const p = parent.get(u);
    if (p !== undefined) {
      below.set(p, (below.get(p) ?? 0) + below.get(u)!);
      belowResidents.set(p, (belowResidents.get(p) ?? 0) + belowResidents.get(u)!);
    }
  }
  return { order, parent, below, belowResidents };
}

/** The units of the subtree hanging from `top` (away from its parent). */
function subtreeOf(top: number, tree: Map<number, number[]>, parent: Map<number, number | undefined>): number[] {
  const out = [top];
  for (let i = 0; i < out.length; i++) {
    const u = out[i]!;
    for (const v of tree.get(u)!) if (parent.get(v) === u) out.push(v);
  }
  return out;
}
