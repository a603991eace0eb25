import { describe, expect, it } from 'vitest';
import { INCIDENT_ACTION_NAMES } from '@/geo/incidents/incident-states';
import { caseGroup, firstLine, groupCases, historyEventKey, noteRequired, phoneActions, validateMove, type CaseListItem } from './case-format';
import { EMPTY_QUEUE, photoQueueReducer } from './photo-queue';

const ME = 7;
const item = (id: number, status: CaseListItem['status'], handlerWorkerId: number | null = null, overdue = false): CaseListItem => Object.freeze({ id, status, handlerWorkerId, overdue });

describe("the worker's cases", () => {
  it('groups what is theirs to handle, to check, under way elsewhere, and over', () => {
    expect(caseGroup(item(1, 'dispatched', ME), [ME])).toBe('handle');
    expect(caseGroup(item(2, 'handling', ME), [ME])).toBe('handle');
    expect(caseGroup(item(3, 'dispatched', 99), [ME])).toBe('elsewhere');
    expect(caseGroup(item(4, 'dispatched', null), [ME])).toBe('elsewhere');
    expect(caseGroup(item(5, 'handled', 99), [ME])).toBe('verify');
    expect(caseGroup(item(6, 'reported'), [ME])).toBe('elsewhere');
    expect(caseGroup(item(7, 'verified'), [ME])).toBe('elsewhere');
    for (const s of ['closed', 'evaluated', 'rejected'] as const) expect(caseGroup(item(8, s), [ME])).toBe('over');
  });

  it('lists overdue cases first in each group, then the newest', () => {
    const groups = groupCases([item(1, 'dispatched', ME), item(3, 'handling', ME), item(2, 'dispatched', ME, true), item(4, 'closed')], [ME]);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['handle', [2, 3, 1]],
      ['verify', []],
      ['elsewhere', []],
      ['over', [4]],
    ]);
  });

  it("offers only the phone's steps among those the server allows, in the loop's order", () => {
    expect(phoneActions(['verify_fail', 'verify_pass'])).toEqual(['verify_pass', 'verify_fail']);
    expect(phoneActions(['accept', 'not_accept'])).toEqual([]);
    expect(phoneActions(['start'])).toEqual(['start']);
  });

  it("asks for a note where the loop's rule does, and waits for photos", () => {
    expect([noteRequired('start'), noteRequired('finish'), noteRequired('verify_pass'), noteRequired('verify_fail')]).toEqual([false, true, false, true]);
    expect(validateMove('finish', '  ', EMPTY_QUEUE)).toEqual({ valid: false, reason: 'NOTE_REQUIRED', field: 'note' });
    expect(validateMove('verify_fail', '', EMPTY_QUEUE)).toMatchObject({ valid: false, reason: 'NOTE_REQUIRED' });
    expect(validateMove('verify_pass', '', EMPTY_QUEUE)).toEqual({ valid: true, note: '' });
    expect(validateMove('finish', ' 已更换井盖 ', EMPTY_QUEUE)).toEqual({ valid: true, note: '已更换井盖' });
    const uploading = photoQueueReducer(EMPTY_QUEUE, { type: 'added', items: [{ key: 'a', name: 'a', bytes: 1 }] });
    expect(validateMove('finish', '已处理', uploading)).toEqual({ valid: false, reason: 'PHOTOS_UPLOADING', field: 'photos' });
  });

  it('names every event of a history, an unknown one as other', () => {
    for (const a of ['report', 'escalate', ...INCIDENT_ACTION_NAMES]) expect(historyEventKey(a)).toBe(a);
    expect(historyEventKey('teleport')).toBe('other');
  });

  it('sums a description up in its first line', () => {
    expect(firstLine('井盖缺失\n在路口东侧')).toBe('井盖缺失');
    expect(firstLine('很'.repeat(50), 10)).toBe(`${'很'.repeat(9)}…`);
    expect(firstLine('')).toBe('');
  });
});
