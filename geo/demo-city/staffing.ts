/**
 * Who staffs which grid (DOMAIN.md: every comprehensive grid must have one full-time worker). The demo
 * reproduces what supervision finds in practice: about 3% of comprehensive grids without a full-time
 * worker, about 3% covered by a neighbouring grid's worker (who then holds two or more grids), part-time
 * community staff spanning 1-3 grids, and the units' own staff in most dedicated grids.
 */
import type { Rng } from '../random/prng';

export interface StaffPlan {
  employment: 'full_time' | 'part_time';
  /** The grids held, first one = where the worker is usually found. */
  gridKeys: string[];
}

export function staffCommunity(rng: Rng, comprehensive: readonly string[], dedicated: readonly string[]): StaffPlan[] {
  const staffed: string[] = [];
  const covered: string[] = [];
  for (const key of comprehensive) {
    const r = rng.next();
    if (r < 0.03) continue; // vacant: no full-time worker
    if (r < 0.06) covered.push(key);
    else staffed.push(key);
  }
  const fullTime: StaffPlan[] = staffed.map((k) => ({ employment: 'full_time', gridKeys: [k] }));
  // A vacancy with no colleague in the community to cover it stays vacant.
  for (const key of covered) if (fullTime.length > 0) rng.pick(fullTime).gridKeys.push(key);
  const plans = [...fullTime];
  const partTime = Math.max(comprehensive.length > 0 ? 1 : 0, Math.round(comprehensive.length * 0.5));
  for (let k = 0; k < partTime; k++) {
    const start = rng.int(0, comprehensive.length - 1);
    const span = Math.min(comprehensive.length, rng.int(1, 3));
    plans.push({ employment: 'part_time', gridKeys: Array.from({ length: span }, (_, j) => comprehensive[(start + j) % comprehensive.length]!) });
  }
  for (const key of dedicated) if (rng.chance(0.7)) plans.push({ employment: 'part_time', gridKeys: [key] });
  return plans;
}
