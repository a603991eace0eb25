/**
 * Filing (市级备案): one transaction that puts an approved plan's grids in force from its effective day.
 *
 *   1. the street's grid versions in force at the effective moment are closed there (retired_by_plan);
 *   2. the plan's grids are inserted from it (created_by_plan); a grid keeps its code when reshaped;
 *   3. workers' assignments follow their grid by code: a reshaped grid keeps its worker, a removed grid's
 *      assignment ends at the effective moment (the impact table shows the worker as unassigned);
 *   4. the plan's arrangements become recorded (or resolved); earlier filings of the street are superseded;
 *   5. grid_load gets the new versions' figures and the grids' tile data version is bumped;
 *   6. the filing is a change for the partners' change feed (server/webhooks), in the same transaction.
 *
 * A plan filed for a later day changes nothing in force until then: the rows carry the day, every query
 * asks for the grids in force at its own moment, and the tiles' version includes the last validity
 * boundary before the moment asked (server/tiles/tile-service.ts), so the day's first tile is new.
 */
import { chinaDayOf, effectiveMoment, isChinaDay } from '@/geo/time/china-day';
import type { Actor } from '../auth/actor';
import type { Db, Executor } from '../db';
import { bumpDataVersion } from '../tiles/tile-service';
import { recordGridsFiled } from '../webhooks/events';
import { announceChanges } from '../webhooks/outbox';
import { fileArrangements } from './arrangements';
import { PlanError } from './errors';
import { applyMove, type MoveResult } from './moves';
import { announceNotifications } from './notifications';
import { lockPlan, type PlanRow } from './store';

export interface FileInput {
  draftId: number;
  expectedVersion: number;
  filingNumber: string;
  /** YYYY-MM-DD in China: today or later. */
  effectiveDate: string;
}

export interface FileResult extends MoveResult {
  effectiveFrom: string;
  gridsClosed: number;
  gridsInserted: number;
  assignmentsEnded: number;
  superseded: number[];
}

async function putGridsInForce(tx: Executor, plan: PlanRow, effective: Date) {
  // Rows of the street that start at or after the moment would be left with an empty or inverted period.
  const [later] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM grid g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 AND g.valid_from >= $2`,
    [plan.streetId, effective],
  );
  if (later!.n > 0) throw new PlanError('EFFECTIVE_DATE_BEFORE_PENDING');
  const closed = await tx.query<{ code: string }>(
    `UPDATE grid g SET valid_to = $2, retired_by_plan = $3
       FROM community c
      WHERE c.id = g.community_id AND c.street_id = $1 AND g.valid_from < $2 AND (g.valid_to IS NULL OR g.valid_to > $2)
     RETURNING g.code::text AS code`,
    [plan.streetId, effective, plan.id],
  );
  // A grid started from one in force keeps that one's arrangement; a new grid inside an arrangement the
  // plan recorded takes that one.
  const inserted = await tx.query<{ id: number; code: string }>(
    `INSERT INTO grid (code, name, kind, dedicated_type, community_id, responsible_unit, notes, geom, valid_from, created_by_plan, arrangement_id)
     SELECT dg.code, dg.name, dg.kind, dg.dedicated_type, dg.community_id, dg.responsible_unit, dg.notes, dg.geom, $2, $1,
            coalesce(src.arrangement_id, (
              SELECT pa.arrangement_id FROM plan_arrangement pa JOIN jurisdiction_arrangement a ON a.id = pa.arrangement_id
               WHERE pa.draft_id = $1 AND a.geom && dg.geom AND ST_Relate(dg.geom, a.geom, '2********') ORDER BY pa.arrangement_id LIMIT 1))
       FROM grid_draft_grid dg LEFT JOIN grid src ON src.id = dg.source_grid_id
      WHERE dg.draft_id = $1
     RETURNING id, code::text AS code`,
    [plan.id, effective],
  );
  const kept = inserted.map((r) => r.code);
  const removed = [...new Set(closed.map((r) => r.code))].filter((c) => !kept.includes(c));
  const ended = await tx.query<{ id: number }>(
    `UPDATE grid_assignment SET valid_to = $2
      WHERE grid_code = ANY ($1::text[]) AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $2)
     RETURNING id`,
    [removed, effective],
  );
  await tx.execute('SELECT refresh_grid_load($1::bigint[])', [inserted.map((r) => r.id)]);
  return { closed: closed.length, inserted: inserted.length, assignmentsEnded: ended.length, codes: kept, removedCodes: removed };
}

/** The street's earlier filings are superseded by this one: a move of the system, logged on each. */
async function supersedeEarlierFilings(tx: Executor, planId: number, streetId: number, filingNumber: string, actor: Actor): Promise<number[]> {
  const earlier = await tx.query<{ id: number; status: string }>(
    `SELECT id, status FROM grid_draft WHERE street_id = $1 AND status = 'filed' AND id <> $2 ORDER BY id FOR UPDATE`,
    [streetId, planId],
  );
  for (const e of earlier) {
    await tx.execute(`UPDATE grid_draft SET status = 'superseded', version = version + 1, updated_at = now() WHERE id = $1`, [e.id]);
    await tx.execute(
      `INSERT INTO plan_log (draft_id, action, from_state, to_state, actor_id, actor_name, comment, topology_digest, detail)
       VALUES ($1, 'supersede', 'filed', 'superseded', NULL, 'system', $2, repeat('0', 64), $3::jsonb)`,
      [e.id, `由备案 ${filingNumber} 取代`, JSON.stringify({ supersededBy: planId, filedBy: actor.username })],
    );
  }
  return earlier.map((e) => e.id);
}

export async function filePlan(db: Db, actor: Actor, input: FileInput, at: Date): Promise<FileResult> {
  const number = input.filingNumber.trim();
  if (!isChinaDay(input.effectiveDate)) throw new PlanError('EFFECTIVE_DATE_PAST', input.effectiveDate);
  if (input.effectiveDate < chinaDayOf(at)) throw new PlanError('EFFECTIVE_DATE_PAST', input.effectiveDate);
  const effective = effectiveMoment(input.effectiveDate, at);
  const result = await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.draftId, input.expectedVersion);
    const [taken] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM grid_draft WHERE filing_number = $1', [number]);
    if (taken!.n > 0) throw new PlanError('FILING_NUMBER_TAKEN', number);
    const move = await applyMove(tx, actor, plan, 'file', {
      at,
      set: { filing_number: number, filed_at: at, filed_by_id: actor.userId, effective_from: effective },
      detail: { filingNumber: number, effectiveDate: input.effectiveDate, effectiveFrom: effective.toISOString() },
    });
    const grids = await putGridsInForce(tx, plan, effective);
    await fileArrangements(tx, plan.id);
    const superseded = await supersedeEarlierFilings(tx, plan.id, plan.streetId, number, actor);
    await bumpDataVersion(tx, 'grids');
    await recordGridsFiled(tx, {
      planId: plan.id, filingNumber: number, streetCode: plan.streetCode, streetName: plan.streetName, districtCode: plan.districtCode,
      gridCodes: grids.codes, retiredGridCodes: grids.removedCodes, validFrom: effective, at,
    });
    return {
      ...move, effectiveFrom: effective.toISOString(), gridsClosed: grids.closed, gridsInserted: grids.inserted,
      assignmentsEnded: grids.assignmentsEnded, superseded,
    };
  });
  announceNotifications();
  announceChanges();
  return result;
}
