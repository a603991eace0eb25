/**
 * The grid worker's page as a screen reader meets it, rendered on the server (no browser here) with the
 * server's answers already in the query cache: the duty switch, the tabs, the day's log and the key sites
 * to inspect, their names and states, in both languages and without a missing message.
 */
import * as React from 'react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import rootEn from '@/app/i18n/messages/en.json';
import en from '@/app/i18n/messages/incidents.en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import zh from '@/app/i18n/messages/incidents.zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import { chinaDayOf } from '@/geo/time/china-day';
import type { PatrolLog } from '@/server/field/patrol-logs';
import type { AppRouter } from '@/server/routers/_app';
import { CITY_BOUNDS } from '@/app/map/state';
import { ReportApp } from './ReportApp';
import type { ReportView } from './report-views';

// Vitest compiles JSX with the classic runtime here (tsconfig keeps JSX for Next.js): it needs React in scope.
beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const NOW = new Date();
const today = chinaDayOf(NOW);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

function render(initial: ReportView, locale: 'zh-CN' | 'en' = 'zh-CN', onDuty = true) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  // Nothing is called: every answer is in the cache already.
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.field.me.queryKey(), { workerId: 7, name: '张伟', onDuty });
  const log: PatrolLog = {
    id: 1,
    workerId: 7,
    day: today,
    body: '走访独居老人 3 户',
    visited: [
      { id: 11, address: '中山路 1 号' },
      { id: 12, address: '中山路 3 号' },
    ],
    photoIds: [41],
    version: 2,
    updatedAt: hoursAgo(1),
    track: { points: 240, lengthM: 5320 },
  };
  queryClient.setQueryData(trpc.field.patrolLog.queryKey({ day: today }), log);
  queryClient.setQueryData(trpc.field.inspectionsDue.queryKey({ overdueOnly: false, limit: 500 }), [
    { keySiteId: 1, name: '秦淮菜市场', category: 'market', riskLevel: 2, gridCode: '320104003001001', intervalDays: 14, lastAt: hoursAgo(24), dueAt: new Date(NOW.getTime() + 13 * 86_400_000), overdue: false, point: [118.79, 32.02] as [number, number] },
    { keySiteId: 2, name: '夫子庙小学', category: 'school', riskLevel: 3, gridCode: '320104003001001', intervalDays: 30, lastAt: null, dueAt: null, overdue: true, point: [118.79, 32.02] as [number, number] },
    { keySiteId: 3, name: '长乐路加油站', category: 'hazardous_chemicals', riskLevel: 4, gridCode: '320104003001002', intervalDays: 30, lastAt: hoursAgo(40 * 24), dueAt: hoursAgo(10 * 24), overdue: true, point: [118.79, 32.02] as [number, number] },
  ]);
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
        children: createElement(TRPCProvider, {
          trpcClient,
          queryClient,
          children: createElement(ReportApp, { views: ['patrol', 'mine', 'log', 'inspect'], initial, bounds: CITY_BOUNDS, workerIds: [7], worker: true, grids: [] }),
        }),
      }),
    }),
  );
  return { html, missing };
}

describe("the grid worker's day on the phone page", () => {
  it('has the duty switch in the header, a switch with its state', () => {
    const { html, missing } = render('log');
    expect(missing).toEqual([]);
    expect(html).toMatch(/<button type="button" role="switch" aria-checked="true" aria-describedby="[^"]+" class="rp-switch">.*<span class="rp-switch-label">在岗<\/span><\/button>/);
    expect(html).toContain('网格员 张伟');
    // The status line is there (the position watch starts in the browser).
    expect(html).toMatch(/<p id="[^"]+" class="rp-duty-status"><span role="status" aria-live="polite">未开启定位<\/span><\/p>/);
    expect(render('log', 'zh-CN', false).html).toContain('aria-checked="false"');
  });

  it('offers the log and the inspections as tabs', () => {
    const { html } = render('log');
    const tabs = [...html.matchAll(/<button[^>]*role="tab"[^>]*aria-selected="(true|false)"[^>]*>([^<]+)<\/button>/g)].map((m) => [m[2], m[1]]);
    expect(tabs).toEqual([
      ['巡查上报', 'false'],
      ['我的案件', 'false'],
      ['民情日志', 'true'],
      ['重点场所巡查', 'false'],
    ]);
    // Read the first time it is shown: the inspections were not.
    expect(html).not.toContain('夫子庙小学');
  });

  it("shows today's log: the text, the addresses visited with remove buttons, the photos, the track and the save", () => {
    const { html } = render('log');
    expect(html).toMatch(/<label for="[^"]+">日志内容<span aria-hidden="true" class="rp-required">\*<\/span><\/label><textarea id="[^"]+" class="rp-textarea"[^>]*required=""[^>]*>走访独居老人 3 户<\/textarea>/);
    expect(html).toMatch(new RegExp(`<input type="radio" name="[^"]+" checked="" value="${today}"/><span>今天（`));
    expect(html).toContain('<span>昨天（');
    expect(html).toContain('<legend class="rp-legend">走访地址（2）</legend>');
    expect(html).toMatch(/<label for="[^"]+">添加走访地址<\/label><input[^>]*role="combobox"/);
    expect(html).toContain('aria-label="移除 中山路 1 号"');
    expect(html).toContain('aria-label="移除 中山路 3 号"');
    expect(html).toContain('alt="已保存的照片 1"');
    expect(html).toContain('当日轨迹：240 个定位点，步行约 5,320 米');
    expect(html).toMatch(/<button type="submit" class="ga-primary rp-primary"[^>]*>保存日志<\/button>/);
    expect(html).toMatch(/<div role="alert" class="ga-alert-region"><\/div>/);
  });

  it('lists the key sites due, overdue first, with 正常 and 发现问题 for each', () => {
    const { html, missing } = render('inspect');
    expect(missing).toEqual([]);
    const names = [...html.matchAll(/<h3 id="rp-site-(\d+)" class="rp-site-name" tabindex="-1">([^<]+)<\/h3>/g)].map((m) => m[2]);
    expect(names).toEqual(['夫子庙小学', '长乐路加油站', '秦淮菜市场']);
    expect(html.match(/<span class="rp-overdue">逾期<\/span>/g)).toHaveLength(2);
    expect(html).toContain('<strong>从未巡查</strong>');
    expect(html).toContain('危化品场所');
    expect(html).toContain('共 3 处，逾期 2 处，从未巡查 1 处');
    expect(html).toMatch(/<div class="rp-actions" role="group" aria-labelledby="rp-site-2"><button type="button" class="ga-primary rp-button rp-site-ok">正常<\/button><button type="button" id="rp-site-2-issue" class="rp-button rp-site-issue ga-secondary" aria-expanded="false">发现问题<\/button><\/div>/);
    expect(html).toMatch(/<label class="rp-check"><input type="checkbox"\/><span>只看逾期<\/span><\/label>/);
  });

  it('reads the same in English, every message there', () => {
    for (const view of ['log', 'inspect'] as const) {
      const { html, missing } = render(view, 'en');
      expect(missing).toEqual([]);
      expect(html).toContain('<span class="rp-switch-label">On duty</span>');
      if (view === 'log') expect(html).toContain("The day&#x27;s track: 240 points, about 5,320 m walked");
      else expect(html).toContain('3 sites, 2 overdue, 1 never inspected');
    }
  });
});
