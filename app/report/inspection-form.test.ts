import { describe, expect, it } from 'vitest';
import { EMPTY_ISSUE, inspectionCounts, okInspection, orderInspections, validateIssue } from './inspection-form';

const day = (d: number) => new Date(Date.UTC(2026, 2, d));
const site = (keySiteId: number, name: string, overdue: boolean, dueAt: Date | null, lastAt: Date | null = dueAt && day(1)) =>
  Object.freeze({ keySiteId, name, overdue, dueAt, lastAt });

describe('key-site inspections on the phone', () => {
  it('go overdue first, never inspected first among them, then by the day due', () => {
    const sites = Object.freeze([
      site(1, '菜市场', false, day(20)),
      site(2, '加油站', true, day(5)),
      site(3, '小学', true, null, null),
      site(4, '工地', false, day(10)),
      site(5, '医院', true, day(2)),
    ]);
    expect(orderInspections(sites).map((s) => s.keySiteId)).toEqual([3, 5, 2, 4, 1]);
    expect(inspectionCounts(sites)).toEqual({ total: 5, overdue: 3, never: 1 });
  });

  it('send 正常 at once', () => {
    expect(okInspection(7)).toEqual({ keySiteId: 7, result: 'ok', note: '' });
  });

  it('send 发现问题 only with a note, a category and a severity', () => {
    expect(validateIssue(7, EMPTY_ISSUE)).toEqual({ valid: false, errors: { note: 'NOTE_REQUIRED', categoryCode: 'CATEGORY_REQUIRED' }, first: 'note' });
    expect(validateIssue(7, { note: '消防通道堵塞', categoryCode: '', severity: 9 })).toEqual({
      valid: false,
      errors: { categoryCode: 'CATEGORY_REQUIRED', severity: 'SEVERITY_INVALID' },
      first: 'categoryCode',
    });
    expect(validateIssue(7, { note: 'x'.repeat(4001), categoryCode: 'fire_exit', severity: 2 })).toMatchObject({ errors: { note: 'NOTE_TOO_LONG' } });
    expect(validateIssue(7, { note: ' 消防通道堵塞 ', categoryCode: 'fire_exit', severity: 3 })).toEqual({
      valid: true,
      input: { keySiteId: 7, result: 'issue', note: '消防通道堵塞', issue: { categoryCode: 'fire_exit', severity: 3 } },
    });
  });
});
