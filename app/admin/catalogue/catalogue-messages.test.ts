import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { checkMessagePair } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/catalogue.en.json';
import zh from '@/app/i18n/messages/catalogue.zh-CN.json';
import { INCIDENT_STAGES } from '@/geo/incidents/incident-states';
import { restrictedFields } from '@/server/ogc/department-keys';
import { formatLimit, LIMIT_UNITS } from './limits';
import { CATALOGUE_REASONS } from './reasons';

describe('the catalogue messages (categories, partner and department keys)', () => {
  const { zhLeaves } = checkMessagePair(zh, en, 'catalogue');

  it('name every problem, stage, unit and class the page shows', () => {
    for (const r of CATALOGUE_REASONS) expect(zhLeaves.has(`catalogue.problems.${r}`), r).toBe(true);
    for (const s of INCIDENT_STAGES) {
      expect(zhLeaves.has(`catalogue.categories.stage.${s}`), s).toBe(true);
      expect(zhLeaves.has(`catalogue.categories.stageSpan.${s}`), s).toBe(true);
    }
    for (const u of LIMIT_UNITS) {
      expect(zhLeaves.has(`catalogue.limit.${u}`), u).toBe(true);
      expect(zhLeaves.has(`catalogue.unitName.${u}`), u).toBe(true);
    }
    for (const c of ['component', 'event']) expect(zhLeaves.has(`catalogue.categories.caption.${c}`), c).toBe(true);
  });

  it("name every collection of the open data and each of its restricted fields (the server's list)", () => {
    for (const { collection, fields } of restrictedFields()) {
      expect(zhLeaves.has(`catalogue.departmentKeys.collection.${collection}`), collection).toBe(true);
      for (const f of fields) expect(zhLeaves.has(`catalogue.departmentKeys.field.${collection}.${f}`), `${collection}.${f}`).toBe(true);
    }
  });

  it('write a limit as staff read it, in both languages', () => {
    const inWords = (locale: 'zh-CN' | 'en', minutes: number) => {
      const t = createTranslator({ locale, messages: locale === 'en' ? en : zh, namespace: 'catalogue' });
      return formatLimit(minutes, (unit, count) => t(`limit.${unit}`, { count }), t('limitSeparator'));
    };
    expect(inWords('zh-CN', 240)).toBe('4 小时');
    expect(inWords('zh-CN', 1560)).toBe('1 天 2 小时');
    expect(inWords('zh-CN', 1565)).toBe('1 天 2 小时 5 分钟');
    expect(inWords('zh-CN', 30)).toBe('30 分钟');
    expect(inWords('en', 1560)).toBe('1 day 2 hours');
    expect(inWords('en', 61)).toBe('1 hour 1 minute');
    expect(inWords('en', 525_600)).toBe('365 days');
  });

  it('label each edit control with the category and the field', () => {
    const t = createTranslator({ locale: 'zh-CN', messages: zh, namespace: 'catalogue.categories' });
    expect(t('controlLabel', { category: '井盖', field: t('stage.accept') })).toBe('井盖 立案时限');
    expect(t('unitLabel', { category: '井盖', field: t('stage.accept') })).toBe('井盖 立案时限单位');
    expect(t('captionCount', { class: t('caption.component'), count: 6 })).toBe('部件（6 类）');
  });
});
