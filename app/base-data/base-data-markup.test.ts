/**
 * The base data page as a screen reader meets it, rendered on the server (no browser here) with the
 * history already in the query cache: the form's labelled file input, the coordinate systems as a group
 * with its legend, the alert and status regions waiting empty, the <progress> bar and its live line, the
 * report's counts and its tables with captions (rejected rows by line with the reason in words, capped
 * with "and N more"), the history table and the help's columns and limits; both languages, no message
 * missing.
 */
import * as React from 'react';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '@/app/i18n/messages/baseData.en.json';
import zh from '@/app/i18n/messages/baseData.zh-CN.json';
import rootEn from '@/app/i18n/messages/en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import { ADDRESS_IMPORT_LIMITS, type AddressImportRecord, type AddressImportReport, type ReportedRejection } from '@/server/base-data/address-import';
import { ROW_REJECTIONS } from '@/server/base-data/errors';
import { BUILDING_TYPES, COORDINATE_FIELDS, FIELD_NAMES, REQUIRED_FIELDS } from '@/server/interchange/address-rows';
import type { AppRouter } from '@/server/routers/_app';
import { BaseDataApp } from './BaseDataApp';
import type { ImportColumn } from './ImportHelp';
import { ImportReportView } from './ImportReportView';
import { ImportStatus } from './ImportStatus';
import type { ImportStage } from './import-stage';
import { SHOWN_ROWS } from './shown-rows';

// Vitest compiles JSX with the classic runtime here (tsconfig keeps JSX for Next.js): it needs React in scope.
beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

type Locale = 'zh-CN' | 'en';

const LIMITS = { ...ADDRESS_IMPORT_LIMITS };
// As the page builds them from the reader's table.
const COLUMNS: ImportColumn[] = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).map((field) => ({
  field,
  names: [...FIELD_NAMES[field]],
  need: REQUIRED_FIELDS.includes(field) ? 'required' : COORDINATE_FIELDS.includes(field) ? 'csv' : 'optional',
}));

const HISTORY: AddressImportRecord[] = [
  { id: 2, importedAt: new Date('2026-03-02T02:30:00Z'), importedBy: '红山街道网格编辑', fileName: '红山.csv', format: 'csv', crs: 'wgs84', rowsRead: 1234, created: 1200, updated: 30, unlinked: 4, tookMs: 2500 },
  { id: 1, importedAt: new Date('2026-03-01T02:30:00Z'), importedBy: null, fileName: 'doorplates.geojson', format: 'geojson', crs: 'gcj02', rowsRead: 2, created: 2, updated: 0, unlinked: 0, tookMs: 300 },
];

const rejection = (row: number, reason: ReportedRejection['reason'], value?: string): ReportedRejection => ({
  row,
  reason,
  message: ROW_REJECTIONS[reason],
  ...(value !== undefined ? { value } : {}),
});

const report = (over: Partial<AddressImportReport> = {}): AddressImportReport => ({
  ok: false,
  written: false,
  importId: null,
  mode: 'check',
  fileName: 'e2e.csv',
  format: 'csv',
  encoding: 'utf-8',
  crs: 'wgs84',
  rowsRead: 3,
  created: 2,
  updated: 0,
  unchanged: 0,
  linked: 2,
  unlinked: 0,
  rejected: 1,
  rejectedByReason: { BUILDING_TYPE_INVALID: 1 },
  rejections: [rejection(4, 'BUILDING_TYPE_INVALID', '平房')],
  unlinkedRows: [],
  ignoredColumns: ['备注'],
  tookMs: 1250,
  ...over,
});

function render(element: ReactNode, locale: Locale = 'zh-CN', history: AddressImportRecord[] = HISTORY) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  // Nothing is called: the history is in the cache already.
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.baseData.imports.queryKey(), history);
  const missing: string[] = [];
  const messages = locale === 'en' ? { ...rootEn, ...en } : { ...rootZh, ...zh };
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages,
      timeZone: 'Asia/Shanghai',
      onError: (e: Error) => missing.push(e.message),
      children: createElement(QueryClientProvider, {
        client: queryClient,
        children: createElement(TRPCProvider, { trpcClient, queryClient, children: element }),
      }),
    }),
  );
  return { html, missing };
}

const page = (locale: Locale = 'zh-CN', history?: AddressImportRecord[]) =>
  render(createElement(BaseDataApp, { limits: LIMITS, columns: COLUMNS, buildingTypes: [...BUILDING_TYPES], jurisdictions: ['红山街道'] }), locale, history);
const reportView = (r: AddressImportReport, locale: Locale = 'zh-CN') => render(createElement(ImportReportView, { report: r }), locale);
const status = (stage: ImportStage | null, summary: string | null = null, locale: Locale = 'zh-CN') => render(createElement(ImportStatus, { stage, summary }), locale);
const captions = (html: string) => [...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1]);

describe('the base data page', () => {
  it.each(['zh-CN', 'en'] as const)('renders whole with every message present (%s)', (locale) => {
    const { missing } = page(locale);
    expect(missing).toEqual([]);
  });

  it('has a labelled file input taking CSV and GeoJSON, the coordinate systems as a group, two actions', () => {
    const { html } = page();
    expect(html).toContain('<h1>基础数据</h1>');
    expect(html).toContain('可导入的范围：红山街道。');
    const fileId = /<label for="([^"]+)">地址文件<\/label>/.exec(html)?.[1];
    expect(fileId).toBeTruthy();
    expect(html).toMatch(new RegExp(`<input id="${fileId}" type="file" accept="\\.csv,\\.txt,\\.geojson,\\.json,[^"]*" aria-describedby="${fileId}-hint"/>`));
    expect(html).toContain('CSV（.csv、.txt，最大 256 MB）或 GeoJSON（.geojson、.json，最大 100 MB），每个文件最多 1,000,000 行。');
    expect(html).toMatch(/<fieldset class="bd-choice"><legend>坐标系<\/legend><label class="bd-choice-option"><input type="radio" name="crs" checked="" value="wgs84"\/><span>WGS84/);
    expect(html).toContain('<input type="radio" name="crs" value="gcj02"/><span>GCJ-02<span class="ga-table-sub">高德地图、腾讯地图等国内互联网地图</span>');
    // Disabled until React runs: a native submit would only reload the page.
    expect(html).toMatch(/<button type="submit" value="check" class="ga-secondary" disabled="" aria-describedby="[^"]+" name="mode">只检查<\/button>/);
    expect(html).toMatch(/<button type="submit" value="import" class="ga-primary" disabled="" aria-describedby="[^"]+" name="mode">导入<\/button>/);
    // The regions a screen reader listens to are there, empty, before anything happens.
    expect(html).toContain('<div role="alert" class="ga-alert-region" data-testid="import-error"></div>');
    expect(html).toContain('<p role="status" aria-live="polite" class="bd-status-line"></p>');
    expect(html).not.toContain('<progress');
    expect(html).not.toContain('data-testid="import-report"');
  });

  it('lists the history with a caption, row headers and numbers in the locale’s grouping', () => {
    const { html } = page();
    expect(captions(html)).toContain('最近写入本辖区的导入');
    expect(html).toContain('<th scope="row" class="ga-nowrap">2026/3/2 10:30</th>');
    expect(html).toContain('<td class="bd-file">红山.csv<span class="ga-table-sub">CSV</span></td>');
    expect(html).toContain('<td>红山街道网格编辑</td>');
    expect(html).toContain('<td class="bd-number">1,234</td>');
    expect(html).toContain('<td class="bd-number">2.5 秒</td>');
    expect(html).toContain('<span class="ga-muted">（账号已删除）</span>');
    expect(html).toContain('<td>GCJ-02</td>');
  });

  it('says when there is no history yet', () => {
    expect(page('zh-CN', []).html).toContain('<p class="ga-muted">本辖区还没有导入记录。</p>');
  });

  it("lists in its help the server's column names in both languages, what is needed, the building types and the limits", () => {
    const { html } = page();
    expect(captions(html)).toContain('可识别的列（列名任选其一，不区分大小写）');
    for (const c of COLUMNS) for (const n of c.names) expect(html).toContain(`<code>${n}</code>`);
    expect(html).toMatch(/<tr data-field="households"><th scope="row">户数<span class="ga-table-sub">[^<]+<\/span><\/th><td>.*?<\/td><td>必需<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-field="lon"><th scope="row">经度.*?<td>CSV 必需<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-field="code"><th scope="row">地址编码.*?<td>可选<\/td><\/tr>/);
    expect(html).toContain('高层住宅（high_rise）');
    expect(html).toContain('<li>CSV 文件最大 256 MB</li>');
    expect(html).toContain('<li>GeoJSON 文件最大 100 MB</li>');
    expect(html).toContain('<li>每个文件最多 1,000,000 行</li>');
    const { html: enHtml } = page('en');
    expect(enHtml).toContain('High-rise residential (high_rise)');
    expect(enHtml).toContain('<li>At most 1,000,000 rows a file</li>');
  });
});

describe('the progress of a run', () => {
  it('shows the upload as a measured bar and announces it in tenths', () => {
    const { html } = status({ phase: 'uploading', loaded: 47, total: 100 });
    expect(html).toMatch(/<p id="([^"]+)-label" class="bd-progress-label">处理进度<\/p><progress class="bd-progress" aria-labelledby="\1-label" max="100" value="47">47%<\/progress>/);
    expect(html).toContain('<p role="status" aria-live="polite" class="bd-status-line">正在上传文件：40%</p>');
  });

  it('names the rows placed so far, and shows linking as a bar without a measure', () => {
    expect(status({ phase: 'placing', done: 20_000, total: 50_000 }).html).toContain('正在确定每个地址所在的社区：20,000 / 50,000 行');
    const linking = status({ phase: 'linking', done: 0, total: 50_000 }).html;
    expect(linking).toMatch(/<progress class="bd-progress" aria-labelledby="[^"]+"><\/progress>/);
    expect(linking).toContain('正在关联网格：50,000 行');
    expect(status({ phase: 'writing', done: 0, total: 2 }, null, 'en').html).toContain('Writing 2 addresses…');
    expect(status({ phase: 'reading', bytes: null, total: null }).html).toContain('文件已上传，正在读取并逐行检查…');
  });

  it('says how the run ended once it is over, without a bar', () => {
    const { html } = status(null, '1 行被拒绝，未写入任何数据。');
    expect(html).not.toContain('<progress');
    expect(html).toContain('<p role="status" aria-live="polite" class="bd-status-line">1 行被拒绝，未写入任何数据。</p>');
  });
});

describe('the report', () => {
  it('lists a rejected row by its line, the reason in words and the value, with the counts', () => {
    const { html, missing } = reportView(report());
    expect(missing).toEqual([]);
    expect(html).toContain('<h2 id="bd-result-title">检查结果</h2>');
    expect(html).toContain('<p class="bd-headline bd-headline-bad">1 行被拒绝，整个文件未写入。请按下表修改文件后重新检查。</p>');
    expect(html).toContain('e2e.csv · CSV · UTF-8 · WGS84 · 用时 1.3 秒');
    expect(html).toContain('<div class="bd-count bd-count-rowsRead" data-count="rowsRead"><dt>读取行数</dt><dd>3</dd></div>');
    expect(html).toContain('<div class="bd-count bd-count-rejected" data-count="rejected"><dt>被拒绝</dt><dd>1</dd></div>');
    expect(captions(html)).toEqual(['被拒绝的行']);
    expect(html).toContain('<th scope="col">行号</th><th scope="col">原因</th><th scope="col">内容</th>');
    expect(html).toContain('<tr data-row="4"><th scope="row" class="bd-number">4</th><td>建筑类型无法识别</td><td class="bd-value">平房</td></tr>');
    expect(html).toContain('<li><span>建筑类型无法识别</span> <span class="bd-reason-count">1 行</span></li>');
    expect(html).toContain('<p class="bd-ignored">以下列无法识别，未导入：“备注”</p>');
    expect(html).not.toContain('bd-more');
  });

  it('reads the reason in English from its own messages', () => {
    const { html } = reportView(report(), 'en');
    expect(html).toContain('<th scope="row" class="bd-number">4</th><td>The building type is not one of the known types</td>');
    expect(html).toContain('<p class="bd-headline bd-headline-bad">1 row rejected: nothing in the file was written.');
  });

  it('falls back to the text the server sent for a reason the page does not know', () => {
    const unknown = { row: 7, reason: 'SOMETHING_NEWER', message: { 'zh-CN': '新的原因', en: 'A newer reason' } } as unknown as ReportedRejection;
    const { html, missing } = reportView(report({ rejections: [unknown], rejectedByReason: {} }));
    expect(missing).toEqual([]);
    expect(html).toContain('<th scope="row" class="bd-number">7</th><td>新的原因</td><td class="bd-value"></td>');
  });

  it(`lists the first ${SHOWN_ROWS} of many rejected rows and says how many more there are`, () => {
    const many = Array.from({ length: 1000 }, (_, i) => rejection(i + 2, 'COORDINATES_INVALID', 'x, y'));
    const { html } = reportView(report({ rejected: 100_000, rejectedByReason: { COORDINATES_INVALID: 99_000, OUTSIDE_CITY: 1000 }, rejections: many }));
    expect(html.match(/<tr data-row=/g)).toHaveLength(SHOWN_ROWS);
    expect(captions(html)).toEqual([`被拒绝的行（列出前 ${SHOWN_ROWS} 行）`]);
    expect(html).toContain(`<p class="bd-more">另有 ${(100_000 - SHOWN_ROWS).toLocaleString('en')} 行未列出。</p>`);
    // The reasons by count, most first.
    expect(html).toMatch(/<li><span>经纬度须为数字[^<]*<\/span> <span class="bd-reason-count">99,000 行<\/span><\/li><li><span>该点不在本市任何社区内/);
  });

  it('numbers a GeoJSON file’s rows by feature', () => {
    const { html } = reportView(report({ format: 'geojson', rejections: [rejection(3, 'GEOMETRY_NOT_POINT')], rejectedByReason: { GEOMETRY_NOT_POINT: 1 } }));
    expect(html).toContain('<th scope="col">要素序号</th>');
    expect(html).toContain('<td>要素的几何须为点（Point）</td>');
  });

  it('says an import was written, and lists the addresses in no grid', () => {
    const written = report({
      ok: true,
      written: true,
      importId: 5,
      mode: 'import',
      rejected: 0,
      rejectedByReason: {},
      rejections: [],
      linked: 1,
      unlinked: 1,
      unlinkedRows: [{ row: 3, code: '320102008001000123', address: '红山街道测试路2号', community: '红山社区' }],
      ignoredColumns: [],
    });
    const { html } = reportView(written);
    expect(html).toContain('<h2 id="bd-result-title">导入结果</h2>');
    expect(html).toContain('<p class="bd-headline bd-headline-ok">已写入。</p>');
    expect(html).not.toContain('尚未写入');
    expect(captions(html)).toEqual(['未关联网格的地址']);
    expect(html).toContain('<tr data-row="3"><th scope="row" class="bd-number">3</th><td class="ga-mono">320102008001000123</td><td>红山街道测试路2号</td><td>红山社区</td></tr>');
    expect(html).toContain('请在网格编辑中补齐网格覆盖');
    expect(html).not.toContain('bd-ignored');
  });

  it('says a check that passed has written nothing yet', () => {
    const { html } = reportView(report({ ok: true, rejected: 0, rejectedByReason: {}, rejections: [] }));
    expect(html).toContain('<p class="bd-headline bd-headline-ok">检查通过，所有行均可导入。确认无误后点击“导入”。</p>');
    expect(html).toContain('<p class="ga-field-hint">尚未写入：以上是导入后将得到的结果。</p>');
    expect(html).not.toContain('<table');
  });
});
