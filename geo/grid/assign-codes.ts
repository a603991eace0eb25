import { readingOrder } from '../codes/reading-order';
import { gridCode, parseGridCode } from '../codes/territory-codes';

/**
 * Code assignment for grids created in a draft (DOMAIN.md): codes stay stable across edits; a new grid
 * takes the next free sequence of its community. "Free" means above every sequence ever used there (in
 * force, in history, in any draft, in the edit log): holes are never refilled, because a hole may be a
 * code that an earlier grid carried and reports still refer to.
 */
export class CodeSequenceExhaustedError extends RangeError {
  constructor(readonly communityCode: string) {
    super(`community ${communityCode} has no grid sequence left (999 used)`);
    this.name = 'CodeSequenceExhaustedError';
  }
}

/** The next `count` codes of a community after the highest sequence among `usedCodes` (other communities ignored). */
export function nextGridCodes(communityCode: string, usedCodes: Iterable<string | null>, count = 1): string[] {
  let top = 0;
  for (const code of usedCodes) {
    if (code == null || !code.startsWith(communityCode)) continue;
    const parsed = parseGridCode(code);
    if (parsed.valid && parsed.sequence > top) top = parsed.sequence;
  }
  if (top + count > 999) throw new CodeSequenceExhaustedError(communityCode);
  return Array.from({ length: count }, (_, i) => gridCode(communityCode, top + 1 + i));
}

export interface SplitPart {
  /** Area in m²: the larger part keeps the code. */
  areaM2: number;
  /** A point inside the part (lon/lat), for the reading order of the new codes. */
  x: number;
  y: number;
}

/**
 * Which part of a split keeps the old code, and the order in which the others take new codes: the
 * largest part keeps it (ties go to the first in reading order); the rest follow west->east,
 * north->south. Returns part indexes: [keeper, ...others in reading order].
 */
export function splitCodeOrder(parts: readonly SplitPart[], rowHeight: number): number[] {
  if (parts.length === 0) return [];
  const order = readingOrder(parts, rowHeight);
  let keeper = order[0]!;
  for (const i of order) if (parts[i]!.areaM2 > parts[keeper]!.areaM2) keeper = i;
  return [keeper, ...order.filter((i) => i !== keeper)];
}

export interface MergeCandidate {
  key: string;
  code: string | null;
  areaM2: number;
}

/** Areas closer than this fraction are equal: float noise must not decide which code survives. */
const SAME_SIZE = 1e-9;

/**
 * The grid whose key and code survive a merge: the largest with a code (areas equal within SAME_SIZE
 * count as a tie, won by the lowest code), else the largest uncoded one.
 */
export function mergeSurvivor(grids: readonly MergeCandidate[]): string {
  if (grids.length === 0) throw new RangeError('nothing to merge');
  const coded = grids.filter((g) => g.code != null);
  const pool = coded.length ? coded : [...grids];
  const top = Math.max(...pool.map((g) => g.areaM2));
  const ties = pool.filter((g) => g.areaM2 >= top * (1 - SAME_SIZE));
  ties.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || b.areaM2 - a.areaM2 || a.key.localeCompare(b.key));
  return ties[0]!.key;
}
