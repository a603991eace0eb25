/**
 * The page's markup as a screen reader meets it, rendered on the server (no browser here): the table's
 * caption, header scopes, sort buttons and aria-sort, the totals row, the legend as text and the labels
 * of the controls.
 */
import * as React from 'react';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '@/app/i18n/messages/assessment.en.json';
import zh from '@/app/i18n/messages/assessment.zh-CN.json';
import type { AssessmentRow } from '@/server/incidents/assessment';
import { TrpcProvider } from '@/app/trpc/client';
import { AssessmentApp } from './AssessmentApp';
import { AssessmentControls } from './AssessmentControls';
import { AssessmentTable, type AssessmentTableProps } from './AssessmentTable';
import { classify } from './choropleth';
import { ChoroplethLegend } from './ChoroplethLegend';
import { assessmentFormat } from './format';
import { resolvePeriod } from './period';
import { columnsFor, DEFAULT_SORT, totals } from './table';
import { parseViewState } from './view-state';

// Vitest compiles JSX with the classic runtime here (tsconfig keeps JSX for Next.js): it needs React in scope.
beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const row = (key: string, zhName: string, f: Partial<AssessmentRow> = {}): AssessmentRow => ({
  key,
  name: { 'zh-CN': zhName, en: zhName },
  reported: 12,
  notAccepted: 2,
  cases: 10,
  closed: 9,
  closureRate: 0.9,
  handledWithLimit: 8,
  onTime: 6,
  onTimeRate: 0.75,
  hours: { accept: 1.25, dispatch: null, handle: 20, verify: 2, close: 1 },
  reopened: 1,
  reopenedShare: 0.1,
  coverage: null,
  ...f,
});

const ROWS = [row('320104003', '夫子庙街道'), row('320104010', '中华门街道', { closureRate: null, cases: 0, closed: 0 })];

function render(node: ReactElement, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: locale === 'en' ? en : zh, timeZone: 'Asia/Shanghai', children: node }));
}

const table = (p: Partial<AssessmentTableProps> = {}) =>
  render(
    createElement(AssessmentTable, {
      id: 't',
      group: 'street',
      columns: columnsFor(p.group ?? 'street'),
      rows: ROWS,
      totals: totals(ROWS),
      sort: DEFAULT_SORT,
      onSort: () => {},
      caption: '考核评估表：按街道，2026年3月1日 至 2026年3月17日',
      format: assessmentFormat('zh-CN'),
      selected: null,
      onSelect: null,
      revealSelected: false,
      ...p,
    }),
  );

describe('the assessment table’s markup', () => {
  it('is a table with a caption, column headers with sort buttons, and row headers', () => {
    const html = table();
    expect(html).toContain('<caption>考核评估表：按街道，2026年3月1日 至 2026年3月17日</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(12);
    expect(html).toContain('<th scope="colgroup" colSpan="5" class="as-hours-group">各阶段平均时长（小时）</th>');
    expect(html.match(/<button type="button" class="as-sort"/g)).toHaveLength(12);
    // The stage columns say which time they are (visible "立案", heard "立案平均时长（小时）").
    expect(html).toContain('立案<span class="ga-visually-hidden">平均时长（小时）</span>');
    expect(html.match(/<th scope="row"/g)).toHaveLength(3);
    expect(html).not.toContain('巡查覆盖率');
  });

  it('marks only the sorted column with aria-sort', () => {
    expect(table().match(/aria-sort="[a-z]+"/g)).toEqual(['aria-sort="ascending"']);
    const html = table({ sort: { column: 'closureRate', direction: 'descending' } });
    expect(html.match(/aria-sort="[a-z]+"/g)).toEqual(['aria-sort="descending"']);
    expect(html).toMatch(/<th scope="col" rowSpan="2" class="as-num" aria-sort="descending"><button[^>]*>结案率/);
  });

  it('writes percents and hours with one decimal, a dash for none, and the totals from the counts', () => {
    const html = table();
    expect(html).toContain('>90.0%<');
    expect(html).toContain('>1.3<');
    expect(html).toContain('>—<');
    expect(html).toMatch(/<tfoot><tr class="as-totals"[^>]*><th scope="row">合计<\/th><td class="as-num">24<\/td><td class="as-num">10<\/td><td class="as-num">9<\/td><td class="as-num">90.0%<\/td>/);
  });

  it('shows patrol coverage for workers, and names as buttons when there is a map', () => {
    expect(table({ group: 'worker', columns: columnsFor('worker') })).toContain('巡查覆盖率');
    const html = table({ onSelect: () => {}, selected: '320104010' });
    expect(html.match(/class="as-row-button" aria-pressed="false"/g)).toHaveLength(1);
    expect(html).toMatch(/<tr data-key="320104010"[^>]*class="as-row-selected"><th scope="row"><button type="button" class="as-row-button" aria-pressed="true"/);
  });
});

describe('the legend and the controls', () => {
  it('says each class’s bounds and the grey of no data in words', () => {
    const html = render(createElement(ChoroplethLegend, { choropleth: classify(ROWS, 'closureRate'), format: assessmentFormat('zh-CN'), figureName: '结案率' }));
    expect(html).toContain('图例：结案率');
    expect(html).toContain('90.0%');
    expect(html).toContain('1 个');
    expect(html).toContain('无数据');
  });

  it('labels every control, and says what is wrong with typed days', () => {
    const period = { choice: 'custom' as const, from: '2026-03-10', to: '2026-03-01' };
    const html = render(
      createElement(AssessmentControls, {
        group: 'grid',
        period,
        check: resolvePeriod(period, '2026-03-17'),
        today: '2026-03-17',
        area: null,
        areas: { districts: [{ code: '320104', name: '秦淮区' }], streets: new Map() },
        periodText: null,
        onGroup: () => {},
        onPeriod: () => {},
        onArea: () => {},
      }),
    );
    for (const label of ['分组', '考核周期', '开始日期', '结束日期', '区', '街道']) expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toContain('<legend>范围</legend>');
    expect(html).toMatch(/<div role="alert" class="ga-alert-region"><p id="[^"]+" class="ga-form-error">开始日期不能晚于结束日期。<\/p><\/div>/);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2);
    expect(html).toContain('<option value="320104">秦淮区</option>');
  });
});

describe('the page before its figures arrive', () => {
  const page = (query: Record<string, string>, mapAllowed = true, locale: 'zh-CN' | 'en' = 'zh-CN') =>
    render(createElement(TrpcProvider, null, createElement(AssessmentApp, { initial: parseViewState(query), today: '2026-03-17', mapAllowed })), locale);

  it('names its controls, links the CSV of the same view and offers the map’s figures', () => {
    const html = page({ group: 'grid', period: 'last-month', area: '320104' });
    for (const label of ['分组', '考核周期', '区', '街道', '地图显示指标']) expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toContain('2026年2月1日 至 2026年2月28日，共 28 天');
    expect(html).toContain('href="/api/assessment/grid.csv?from=2026-01-31T16%3A00%3A00.000Z&amp;to=2026-02-28T16%3A00%3A00.000Z&amp;areaCode=320104"');
    expect(html).toContain('>导出 CSV</a>');
    // The map's text alternative is the table, and the map region says so.
    expect(html).toMatch(/<p id="[^"]+-map-alt"[^>]*>地图用颜色显示各区域的结案率，颜色分级见图例；各区域的数值见表格“考核评估表”。<\/p>/);
    // The area named by the link stays chosen although no rows have come yet.
    expect(html).toContain('<option value="320104" selected="">320104（本期无数据）</option>');
  });

  it('links the English CSV in English, and shows no map for departments or without the map capability', () => {
    expect(page({ group: 'street' }, true, 'en')).toContain('&amp;locale=en"');
    expect(page({ group: 'department' })).not.toContain('地图显示指标');
    expect(page({ group: 'street' }, false)).toContain('您的账号不能查看地图图层，仅显示表格。');
  });

  it('offers no CSV and no query for a period it cannot ask for', () => {
    const html = page({ period: 'custom', from: '2026-03-10', to: '2026-03-01' });
    expect(html).not.toContain('/api/assessment/');
    expect(html).toContain('aria-disabled="true"');
    expect(html).toContain('开始日期不能晚于结束日期。');
    expect(html).not.toContain('正在统计');
  });
});
