/** Expected failures of staffing (队伍管理): stage changes, assignments, assessments. All 4xx. */
import { STAGE_MOVE_REFUSALS, type StageMoveRefusal } from '@/geo/staffing/worker-stages';
import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

/** The stage rule's refusals (geo/staffing/worker-stages.ts) as errors: their text comes from the rule's one home. */
const stageRefusals = Object.fromEntries(
  Object.entries(STAGE_MOVE_REFUSALS).map(([code, text]) => [code, { kind: 'invalid', text }]),
) as Record<StageMoveRefusal, ErrorSpec>;

export const STAFFING_ERRORS = {
  ...stageRefusals,
  // Outside the reading scope a worker answers as missing (as field.track does), so ids reveal nothing.
  WORKER_NOT_FOUND: { kind: 'not_found', text: localized('网格员不存在', 'Grid worker not found') },
  // Inside the reading scope, outside the managing one (a district reviewer, another street's worker or grid).
  STAFFING_OUT_OF_JURISDICTION: { kind: 'forbidden', text: localized('该网格员或网格不在您管理的街道内', 'That worker or grid is outside the streets you manage') },
  COMMUNITY_NOT_FOUND: { kind: 'not_found', text: localized('社区不存在', 'Community not found') },
  WORKER_ALREADY_RECORDED: { kind: 'conflict', text: localized('该社区已登记同名同电话的网格员', 'A worker of that name and phone is already recorded in the community') },
  STAGE_CHANGED: { kind: 'conflict', text: localized('网格员的阶段已被他人更改，请刷新后重试', "The worker's stage changed since you loaded it; reload and try again") },
  TRAINING_INCOMPLETE: {
    kind: 'invalid',
    text: localized('必修课程尚未全部通过，不能上岗', 'The required courses are not all passed: the worker cannot go on duty yet'),
  },
  WORKER_NOT_ON_DUTY: { kind: 'invalid', text: localized('只有在岗网格员可以分配网格', 'Only a worker on duty can be given a grid') },
  GRID_NOT_IN_FORCE: { kind: 'not_found', text: localized('该网格编码当前没有生效的网格', 'No grid with that code is in force') },
  ALREADY_ASSIGNED: { kind: 'conflict', text: localized('该网格员已负责这个网格', 'The worker already holds that grid') },
  ASSIGNMENT_NOT_FOUND: { kind: 'not_found', text: localized('该网格员当前不负责这个网格', 'The worker does not hold that grid') },
  ASSESSMENT_NOT_ON_DUTY: { kind: 'invalid', text: localized('只能考核在岗（含退出中）的网格员', 'Only a worker in post (on duty or leaving) is assessed') },
  ASSESSMENT_PERIOD_NOT_BEGUN: { kind: 'invalid', text: localized('考核期尚未开始', 'That period of assessment has not begun') },
  ASSESSMENT_ALREADY_RECORDED: { kind: 'conflict', text: localized('该网格员本期考核已录入', "The worker's assessment of that period is recorded already") },
} satisfies Record<string, ErrorSpec>;
export type StaffingErrorCode = keyof typeof STAFFING_ERRORS;

export const StaffingError = domainErrorClass<StaffingErrorCode>('StaffingError', STAFFING_ERRORS);
export type StaffingError = InstanceType<typeof StaffingError>;
