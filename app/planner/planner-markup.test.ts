/**
 * The planner's panels as a screen reader meets them, rendered on the server (no browser here): the
 * progress bar's values and the live line, the chart as an image with a title and description and its
 * table, the figures and comparison tables with captions and header scopes, and the refusals in words.
 */
import * as React from 'react';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '@/app/i18n/messages/planner.en.json';
import zh from '@/app/i18n/messages/planner.zh-CN.json';
import type { DivisionFigures } from '@/geo/rebalance/figures';
import type { ScenarioView } from '@/server/planner/scenarios';
import { ComparePanel } from './ComparePanel';
import { FiguresPanel } from './FiguresPanel';
import { plannerFormat } from './format';
import { GridDetails, type ScenarioGrids } from './GridDetails';
import { RunStatus } from './RunStatus';

// Vitest compiles JSX with the classic runtime here (tsconfig keeps JSX for Next.js): it needs React in scope.
beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

type Locale = 'zh-CN' | 'en';

function render(node: ReactElement, locale: Locale = 'zh-CN') {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, { locale, messages: locale === 'en' ? en : zh, timeZone: 'Asia/Shanghai', onError: (e: Error) => missing.push(e.message), children: node }),
  );
  return { html, missing };
}

const division = (d: Partial<DivisionFigures>): DivisionFigures => ({
  grids: 10,
  comprehensive: 10,
  households: [42, 80, 120, 150, 180, 190, 200, 230, 240, 252],
  withinRange: 5,
  withinRangeShare: 0.5,
  overResidentsMax: 0,
  polsbyPopperMean: 0.51,
  polsbyPopperMedian: 0.5,
  polsbyPopperWorst: 0.21,
  cutEdges: 30,
  fullTime: 10,
  partTime: 10,
  annualSubsidyFen: 10 * 12 * 530_000,
  ...d,
});

const scenario = (over: Partial<ScenarioView> = {}): ScenarioView => ({
  id: 7,
  name: '新街口 100–200',
  scopeCodes: ['320102003'],
  scopeName: '新街口街道',
  asOf: new Date('2026-12-01T02:00:00Z'),
  params: { householdsMin: 100, householdsMax: 200, residentsMax: 2500, keepDedicated: true, barrierLayerId: null, seed: 1 },
  pricing: { fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: 4500, partTimeMonthlyYuan: 800 },
  status: 'done',
  progress: 1,
  figures: {
    today: division({}),
    scenario: division({ grids: 12, comprehensive: 12, households: [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 60, 252].sort((a, b) => a - b), withinRange: 10, withinRangeShare: 10 / 12, fullTime: 12, partTime: 12, annualSubsidyFen: 12 * 12 * 530_000 }),
    movedUnits: 14,
    movedHouseholds: 205,
    movedShare: 0.12,
    subsidyChangeFen: 12_720_000,
    subsidyChangePercent: 20,
  },
  refusals: [
    { communityId: 1, communityCode: '320102003001', communityName: '甲社区', gridCode: '320102003001001', households: 60, refusal: { kind: 'total_under_min', households: 60 } as never },
    { communityId: 2, communityCode: '320102003002', communityName: '乙社区', gridCode: null, households: 252, refusal: { kind: 'unit_over_max', households: 252 } as never },
  ],
  error: null,
  durationMs: 240,
  saved: false,
  mine: true,
  createdBy: '网格规划员',
  createdAt: new Date('2026-12-01T02:00:00Z'),
  promotedAt: null,
  promotedDrafts: [],
  ...over,
});

describe('the run’s progress', () => {
  it('is a progress bar with its value, and a polite line that moves in tenths', () => {
    const { html, missing } = render(createElement(RunStatus, { scenario: scenario({ status: 'running', progress: 0.4567, figures: null }), format: plannerFormat('zh-CN') }));
    expect(missing).toEqual([]);
    expect(html).toMatch(/role="progressbar" aria-labelledby="[^"]+" aria-valuemin="0" aria-valuemax="100" aria-valuenow="46" aria-valuetext="46%"/);
    expect(html).toContain('<p role="status" aria-live="polite" class="pn-status-line">正在测算“新街口 100–200”：已完成 40%</p>');
  });

  it('says when it is done, or why it stopped, without a bar', () => {
    const done = render(createElement(RunStatus, { scenario: scenario(), format: plannerFormat('zh-CN') })).html;
    expect(done).not.toContain('progressbar');
    expect(done).toContain('“新街口 100–200”测算完成，用时约 1 秒，调整后共 12 个网格');
    const cut = render(createElement(RunStatus, { scenario: scenario({ status: 'failed', error: 'interrupted', figures: null }), format: plannerFormat('en') }), 'en').html;
    expect(cut).toContain('class="ga-form-error">“新街口 100–200” was cut short by a restart of the server; run it again</p>');
  });
});

describe('the figures panel', () => {
  let html = '';
  let missing: string[] = [];
  beforeAll(() => {
    ({ html, missing } = render(createElement(FiguresPanel, { scenario: scenario(), format: plannerFormat('zh-CN'), addresses: 42 })));
  });

  it('has every message', () => expect(missing).toEqual([]));

  it('gives the headline figures with the subsidy in yuan and its change', () => {
    expect(html).toContain('现状 10 → 测算 12');
    expect(html).toContain('205 户（12.0%）');
    expect(html).toContain('14 个地址（33.3%）');
    expect(html).toContain('¥763,200');
    expect(html).toContain('较现状 +¥127,200（+20.0%）');
  });

  it('draws the distribution as an image with a title, a description and the range, and gives it as a table', () => {
    expect(html).toMatch(/<svg viewBox="0 0 560 220" role="img" aria-labelledby="([^" ]+)-title \1-desc"/);
    expect(html).toContain('现状 10 个综合网格，其中 5 个在 100–200 户之间；测算 12 个，其中 10 个在标准内。');
    expect(html).toContain('data-testid="planner-chart-band"');
    expect(html).toContain('<summary>以表格查看分布</summary>');
    expect(html).toContain('<th scope="row">0–24 户</th>');
  });

  it('lists every figure in a captioned table and the refusals in words', () => {
    expect(html).toContain('<caption>各项指标：现状、测算及变化</caption>');
    expect(html.match(/<th scope="col"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<tr data-figure="grids"><th scope="row">网格数</th><td class="pn-num">10</td><td class="pn-num">12</td><td class="pn-num">+2</td></tr>');
    expect(html).toContain('未能达标的网格（2 个）');
    expect(html).toContain('可调整范围内共 60 户，不足一个网格的下限 100 户');
    expect(html).toContain('乙社区 · 新网格 · 252 户');
  });

  it('reads the same in English, refusals too', () => {
    const r = render(createElement(FiguresPanel, { scenario: scenario(), format: plannerFormat('en'), addresses: 42 }), 'en');
    expect(r.missing).toEqual([]);
    expect(r.html).toContain('One address (building) alone has 252 households, above the maximum of 200: it cannot be divided');
    expect(r.html).toContain('CN¥763,200');
  });
});

describe('the comparison', () => {
  it('puts both scenarios and B − A in one captioned table', () => {
    const b = scenario({ id: 8, name: '新街口 60–150', params: { ...scenario().params, householdsMin: 60, householdsMax: 150 } });
    const { html, missing } = render(createElement(ComparePanel, { a: scenario(), b, format: plannerFormat('zh-CN') }));
    expect(missing).toEqual([]);
    expect(html).toContain('<caption>A：新街口 100–200；B：新街口 60–150</caption>');
    expect(html).toContain('<tr data-figure="householdsMin"><th scope="row">每格户数下限</th><td class="pn-num">100</td><td class="pn-num">60</td><td class="pn-num">−40</td></tr>');
    expect(html).toContain('<th scope="col" class="pn-num">差异（B − A）</th>');
  });
});

describe('a picked grid', () => {
  const grids: ScenarioGrids = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: [] },
        properties: { gridNo: 3, code: null, communityCode: '320102003001', communityName: '甲社区', kind: 'comprehensive', households: 150, residents: 420, addresses: 4, inRange: true, unchanged: false, kept: false, polsbyPopper: 0.4321 },
      },
    ],
  };
  it('says its figures, 新网格 for one without a code', () => {
    const { html, missing } = render(createElement(GridDetails, { pick: { kind: 'scenario', gridNo: 3 }, grids, norm: { min: 100, max: 200 }, format: plannerFormat('zh-CN') }));
    expect(missing).toEqual([]);
    expect(html).toContain('测算网格 3 <span class="pn-badge pn-badge-new">新网格</span>');
    expect(html).toContain('<dt>紧凑度（Polsby-Popper）</dt><dd>0.432</dd>');
    expect(html).toContain('<dt>户数标准</dt><dd>在标准内</dd>');
  });
});
