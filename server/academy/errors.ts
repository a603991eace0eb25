/** Expected failures of the grid academy (网格学院): the syllabus, sessions, enrolment, attendance, exams. All 4xx. */
import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

export const ACADEMY_ERRORS = {
  // Outside the reading scope a worker answers as missing (as staffing does), so ids reveal nothing.
  WORKER_NOT_FOUND: { kind: 'not_found', text: localized('网格员不存在', 'Grid worker not found') },
  COURSE_NOT_FOUND: { kind: 'not_found', text: localized('课程不存在', 'Course not found') },
  DISTRICT_NOT_FOUND: { kind: 'not_found', text: localized('区不存在', 'District not found') },
  SESSION_NOT_FOUND: { kind: 'not_found', text: localized('培训班次不存在', 'Training session not found') },
  // Inside the reading scope, outside the managing one (another district's session, worker or area).
  ACADEMY_OUT_OF_JURISDICTION: { kind: 'forbidden', text: localized('不在您管理的辖区内', 'That is outside the jurisdiction you manage') },
  // The syllabus is the city's: only a manager of the whole city adds to it.
  SYLLABUS_CITY_ONLY: { kind: 'forbidden', text: localized('课程体系由市级统一制定', "The syllabus is the city's: only the city's administrators change it") },
  COURSE_CODE_TAKEN: { kind: 'conflict', text: localized('课程编码已存在', 'A course with that code exists already') },
  SESSION_TIMES_INVALID: { kind: 'invalid', text: localized('结束时间须晚于开始时间，且一次课不超过 12 小时', 'A session ends after it starts and lasts at most 12 hours') },
  SESSION_PLACE_REQUIRED: { kind: 'invalid', text: localized('线下课程须填写地点', 'A session that is not online needs a place') },
  SESSION_NOT_FOR_WORKER: { kind: 'invalid', text: localized('该班次面向其他区的网格员', "The session is for another district's workers") },
  SESSION_FULL: { kind: 'conflict', text: localized('该班次已满员', 'The session is full') },
  SESSION_OVER: { kind: 'invalid', text: localized('该班次已结束，不能再报名', 'The session is over: no more enrolments') },
  ALREADY_ENROLLED: { kind: 'conflict', text: localized('该网格员已报名此班次', 'The worker is enrolled in that session already') },
  WORKER_LEFT: { kind: 'invalid', text: localized('该网格员已退出，不能报名或录入成绩', 'The worker has left: no enrolment or exam') },
  NOT_ENROLLED: { kind: 'invalid', text: localized('该网格员未报名此班次', 'The worker is not enrolled in that session') },
  SESSION_NOT_STARTED: { kind: 'invalid', text: localized('班次尚未开始，不能记录考勤', 'The session has not started: attendance cannot be recorded yet') },
  SESSION_OTHER_COURSE: { kind: 'invalid', text: localized('该班次不属于这门课程', 'The session is not of that course') },
} satisfies Record<string, ErrorSpec>;
export type AcademyErrorCode = keyof typeof ACADEMY_ERRORS;

export const AcademyError = domainErrorClass<AcademyErrorCode>('AcademyError', ACADEMY_ERRORS);
export type AcademyError = InstanceType<typeof AcademyError>;
