import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { checkMessagePair, type MessageTree } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/assessment.en.json';
import zh from '@/app/i18n/messages/assessment.zh-CN.json';
import { FIGURES, GROUPS } from './view-state';
import { PERIOD_CHOICES, PERIOD_REASONS } from './period';
import { COLUMNS } from './table';

describe('the assessment page messages', () => {
  const { zhLeaves, enLeaves, has } = checkMessagePair(zh, en, 'assessment');

  it('all format with their arguments (valid ICU in both languages)', () => {
    for (const [locale, messages, all] of [['zh-CN', zh, zhLeaves], ['en', en, enLeaves]] as const) {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages, timeZone: 'Asia/Shanghai', onError: (e) => errors.push(e.message) });
      for (const [key, args] of all) {
        const text = t(key as never, Object.fromEntries(args.map((a) => [a, a === 'count' ? 3 : `«${a}»`])) as never);
        for (const a of args) if (a !== 'count') expect(text, key).toContain(`«${a}»`);
      }
      expect(errors).toEqual([]);
    }
  });

  it('name every grouping, period, period error, column and map figure', () => {
    for (const g of GROUPS) expect(has(`groups.${g}`), g).toBe(true);
    for (const p of PERIOD_CHOICES) expect(has(`periods.${p}`), p).toBe(true);
    for (const r of PERIOD_REASONS) expect(has(`periodErrors.${r}`), r).toBe(true);
    for (const c of COLUMNS) expect(has(`table.columns.${c}`), c).toBe(true);
    for (const f of FIGURES) expect(has(`figures.${f}`), f).toBe(true);
  });

  it('use the Chinese names of the assessment’s terms', () => {
    const zhText = (key: string) => key.split('.').reduce<string | MessageTree>((t, k) => (t as MessageTree)[k]!, (zh as MessageTree).assessment!) as string;
    expect(GROUPS.map((g) => zhText(`groups.${g}`))).toEqual(['网格', '街道', '区', '部门', '网格员']);
    expect(['reported', 'cases', 'closed', 'closureRate', 'onTimeRate', 'reopenedShare', 'coverage'].map((c) => zhText(`table.columns.${c}`))).toEqual([
      '上报', '立案', '结案', '结案率', '按时率', '返工率', '巡查覆盖率',
    ]);
    expect(['acceptHours', 'dispatchHours', 'handleHours', 'verifyHours', 'closeHours'].map((c) => zhText(`table.columns.${c}`))).toEqual(['立案', '派遣', '处置', '核查', '结案']);
    expect(FIGURES.map((f) => zhText(`figures.${f}`))).toEqual(['结案率', '按时率', '返工率', '立案数']);
  });
});
