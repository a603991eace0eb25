import { describe, expect, it } from 'vitest';
import type { AssessmentRow } from '@/server/incidents/assessment';
import { cellValue, columnsFor, COLUMNS, DEFAULT_SORT, nextSort, sortRows, totals } from './table';

const row = (key: string, zh: string, en: string, f: Partial<AssessmentRow> = {}): AssessmentRow => ({
  key,
  name: { 'zh-CN': zh, en },
  reported: 0,
  notAccepted: 0,
  cases: 0,
  closed: 0,
  closureRate: null,
  handledWithLimit: 0,
  onTime: 0,
  onTimeRate: null,
  hours: { accept: null, dispatch: null, handle: null, verify: null, close: null },
  reopened: 0,
  reopenedShare: null,
  coverage: null,
  ...f,
});

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
};

const ROWS = deepFreeze([
  row('320104003', '夫子庙街道', 'Fuzimiao', { reported: 12, notAccepted: 2, cases: 10, closed: 9, closureRate: 0.9, handledWithLimit: 8, onTime: 6, onTimeRate: 0.75, reopened: 1, reopenedShare: 0.1, hours: { accept: 1.5, dispatch: 0.25, handle: 20, verify: 2, close: 1 } }),
  row('320104001', '五老村街道', 'Wulaocun', { reported: 2, cases: 2, closed: 0, closureRate: 0, handledWithLimit: 0, onTimeRate: null, reopenedShare: 0 }),
  row('320104010', '中华门街道', 'Zhonghuamen', { reported: 190, notAccepted: 10, cases: 180, closed: 171, closureRate: 0.95, handledWithLimit: 160, onTime: 120, onTimeRate: 0.75, reopened: 18, reopenedShare: 0.1, hours: { accept: 3, dispatch: null, handle: 10, verify: null, close: null } }),
  row('320104002', '第2网格', 'Grid 2', { reported: 1 }),
  row('320104011', '第10网格', 'Grid 10', { reported: 1 }),
]);

const keys = (rows: AssessmentRow[]) => rows.map((r) => r.key);

describe('the assessment table', () => {
  it('shows patrol coverage for workers only', () => {
    expect(columnsFor('worker')).toEqual([...COLUMNS]);
    for (const g of ['grid', 'street', 'district', 'department'] as const) expect(columnsFor(g)).not.toContain('coverage');
  });

  it('reads every numeric column, the stages from the hours', () => {
    const r = ROWS[0]!;
    expect(cellValue(r, 'reported')).toBe(12);
    expect(cellValue(r, 'closureRate')).toBe(0.9);
    expect(cellValue(r, 'acceptHours')).toBe(1.5);
    expect(cellValue(r, 'dispatchHours')).toBe(0.25);
    expect(cellValue(r, 'handleHours')).toBe(20);
    expect(cellValue(r, 'verifyHours')).toBe(2);
    expect(cellValue(r, 'closeHours')).toBe(1);
    expect(cellValue(r, 'coverage')).toBeNull();
  });

  it('sorts names in the reader’s language, numbers inside names by value', () => {
    const byName = sortRows(ROWS, DEFAULT_SORT, 'en');
    expect(byName.map((r) => r.name.en)).toEqual(['Fuzimiao', 'Grid 2', 'Grid 10', 'Wulaocun', 'Zhonghuamen']);
    const zh = sortRows(ROWS, DEFAULT_SORT, 'zh-CN').map((r) => r.name['zh-CN']);
    expect(zh.indexOf('第2网格')).toBeLessThan(zh.indexOf('第10网格'));
    expect(keys(sortRows(ROWS, { column: 'name', direction: 'descending' }, 'en'))).toEqual(keys(byName).reverse());
  });

  it('sorts figures with empty values last either way, ties by key', () => {
    expect(keys(sortRows(ROWS, { column: 'closureRate', direction: 'descending' }, 'zh-CN'))).toEqual(['320104010', '320104003', '320104001', '320104002', '320104011']);
    expect(keys(sortRows(ROWS, { column: 'closureRate', direction: 'ascending' }, 'zh-CN'))).toEqual(['320104001', '320104003', '320104010', '320104002', '320104011']);
    expect(keys(sortRows(ROWS, { column: 'onTimeRate', direction: 'ascending' }, 'zh-CN'))).toEqual(['320104003', '320104010', '320104001', '320104002', '320104011']);
    expect(keys(sortRows(ROWS, { column: 'dispatchHours', direction: 'descending' }, 'zh-CN'))[0]).toBe('320104003');
    expect(keys(sortRows(ROWS, { column: 'reported', direction: 'ascending' }, 'zh-CN'))).toEqual(['320104002', '320104011', '320104001', '320104003', '320104010']);
  });

  it('turns a sorted column around, and starts figures largest first', () => {
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort(DEFAULT_SORT, 'closureRate')).toEqual({ column: 'closureRate', direction: 'descending' });
    expect(nextSort({ column: 'closureRate', direction: 'descending' }, 'closureRate')).toEqual({ column: 'closureRate', direction: 'ascending' });
    expect(nextSort({ column: 'closureRate', direction: 'ascending' }, 'name')).toEqual({ column: 'name', direction: 'ascending' });
  });

  it('totals the counts and computes the rates from them, not by averaging the rows’ rates', () => {
    const sum = totals(ROWS);
    expect(sum).toMatchObject({ reported: 206, notAccepted: 12, cases: 192, closed: 180, handledWithLimit: 168, onTime: 126, reopened: 19 });
    expect(sum.closureRate).toBeCloseTo(180 / 192, 12);
    // The average of the rows' closure rates would be (0.9 + 0 + 0.95) / 3 = 0.617.
    expect(sum.closureRate).not.toBeCloseTo((0.9 + 0 + 0.95) / 3, 2);
    expect(sum.onTimeRate).toBeCloseTo(126 / 168, 12);
    expect(sum.reopenedShare).toBeCloseTo(19 / 192, 12);
    // What the rows cannot add up to stays empty.
    expect(sum.hours).toEqual({ accept: null, dispatch: null, handle: null, verify: null, close: null });
    expect(sum.coverage).toBeNull();
  });

  it('totals nothing as zero counts and no rates', () => {
    expect(totals([])).toMatchObject({ reported: 0, cases: 0, closureRate: null, onTimeRate: null, reopenedShare: null });
  });
});
