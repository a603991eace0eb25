/**
 * What the plan page reads: the plan with its state (and whether it is in force yet), the moves this
 * viewer may make, the plan log, the editor's warning reasons and the arrangements; and each grid's
 * timeline of versions, with the plans that created and retired them (lineage both ways).
 */
import type { Geometry } from 'geojson';
import { effectiveState, type PlanAction, type PlanState } from '@/geo/plans/plan-states';
import type { Actor } from '../auth/actor';
import type { Executor } from '../db';
import { planArrangements, type PlanArrangementView } from './arrangements';
import { PlanError } from './errors';
import { movesOffered } from './moves';
import { warningReasons, type WarningReason } from './plan-topology';
import { isPlanAuthor, planById, type PlanIdentity } from './store';

export interface PlanLogEntry {
  id: number;
  at: string;
  action: PlanAction;
  from: PlanState;
  to: PlanState;
  actorName: string;
  comment: string;
  topologyDigest: string;
  blocking: number;
  warnings: number;
}

export interface PlanView extends PlanIdentity {
  basedOn: string | null;
  filingNumber: string | null;
  filedAt: string | null;
  effectiveFrom: string | null;
  /** The moves the viewer may make now (the server re-checks each). */
  moves: PlanAction[];
  isAuthor: boolean;
  log: PlanLogEntry[];
  warningReasons: WarningReason[];
  arrangements: PlanArrangementView[];
}

export async function planLog(db: Executor, draftId: number): Promise<PlanLogEntry[]> {
  const rows = await db.query<{
    id: number; at: Date; action: PlanAction; from_state: PlanState; to_state: PlanState; actor_name: string; comment: string;
    topology_digest: string; blocking: number; warnings: number;
  }>(
    `SELECT id, at, action, from_state, to_state, actor_name, comment, topology_digest, blocking, warnings
       FROM plan_log WHERE draft_id = $1 ORDER BY id`,
    [draftId],
  );
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), action: r.action, from: r.from_state, to: r.to_state, actorName: r.actor_name, comment: r.comment,
    topologyDigest: r.topology_digest, blocking: r.blocking, warnings: r.warnings,
  }));
}

export async function getPlan(db: Executor, actor: Actor, draftId: number, at: Date): Promise<PlanView> {
  const plan = await planById(db, draftId);
  if (!plan) throw new PlanError('PLAN_NOT_FOUND', String(draftId));
  const isAuthor = await isPlanAuthor(db, plan.id, actor.userId);
  return {
    draftId: plan.id, streetId: plan.streetId, streetCode: plan.streetCode, streetName: plan.streetName, districtName: plan.districtName,
    state: plan.status, effectiveState: effectiveState(plan.status, plan.effectiveFrom, at), version: plan.version, authorName: plan.authorName,
    basedOn: plan.basedOn?.toISOString() ?? null, submittedAt: plan.submittedAt?.toISOString() ?? null, filingNumber: plan.filingNumber,
    filedAt: plan.filedAt?.toISOString() ?? null, effectiveFrom: plan.effectiveFrom?.toISOString() ?? null,
    moves: movesOffered(actor, plan, isAuthor), isAuthor,
    log: await planLog(db, plan.id),
    warningReasons: await warningReasons(db, plan.id),
    arrangements: await planArrangements(db, plan.id),
  };
}

export interface GridVersion {
  gridId: number;
  code: string;
  name: string;
  kind: string;
  validFrom: string;
  validTo: string | null;
  areaM2: number;
  households: number;
  createdBy: { draftId: number; filingNumber: string | null } | null;
  retiredBy: { draftId: number; filingNumber: string | null } | null;
  geometry: Geometry;
}

/** Every version of a grid code, oldest first, with the filings that created and retired each. */
export async function gridTimeline(db: Executor, code: string): Promise<GridVersion[]> {
  const rows = await db.query<{
    id: number; code: string; name: string; kind: string; valid_from: Date; valid_to: Date | null; area: number; households: number | null;
    created_by_plan: number | null; created_number: string | null; retired_by_plan: number | null; retired_number: string | null; geometry: Geometry;
  }>(
    `SELECT g.id, g.code::text AS code, g.name, g.kind, g.valid_from, g.valid_to, ST_Area(g.geom::geography) AS area, l.households,
            g.created_by_plan, cp.filing_number AS created_number, g.retired_by_plan, rp.filing_number AS retired_number,
            ST_AsGeoJSON(g.geom, 7)::json AS geometry
       FROM grid g
       LEFT JOIN grid_load l ON l.grid_id = g.id
       LEFT JOIN grid_draft cp ON cp.id = g.created_by_plan
       LEFT JOIN grid_draft rp ON rp.id = g.retired_by_plan
      WHERE g.code = $1 ORDER BY g.valid_from`,
    [code],
  );
  return rows.map((r) => ({
    gridId: r.id, code: r.code, name: r.name, kind: r.kind, validFrom: r.valid_from.toISOString(), validTo: r.valid_to?.toISOString() ?? null,
    areaM2: r.area, households: r.households ?? 0,
    createdBy: r.created_by_plan ? { draftId: r.created_by_plan, filingNumber: r.created_number } : null,
    retiredBy: r.retired_by_plan ? { draftId: r.retired_by_plan, filingNumber: r.retired_number } : null,
    geometry: r.geometry,
  }));
}
