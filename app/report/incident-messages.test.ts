import { describe, expect, it } from 'vitest';
import { checkMessagePair } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/incidents.en.json';
import zh from '@/app/i18n/messages/incidents.zh-CN.json';
import { INCIDENT_STATES } from '@/geo/incidents/incident-states';
import { CASE_GROUPS, HISTORY_EVENTS, PHONE_ACTION_RULES, PHONE_ACTIONS, type MoveReason } from './case-format';
import { ISSUE_REASONS } from './inspection-form';
import type { GeolocationFailure } from './location';
import { LOG_DAYS, LOG_REASONS } from './patrol-log-form';
import { REPORT_REASONS, SEVERITIES } from './report-form';
import { REPORT_VIEWS } from './report-views';

describe('the incident pages messages (report, my cases, hotline, scan, QR sheet)', () => {
  const { has } = checkMessagePair(zh, en, 'incidents');

  it('name every state and every event of a case history', () => {
    for (const s of INCIDENT_STATES) expect(has(`state.${s}`), s).toBe(true);
    for (const a of [...HISTORY_EVENTS, 'other']) expect(has(`action.${a}`), a).toBe(true);
  });

  it('word every step the phone offers, its form and its outcome', () => {
    for (const a of PHONE_ACTIONS) {
      expect(has(`action.${a}`), a).toBe(true);
      expect(has(`case.done.${a}`), a).toBe(true);
      if (PHONE_ACTION_RULES[a].form) {
        for (const part of ['form', 'note', 'confirm']) expect(has(`case.${part}.${a}`), `${part}.${a}`).toBe(true);
      }
    }
    for (const r of ['NOTE_REQUIRED', 'PHOTOS_UPLOADING', 'PHOTOS_FAILED'] satisfies MoveReason[]) expect(has(`case.errors.${r}`), r).toBe(true);
  });

  it('word every reason of the report form, severity, view, group and location failure', () => {
    for (const r of Object.keys(REPORT_REASONS)) expect(has(`form.errors.${r}`), r).toBe(true);
    for (const s of SEVERITIES) expect(has(`form.severities.${s}`), String(s)).toBe(true);
    for (const c of ['component', 'event']) expect(has(`form.classes.${c}`), c).toBe(true);
    for (const v of REPORT_VIEWS) expect(has(`page.tabs.${v}`), v).toBe(true);
    for (const g of CASE_GROUPS) expect(has(`mine.groups.${g}`), g).toBe(true);
    for (const f of ['denied', 'unavailable', 'timeout', 'unsupported', 'insecure'] satisfies GeolocationFailure[]) expect(has(`location.failures.${f}`), f).toBe(true);
  });

  it("word the worker's day: duty, position notices, the log and the inspections", () => {
    for (const f of ['denied', 'unavailable', 'timeout', 'unsupported', 'insecure'] satisfies GeolocationFailure[]) expect(has(`duty.failures.${f}`), f).toBe(true);
    for (const s of ['outside', 'inaccurate']) expect(has(`duty.skipped.${s}`), s).toBe(true);
    for (const s of ['off', 'offWaiting', 'switching', 'starting', 'reporting', 'offline', 'lastSent']) expect(has(`duty.status.${s}`), s).toBe(true);
    for (const d of LOG_DAYS) expect(has(`log.days.${d}`), d).toBe(true);
    for (const r of Object.keys(LOG_REASONS)) expect(has(`log.errors.${r}`), r).toBe(true);
    for (const o of ['added', 'already', 'full']) expect(has(`log.visitedOutcome.${o}`), o).toBe(true);
    for (const r of Object.keys(ISSUE_REASONS)) expect(has(`inspect.errors.${r}`), r).toBe(true);
    const z = (zh as { incidents: { duty: { switch: string }; page: { tabs: Record<string, string> }; inspect: Record<string, unknown> } }).incidents;
    expect([z.duty.switch, z.page.tabs.log, z.page.tabs.inspect, z.inspect.ok, z.inspect.issue, z.inspect.overdue, z.inspect.never]).toEqual(['在岗', '民情日志', '重点场所巡查', '正常', '发现问题', '逾期', '从未巡查']);
  });

  it('say who a scanned report goes to in the words the pages promise', () => {
    expect((zh as { incidents: { responsible: { gridAndWorker: string } } }).incidents.responsible.gridAndWorker).toBe('本报告将由网格 {grid} 的网格员 {worker} 负责');
  });
});
