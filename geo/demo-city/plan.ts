/**
 * The demo city's numbers: how many households live where, what buildings they live in, how big
 * grids are meant to be. Figures are rounded from Nanjing's 2020 census (population / ~2.7 persons per
 * household) so that the centre is dense and the outer districts sparse; they are synthetic, not data.
 */
import type { Rng } from '../random/prng';
import type { StreetRole } from './towns';

export interface DistrictProfile {
  code: string;
  name: string;
  /** Households at scale 1. */
  households: number;
  /** Share of a street's communities that are villages (村). */
  villageShare: number;
}

export const CITY = { code: '320100', name: '南京市' } as const;

export const DISTRICTS: readonly DistrictProfile[] = [
  { code: '320102', name: '玄武区', households: 195_000, villageShare: 0 },
  { code: '320104', name: '秦淮区', households: 260_000, villageShare: 0 },
  { code: '320105', name: '建邺区', households: 195_000, villageShare: 0 },
  { code: '320106', name: '鼓楼区', households: 340_000, villageShare: 0 },
  { code: '320111', name: '浦口区', households: 365_000, villageShare: 0.45 },
  { code: '320113', name: '栖霞区', households: 330_000, villageShare: 0.2 },
  { code: '320114', name: '雨花台区', households: 215_000, villageShare: 0.1 },
  { code: '320115', name: '江宁区', households: 580_000, villageShare: 0.45 },
  { code: '320116', name: '六合区', households: 240_000, villageShare: 0.7 },
  { code: '320117', name: '溧水区', households: 145_000, villageShare: 0.7 },
  { code: '320118', name: '高淳区', households: 135_000, villageShare: 0.7 },
];

/** Relative weight of a unit when households are shared out within its district. */
export const ROLE_HOUSEHOLD_WEIGHT: Readonly<Record<StreetRole, number>> = { street: 1, town: 0.8, zone: 0.2, farm: 0.03 };

/** Splits `total` into integers proportional to weights (largest remainder), summing exactly to total. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  if (!(sum > 0)) throw new Error('allocate needs a positive total weight');
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]!++;
  return out;
}

/** Communities per street: 5-15, more where more people live (at scale 1, independent of the scale option). */
export function communityCount(rng: Rng, householdsAtScale1: number, role: StreetRole): number {
  if (role === 'farm') return 5;
  const n = Math.round(householdsAtScale1 / 2600 + rng.float(-1.5, 1.5));
  return Math.max(5, Math.min(15, n));
}

export type BuildingType = 'high_rise' | 'mid_rise' | 'low_rise' | 'villa' | 'rural_house' | 'mixed_use' | 'dormitory';

export interface Building {
  type: BuildingType;
  households: number;
  residents: number;
}

const URBAN_MIX: readonly [BuildingType, number][] = [
  ['high_rise', 0.08],
  ['mid_rise', 0.45],
  ['low_rise', 0.25],
  ['villa', 0.1],
  ['mixed_use', 0.08],
  ['dormitory', 0.04],
];
const VILLAGE_MIX: readonly [BuildingType, number][] = [
  ['rural_house', 0.86],
  ['low_rise', 0.11],
  ['mid_rise', 0.03],
];

/** One building of a realistic size for an urban community or a village. */
export function randomBuilding(rng: Rng, kind: 'community' | 'village'): Building {
  const mix = kind === 'village' ? VILLAGE_MIX : URBAN_MIX;
  const type = mix[rng.weightedIndex(mix.map(([, w]) => w))]![0];
  const households = {
    high_rise: () => rng.int(100, 400),
    mid_rise: () => rng.int(20, 80),
    low_rise: () => rng.int(6, 18),
    villa: () => rng.int(1, 2),
    rural_house: () => rng.int(1, 3),
    mixed_use: () => rng.int(10, 60),
    dormitory: () => rng.int(20, 120),
  }[type]();
  const perHousehold = type === 'dormitory' ? rng.float(3, 6) : kind === 'village' ? rng.float(2.4, 3.3) : rng.float(2.0, 3.0);
  return { type, households, residents: Math.max(1, Math.round(households * perHousehold)) };
}

/**
 * Households a community's grids are drawn for: the 300-500 norm, with the drift real divisions show
 * (a few communities far over the norm, a few under). Villages aim at about 300 households.
 */
export function gridTarget(rng: Rng, kind: 'community' | 'village'): number {
  const r = rng.next();
  if (r < 0.08) return rng.int(650, 1000);
  if (r < 0.13) return rng.int(150, 260);
  return kind === 'village' ? rng.int(260, 380) : rng.int(330, 520);
}
