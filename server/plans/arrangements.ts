/**
 * The seed's hard cases in a plan: an enclave (飞地) or a pending land transfer that the plan's grids reach
 * into. The editor records how the plan handles it (which side handles which duties; or that the transfer
 * is complete); every district concerned approves it (the enclave's home and host districts, the two sides
 * of the transfer); filing turns the arrangement from flagged into recorded (or resolved).
 */
import type { Geometry } from 'geojson';
import { isEditable } from '@/geo/plans/plan-states';
import type { Actor } from '../auth/actor';
import { codeInScope, scopeOf } from '../auth/policy';
import type { Db, Executor } from '../db';
import { PlanError } from './errors';
import { bumpPlan, lockPlan, type PlanRow } from './store';

/** The districts an arrangement concerns, by id, code and name. */
const CONCERNED = `
  SELECT a.id AS arrangement_id, di.id AS district_id, di.code::text AS district_code, di.name AS district_name
    FROM jurisdiction_arrangement a
    JOIN district di ON di.id IN (
      (SELECT district_id FROM street WHERE id = a.home_street_id), a.host_district_id,
      (SELECT district_id FROM street WHERE id = a.from_street_id), (SELECT district_id FROM street WHERE id = a.to_street_id))`;

export interface ArrangementStanding {
  /** Arrangements the plan touches and has recorded. */
  recorded: number[];
  /** Names of those it touches but has not recorded. */
  unrecorded: string[];
  districtIds: number[];
  /** Names of concerned districts that have not approved yet. */
  awaitingDistricts: string[];
}

export async function arrangementStanding(tx: Executor, plan: PlanRow, touched: number[]): Promise<ArrangementStanding> {
  if (touched.length === 0) return { recorded: [], unrecorded: [], districtIds: [], awaitingDistricts: [] };
  const rows = await tx.query<{ id: number; name: string; recorded: boolean }>(
    `SELECT a.id, a.name, EXISTS (SELECT 1 FROM plan_arrangement p WHERE p.draft_id = $1 AND p.arrangement_id = a.id) AS recorded
       FROM jurisdiction_arrangement a WHERE a.id = ANY ($2::int[]) ORDER BY a.id`,
    [plan.id, touched],
  );
  const recorded = rows.filter((r) => r.recorded).map((r) => r.id);
  const districts = await tx.query<{ district_id: number; district_name: string; approved: boolean }>(
    `SELECT c.district_id, c.district_name, bool_and(EXISTS (
              SELECT 1 FROM plan_arrangement_approval ap
               WHERE ap.draft_id = $1 AND ap.arrangement_id = c.arrangement_id AND ap.district_id = c.district_id)) AS approved
       FROM (${CONCERNED}) c WHERE c.arrangement_id = ANY ($2::int[])
      GROUP BY c.district_id, c.district_name ORDER BY c.district_id`,
    [plan.id, recorded],
  );
  return {
    recorded,
    unrecorded: rows.filter((r) => !r.recorded).map((r) => r.name),
    districtIds: districts.map((d) => d.district_id),
    awaitingDistricts: districts.filter((d) => !d.approved).map((d) => d.district_name),
  };
}

/** The approving reviewer's own district approves the plan's arrangements with the plan itself. */
export async function recordOwnDistrictApproval(tx: Executor, plan: PlanRow, arrangementIds: number[], actor: Actor): Promise<void> {
  if (arrangementIds.length === 0) return;
  await tx.execute(
    `INSERT INTO plan_arrangement_approval (draft_id, arrangement_id, district_id, approved_by_id, approved_by_name)
     SELECT $1, c.arrangement_id, c.district_id, $4, $5 FROM (${CONCERNED}) c
      WHERE c.arrangement_id = ANY ($2::int[]) AND c.district_id = $3
     ON CONFLICT DO NOTHING`,
    [plan.id, arrangementIds, plan.districtId, actor.userId, actor.username],
  );
}

export interface RecordArrangementInput {
  draftId: number;
  expectedVersion: number;
  arrangementId: number;
  /** Duty → side, e.g. { public_security: 'host', household_registration: 'home' }. */
  responsibilities: Record<string, string>;
  transferCompleted: boolean;
  notes: string;
}

/** The editor records (or changes) how the plan handles an arrangement; a change clears its approvals. */
export async function recordArrangement(db: Db, actor: Actor, input: RecordArrangementInput): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.draftId, input.expectedVersion);
    if (!isEditable(plan.status)) throw new PlanError('PLAN_FROZEN', plan.status);
    const [a] = await tx.query<{ kind: string }>('SELECT kind FROM jurisdiction_arrangement WHERE id = $1', [input.arrangementId]);
    if (!a) throw new PlanError('ARRANGEMENT_NOT_IN_PLAN', String(input.arrangementId));
    await tx.execute('DELETE FROM plan_arrangement WHERE draft_id = $1 AND arrangement_id = $2', [plan.id, input.arrangementId]);
    await tx.execute(
      `INSERT INTO plan_arrangement (draft_id, arrangement_id, responsibilities, transfer_completed, notes, recorded_by_id)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
      [plan.id, input.arrangementId, JSON.stringify(input.responsibilities), a.kind === 'pending_transfer' && input.transferCompleted, input.notes, actor.userId],
    );
    return { version: await bumpPlan(tx, plan.id) };
  });
}

/** A reviewer of a concerned district approves the arrangement of a plan under review (or submitted). */
export async function approveArrangement(
  db: Db,
  actor: Actor,
  input: { draftId: number; expectedVersion: number; arrangementId: number },
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.draftId, input.expectedVersion);
    if (plan.status !== 'submitted' && plan.status !== 'under_review') throw new PlanError('NOT_FROM_THIS_STATE', plan.status);
    const [recorded] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_arrangement WHERE draft_id = $1 AND arrangement_id = $2',
      [plan.id, input.arrangementId],
    );
    if (!recorded!.n) throw new PlanError('ARRANGEMENT_NOT_IN_PLAN', String(input.arrangementId));
    const review = scopeOf(actor, 'plan_review');
    const mine = (await tx.query<{ district_id: number; district_code: string }>(`SELECT * FROM (${CONCERNED}) c WHERE c.arrangement_id = $1`, [input.arrangementId]))
      .filter((d) => codeInScope(review, d.district_code));
    if (mine.length === 0) throw new PlanError('ARRANGEMENT_NOT_YOURS');
    for (const d of mine) {
      await tx.execute(
        `INSERT INTO plan_arrangement_approval (draft_id, arrangement_id, district_id, approved_by_id, approved_by_name)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [plan.id, input.arrangementId, d.district_id, actor.userId, actor.username],
      );
    }
    return { version: await bumpPlan(tx, plan.id) };
  });
}

export interface PlanArrangementView {
  arrangementId: number;
  kind: 'enclave' | 'pending_transfer';
  name: string;
  status: 'flagged' | 'recorded' | 'resolved';
  notes: string;
  /** What the seed (or an earlier filing) says, and what this plan proposes. */
  currentResponsibilities: Record<string, string>;
  proposed: { responsibilities: Record<string, string>; transferCompleted: boolean; notes: string } | null;
  districts: { id: number; name: string; approvedBy: string | null }[];
  geometry: Geometry;
}

/**
 * The arrangements a plan's area reaches into (by geometry), with what the plan proposes and each
 * concerned district's approval.
 */
export async function planArrangements(db: Executor, draftId: number): Promise<PlanArrangementView[]> {
  const rows = await db.query<{
    id: number; kind: PlanArrangementView['kind']; name: string; status: PlanArrangementView['status']; notes: string;
    responsibilities: Record<string, string>; geometry: Geometry;
    p_resp: Record<string, string> | null; p_done: boolean | null; p_notes: string | null;
  }>(
    `SELECT a.id, a.kind, a.name, a.status, a.notes, a.responsibilities, ST_AsGeoJSON(a.geom, 7)::json AS geometry,
            p.responsibilities AS p_resp, p.transfer_completed AS p_done, p.notes AS p_notes
       FROM jurisdiction_arrangement a
       LEFT JOIN plan_arrangement p ON p.draft_id = $1 AND p.arrangement_id = a.id
      WHERE p.draft_id IS NOT NULL OR EXISTS (
              SELECT 1 FROM grid_draft_grid g WHERE g.draft_id = $1 AND g.geom && a.geom AND ST_Relate(g.geom, a.geom, '2********'))
      ORDER BY a.id`,
    [draftId],
  );
  const approvals = await db.query<{ arrangement_id: number; district_id: number; district_name: string; approved_by: string | null }>(
    `SELECT c.arrangement_id, c.district_id, c.district_name, ap.approved_by_name AS approved_by
       FROM (${CONCERNED}) c
       LEFT JOIN plan_arrangement_approval ap ON ap.draft_id = $1 AND ap.arrangement_id = c.arrangement_id AND ap.district_id = c.district_id
      WHERE c.arrangement_id = ANY ($2::int[]) ORDER BY c.district_id`,
    [draftId, rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    arrangementId: r.id, kind: r.kind, name: r.name, status: r.status, notes: r.notes, currentResponsibilities: r.responsibilities,
    proposed: r.p_resp ? { responsibilities: r.p_resp, transferCompleted: !!r.p_done, notes: r.p_notes ?? '' } : null,
    districts: approvals.filter((a) => a.arrangement_id === r.id).map((a) => ({ id: a.district_id, name: a.district_name, approvedBy: a.approved_by })),
    geometry: r.geometry,
  }));
}

/** Filing: each recorded arrangement of the plan becomes recorded (enclave) or resolved (completed transfer). */
export async function fileArrangements(tx: Executor, draftId: number): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `UPDATE jurisdiction_arrangement a
        SET status = CASE WHEN p.transfer_completed THEN 'resolved' ELSE 'recorded' END,
            responsibilities = p.responsibilities, recorded_by_plan = p.draft_id,
            notes = CASE WHEN p.notes <> '' THEN p.notes ELSE a.notes END
       FROM plan_arrangement p WHERE p.draft_id = $1 AND p.arrangement_id = a.id
     RETURNING a.id`,
    [draftId],
  );
  return rows.length;
}

export interface ArrangementAwaiting {
  draftId: number;
  streetName: string;
  arrangementId: number;
  name: string;
  kind: PlanArrangementView['kind'];
  version: number;
  /** What the plan proposes: the reviewer of another district approves this without opening the plan. */
  responsibilities: Record<string, string>;
  transferCompleted: boolean;
  notes: string;
}

/** Plans with an arrangement awaiting the reviewer's districts (including other districts' plans). */
export async function arrangementsAwaiting(db: Executor, actor: Actor): Promise<ArrangementAwaiting[]> {
  const review = scopeOf(actor, 'plan_review');
  if (!review) return [];
  const rows = await db.query<{
    draft_id: number; street_name: string; arrangement_id: number; name: string; kind: ArrangementAwaiting['kind']; version: number; district_code: string;
    approved: boolean; responsibilities: Record<string, string>; transfer_completed: boolean; notes: string;
  }>(
    `SELECT p.draft_id, s.name AS street_name, p.arrangement_id, a.name, a.kind, d.version, c.district_code,
            p.responsibilities, p.transfer_completed, p.notes,
            EXISTS (SELECT 1 FROM plan_arrangement_approval ap WHERE ap.draft_id = p.draft_id AND ap.arrangement_id = p.arrangement_id AND ap.district_id = c.district_id) AS approved
       FROM plan_arrangement p
       JOIN grid_draft d ON d.id = p.draft_id AND d.status IN ('submitted', 'under_review')
       JOIN street s ON s.id = d.street_id
       JOIN jurisdiction_arrangement a ON a.id = p.arrangement_id
       JOIN (${CONCERNED}) c ON c.arrangement_id = p.arrangement_id
      ORDER BY p.draft_id, p.arrangement_id`,
  );
  return rows
    .filter((r) => !r.approved && codeInScope(review, r.district_code))
    .map((r) => ({
      draftId: r.draft_id, streetName: r.street_name, arrangementId: r.arrangement_id, name: r.name, kind: r.kind, version: r.version,
      responsibilities: r.responsibilities, transferCompleted: r.transfer_completed, notes: r.notes,
    }));
}
