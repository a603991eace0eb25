/**
 * The stages of a grid worker's service (录用、培训、上岗、考核、退出) and the moves between them: the one
 * home of the rule. The service (server/staffing) adds what needs the database (the academy's training
 * rule, the worker's grids); the page asks the same table which moves to offer. Pure.
 *
 * - recruited 录用 → in_training 培训 → on_duty 上岗 → leaving 退出中 → left 已退出.
 * - Assessment (考核) is recorded each period beside the stage, not as a stage: an assessed worker stays
 *   on duty, and an 'incompetent' result leads to retraining or leaving by an explicit move, not silently.
 * - 'leaving' is the notice period: the worker still holds their grids (someone must patrol them until a
 *   successor takes over); 'left' ends every assignment.
 * - on_duty → in_training: retraining (after a failed assessment, a new syllabus); the grids are handed
 *   back, since only a worker on duty holds grids.
 * - leaving → on_duty: the worker stays after all (the leaving is withdrawn; the history keeps both).
 * - left → recruited: re-hired on the same record, so the history stays one person's.
 */
import { localized, type LocalizedText } from '../text/localized-text';

export const WORKER_STAGES = ['recruited', 'in_training', 'on_duty', 'leaving', 'left'] as const;
export type WorkerStage = (typeof WORKER_STAGES)[number];

export const STAGE_LABELS: Readonly<Record<WorkerStage, LocalizedText>> = {
  recruited: localized('已录用', 'Recruited'),
  in_training: localized('培训中', 'In training'),
  on_duty: localized('在岗', 'On duty'),
  leaving: localized('退出中', 'Leaving'),
  left: localized('已退出', 'Left'),
};

/** The moves allowed from each stage; anything else is refused. A first event (no stage yet) is a recruitment. */
export const STAGE_MOVES: Readonly<Record<WorkerStage, readonly WorkerStage[]>> = {
  recruited: ['in_training', 'left'],
  in_training: ['on_duty', 'left'],
  on_duty: ['in_training', 'leaving', 'left'],
  leaving: ['on_duty', 'left'],
  left: ['recruited'],
};

/** Why a worker leaves (退出原因). 'other' needs a note saying what. */
export const LEAVING_REASONS = ['resigned', 'contract_ended', 'dismissed', 'assessment_failed', 'transferred', 'retired', 'other'] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

export const LEAVING_REASON_LABELS: Readonly<Record<LeavingReason, LocalizedText>> = {
  resigned: localized('本人辞职', 'Resigned'),
  contract_ended: localized('合同期满', 'Contract ended'),
  dismissed: localized('解聘', 'Dismissed'),
  assessment_failed: localized('考核不合格', 'Failed assessment'),
  transferred: localized('调任他职', 'Transferred'),
  retired: localized('退休', 'Retired'),
  other: localized('其他', 'Other'),
};

/** The results of a period's assessment (年度/季度考核), best first. */
export const ASSESSMENT_RESULTS = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

export const ASSESSMENT_RESULT_LABELS: Readonly<Record<AssessmentResult, LocalizedText>> = {
  excellent: localized('优秀', 'Excellent'),
  competent: localized('称职', 'Competent'),
  basically_competent: localized('基本称职', 'Basically competent'),
  incompetent: localized('不称职', 'Incompetent'),
};

/** A period of assessment: a year ('2026'), a half ('2026-H1') or a quarter ('2026-Q3'). */
export const isAssessmentPeriod = (p: string): boolean => /^[0-9]{4}(-(H[12]|Q[1-4]))?$/.test(p);

/**
 * When a period of assessment begins, in China time (UTC+8): 1 January, 1 July for H2, the quarter's
 * first day. A period that has not begun cannot be assessed yet.
 */
export function assessmentPeriodStart(period: string): Date {
  const year = Number(period.slice(0, 4));
  const part = period.slice(5);
  const month = part === 'H2' ? 6 : part.startsWith('Q') ? (Number(part.slice(1)) - 1) * 3 : 0;
  return new Date(Date.UTC(year, month, 1) - 8 * 3_600_000);
}

/** The stages in which a worker is in post: counted by the staffing figures, may hold grids. */
export const IN_POST_STAGES: readonly WorkerStage[] = ['on_duty', 'leaving'];
/** Only a worker on duty may be given a grid (a leaving worker keeps theirs but takes no new one). */
export const mayTakeGrid = (stage: WorkerStage | null): boolean => stage === 'on_duty';
/** Moving to one of these ends the worker's assignments at the moment of the move. */
export const endsAssignments = (to: WorkerStage): boolean => to === 'in_training' || to === 'left' || to === 'recruited';

export const STAGE_MOVE_REFUSALS = {
  STAGE_MOVE_NOT_ALLOWED: localized('不允许这一阶段变更', 'This change of stage is not allowed'),
  STAGE_UNCHANGED: localized('网格员已处于该阶段', 'The worker is already at that stage'),
  LEAVING_REASON_REQUIRED: localized('退出须选择原因', 'Leaving needs a reason'),
  LEAVING_REASON_NOT_EXPECTED: localized('只有退出时才填写退出原因', 'A reason for leaving is given only when leaving'),
  NOTE_REQUIRED: localized('原因为“其他”时须填写说明', 'The reason "other" needs a note'),
} as const satisfies Record<string, LocalizedText>;
export type StageMoveRefusal = keyof typeof STAGE_MOVE_REFUSALS;

export type StageMoveCheck = { valid: true } | { valid: false; reason: StageMoveRefusal };

/**
 * Whether a worker at `from` (null: no stage yet) may move to `to`, with the reason and note given.
 * The training rule (the academy's courses) is the service's to add: it needs the database.
 */
export function checkStageMove(from: WorkerStage | null, to: WorkerStage, opts: { leavingReason?: LeavingReason | null; note?: string } = {}): StageMoveCheck {
  if (from === to) return { valid: false, reason: 'STAGE_UNCHANGED' };
  const allowed = from === null ? to === 'recruited' : STAGE_MOVES[from].includes(to);
  if (!allowed) return { valid: false, reason: 'STAGE_MOVE_NOT_ALLOWED' };
  const leaving = to === 'leaving' || to === 'left';
  if (leaving && !opts.leavingReason) return { valid: false, reason: 'LEAVING_REASON_REQUIRED' };
  if (!leaving && opts.leavingReason) return { valid: false, reason: 'LEAVING_REASON_NOT_EXPECTED' };
  if (opts.leavingReason === 'other' && !(opts.note ?? '').trim()) return { valid: false, reason: 'NOTE_REQUIRED' };
  return { valid: true };
}

/** The moves to offer a worker at `from`. */
export const nextStages = (from: WorkerStage | null): readonly WorkerStage[] => (from === null ? ['recruited'] : STAGE_MOVES[from]);
