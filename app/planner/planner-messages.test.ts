import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { checkMessagePair, checkMessagesFormat, messageText } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/planner.en.json';
import zh from '@/app/i18n/messages/planner.zh-CN.json';
import { COMPARE_FIGURES, DIVISION_FIGURES } from './figures';
import { PARAM_REASONS } from './params';
import { EXPORT_FORMATS } from './ScenarioActions';

describe('the planner page messages', () => {
  const { has } = checkMessagePair(zh, en, 'planner');
  checkMessagesFormat(zh, en);

  it('name every problem of the form, figure, compared figure, status and export format', () => {
    for (const r of PARAM_REASONS) expect(has(`problems.${r}`), r).toBe(true);
    for (const f of DIVISION_FIGURES) expect(has(`figures.rows.${f}`), f).toBe(true);
    expect(has('figures.rows.subsidyChangePercent')).toBe(true);
    for (const f of COMPARE_FIGURES) expect(has(`compare.rows.${f}`), f).toBe(true);
    for (const s of ['running', 'done', 'failed']) expect(has(`list.statuses.${s}`), s).toBe(true);
    for (const f of EXPORT_FORMATS) expect(has(`actions.export.${f}`), f).toBe(true);
    for (const k of ['comprehensive', 'dedicated']) expect(has(`grid.kinds.${k}`), k).toBe(true);
    for (const c of ['below', 'within', 'above', 'dedicated']) expect(has(`legend.${c}`), c).toBe(true);
  });

  it('use the product’s Chinese terms', () => {
    const zhText = (key: string) => messageText(zh, `planner.${key}`) as string;
    expect(zhText('page.title')).toBe('网格优化测算');
    expect(zhText('menu.link')).toBe('网格优化测算');
    expect(zhText('grid.newGrid')).toBe('新网格');
    expect(zhText('refusals.newGrid')).toBe('新网格');
    expect(zhText('actions.promote')).toBe('转为草稿方案');
  });

  it('say the promoted drafts’ count as English counts it', () => {
    const t = createTranslator({ locale: 'en', messages: en, namespace: 'planner.actions' });
    expect(t('promotedNow', { count: 1 })).toBe('Draft plans made: 1 street');
    expect(t('promotedNow', { count: 2 })).toBe('Draft plans made: 2 streets');
  });
});
