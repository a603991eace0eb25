import { describe, expect, it } from 'vitest';
import type { InspectionDue } from '@/server/field/inspections';
import { daysOverdue, overdueSites } from './inspections';

const NOW = new Date('2026-12-02T02:00:00Z'); // 10:00 on 2 December in China
const at = (iso: string) => new Date(iso);
const site = (keySiteId: number, name: string, dueAt: Date | null, over: Partial<InspectionDue> = {}): InspectionDue =>
  Object.freeze({
    keySiteId, name, category: 'market', riskLevel: 2, gridCode: '320104003001001', intervalDays: 14,
    lastAt: dueAt ? new Date(dueAt.getTime() - 14 * 86_400_000) : null, dueAt, overdue: dueAt === null || dueAt < NOW, point: [118.79, 32.02] as [number, number], ...over,
  });

describe('key-site inspections overdue on the command centre', () => {
  it('count the days overdue in China calendar days, one on the day it fell due, none for a site never inspected', () => {
    // Due at 23:30 on 1 December in China (15:30 UTC): one day overdue at 10:00 on the 2nd.
    expect(daysOverdue(at('2026-12-01T15:30:00Z'), NOW)).toBe(1);
    // Due at 00:30 on 2 December in China (16:30 UTC on the 1st): overdue since earlier today, one day.
    expect(daysOverdue(at('2026-12-01T16:30:00Z'), NOW)).toBe(1);
    // Due at 07:00 on 22 November in China: ten days.
    expect(daysOverdue(at('2026-11-21T23:00:00Z'), NOW)).toBe(10);
    expect(daysOverdue(at('2026-12-05T00:00:00Z'), NOW)).toBe(0);
    expect(daysOverdue(NOW, NOW)).toBe(0);
    expect(daysOverdue(null, NOW)).toBeNull();
  });

  it('list the overdue sites only, never inspected first, then the longest overdue, then by name', () => {
    const items = Object.freeze([
      site(1, '秦淮菜市场', at('2026-11-30T00:00:00Z')),
      site(2, '夫子庙小学', null),
      site(3, '长乐路加油站', at('2026-11-01T00:00:00Z')),
      site(4, '未到期的医院', at('2026-12-09T00:00:00Z')),
      site(5, '阿里巷养老院', null),
      site(6, '白鹭洲菜场', at('2026-11-30T00:00:00Z')),
    ]);
    const rows = overdueSites(items, NOW);
    // 阿 (a) before 夫 (fu) and 白 (bai) before 秦 (qin) in the Chinese collation.
    expect(rows.map((r) => [r.keySiteId, r.daysOverdue])).toEqual([[5, null], [2, null], [3, 31], [6, 2], [1, 2]]);
    expect(overdueSites([], NOW)).toEqual([]);
  });
});
