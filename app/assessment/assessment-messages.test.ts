import { describe, expect, it } from 'vitest';
import { checkMessagePair, checkMessagesFormat, messageText } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/assessment.en.json';
import zh from '@/app/i18n/messages/assessment.zh-CN.json';
import { FIGURES, GROUPS } from './view-state';
import { PERIOD_CHOICES, PERIOD_REASONS } from './period';
import { COLUMNS } from './table';

describe('the assessment page messages', () => {
  const { has } = checkMessagePair(zh, en, 'assessment');
  checkMessagesFormat(zh, en);

  it('name every grouping, period, period error, column and map figure', () => {
    for (const g of GROUPS) expect(has(`groups.${g}`), g).toBe(true);
    for (const p of PERIOD_CHOICES) expect(has(`periods.${p}`), p).toBe(true);
    for (const r of PERIOD_REASONS) expect(has(`periodErrors.${r}`), r).toBe(true);
    for (const c of COLUMNS) expect(has(`table.columns.${c}`), c).toBe(true);
    for (const f of FIGURES) expect(has(`figures.${f}`), f).toBe(true);
  });

  it('use the Chinese names of the assessment’s terms', () => {
    const zhText = (key: string) => messageText(zh, `assessment.${key}`) as string;
    expect(GROUPS.map((g) => zhText(`groups.${g}`))).toEqual(['网格', '街道', '区', '部门', '网格员']);
    expect(['reported', 'cases', 'closed', 'closureRate', 'onTimeRate', 'reopenedShare', 'coverage'].map((c) => zhText(`table.columns.${c}`))).toEqual([
      '上报', '立案', '结案', '结案率', '按时率', '返工率', '巡查覆盖率',
    ]);
    expect(['acceptHours', 'dispatchHours', 'handleHours', 'verifyHours', 'closeHours'].map((c) => zhText(`table.columns.${c}`))).toEqual(['立案', '派遣', '处置', '核查', '结案']);
    expect(FIGURES.map((f) => zhText(`figures.${f}`))).toEqual(['结案率', '按时率', '返工率', '立案数']);
  });
});
