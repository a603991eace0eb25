/**
 * What a plan changes against the grids it would replace: grids added, removed, reshaped (old and new
 * outline) and changed in attributes, matched by code; and the impact table: addresses, households and
 * residents that change grid, and the workers whose grid is removed, reshaped or new.
 *
 * The comparison is with the street's grids in force at `at` for a plan on its way, and with the grids the
 * filing retired for a filed plan (so a filed plan's page keeps showing what it changed).
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';
import type { Executor } from '../db';
import type { PlanRow } from './store';

export type GridChange = 'added' | 'removed' | 'reshaped' | 'attributes' | 'unchanged';

export interface GridDiffProperties {
  change: GridChange;
  /** 'old' = the grid in force, 'new' = the plan's; a reshaped grid has one feature of each. */
  side: 'old' | 'new';
  code: string | null;
  name: string;
  key: string | null;
  /** Attribute names that differ (name, kind, dedicatedType, responsibleUnit, notes). */
  changedAttributes: string[];
  oldName: string | null;
  households: number;
  residents: number;
}

export interface GridDiffEntry {
  code: string | null;
  key: string | null;
  name: string;
  change: Exclude<GridChange, 'unchanged'>;
  changedAttributes: string[];
  areaBeforeM2: number | null;
  areaAfterM2: number | null;
  householdsBefore: number | null;
  householdsAfter: number | null;
  /** [minLon, minLat, maxLon, maxLat] of old ∪ new, to step to it on the map. */
  bbox: [number, number, number, number];
}

export interface WorkerImpact {
  workerId: number;
  /** Only for viewers who may see personal data; else null. */
  name: string | null;
  gridCode: string;
  outcome: 'keeps_grid' | 'keeps_reshaped_grid' | 'unassigned';
}

export interface PlanImpact {
  gridsBefore: number;
  gridsAfter: number;
  added: number;
  removed: number;
  reshaped: number;
  attributesChanged: number;
  addressesMoved: number;
  householdsMoved: number;
  residentsMoved: number;
  /** Addresses that fall in no plan grid (but did fall in one before). */
  addressesLeftOut: number;
  workers: WorkerImpact[];
  /** Grids of the plan with no worker assigned (new codes). */
  gridsWithoutWorker: string[];
}

export interface PlanDiff {
  comparedWith: 'in_force' | 'retired';
  at: string;
  features: FeatureCollection<Geometry, GridDiffProperties>;
  changes: GridDiffEntry[];
  impact: PlanImpact;
}

/** The old side's rows: grids in force for an open plan, the retired versions for a filed one. */
function oldSide(plan: PlanRow, at: Date): { sql: string; params: unknown[]; comparedWith: PlanDiff['comparedWith'] } {
  if (plan.status === 'filed' || plan.status === 'superseded') {
    return { comparedWith: 'retired', sql: `SELECT g.* FROM grid g WHERE g.retired_by_plan = $1`, params: [plan.id] };
  }
  return {
    comparedWith: 'in_force',
    sql: `SELECT g.* FROM grids_in_force($3) g JOIN community c ON c.id = g.community_id WHERE c.street_id = $2`,
    params: [plan.id, plan.streetId, at],
  };
}

export async function planDiff(db: Executor, plan: PlanRow, at: Date, opts: { personalData: boolean }): Promise<PlanDiff> {
  const old = oldSide(plan, at);
  const params = old.params;
  const rows = await db.query<{
    code: string | null; key: string | null; new_name: string | null; old_name: string | null; change: GridChange; changed: string[];
    old_gj: MultiPolygon | null; new_gj: MultiPolygon | null; area_before: number | null; area_after: number | null;
    hh_before: number | null; hh_after: number | null; res_before: number | null; res_after: number | null; bbox: number[];
  }>(
    `WITH o AS (${old.sql}),
          n AS (SELECT * FROM grid_draft_grid WHERE draft_id = $1),
          pairs AS (
            SELECT coalesce(n.code, o.code)::text AS code, n.grid_key AS key, n.name AS new_name, o.name AS old_name, o.geom AS og, n.geom AS ng,
                   array_remove(ARRAY[
                     CASE WHEN o.id IS NOT NULL AND n.grid_key IS NOT NULL AND o.name <> n.name THEN 'name' END,
                     CASE WHEN o.id IS NOT NULL AND n.grid_key IS NOT NULL AND o.kind <> n.kind THEN 'kind' END,
                     CASE WHEN o.id IS NOT NULL AND n.grid_key IS NOT NULL AND o.dedicated_type IS DISTINCT FROM n.dedicated_type THEN 'dedicatedType' END,
                     CASE WHEN o.id IS NOT NULL AND n.grid_key IS NOT NULL AND o.responsible_unit <> n.responsible_unit THEN 'responsibleUnit' END,
                     CASE WHEN o.id IS NOT NULL AND n.grid_key IS NOT NULL AND o.notes <> n.notes THEN 'notes' END,
                     CASE WHEN o.id IS NOT NULL AND n.grid_key IS NOT NULL AND o.community_id <> n.community_id THEN 'community' END
                   ], NULL) AS changed
              FROM o FULL JOIN n ON n.code = o.code
          )
     SELECT p.code, p.key, p.new_name, p.old_name, p.changed,
            CASE WHEN p.og IS NULL THEN 'added'
                 WHEN p.ng IS NULL THEN 'removed'
                 WHEN NOT ST_Equals(p.og, p.ng) THEN 'reshaped'
                 WHEN cardinality(p.changed) > 0 THEN 'attributes'
                 ELSE 'unchanged' END AS change,
            ST_AsGeoJSON(p.og, 7)::json AS old_gj, ST_AsGeoJSON(p.ng, 7)::json AS new_gj,
            ST_Area(p.og::geography) AS area_before, ST_Area(p.ng::geography) AS area_after,
            hb.households AS hh_before, hb.residents AS res_before, ha.households AS hh_after, ha.residents AS res_after,
            ARRAY[ST_XMin(e.box), ST_YMin(e.box), ST_XMax(e.box), ST_YMax(e.box)] AS bbox
       FROM pairs p
       CROSS JOIN LATERAL (SELECT ST_Extent(x) AS box FROM (VALUES (p.og), (p.ng)) v(x)) e
       LEFT JOIN LATERAL (SELECT sum(a.households)::int AS households, sum(a.residents)::int AS residents
                            FROM standard_address a WHERE p.og IS NOT NULL AND a.geom && p.og AND ST_Covers(p.og, a.geom)) hb ON true
       LEFT JOIN LATERAL (SELECT sum(a.households)::int AS households, sum(a.residents)::int AS residents
                            FROM standard_address a WHERE p.ng IS NOT NULL AND a.geom && p.ng AND ST_Covers(p.ng, a.geom)) ha ON true
      ORDER BY p.code NULLS LAST, p.key`,
    params,
  );

  const features: Feature<Geometry, GridDiffProperties>[] = [];
  const changes: GridDiffEntry[] = [];
  for (const r of rows) {
    const common = { change: r.change, code: r.code, key: r.key, changedAttributes: r.changed, oldName: r.old_name };
    if (r.old_gj && r.change !== 'added' && (r.change === 'removed' || r.change === 'reshaped')) {
      features.push({ type: 'Feature', geometry: r.old_gj, properties: { ...common, side: 'old', name: r.old_name ?? '', households: r.hh_before ?? 0, residents: r.res_before ?? 0 } });
    }
    if (r.new_gj) {
      features.push({ type: 'Feature', geometry: r.new_gj, properties: { ...common, side: 'new', name: r.new_name ?? '', households: r.hh_after ?? 0, residents: r.res_after ?? 0 } });
    }
    if (r.change !== 'unchanged') {
      changes.push({
        code: r.code, key: r.key, name: r.new_name ?? r.old_name ?? '', change: r.change, changedAttributes: r.changed,
        areaBeforeM2: r.area_before, areaAfterM2: r.area_after, householdsBefore: r.hh_before ?? (r.old_gj ? 0 : null),
        householdsAfter: r.hh_after ?? (r.new_gj ? 0 : null), bbox: r.bbox as GridDiffEntry['bbox'],
      });
    }
  }

  const [moved] = await db.query<{ addresses: number; households: number; residents: number; left_out: number }>(
    `WITH o AS (${old.sql}),
          n AS (SELECT * FROM grid_draft_grid WHERE draft_id = $1),
          area AS (SELECT ST_Extent(geom) AS box FROM (SELECT geom FROM o UNION ALL SELECT geom FROM n) u),
          addr AS (
            SELECT a.households, a.residents,
                   (SELECT o.code FROM o WHERE o.geom && a.geom AND ST_Covers(o.geom, a.geom) ORDER BY o.code LIMIT 1) AS before,
                   (SELECT n.code FROM n WHERE n.geom && a.geom AND ST_Covers(n.geom, a.geom) ORDER BY n.code LIMIT 1) AS after
              FROM standard_address a, area WHERE a.geom && area.box)
     SELECT count(*) FILTER (WHERE before IS DISTINCT FROM after AND after IS NOT NULL)::int AS addresses,
            coalesce(sum(households) FILTER (WHERE before IS DISTINCT FROM after AND after IS NOT NULL), 0)::int AS households,
            coalesce(sum(residents) FILTER (WHERE before IS DISTINCT FROM after AND after IS NOT NULL), 0)::int AS residents,
            count(*) FILTER (WHERE before IS NOT NULL AND after IS NULL)::int AS left_out
       FROM addr`,
    params,
  );

  const byCode = new Map(rows.map((r) => [r.code, r.change]));
  const assignments = await db.query<{ worker_id: number; name: string; grid_code: string }>(
    `SELECT a.worker_id, w.name, a.grid_code::text AS grid_code
       FROM grid_assignments_in_force($1) a JOIN grid_worker w ON w.id = a.worker_id
      WHERE a.grid_code = ANY ($2::text[]) ORDER BY a.grid_code, a.worker_id`,
    [plan.status === 'filed' || plan.status === 'superseded' ? new Date((plan.effectiveFrom ?? at).getTime() - 1) : at,
      rows.filter((r) => r.change !== 'added').map((r) => r.code)],
  );
  const workers: WorkerImpact[] = assignments.map((a) => {
    const change = byCode.get(a.grid_code);
    return {
      workerId: a.worker_id,
      name: opts.personalData ? a.name : null,
      gridCode: a.grid_code,
      outcome: change === 'removed' ? 'unassigned' : change === 'reshaped' ? 'keeps_reshaped_grid' : 'keeps_grid',
    };
  });
  const staffed = new Set(assignments.map((a) => a.grid_code));
  const count = (c: GridChange) => rows.filter((r) => r.change === c).length;
  return {
    comparedWith: old.comparedWith,
    at: at.toISOString(),
    features: { type: 'FeatureCollection', features },
    changes,
    impact: {
      gridsBefore: rows.filter((r) => r.change !== 'added').length,
      gridsAfter: rows.filter((r) => r.change !== 'removed').length,
      added: count('added'),
      removed: count('removed'),
      reshaped: count('reshaped'),
      attributesChanged: count('attributes'),
      addressesMoved: moved!.addresses,
      householdsMoved: moved!.households,
      residentsMoved: moved!.residents,
      addressesLeftOut: moved!.left_out,
      workers,
      gridsWithoutWorker: rows.filter((r) => r.change === 'added' && r.code && !staffed.has(r.code)).map((r) => r.code!),
    },
  };
}
