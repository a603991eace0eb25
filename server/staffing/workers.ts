/**
 * The staffing register's reads: a street's workers with their stage, employment, source and grids at a
 * moment, and one worker's whole history (stage events, assessments, assignments, with who and when).
 * Names only, never phones: the register is for managing posts, the personal-data scope keeps the rest.
 */
import type { Executor } from '../db';
import { staffingWorkerById, workersOfStreetAt, type StaffingWorker } from '../data/staffing';
import { readableWorker, type Who } from './scope';

/** The street's workers (the policy checks the street against the 'staffing' scope). */
export async function streetWorkers(db: Executor, streetId: number, at: Date): Promise<StaffingWorker[]> {
  return workersOfStreetAt(db, streetId, at);
}

export interface WorkerHistoryEntry {
  id: number;
  kind: 'stage' | 'assessment';
  fromStage: string | null;
  toStage: string | null;
  leavingReason: string | null;
  period: string | null;
  result: string | null;
  at: Date;
  by: string | null;
  note: string;
}

export interface WorkerAssignmentEntry {
  gridCode: string;
  gridName: string;
  validFrom: Date;
  validTo: Date | null;
  assignedBy: string | null;
  endedBy: string | null;
}

export interface WorkerRecord {
  worker: StaffingWorker;
  events: WorkerHistoryEntry[];
  assignments: WorkerAssignmentEntry[];
}

export async function workerRecord(db: Executor, who: Who, workerId: number, at: Date): Promise<WorkerRecord> {
  await readableWorker(db, who, workerId, 'staffing.worker');
  const worker = (await staffingWorkerById(db, workerId, at))!;
  const events = await db.query<WorkerHistoryEntry>(
    `SELECT e.id::int AS id, e.kind, e.from_stage AS "fromStage", e.to_stage AS "toStage", e.leaving_reason AS "leavingReason",
            e.period, e.result, e.at, u.display_name AS by, e.note
       FROM worker_stage_event e LEFT JOIN app_user u ON u.id = e.by_user
      WHERE e.worker_id = $1 ORDER BY e.at, e.id`,
    [workerId],
  );
  const assignments = await db.query<WorkerAssignmentEntry>(
    `SELECT a.grid_code AS "gridCode",
            coalesce((SELECT g.name FROM grid g WHERE g.code = a.grid_code ORDER BY g.valid_from DESC LIMIT 1), a.grid_code) AS "gridName",
            a.valid_from AS "validFrom", a.valid_to AS "validTo", ua.display_name AS "assignedBy", ue.display_name AS "endedBy"
       FROM grid_assignment a LEFT JOIN app_user ua ON ua.id = a.assigned_by LEFT JOIN app_user ue ON ue.id = a.ended_by
      WHERE a.worker_id = $1 ORDER BY a.valid_from, a.id`,
    [workerId],
  );
  return { worker, events, assignments };
}
