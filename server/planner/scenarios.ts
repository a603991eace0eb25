/**
 * Scenarios (测算方案): a planner runs one over a district, a street or communities; it runs in the
 * background in this process (progress in its row, read by polling), and is kept with its parameters,
 * the pricing it used, its figures and its grids. Saved scenarios stay until deleted; an unsaved run is
 * the planner's scratch and gives way to their next one. A scenario is seen by the planners whose
 * planning scope covers all of it (outside it answers as missing), and changed only by its author.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { ScenarioFigures } from '@/geo/rebalance/figures';
import type { Actor } from '../auth/actor';
import { codeInScope, type Scope } from '../auth/policy';
import type { Db, Executor } from '../db';
import { readSettings, type StaffingPricing } from '../settings';
import { computeScenario, type ComputedScenario, type ScenarioParams, type ScenarioRefusal } from './compute';
import { PlannerError } from './errors';
import { loadCommunities } from './load';
import { resolveScope } from './scope';

export interface ScenarioRequest extends Omit<ScenarioParams, 'seed'> {
  scope: string[];
  name: string;
  seed?: number;
}

export type ScenarioStatus = 'running' | 'done' | 'failed';

export interface ScenarioView {
  id: number;
  name: string;
  scopeCodes: string[];
  scopeName: string;
  asOf: Date;
  params: ScenarioParams;
  pricing: StaffingPricing;
  status: ScenarioStatus;
  progress: number;
  figures: ScenarioFigures | null;
  refusals: ScenarioRefusal[];
  /** Why it failed (a run cut short by a restart says so). */
  error: string | null;
  durationMs: number | null;
  saved: boolean;
  mine: boolean;
  createdBy: string;
  createdAt: Date;
  promotedAt: Date | null;
  promotedDrafts: number[];
}

export interface ScenarioGridProperties {
  gridNo: number;
  /** The code of the grid in force it carries on; null for a new grid (its code comes with the draft). */
  code: string | null;
  communityCode: string;
  communityName: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
  residents: number;
  addresses: number;
  inRange: boolean;
  unchanged: boolean;
  kept: boolean;
  polsbyPopper: number;
}

/** Runs at once in this process (each holds a CPU for seconds); a planner has one at a time. */
const MAX_RUNNING = 2;
const running = new Map<number, { userId: number; done: Promise<void> }>();
/** Runs being started (their slot taken at the check, before the row exists): users, by a token of each. */
const starting = new Map<symbol, number>();
/** A row still 'running' that this process does not run was cut short by a restart. */
const INTERRUPTED = 'interrupted';

type Row = {
  id: number; name: string; scope_codes: string[]; as_of: Date; params: ScenarioParams & { scopeName?: string }; pricing: StaffingPricing;
  status: ScenarioStatus; progress: number; figures: ScenarioFigures | null; refusals: ScenarioRefusal[]; error: string | null;
  duration_ms: number | null; saved: boolean; created_by: number; created_by_name: string; created_at: Date; promoted_at: Date | null; promoted_drafts: number[] | null;
};

const SELECT = `SELECT s.id, s.name, s.scope_codes, s.as_of, s.params, s.pricing, s.status, s.progress, s.figures, s.refusals, s.error,
                       s.duration_ms, s.saved, s.created_by, coalesce(u.display_name, u.username, '') AS created_by_name, s.created_at,
                       s.promoted_at, s.promoted_drafts
                  FROM rebalance_scenario s LEFT JOIN app_user u ON u.id = s.created_by`;

function view(r: Row, actor: Actor): ScenarioView {
  const cutShort = r.status === 'running' && !running.has(r.id);
  const { scopeName, ...params } = r.params;
  return {
    id: r.id,
    name: r.name,
    scopeCodes: r.scope_codes,
    scopeName: scopeName ?? r.scope_codes.join(', '),
    asOf: r.as_of,
    params,
    pricing: r.pricing,
    status: cutShort ? 'failed' : r.status,
    progress: r.progress,
    figures: r.figures,
    refusals: r.refusals,
    error: cutShort ? INTERRUPTED : r.error,
    durationMs: r.duration_ms,
    saved: r.saved,
    mine: r.created_by === actor.userId,
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    promotedAt: r.promoted_at,
    promotedDrafts: (r.promoted_drafts ?? []).map(Number),
  };
}

const visible = (scope: Scope, codes: readonly string[]) => codes.every((c) => codeInScope(scope, c));

/** The scenario if the caller may see it; otherwise (or if none) SCENARIO_NOT_FOUND. */
export async function getScenario(db: Executor, actor: Actor, scope: Scope, id: number): Promise<ScenarioView> {
  const [row] = await db.query<Row>(`${SELECT} WHERE s.id = $1`, [id]);
  if (!row || !visible(scope, row.scope_codes)) throw new PlannerError('SCENARIO_NOT_FOUND', String(id));
  return view(row, actor);
}

/** The saved scenarios the caller may see, and the caller's own latest runs, newest first. */
export async function listScenarios(db: Executor, actor: Actor, scope: Scope): Promise<ScenarioView[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE s.saved OR s.created_by = $1 ORDER BY s.created_at DESC, s.id DESC LIMIT 500`, [actor.userId]);
  return rows.filter((r) => visible(scope, r.scope_codes)).slice(0, 200).map((r) => view(r, actor));
}

/**
 * Starts a run: checks the scope and the parameters, stores the scenario as running and computes it in
 * the background. `done` settles when it has finished (tests and the CLI wait on it; the UI polls).
 */
export async function startScenario(db: Db, actor: Actor, scope: Scope, input: ScenarioRequest, at: Date): Promise<{ id: number; done: Promise<void> }> {
  // The scope first: outside it, nothing else about the request is answered.
  const resolved = await resolveScope(db, scope, input.scope);
  if (input.householdsMin < 1 || input.householdsMin > input.householdsMax) throw new PlannerError('RANGE_INVALID');
  if (input.barrierLayerId != null) {
    const [layer] = await db.query(`SELECT 1 FROM barrier_layer WHERE id = $1`, [input.barrierLayerId]);
    if (!layer) throw new PlannerError('BARRIER_LAYER_NOT_FOUND', String(input.barrierLayerId));
  }
  // The slot is taken at once, with no wait between the check and the taking: two requests at once
  // cannot both pass.
  const users = [...[...running.values()].map((r) => r.userId), ...starting.values()];
  if (users.length >= MAX_RUNNING || users.includes(actor.userId)) throw new PlannerError('PLANNER_BUSY');
  const slot = Symbol('scenario');
  starting.set(slot, actor.userId);
  try {
    return await launch(db, actor, input, resolved, at);
  } finally {
    starting.delete(slot);
  }
}

async function launch(db: Db, actor: Actor, input: ScenarioRequest, resolved: Awaited<ReturnType<typeof resolveScope>>, at: Date): Promise<{ id: number; done: Promise<void> }> {
  const { pricing } = await readSettings(db);
  const params: ScenarioParams = {
    householdsMin: input.householdsMin,
    householdsMax: input.householdsMax,
    residentsMax: input.residentsMax,
    keepDedicated: input.keepDedicated,
    barrierLayerId: input.barrierLayerId,
    seed: input.seed ?? 1,
  };
  const id = await db.transaction(async (tx) => {
    // The planner's previous unsaved runs give way to this one.
    await tx.execute(`DELETE FROM rebalance_scenario WHERE created_by = $1 AND NOT saved AND promoted_at IS NULL`, [actor.userId]);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO rebalance_scenario (name, scope_codes, as_of, params, pricing, created_by) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6) RETURNING id`,
      [input.name, resolved.codes, at, JSON.stringify({ ...params, scopeName: resolved.name }), JSON.stringify(pricing), actor.userId],
    );
    return Number(row!.id);
  });
  const done = (async () => {
    try {
      const loaded = await loadCommunities(db, resolved.communities.map((c) => c.id), at, params.barrierLayerId);
      let reported = 0;
      const result = await computeScenario(db, loaded, new Map(resolved.communities.map((c) => [c.id, c])), params, pricing, async (n, total) => {
        // A row update at most every 2% (a district has a few hundred communities).
        if (n / total - reported < 0.02 && n < total) return;
        reported = n / total;
        await db.execute(`UPDATE rebalance_scenario SET progress = $2, updated_at = now() WHERE id = $1`, [id, 0.95 * reported]);
      });
      await storeResult(db, id, result);
    } catch (err) {
      console.error(`scenario ${id} failed`, err);
      await db.execute(`UPDATE rebalance_scenario SET status = 'failed', error = 'failed', updated_at = now() WHERE id = $1`, [id]).catch(() => undefined);
    } finally {
      running.delete(id);
    }
  })();
  running.set(id, { userId: actor.userId, done });
  return { id, done };
}

/** The grids and figures in one transaction: a scenario is done with all its grids or not at all. */
async function storeResult(db: Db, id: number, result: ComputedScenario): Promise<void> {
  await db.transaction(async (tx) => {
    const g = result.grids;
    const CHUNK = 500;
    for (let i = 0; i < g.length; i += CHUNK) {
      const part = g.slice(i, i + CHUNK);
      // Unchanged grids take today's geometry itself (bit for bit); the others their drawn shape.
      await tx.execute(
        `INSERT INTO rebalance_scenario_grid (scenario_id, grid_no, community_id, source_grid_id, unchanged, kept, kind, dedicated_type,
                                              households, residents, addresses, in_range, polsby_popper, geom)
         SELECT $1, t.no, t.community_id, t.source, t.unchanged, t.kept, t.kind, t.dedicated_type, t.households, t.residents, t.addresses,
                t.in_range, t.pp, CASE WHEN t.unchanged THEN (SELECT geom FROM grid WHERE id = t.source) ELSE ST_SetSRID(ST_GeomFromGeoJSON(t.geom), 4326) END
           FROM unnest($2::int[], $3::int[], $4::bigint[], $5::boolean[], $6::boolean[], $7::text[], $8::text[], $9::int[], $10::int[], $11::int[],
                       $12::boolean[], $13::float8[], $14::text[])
                AS t (no, community_id, source, unchanged, kept, kind, dedicated_type, households, residents, addresses, in_range, pp, geom)`,
        [
          id,
          part.map((_, j) => i + j + 1),
          part.map((x) => x.communityId),
          part.map((x) => x.source?.id ?? null),
          part.map((x) => x.unchanged),
          part.map((x) => x.kept),
          part.map((x) => (x.dedicated ? 'dedicated' : 'comprehensive')),
          part.map((x) => (x.dedicated ? (x.source?.dedicatedType ?? null) : null)),
          part.map((x) => x.households),
          part.map((x) => x.residents),
          part.map((x) => x.addressIds.length),
          part.map((x) => x.inRange),
          part.map((x) => x.polsbyPopper),
          part.map((x) => (x.geometry ? JSON.stringify(x.geometry) : null)),
        ],
      );
    }
    await tx.execute(
      `UPDATE rebalance_scenario SET status = 'done', progress = 1, figures = $2::jsonb, refusals = $3::jsonb, duration_ms = $4, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(result.figures), JSON.stringify(result.refusals), result.durationMs],
    );
  });
}

async function ownScenario(db: Executor, actor: Actor, scope: Scope, id: number): Promise<ScenarioView> {
  const s = await getScenario(db, actor, scope, id);
  // Another planner's scenario can be read, not changed: it answers as missing for changes too.
  if (!s.mine) throw new PlannerError('SCENARIO_NOT_FOUND', String(id));
  return s;
}

/** Keeps a scenario (under a new name if given). */
export async function saveScenario(db: Executor, actor: Actor, scope: Scope, id: number, name: string): Promise<ScenarioView> {
  const s = await ownScenario(db, actor, scope, id);
  if (s.status !== 'done') throw new PlannerError('SCENARIO_NOT_DONE');
  await db.execute(`UPDATE rebalance_scenario SET saved = true, name = $2, updated_at = now() WHERE id = $1`, [id, name]);
  return getScenario(db, actor, scope, id);
}

export async function deleteScenario(db: Executor, actor: Actor, scope: Scope, id: number): Promise<void> {
  const s = await ownScenario(db, actor, scope, id);
  if (s.status === 'running') throw new PlannerError('SCENARIO_NOT_DONE');
  // A promoted scenario is the record of where its drafts came from: it stays.
  if (s.promotedAt) throw new PlannerError('SCENARIO_ALREADY_PROMOTED');
  await db.execute(`DELETE FROM rebalance_scenario WHERE id = $1`, [id]);
}

/** The scenario's grids for the map and the files, in grid order. */
export async function scenarioGrids(db: Executor, actor: Actor, scope: Scope, id: number): Promise<FeatureCollection<MultiPolygon, ScenarioGridProperties>> {
  await getScenario(db, actor, scope, id);
  const rows = await db.query<{
    grid_no: number; code: string | null; community_code: string; community_name: string; kind: ScenarioGridProperties['kind']; households: number;
    residents: number; addresses: number; in_range: boolean; unchanged: boolean; kept: boolean; polsby_popper: number; geom: string;
  }>(
    `SELECT sg.grid_no, g.code, c.code AS community_code, c.name AS community_name, sg.kind, sg.households, sg.residents, sg.addresses, sg.in_range,
            sg.unchanged, sg.kept, sg.polsby_popper, ST_AsGeoJSON(sg.geom) AS geom
       FROM rebalance_scenario_grid sg JOIN community c ON c.id = sg.community_id LEFT JOIN grid g ON g.id = sg.source_grid_id
      WHERE sg.scenario_id = $1 ORDER BY sg.grid_no`,
    [id],
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.grid_no,
      geometry: JSON.parse(r.geom) as MultiPolygon,
      properties: {
        gridNo: r.grid_no, code: r.code, communityCode: r.community_code, communityName: r.community_name, kind: r.kind, households: r.households,
        residents: r.residents, addresses: r.addresses, inRange: r.in_range, unchanged: r.unchanged, kept: r.kept, polsbyPopper: r.polsby_popper,
      },
    })),
  };
}

/** Waits for the runs of this process (a clean shutdown, and tests). */
export async function settleScenarioRuns(): Promise<void> {
  await Promise.all([...running.values()].map((r) => r.done));
}
