/**
 * Refining a division by boundary flips: a unit on a grid's edge moves to the neighbouring grid it
 * touches more, when that lowers the cut edges (adjacent units in different grids: the graph's measure of
 * compactness) net of a weight on the households it takes away from today's grid (moving back to today's
 * grid counts the other way). A flip never takes a grid out of the range or further from it (households,
 * or residents above their maximum), never
 * empties a grid and never cuts one in two, and never touches a kept grid. Greedy passes until none
 * improves or the pass limit is reached. Pure; `gridOf` is changed in place.
 */
import type { HouseholdRange, UnitGraph } from './tree-split';

export interface RefineOptions {
  /** Cut edges one household moved away from today's grid is worth (default: half an edge per average unit). */
  moveWeight?: number;
  passes?: number;
}

/** How far `h` households are from the range (0 inside it). */
const offRange = (h: number, range: HouseholdRange) => Math.max(0, range.min - h, h - range.max);
/** How many residents above the maximum (0 within it, or when there is none). */
const overResidents = (r: number, range: HouseholdRange) => Math.max(0, r - (range.residentsMax ?? Number.POSITIVE_INFINITY));

export function refine(graph: UnitGraph, gridOf: number[], today: readonly number[], range: HouseholdRange, keep: ReadonlySet<number>, opts: RefineOptions = {}): number {
  const n = gridOf.length;
  if (n === 0) return 0;
  const total = graph.households.reduce((s, h) => s + h, 0);
  const moveWeight = opts.moveWeight ?? (total > 0 ? 0.5 / (total / n) : 0);
  const passes = opts.passes ?? 8;
  const households = new Map<number, number>();
  const residents = new Map<number, number>();
  const residentsOf = (u: number) => graph.residents?.[u] ?? 0;
  const size = new Map<number, number>();
  for (let u = 0; u < n; u++) {
    households.set(gridOf[u]!, (households.get(gridOf[u]!) ?? 0) + graph.households[u]!);
    residents.set(gridOf[u]!, (residents.get(gridOf[u]!) ?? 0) + residentsOf(u));
    size.set(gridOf[u]!, (size.get(gridOf[u]!) ?? 0) + 1);
  }
  const stamp = new Int32Array(n);
  let epoch = 0;
  /** Whether grid `g` stays in one piece without unit `u`: its neighbours in g reach each other. */
  const staysConnected = (u: number, g: number): boolean => {
    const inG = graph.neighbours[u]!.filter((v) => gridOf[v] === g);
    if (inG.length <= 1) return true;
    epoch++;
    stamp[u] = epoch;
    const queue = [inG[0]!];
    stamp[inG[0]!] = epoch;
    let found = 1;
    const wanted = new Set(inG);
    for (let i = 0; i < queue.length && found < inG.length; i++) {
      for (const w of graph.neighbours[queue[i]!]!) {
        if (stamp[w] === epoch || gridOf[w] !== g) continue;
        stamp[w] = epoch;
        if (wanted.has(w)) found++;
        queue.push(w);
      }
    }
    return found === inG.length;
  };

  let flips = 0;
  for (let pass = 0; pass < passes; pass++) {
    let flipped = 0;
    for (let u = 0; u < n; u++) {
      const a = gridOf[u]!;
      if (keep.has(a) || size.get(a)! <= 1) continue;
      const touching = new Map<number, number>();
      for (const v of graph.neighbours[u]!) touching.set(gridOf[v]!, (touching.get(gridOf[v]!) ?? 0) + 1);
      const inA = touching.get(a) ?? 0;
      const h = graph.households[u]!;
      const ha = households.get(a)!;
      if (offRange(ha - h, range) > offRange(ha, range)) continue;
      const movedNow = a !== today[u] ? 1 : 0;
      let best: { grid: number; gain: number } | null = null;
      for (const [b, inB] of touching) {
        if (b === a || keep.has(b)) continue;
        const hb = households.get(b)!;
        if (offRange(hb + h, range) > offRange(hb, range)) continue;
        const rb = residents.get(b)!;
        if (overResidents(rb + residentsOf(u), range) > overResidents(rb, range)) continue;
        const gain = inB - inA - moveWeight * h * ((b !== today[u] ? 1 : 0) - movedNow);
        if (gain > 1e-9 && (!best || gain > best.gain || (gain === best.gain && b < best.grid))) best = { grid: b, gain };
      }
      if (!best || !staysConnected(u, a)) continue;
      gridOf[u] = best.grid;
      households.set(a, ha - h);
      households.set(best.grid, households.get(best.grid)! + h);
      residents.set(a, residents.get(a)! - residentsOf(u));
      residents.set(best.grid, residents.get(best.grid)! + residentsOf(u));
      size.set(a, size.get(a)! - 1);
      size.set(best.grid, size.get(best.grid)! + 1);
      flipped++;
    }
    flips += flipped;
    if (flipped === 0) break;
  }
  return flips;
}
