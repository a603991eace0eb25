import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

/** Expected failures of the plan workflow, each with its kind and its message in zh-CN and English. */
export const PLAN_ERRORS = {
  PLAN_NOT_FOUND: { kind: 'not_found', text: localized('方案不存在', 'Plan not found') },
  PLAN_STALE_VERSION: { kind: 'conflict', text: localized('方案已被他人修改，请刷新后重试', 'The plan changed since you loaded it; reload and try again') },
  NOT_FROM_THIS_STATE: { kind: 'conflict', text: localized('方案当前状态下不能进行此操作', 'The plan is not in a state that allows this step') },
  WRONG_ROLE: { kind: 'forbidden', text: localized('您的角色不能对本方案进行此操作', 'Your role may not take this step on this plan') },
  COMMENT_REQUIRED: { kind: 'invalid', text: localized('请填写意见（退回或不予通过须说明理由）', 'Write a comment: a return or a rejection must say why') },
  AUTHOR_CANNOT_DO_THIS: { kind: 'forbidden', text: localized('方案的编制人不能审核或备案自己的方案', "A plan's author may not review or file it") },
  BLOCKING_FINDINGS: { kind: 'invalid', text: localized('方案仍有阻断性拓扑问题，须先修正', 'The plan still has blocking topology findings; fix them first') },
  WARNINGS_NEED_REASONS: { kind: 'invalid', text: localized('每条保留的拓扑警告都须填写理由', 'Every topology warning the plan keeps needs a written reason') },
  TOPOLOGY_INCOMPLETE: {
    kind: 'unavailable',
    text: localized('拓扑检查未能在时限内完成，暂不能提交或审核，请稍后重试', 'The topology check did not finish in time; the plan cannot move on yet. Try again later'),
  },
  ARRANGEMENT_NEEDED: {
    kind: 'invalid',
    text: localized('方案涉及特殊管辖区域，须先登记责任划分（或移交办结）', 'The plan contains a special jurisdiction area: record its arrangement (or the completed transfer) first'),
  },
  ARRANGEMENT_NOT_APPROVED: {
    kind: 'invalid',
    text: localized('特殊管辖安排尚未经所涉各区审核同意', 'Every district concerned must approve the plan\'s jurisdiction arrangement first'),
  },
  ARRANGEMENT_NOT_IN_PLAN: { kind: 'not_found', text: localized('方案不涉及该特殊管辖区域', 'The plan does not contain that jurisdiction arrangement') },
  ARRANGEMENT_NOT_YOURS: { kind: 'forbidden', text: localized('该特殊管辖安排不涉及您所在的区', 'The arrangement does not concern your district') },
  PLAN_FROZEN: { kind: 'conflict', text: localized('方案已提交，退回后才能修改', 'The plan has been submitted; it can be changed only after a return') },
  FINDING_NOT_A_WARNING: { kind: 'invalid', text: localized('该拓扑问题不是本方案当前的警告', 'That finding is not one of the plan\'s current warnings') },
  FILING_NUMBER_TAKEN: { kind: 'conflict', text: localized('备案编号已被使用', 'That filing number is already in use') },
  EFFECTIVE_DATE_PAST: { kind: 'invalid', text: localized('生效日期不能早于今天', 'The effective date cannot be before today') },
  EFFECTIVE_DATE_BEFORE_PENDING: {
    kind: 'invalid',
    text: localized('该街道已有更晚生效的备案方案，生效日期不能早于它', 'The street has a filing taking effect later; the date cannot be before it'),
  },
  COMMENT_NOT_FOUND: { kind: 'not_found', text: localized('意见不存在', 'Comment not found') },
  COMMENT_PLACE_INVALID: { kind: 'invalid', text: localized('意见标注位置须为一个点或一个有效的面', 'A comment is pinned to a point or a valid area') },
  OPEN_PLAN_EXISTS: {
    kind: 'conflict',
    text: localized('该街道已有进入审批流程的方案，请在其中修改，或待其备案、撤回后再恢复', 'The street has a plan in the approval workflow: change that one, or restore after it is filed or withdrawn'),
  },
  RESTORE_DATE_INVALID: { kind: 'invalid', text: localized('恢复日期须为今天或以前的实际日期', 'The date to restore must be a real day, today or earlier') },
} as const satisfies Record<string, ErrorSpec>;
export type PlanErrorCode = keyof typeof PLAN_ERRORS;

export const PlanError = domainErrorClass<PlanErrorCode>('PlanError', PLAN_ERRORS);
export type PlanError = InstanceType<typeof PlanError>;
