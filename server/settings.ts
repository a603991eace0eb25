/**
 * The city's settings, read in one place. They live in app_setting (key -> jsonb) so that a city sets
 * its own norm and tolerances; every field falls back to its default here when the row or the field is
 * missing or not a non-negative number. Whoever changes a setting bumps the 'settings' data version
 * (the grid tiles carry the load colours).
 */
import type { Executor } from './db';

/** The households-per-grid norm (urban comprehensive grids: 300-500 households, at most ~2,500 residents). */
export interface GridNorm {
  householdsMin: number;
  householdsMax: number;
  residentsMax: number;
}

/** What the topology engine ignores or flags, in m² (geodesic) and 4πA/P². */
export interface TopologyTolerances {
  /** Gaps and stray parts smaller than this are ignored; a draft grid may spill out of its street by at most this. */
  gapAreaM2: number;
  /** Overlaps smaller than this are warnings (snap), larger ones blocking. */
  overlapAreaM2: number;
  /** A grid or part smaller than this is a sliver. */
  sliverAreaM2: number;
  /** A part with 4πA/P² below this (1 = circle, 0.785 = square) is a sliver. */
  sliverThinness: number;
}

/** How smart dispatch (智能派单) judges a worker available. */
export interface DispatchSettings {
  /** A worker with this many cases in hand (dispatched, being handled) is overloaded. */
  maxOpenCases: number;
  /** How far the nearest available worker may be, in metres. */
  nearestRadiusM: number;
  /** A position older than this is not live, in minutes. */
  positionFreshMinutes: number;
}

/** Field work: how long positions are kept, and how near a track must pass an address to cover it. */
export interface FieldWorkSettings {
  positionRetentionDays: number;
  coverageDistanceM: number;
}

/**
 * How the planner prices a division: the staffing rule (workers per comprehensive grid; part-time workers
 * come from community staff) and the monthly subsidy of each kind of worker, in yuan.
 */
export interface StaffingPricing {
  fullTimePerGrid: number;
  partTimePerGrid: number;
  fullTimeMonthlyYuan: number;
  partTimeMonthlyYuan: number;
}

export interface Settings {
  norm: GridNorm;
  pricing: StaffingPricing;
  tolerances: TopologyTolerances;
  dispatch: DispatchSettings;
  fieldWork: FieldWorkSettings;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  norm: Object.freeze({ householdsMin: 300, householdsMax: 500, residentsMax: 2500 }),
  tolerances: Object.freeze({
    // ~1 m²: well above the centimetre snapping of imported files, well below the smallest real plot.
    gapAreaM2: 1,
    overlapAreaM2: 0.5,
    sliverAreaM2: 50,
    // A 100 m x 2 m strip scores 0.06, a square 0.785, a Voronoi grid cell ~0.6-0.8.
    sliverThinness: 0.05,
  }),
  dispatch: Object.freeze({ maxOpenCases: 8, nearestRadiusM: 3000, positionFreshMinutes: 120 }),
  fieldWork: Object.freeze({ positionRetentionDays: 90, coverageDistanceM: 50 }),
  pricing: Object.freeze({ fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: 4500, partTimeMonthlyYuan: 800 }),
});

/** The app_setting keys and the fields each holds. */
const KEYS = {
  norm: 'grid_norm',
  tolerances: 'topology_tolerance',
  dispatch: 'incident_dispatch',
  fieldWork: 'field_work',
  pricing: 'staffing_pricing',
} as const;

function fields<T extends object>(stored: unknown, defaults: T): T {
  const v = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const out = { ...defaults } as Record<string, number>;
  for (const key of Object.keys(defaults)) {
    const x = v[key];
    if (typeof x === 'number' && Number.isFinite(x) && x >= 0) out[key] = x;
  }
  return out as T;
}

export async function readSettings(db: Executor): Promise<Settings> {
  const rows = await db.query<{ key: string; value: unknown }>(`SELECT key, value FROM app_setting WHERE key = ANY ($1::text[])`, [
    Object.values(KEYS),
  ]);
  const stored = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    norm: fields(stored(KEYS.norm), DEFAULT_SETTINGS.norm),
    tolerances: fields(stored(KEYS.tolerances), DEFAULT_SETTINGS.tolerances),
    dispatch: fields(stored(KEYS.dispatch), DEFAULT_SETTINGS.dispatch),
    fieldWork: fields(stored(KEYS.fieldWork), DEFAULT_SETTINGS.fieldWork),
    pricing: fields(stored(KEYS.pricing), DEFAULT_SETTINGS.pricing),
  };
}

/** The norm's figures as the bound arguments of the SQL function grid_load_status (migration 0010). */
export const normArguments = (norm: GridNorm): [number, number, number] => [norm.householdsMin, norm.householdsMax, norm.residentsMax];

/** Stores the planner's pricing (an administrator of the city sets it); the next scenario prices with it. */
export async function writePricing(db: Executor, pricing: StaffingPricing): Promise<void> {
  await db.execute(
    `INSERT INTO app_setting (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [KEYS.pricing, JSON.stringify(fields(pricing, DEFAULT_SETTINGS.pricing))],
  );
}
