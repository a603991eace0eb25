/**
 * Assigning a worker to a grid, or moving them from one grid to another (by grid code, as
 * grid_assignment keeps them, so an assignment survives a new version of its grid), and ending one.
 * One transaction each: the old row ends at `at` and the new one starts at `at`, so the map's
 * grid_assignments_in_force(t) sees either the old holder or the new one, never both nor neither.
 * Security: the worker and the grid(s) must both lie in the actor's managing scope.
 */
import { mayTakeGrid } from '@/geo/staffing/worker-stages';
import type { Db, Executor } from '../db';
import { codeInScope, type Scope } from '../auth/policy';
import { denied } from '../auth/authorize';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { StaffingError } from './errors';
import { manageableWorker, type Who } from './scope';
import { lockedStage } from './stages';

export interface AssignInput {
  workerId: number;
  gridCode: string;
  /** Move: the grid the worker leaves for the new one (its assignment ends at the same moment). Omitted: an added grid. */
  fromGridCode?: string | null;
}

async function checkGridsInScope(db: Executor, who: Who, scope: Scope, codes: string[], target: string): Promise<void> {
  for (const code of codes) {
    if (!codeInScope(scope, code)) throw await denied(db, who.actor, target, new StaffingError('STAFFING_OUT_OF_JURISDICTION', code), who.address);
  }
}

async function holds(tx: Executor, workerId: number, gridCode: string, at: Date): Promise<boolean> {
  const [row] = await tx.query(`SELECT 1 FROM ${assignmentsInForce('$3')} a WHERE a.worker_id = $1::int AND a.grid_code = $2`, [workerId, gridCode, at]);
  return !!row;
}

export async function assignWorker(db: Db | Executor, who: Who, input: AssignInput, at: Date): Promise<{ gridCode: string; endedGridCode: string | null }> {
  const target = 'staffing.assign';
  const { scope } = await manageableWorker(db, who, input.workerId, target);
  const from = input.fromGridCode ?? null;
  await checkGridsInScope(db, who, scope, from ? [input.gridCode, from] : [input.gridCode], target);
  return db.transaction(async (tx) => {
    const stage = await lockedStage(tx, input.workerId, at);
    if (!mayTakeGrid(stage)) throw new StaffingError('WORKER_NOT_ON_DUTY', stage ?? '—');
    const [grid] = await tx.query(`SELECT 1 FROM ${gridsInForce('$2')} g WHERE g.code = $1`, [input.gridCode, at]);
    if (!grid) throw new StaffingError('GRID_NOT_IN_FORCE', input.gridCode);
    if (await holds(tx, input.workerId, input.gridCode, at)) throw new StaffingError('ALREADY_ASSIGNED', input.gridCode);
    if (from) await endAssignment(tx, who, input.workerId, from, at);
    await tx.execute('INSERT INTO grid_assignment (worker_id, grid_code, valid_from, assigned_by) VALUES ($1, $2, $3, $4)', [
      input.workerId,
      input.gridCode,
      at,
      who.actor.userId,
    ]);
    return { gridCode: input.gridCode, endedGridCode: from };
  });
}

async function endAssignment(tx: Executor, who: Who, workerId: number, gridCode: string, at: Date): Promise<void> {
  // An assignment that started at this very moment cannot end at it (valid_to > valid_from): there is
  // nothing to end then, the request is a double click.
  const ended = await tx.execute(
    `UPDATE grid_assignment SET valid_to = $3, ended_by = $4
      WHERE worker_id = $1 AND grid_code = $2 AND valid_from < $3 AND (valid_to IS NULL OR valid_to > $3)`,
    [workerId, gridCode, at, who.actor.userId],
  );
  if (ended === 0) throw new StaffingError('ASSIGNMENT_NOT_FOUND', gridCode);
}

/** Ends the worker's assignment to one grid at `at` (the grid is then short of that worker: the figures show it). */
export async function unassignWorker(db: Db | Executor, who: Who, input: { workerId: number; gridCode: string }, at: Date): Promise<{ endedGridCode: string }> {
  const target = 'staffing.unassign';
  const { scope } = await manageableWorker(db, who, input.workerId, target);
  await checkGridsInScope(db, who, scope, [input.gridCode], target);
  return db.transaction(async (tx) => {
    await lockedStage(tx, input.workerId, at);
    await endAssignment(tx, who, input.workerId, input.gridCode, at);
    return { endedGridCode: input.gridCode };
  });
}
