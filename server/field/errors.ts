import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

/** Expected failures of the field work (positions, duty, patrol logs, inspections). */
export const FIELD_ERRORS = {
  NOT_A_WORKER: { kind: 'forbidden', text: localized('只有网格员本人可以上报位置和巡查记录', 'Only a grid worker reports positions and patrol records, for themself') },
  POSITION_TIME_INVALID: { kind: 'invalid', text: localized('位置时间须在最近 6 小时内（设备时钟请勿超前 10 分钟以上）', 'A position must be from the last 6 hours (and the device clock no more than 10 minutes ahead)') },
  POSITION_OUTSIDE_CHINA: { kind: 'invalid', text: localized('位置不在中国境内（经纬度是否颠倒？）', 'The position lies outside China (longitude and latitude swapped?)') },
  WORKER_NOT_IN_POST: { kind: 'forbidden', text: localized('您当前不在岗（尚未上岗或已退出），不能开始值班', 'You are not in post (not yet on duty, or left): you cannot start a shift') },
  WORKER_NOT_FOUND: { kind: 'not_found', text: localized('网格员不存在', 'Grid worker not found') },
  PATROL_LOG_STALE_VERSION: { kind: 'conflict', text: localized('民情日志已被修改，请刷新后重试', 'The patrol log changed since you loaded it; reload and try again') },
  PATROL_LOG_DAY_CLOSED: { kind: 'invalid', text: localized('只能填写今天或昨天的民情日志', 'A patrol log can be written for today or yesterday only') },
  ADDRESS_NOT_IN_YOUR_GRIDS: { kind: 'invalid', text: localized('走访地址不在您负责的网格内', 'A visited address lies outside your grids') },
  KEY_SITE_NOT_FOUND: { kind: 'not_found', text: localized('重点场所不存在', 'Key site not found') },
  KEY_SITE_NOT_IN_YOUR_GRIDS: { kind: 'forbidden', text: localized('该重点场所不在您负责的网格内', 'That key site lies outside your grids') },
  INSPECTION_ISSUE_NEEDS_DETAILS: { kind: 'invalid', text: localized('发现问题须填写问题描述、类别和紧急程度', 'An issue found needs a description, a category and a severity') },
  PERIOD_INVALID: { kind: 'invalid', text: localized('时间段无效（开始须早于结束，最长 31 天）', 'Invalid period (the start before the end, 31 days at most)') },
  SIMULATOR_CITY_ONLY: { kind: 'forbidden', text: localized('演示模拟器须由市级指挥中心开关', 'The demo simulator is switched by the city command centre') },
} as const satisfies Record<string, ErrorSpec>;
export type FieldErrorCode = keyof typeof FIELD_ERRORS;

export const FieldError = domainErrorClass<FieldErrorCode>('FieldError', FIELD_ERRORS);
export type FieldError = InstanceType<typeof FieldError>;
