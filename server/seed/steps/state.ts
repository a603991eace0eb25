/**
 * What the demo-city steps hand to each other: the plans of streets, communities, dedicated grids and
 * addresses (local km, see geo/demo-city/local-metric.ts), the run's context, and the constants more
 * than one step must agree on.
 */
import { CITY, DISTRICTS, type BuildingType } from '@/geo/demo-city/plan';
import type { StreetRole } from '@/geo/demo-city/towns';
import type { PowerSite } from '@/geo/partition/power-cells';
import type { MultiPolygon, Ring, XY } from '@/geo/planar/polygon';
import type { Rng } from '@/geo/random/prng';

/** The history ends here (not at the clock), so the same seed always gives the same incidents. */
export const DEMO_REFERENCE_TIME = new Date('2026-11-01T00:00:00+08:00');

/** Enclave: four factory-residential communities of 雨花台区梅山街道 inside 江宁区 (the report's case). */
export const ENCLAVE = { homeDistrict: '320114', homeStreetName: '梅山街道', hostDistrict: '320115', communities: 4 } as const;
/** Pending transfer: 研创园 assigned to the high-tech zone (B) while its land lies in a neighbouring street (C). */
export const TRANSFER = { district: '320111', toStreetName: '南京浦口高新技术产业开发区' } as const;

/** Metres-scale margins, in km (local metric): far above the 1e-7° (~1 cm) snapping of the coverage. */
export const EDGE_MARGIN = 0.003;
export const BISECTOR_MARGIN = 0.002;

export interface SeedContext {
  scale: number;
  selected: Set<string>;
  progress: (step: string, fraction: number) => void;
  /** Each step forks its own generator by label, so that no step shifts another's draws. */
  root: Rng;
}

export interface StreetPlan {
  code: string;
  name: string;
  role: StreetRole;
  districtCode: string;
  /** Households at scale 1 (fixes how many communities), and at the requested scale. */
  householdsBase: number;
  households: number;
  gridded: boolean;
}

export interface CommunityPlan {
  code: string;
  name: string;
  kind: 'community' | 'village';
  streetCode: string;
  districtCode: string;
  enclave: boolean;
  households: number;
  gridded: boolean;
  region: MultiPolygon;
  /** Comprehensive grid sites (local km), balanced by households. */
  sites: PowerSite[];
  dedicated: DedicatedPlan[];
}

export type DedicatedType = 'school' | 'hospital' | 'park';

export interface DedicatedPlan {
  key: string;
  type: DedicatedType;
  name: string;
  ring: Ring;
  center: XY;
  /** The community the grid belongs to; differs from the land's community for the pending transfer. */
  ownerCommunity: string;
  transfer: boolean;
}

export interface AddressPlan {
  community: string;
  p: XY;
  type: BuildingType;
  households: number;
  residents: number;
  text: string;
  gridKey: string | null;
}

export const comprehensiveKey = (community: string, i: number) => `${community}:c${i}`;

export const districtName = new Map(DISTRICTS.map((d) => [d.code, d.name]));

/** 南京市 + district + street: how addresses and key sites of a community begin. */
export function streetPrefix(c: CommunityPlan, streetByCode: ReadonlyMap<string, StreetPlan>): string {
  return `${CITY.name}${districtName.get(c.districtCode)}${streetByCode.get(c.streetCode)!.name}`;
}
