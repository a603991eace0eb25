/**
 * Stage changes (录用、培训、上岗、退出) and periodic assessments (考核) of a worker: each one row of the
 * append-only worker_stage_event, with who and when. The moves allowed are geo/staffing/worker-stages.ts;
 * going on duty also needs the academy's required courses passed (server/academy/training-rule.ts); a
 * move that takes a worker out of duty ends their grid assignments at the same moment, in the same
 * transaction, so the figures never count a grid as held by someone not on duty.
 */
import {
  assessmentPeriodStart,
  checkStageMove,
  endsAssignments,
  IN_POST_STAGES,
  type AssessmentResult,
  type LeavingReason,
  type WorkerStage,
} from '@/geo/staffing/worker-stages';
import { unmetTrainingRequirements } from '../academy/training-rule';
import type { Db, Executor } from '../db';
import { workerStagesAt } from '../data/staffing';
import { StaffingError } from './errors';
import { codeInScope } from '../auth/policy';
import { denied } from '../auth/authorize';
import { manageableWorker, scopeFor, type Who } from './scope';

/** The worker's stage at `at`, with their row locked so that two changes of one worker run one after the other. */
export async function lockedStage(tx: Executor, workerId: number, at: Date): Promise<WorkerStage | null> {
  await tx.query('SELECT id FROM grid_worker WHERE id = $1::int FOR UPDATE', [workerId]);
  const [s] = await tx.query<{ stage: WorkerStage | null }>(`SELECT stage FROM ${workerStagesAt('$1')} WHERE worker_id = $2::int`, [at, workerId]);
  return s?.stage ?? null;
}

export interface StageChange {
  workerId: number;
  /** The stage the caller saw (null: none yet): a change made meanwhile by someone else is refused. */
  fromStage: WorkerStage | null;
  toStage: WorkerStage;
  leavingReason?: LeavingReason | null;
  note?: string;
}

export interface StageChangeResult {
  eventId: number;
  stage: WorkerStage;
  /** Grid codes whose assignment the move ended. */
  endedGrids: string[];
}

export async function changeStage(db: Db | Executor, who: Who, input: StageChange, at: Date): Promise<StageChangeResult> {
  await manageableWorker(db, who, input.workerId, 'staffing.changeStage');
  const note = (input.note ?? '').trim();
  return db.transaction(async (tx) => {
    const current = await lockedStage(tx, input.workerId, at);
    if (current !== input.fromStage) throw new StaffingError('STAGE_CHANGED', `${current ?? '—'}`);
    const check = checkStageMove(current, input.toStage, { leavingReason: input.leavingReason ?? null, note });
    if (!check.valid) throw new StaffingError(check.reason, `${current ?? '—'} → ${input.toStage}`);
    if (input.toStage === 'on_duty' && current === 'in_training') {
      const unmet = await unmetTrainingRequirements(tx, input.workerId, at);
      if (unmet.length > 0) {
        throw new StaffingError('TRAINING_INCOMPLETE', {
          'zh-CN': unmet.map((c) => c.name['zh-CN']).join('、'),
          en: unmet.map((c) => c.name.en).join(', '),
        });
      }
    }
    const [event] = await tx.query<{ id: number }>(
      `INSERT INTO worker_stage_event (worker_id, kind, from_stage, to_stage, leaving_reason, at, by_user, note)
       VALUES ($1, 'stage', $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.workerId, current, input.toStage, input.leavingReason ?? null, at, who.actor.userId, note],
    );
    const endedGrids = endsAssignments(input.toStage) ? await endAllAssignments(tx, input.workerId, at, who.actor.userId) : [];
    // Out of post, a worker's shift ends too: the command centre no longer counts them available.
    if (!IN_POST_STAGES.includes(input.toStage)) {
      await tx.execute('UPDATE grid_worker SET on_duty = false, on_duty_since = $2 WHERE id = $1 AND on_duty', [input.workerId, at]);
    }
    return { eventId: Number(event!.id), stage: input.toStage, endedGrids };
  });
}

/** Ends every assignment of the worker in force at `at`, recording who ended it; the codes ended. */
export async function endAllAssignments(tx: Executor, workerId: number, at: Date, userId: number): Promise<string[]> {
  const rows = await tx.query<{ grid_code: string }>(
    `UPDATE grid_assignment SET valid_to = $2, ended_by = $3
      WHERE worker_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
      RETURNING grid_code`,
    [workerId, at, userId],
  );
  return rows.map((r) => r.grid_code).sort();
}

export interface AssessmentInput {
  workerId: number;
  period: string;
  result: AssessmentResult;
  note?: string;
}

/** Records a period's assessment of a worker in post; one per worker and period. */
export async function recordAssessment(db: Db | Executor, who: Who, input: AssessmentInput, at: Date): Promise<{ eventId: number }> {
  await manageableWorker(db, who, input.workerId, 'staffing.recordAssessment');
  if (assessmentPeriodStart(input.period) > at) throw new StaffingError('ASSESSMENT_PERIOD_NOT_BEGUN', input.period);
  return db.transaction(async (tx) => {
    const stage = await lockedStage(tx, input.workerId, at);
    if (!stage || !IN_POST_STAGES.includes(stage)) throw new StaffingError('ASSESSMENT_NOT_ON_DUTY', stage ?? '—');
    const [dup] = await tx.query(`SELECT 1 FROM worker_stage_event WHERE worker_id = $1 AND kind = 'assessment' AND period = $2`, [input.workerId, input.period]);
    if (dup) throw new StaffingError('ASSESSMENT_ALREADY_RECORDED', input.period);
    const [event] = await tx.query<{ id: number }>(
      `INSERT INTO worker_stage_event (worker_id, kind, period, result, at, by_user, note) VALUES ($1, 'assessment', $2, $3, $4, $5, $6) RETURNING id`,
      [input.workerId, input.period, input.result, at, who.actor.userId, (input.note ?? '').trim()],
    );
    return { eventId: Number(event!.id) };
  });
}

export interface RecruitInput {
  /** The community's 12-digit code. */
  communityCode: string;
  name: string;
  employment: 'full_time' | 'part_time';
  recruitmentSource: 'community_cadre' | 'social_worker_transfer' | 'open_recruitment';
  phone?: string;
  note?: string;
}

/**
 * Records a new worker (录用): their record and its first stage event (recruited), in one transaction.
 * Security: the community must lie in the actor's managing scope.
 */
export async function recruitWorker(db: Db | Executor, who: Who, input: RecruitInput, at: Date): Promise<{ workerId: number }> {
  const target = 'staffing.recruit';
  const scope = await scopeFor(db, who, 'staffing_manage', target);
  const [community] = await db.query<{ id: number; code: string }>('SELECT id, code FROM community WHERE code = $1', [input.communityCode]);
  if (!community) throw new StaffingError('COMMUNITY_NOT_FOUND', input.communityCode);
  if (!codeInScope(scope, community.code)) {
    throw await denied(db, who.actor, target, new StaffingError('STAFFING_OUT_OF_JURISDICTION', community.code), who.address);
  }
  return db.transaction(async (tx) => {
    // The same person twice in one community's register (same name and phone) is a double entry, not a
    // second worker; a namesake with another phone (or none recorded) is allowed.
    const phone = input.phone ?? '';
    if (phone) {
      const [dup] = await tx.query('SELECT 1 FROM grid_worker WHERE community_id = $1::int AND name = $2 AND phone = $3', [community.id, input.name.trim(), phone]);
      if (dup) throw new StaffingError('WORKER_ALREADY_RECORDED', input.name.trim());
    }
    // Not on patrol until they go on duty: the field's on_duty flag (the shift) starts off.
    const [w] = await tx.query<{ id: number }>(
      `INSERT INTO grid_worker (name, employment, recruitment_source, phone, community_id, on_duty) VALUES ($1, $2, $3, $4, $5, false) RETURNING id`,
      [input.name.trim(), input.employment, input.recruitmentSource, phone, community.id],
    );
    await tx.execute(
      `INSERT INTO worker_stage_event (worker_id, kind, from_stage, to_stage, at, by_user, note) VALUES ($1, 'stage', NULL, 'recruited', $2, $3, $4)`,
      [w!.id, at, who.actor.userId, (input.note ?? '').trim()],
    );
    return { workerId: w!.id };
  });
}
