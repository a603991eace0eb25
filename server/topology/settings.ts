import type { Executor } from '../db';
import type { TopologySettings } from './finding-codes';

/** Defaults for the tolerances; a city overrides them in app_setting 'topology_tolerance'. */
export const DEFAULT_TOLERANCES = {
  // ~1 m²: well above the centimetre snapping of imported files, well below the smallest real plot.
  gapAreaM2: 1,
  overlapAreaM2: 0.5,
  sliverAreaM2: 50,
  // A 100 m x 2 m strip scores 0.06, a square 0.785, a Voronoi grid cell ~0.6-0.8.
  sliverThinness: 0.05,
} as const;

export const DEFAULT_NORM = { householdsMin: 300, householdsMax: 500, residentsMax: 2500 } as const;

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** Reads the norm ('grid_norm') and the tolerances ('topology_tolerance'), falling back per field. */
export async function readTopologySettings(tx: Executor, override: Partial<TopologySettings> = {}): Promise<TopologySettings> {
  const rows = await tx.query<{ key: string; value: Record<string, unknown> | string }>(
    `SELECT key, value FROM app_setting WHERE key = ANY ($1::text[])`,
    [['grid_norm', 'topology_tolerance']],
  );
  const get = (key: string): Record<string, unknown> => {
    const v = rows.find((r) => r.key === key)?.value;
    return typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v ?? {});
  };
  const norm = get('grid_norm');
  const tol = get('topology_tolerance');
  return {
    norm: {
      householdsMin: num(norm.householdsMin, DEFAULT_NORM.householdsMin),
      householdsMax: num(norm.householdsMax, DEFAULT_NORM.householdsMax),
      residentsMax: num(norm.residentsMax, DEFAULT_NORM.residentsMax),
      ...override.norm,
    },
    gapAreaM2: override.gapAreaM2 ?? num(tol.gapAreaM2, DEFAULT_TOLERANCES.gapAreaM2),
    overlapAreaM2: override.overlapAreaM2 ?? num(tol.overlapAreaM2, DEFAULT_TOLERANCES.overlapAreaM2),
    sliverAreaM2: override.sliverAreaM2 ?? num(tol.sliverAreaM2, DEFAULT_TOLERANCES.sliverAreaM2),
    sliverThinness: override.sliverThinness ?? num(tol.sliverThinness, DEFAULT_TOLERANCES.sliverThinness),
  };
}
