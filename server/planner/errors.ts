import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

/** Expected failures of the planner, each with its kind and its message in zh-CN and English. */
export const PLANNER_ERRORS = {
  SCENARIO_NOT_FOUND: { kind: 'not_found', text: localized('测算方案不存在', 'Scenario not found') },
  SCOPE_NOT_FOUND: { kind: 'not_found', text: localized('测算范围中有不存在或不在您辖区内的区域', 'An area of the scope does not exist or is outside your jurisdiction') },
  SCOPE_MIXED: { kind: 'invalid', text: localized('测算范围须为一个区、一个街道，或同一街道或不同街道的若干社区', 'The scope is one district, one street, or communities') },
  SCOPE_TOO_LARGE: { kind: 'invalid', text: localized('测算范围过大，请按区或街道分别测算', 'The scope is too large; run it district by district') },
  RANGE_INVALID: { kind: 'invalid', text: localized('每格户数下限须大于 0 且不大于上限', 'The households minimum must be above 0 and not above the maximum') },
  BARRIER_LAYER_NOT_FOUND: { kind: 'not_found', text: localized('障碍线图层不存在', 'Barrier layer not found') },
  BARRIER_FILE_INVALID: { kind: 'invalid', text: localized('障碍线文件须为含线要素的 GeoJSON', 'A barrier file is GeoJSON with line features') },
  PLANNER_BUSY: { kind: 'too_many', text: localized('已有测算正在运行，请待其完成后再试', 'A scenario is already running; try again when it has finished') },
  SCENARIO_NOT_DONE: { kind: 'conflict', text: localized('测算尚未完成', 'The scenario has not finished') },
  SCENARIO_ALREADY_PROMOTED: { kind: 'conflict', text: localized('该测算方案已转为草稿方案', 'The scenario has already been promoted to draft plans') },
  STREET_PLAN_OPEN: {
    kind: 'conflict',
    text: localized('该街道已有提交审批中的方案，须待其退回、备案或撤回后再转入', 'A plan of the street is in the approval workflow: promote after it is returned, filed or withdrawn'),
  },
  PRICING_CITY_ONLY: { kind: 'forbidden', text: localized('补贴标准须由市级管理员设置', 'Only an administrator of the city sets the pricing') },
} as const satisfies Record<string, ErrorSpec>;
export type PlannerErrorCode = keyof typeof PLANNER_ERRORS;

export const PlannerError = domainErrorClass<PlannerErrorCode>('PlannerError', PLANNER_ERRORS);
export type PlannerError = InstanceType<typeof PlannerError>;
