/**
 * Re-dividing one community's grids to the households norm, starting from today's division (the warm
 * start): a grid within the range stays as it is; a grid above it is split (tree-split.ts); a grid below
 * it is merged with its smallest neighbour and the two are split again within the range. Dedicated grids
 * are kept as they are. Every step is local to a grid and its neighbour, so few addresses change grid;
 * only what those steps cannot settle is divided again over its whole region (the connected grids that
 * may change). Where a grid still cannot be brought into range the result lists it with the reason.
 *
 * Pure and deterministic for a given Rng. Units and grids are numbers; the caller maps them to addresses
 * and grid codes, and builds the graph per community (grids stay inside it).
 */
import type { Rng } from '../random/prng';
import { refine } from './refine';
import { isConnectedSubset, splitInRange, type HouseholdRange, type SplitRefusal, type SplitResult, type UnitGraph } from './tree-split';

export interface RebalanceInput {
  graph: UnitGraph;
  /** Today's grid of each unit. */
  today: readonly number[];
  range: HouseholdRange;
  /** Grids kept as they are (dedicated grids: a school, a market, an industrial park). */
  keep?: ReadonlySet<number>;
  /** How many grids today has (ids 0..gridCount-1), counting those without units; new grids come after. */
  gridCount?: number;
}

/** Why a grid stays out of range. */
export type GridRefusal =
  | SplitRefusal
  /** Below the minimum, and every grid it touches is kept (or there is none). */
  | { kind: 'no_neighbour' }
  /** The local steps ran out of turns before settling it (and the wider division did not either). */
  | { kind: 'unsettled' };

export interface RebalancedGrid {
  id: number;
  units: number[];
  households: number;
  inRange: boolean;
  /** Kept as it was (a dedicated grid). */
  kept: boolean;
}

export interface RebalanceResult {
  /** The new grid of each unit: today's id where a grid carries on, new ids above today's highest. */
  gridOf: number[];
  grids: RebalancedGrid[];
  /** The grids left out of range, and why. */
  refusals: { grid: number; refusal: GridRefusal }[];
  /** Units, and their households, whose grid changed. */
  movedUnits: number;
  movedHouseholds: number;
}

/** At most this many fixes per grid of today: each merge or split settles a grid or hands it on. */
const FIXES_PER_GRID = 8;

export function rebalance(input: RebalanceInput, rng: Rng): RebalanceResult {
  const { graph, range } = input;
  const keep = input.keep ?? new Set<number>();
  const gridOf = [...input.today];
  // New grids are numbered after every grid of today, those without units included.
  let nextId = gridOf.reduce((m, g) => Math.max(m, g + 1), input.gridCount ?? 0);
  const members = new Map<number, number[]>();
  for (let u = 0; u < gridOf.length; u++) {
    const list = members.get(gridOf[u]!) ?? [];
    list.push(u);
    members.set(gridOf[u]!, list);
  }
  const households = (units: readonly number[]) => units.reduce((s, u) => s + graph.households[u]!, 0);
  const residentsMax = range.residentsMax ?? Number.POSITIVE_INFINITY;
  const residents = (units: readonly number[]) => (graph.residents ? units.reduce((s, u) => s + graph.residents![u]!, 0) : 0);
  const inRange = (units: readonly number[]) => {
    const h = households(units);
    return h >= range.min && h <= range.max && residents(units) <= residentsMax;
  };
  const setGrid = (id: number, units: number[]) => {
    members.set(id, units);
    for (const u of units) gridOf[u] = id;
  };

  // A grid in several pieces today is first taken apart: each piece is a grid of its own.
  for (const [id, units] of [...members]) {
    if (keep.has(id) || isConnectedSubset(graph, units)) continue;
    const pieces = components(graph, units).sort((a, b) => households(b) - households(a));
    setGrid(id, pieces[0]!);
    for (const piece of pieces.slice(1)) setGrid(nextId++, piece);
  }

  const refused = new Map<number, GridRefusal>();
  /** Gives the parts of a split the ids of the grids they came from (the most households of each), others new ids. */
  const assign = (parts: number[][], from: readonly number[]) => {
    const taken = new Set<number>();
    const owners = parts.map((part) => {
      const share = new Map<number, number>();
      for (const u of part) share.set(gridOf[u]!, (share.get(gridOf[u]!) ?? 0) + graph.households[u]! + 1e-9);
      return share;
    });
    const order = parts.map((_, i) => i).sort((a, b) => households(parts[b]!) - households(parts[a]!));
    const ids: number[] = [];
    for (const i of order) {
      const best = [...owners[i]!].filter(([id]) => from.includes(id) && !taken.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      const id = best ? best[0] : nextId++;
      taken.add(id);
      ids[i] = id;
    }
    for (const id of from) if (!taken.has(id)) members.delete(id);
    parts.forEach((part, i) => setGrid(ids[i]!, part));
    return ids;
  };

  const queue = [...members.keys()].filter((id) => !keep.has(id) && !inRange(members.get(id)!));
  let fixes = FIXES_PER_GRID * Math.max(1, members.size);
  while (queue.length > 0 && fixes-- > 0) {
    const id = queue.shift()!;
    const units = members.get(id);
    if (!units || keep.has(id) || inRange(units)) continue;
    refused.delete(id);
    // Above the range (households, or residents): split.
    if (households(units) > range.max || residents(units) > residentsMax) {
      const r = bestSplit(graph, units, range, rng);
      if (r.ok) assign(r.parts, [id]);
      else refused.set(id, r.refusal);
      continue;
    }
    // Below the minimum: with the smallest neighbouring grid that may change, split again in range.
    const neighbour = smallestNeighbour(graph, units, id, gridOf, keep, members);
    if (neighbour === null) {
      // Alone where grids may change: too few households there altogether, or walled in by kept grids.
      const region = regionOf(graph, units, gridOf, keep);
      const total = households(region);
      const walled = region.some((u) => graph.neighbours[u]!.some((v) => keep.has(gridOf[v]!)));
      refused.set(id, !walled && total < range.min ? { kind: 'total_under_min', households: total } : { kind: 'no_neighbour' });
      continue;
    }
    const union = [...units, ...members.get(neighbour)!];
    if (households(union) < range.min) {
      // Still too small together: one grid for now, merged again on its next turn.
      assign([union], [id, neighbour]);
      queue.push(gridOf[union[0]!]!);
      continue;
    }
    const r = bestSplit(graph, union, range, rng);
    if (r.ok) assign(r.parts, [id, neighbour]);
    else refused.set(id, r.refusal);
  }

  for (const [gid, units] of members) if (!keep.has(gid) && !inRange(units) && !refused.has(gid)) refused.set(gid, { kind: 'unsettled' });
  // What the local steps could not settle is divided again over its whole region: the connected grids
  // around it that may change (a wider change, so only where the local steps fell short).
  // A region that could not be divided is tried again for the next grid of it (the trees are random, and
  // a tight region is sometimes divided on a later try), at most REGION_TRIES times in all.
  const regionTries = new Map<number, { tries: number; refusal: SplitRefusal }>();
  for (const [id, refusal] of [...refused]) {
    if (!members.has(id) || inRange(members.get(id)!) || refusal.kind === 'unit_over_max') continue;
    const tried = regionTries.get(members.get(id)![0]!);
    if (tried && tried.tries >= REGION_TRIES) {
      refused.set(id, tried.refusal);
      continue;
    }
    const region = regionOf(graph, members.get(id)!, gridOf, keep);
    const gridsIn = [...new Set(region.map((u) => gridOf[u]!))];
    // Alone in its region (walled in by kept grids): no wider division; the local reason stands.
    if (gridsIn.length === 1 || gridsIn.some((g) => refused.get(g)?.kind === 'unit_over_max')) continue;
    const r = bestSplit(graph, region, range, rng);
    if (!r.ok) {
      refused.set(id, r.refusal);
      const tries = { tries: (tried?.tries ?? 0) + 1, refusal: r.refusal };
      for (const u of region) regionTries.set(u, tries);
      continue;
    }
    assign(r.parts, gridsIn);
    for (const g of gridsIn) refused.delete(g);
  }

  // Smooth the boundaries the cuts left: flips that lower the cut edges, net of the households moved.
  if (refine(graph, gridOf, input.today, range, keep) > 0) {
    for (const id of members.keys()) members.set(id, []);
    gridOf.forEach((g, u) => members.get(g)!.push(u));
  }

  const grids: RebalancedGrid[] = [...members].map(([gid, units]) => ({ id: gid, units, households: households(units), inRange: inRange(units), kept: keep.has(gid) }));
  grids.sort((a, b) => a.id - b.id);
  let movedUnits = 0;
  let movedHouseholds = 0;
  for (let u = 0; u < gridOf.length; u++) {
    if (gridOf[u] === input.today[u]) continue;
    movedUnits++;
    movedHouseholds += graph.households[u]!;
  }
  const refusals = [...refused].filter(([gid]) => members.has(gid) && !inRange(members.get(gid)!)).map(([grid, refusal]) => ({ grid, refusal }));
  return { gridOf, grids, refusals, movedUnits, movedHouseholds };
}

/** Times the wider division of one region is tried when it fails. */
const REGION_TRIES = 3;

/** Splits drawn per split: the one with the fewest cut edges is taken (compact grids, at a little time). */
const SPLITS_DRAWN = 3;

function bestSplit(graph: UnitGraph, units: readonly number[], range: HouseholdRange, rng: Rng): SplitResult {
  let best: { result: SplitResult; cut: number } | null = null;
  for (let i = 0; i < SPLITS_DRAWN; i++) {
    const result = splitInRange(graph, units, range, rng);
    // A refusal for a reason other than luck (the range cannot be met) is the same every time.
    if (!result.ok) {
      if (result.refusal.kind !== 'no_cut_found' || i === SPLITS_DRAWN - 1) return best?.result ?? result;
      continue;
    }
    const part = new Map<number, number>();
    result.parts.forEach((p, j) => p.forEach((u) => part.set(u, j)));
    let cut = 0;
    for (const [u, j] of part) for (const v of graph.neighbours[u]!) if (v > u && part.has(v) && part.get(v) !== j) cut++;
    if (!best || cut < best.cut) best = { result, cut };
  }
  return best!.result;
}

/** The neighbouring grid (sharing an edge of the graph) with the fewest households, not a kept one. */
function smallestNeighbour(
  graph: UnitGraph,
  units: readonly number[],
  id: number,
  gridOf: readonly number[],
  keep: ReadonlySet<number>,
  members: ReadonlyMap<number, number[]>,
): number | null {
  const around = new Set<number>();
  for (const u of units) for (const v of graph.neighbours[u]!) if (gridOf[v] !== id && !keep.has(gridOf[v]!)) around.add(gridOf[v]!);
  let best: { id: number; households: number } | null = null;
  for (const n of around) {
    const h = members.get(n)!.reduce((s, u) => s + graph.households[u]!, 0);
    if (!best || h < best.households || (h === best.households && n < best.id)) best = { id: n, households: h };
  }
  return best?.id ?? null;
}

/** The units connected to `units` through grids that are not kept (the region a wider re-division may change). */
function regionOf(graph: UnitGraph, units: readonly number[], gridOf: readonly number[], keep: ReadonlySet<number>): number[] {
  const seen = new Set<number>(units);
  const out = [...units];
  for (let i = 0; i < out.length; i++) {
    for (const v of graph.neighbours[out[i]!]!) {
      if (seen.has(v) || keep.has(gridOf[v]!)) continue;
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** The connected pieces of `units`. */
function components(graph: UnitGraph, units: readonly number[]): number[][] {
  const inSet = new Set(units);
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of units) {
    if (seen.has(start)) continue;
    const piece = [start];
    seen.add(start);
    for (let i = 0; i < piece.length; i++) {
      for (const v of graph.neighbours[piece[i]!]!) {
        if (inSet.has(v) && !seen.has(v)) {
          seen.add(v);
          piece.push(v);
        }
      }
    }
    out.push(piece);
  }
  return out;
}
