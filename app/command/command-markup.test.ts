/**
 * The command centre's worker panel, worker picker, inspections list and simulator switch as a screen
 * reader meets them, rendered on the server (no browser here) with the server's answers already in the
 * query cache: their names, roles and states, in both languages and without a missing message.
 */
import * as React from 'react';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '@/app/i18n/messages/command.en.json';
import zh from '@/app/i18n/messages/command.zh-CN.json';
import rootEn from '@/app/i18n/messages/en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import { FIELD_ERRORS } from '@/server/field/errors';
import type { PatrolLog } from '@/server/field/patrol-logs';
import type { AppRouter } from '@/server/routers/_app';
import { InspectionList } from './InspectionList';
import { overdueSites } from './inspections';
import { SimulatorSwitch } from './SimulatorSwitch';
import { todaySoFar } from './worker-day';
import { WorkerPanel } from './WorkerPanel';
import { WorkerPicker } from './WorkerPicker';
import type { WorkerDot } from './workers';

// Vitest compiles JSX with the classic runtime here (tsconfig keeps JSX for Next.js): it needs React in scope.
beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const NOW = new Date('2026-12-02T02:00:00Z'); // 10:00 on 2 December in China
const period = todaySoFar(NOW);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const worker: WorkerDot = { workerId: 7, name: '张伟', employment: 'full_time', lon: 118.79, lat: 32.04, at: hoursAgo(0.1), onDuty: true, load: 3 };

type Locale = 'zh-CN' | 'en';
type Client = { queryClient: QueryClient; trpc: ReturnType<typeof createTRPCOptionsProxy<AppRouter>> };

function render(node: ReactNode, locale: Locale, fill: (c: Client) => void) {
  // A failed read stays failed on the server render (as it does until the browser retries it).
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, retryOnMount: false, staleTime: Infinity } } });
  // Nothing is called: every answer is in the cache already.
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  fill({ queryClient, trpc });
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
        children: createElement(TRPCProvider, { trpcClient, queryClient, children: node }),
      }),
    }),
  );
  return { html, missing };
}

/** A refusal as the server sends it: the stable reason and both texts (server/errors). */
const refusal = (reason: keyof typeof FIELD_ERRORS) =>
  new TRPCClientError(FIELD_ERRORS[reason].text.en, { result: { error: { data: { reason, text: FIELD_ERRORS[reason].text } } } } as never);

function failQuery(queryClient: QueryClient, queryKey: readonly unknown[], error: Error) {
  queryClient.getQueryCache().build(queryClient, { queryKey }).setState({ status: 'error', error, fetchStatus: 'idle', errorUpdatedAt: NOW.getTime(), fetchFailureCount: 1 });
}

const log: PatrolLog = {
  id: 1, workerId: 7, day: period.day, body: '走访独居老人 3 户', visited: [{ id: 11, address: '中山路 1 号' }, { id: 12, address: '中山路 3 号' }],
  photoIds: [], version: 2, updatedAt: hoursAgo(1), track: { points: 240, lengthM: 5320 },
};

function workerPanel(locale: Locale, opts: { refused?: boolean; noLog?: boolean } = {}) {
  return render(createElement(WorkerPanel, { workerId: 7, name: '张伟', dot: worker, period, onClose: () => {}, onShowOnMap: () => {} }), locale, ({ queryClient, trpc }) => {
    const trackKey = trpc.field.track.queryKey({ workerId: 7, day: period.day });
    const coverageKey = trpc.field.coverage.queryKey({ workerId: 7, from: period.from, to: period.to });
    const logKey = trpc.field.patrolLog.queryKey({ workerId: 7, day: period.day });
    if (opts.refused) {
      for (const key of [trackKey, coverageKey, logKey]) failQuery(queryClient, key, refusal('WORKER_NOT_FOUND'));
      return;
    }
    queryClient.setQueryData(trackKey, { workerId: 7, day: period.day, points: 240, lengthM: 5320, path: [] });
    queryClient.setQueryData(coverageKey, { workerId: 7, from: period.from, to: period.to, distanceM: 30, addresses: 40, passed: 25, share: 0.625 });
    queryClient.setQueryData(logKey, opts.noLog ? null : log);
  });
}

describe('the command centre beside the map', () => {
  it("opens a worker's panel: their name as its heading, a close button, their state now and their day", () => {
    const { html, missing } = workerPanel('zh-CN');
    expect(missing).toEqual([]);
    expect(html).toMatch(/^<aside class="ga-panel ga-command-worker" aria-labelledby="([^"]+)" aria-busy="false" data-testid="worker-panel"><div class="ga-panel-header"><div class="ga-details-heading"><span class="ga-chip ga-chip-worker">网格员<\/span><h2 id="\1" tabindex="-1" class="ga-panel-title">张伟<\/h2>/);
    expect(html).toContain('<button type="button" class="ga-icon-button" aria-label="关闭网格员详情">');
    expect(html).toContain('<dt>状态</dt><dd><span class="ga-command-duty ga-command-duty-on">在岗</span></dd>');
    expect(html).toContain('<dt>类型</dt><dd>专职</dd>');
    expect(html).toContain('<dt>在办案件</dt><dd>3 件</dd>');
    expect(html).toContain('今日轨迹：240 个定位点，行走 5,320 米');
    expect(html).toContain('巡查覆盖率 62.5%（已走访 25/40 个地址）');
    expect(html).toContain('<p class="ga-command-history-note">走访独居老人 3 户</p>');
    expect(html).toMatch(/<ul class="ga-command-visited" aria-labelledby="[^"]+"><li>中山路 1 号<\/li><li>中山路 3 号<\/li><\/ul>/);
    expect(html).toContain('走访地址（2 处）');
    expect(workerPanel('zh-CN', { noLog: true }).html).toContain('今日尚未填写民情日志');
  });

  it("says once that a worker outside the viewer's scope is not found, in the server's words", () => {
    const zhPanel = workerPanel('zh-CN', { refused: true });
    expect(zhPanel.missing).toEqual([]);
    expect(zhPanel.html.match(/role="alert"/g)).toHaveLength(1);
    expect(zhPanel.html).toContain('<p class="ga-warning" role="alert">网格员不存在</p>');
    expect(zhPanel.html).not.toContain('巡查覆盖率');
    expect(workerPanel('en', { refused: true }).html).toContain('<p class="ga-warning" role="alert">Grid worker not found</p>');
  });

  it('offers the workers loaded by name, to open the same panel from the keyboard', () => {
    const dots = [worker, { ...worker, workerId: 8, name: '李娜', onDuty: false }];
    const { html, missing } = render(createElement(WorkerPicker, { workers: dots, selected: null, onOpen: () => {} }), 'zh-CN', () => {});
    expect(missing).toEqual([]);
    expect(html).toContain('<input type="search" class="ga-command-workers-search" aria-label="按姓名查找网格员" placeholder="按姓名查找" maxLength="40" value=""/>');
    expect(html).toMatch(/<select aria-label="网格员" aria-describedby="[^"]+"><option value="8" selected="">李娜（不在岗）<\/option><option value="7">张伟（在岗）<\/option><\/select>/);
    expect(html).toContain('<button type="submit" class="ga-secondary">查看详情</button>');
  });

  it('lists the key sites overdue for inspection as a listbox named 巡查逾期, never inspected first', () => {
    const due = [
      { keySiteId: 3, name: '长乐路加油站', category: 'hazardous_chemicals', riskLevel: 4, gridCode: '320104003001002', intervalDays: 30, lastAt: hoursAgo(40 * 24), dueAt: hoursAgo(10 * 24), overdue: true, point: [118.79, 32.02] as [number, number] },
      { keySiteId: 2, name: '夫子庙小学', category: 'school', riskLevel: 3, gridCode: '320104003001001', intervalDays: 30, lastAt: null, dueAt: null, overdue: true, point: [118.79, 32.02] as [number, number] },
    ];
    const names = { school: '学校', hazardous_chemicals: '危化品场所' } as Record<string, string>;
    const list = (locale: Locale) =>
      render(createElement(InspectionList, { sites: overdueSites(due, NOW), loaded: true, failure: null, truncatedAt: null, categoryName: (c: string) => names[c] ?? c, onOpen: () => {} }), locale, () => {});
    const { html, missing } = list('zh-CN');
    expect(missing).toEqual([]);
    const heading = /<h2 id="([^"]+)" class="ga-command-heading">巡查逾期<span class="ga-command-count">2<\/span><\/h2>/.exec(html);
    expect(heading).not.toBeNull();
    expect(html).toContain(`<ul role="listbox" aria-labelledby="${heading![1]}"`);
    expect(html).toContain('aria-label="展开或收起巡查逾期列表"');
    const rows = [...html.matchAll(/<li role="option" aria-selected="(true|false)" tabindex="(0|-1)"[^>]*>(.*?)<\/li>/g)].map((m) => [m[1], m[2], m[3]!.replace(/<[^>]+>/g, '|')]);
    expect(rows).toEqual([
      ['true', '0', '|夫子庙小学||学校||从未巡查|'],
      ['false', '-1', '|长乐路加油站||危化品场所||上次巡查 2026/10/23||逾期 10 天|'],
    ]);
    expect(list('en').missing).toEqual([]);
    expect(list('en').html).toContain('10 day(s) overdue');
  });

  it('shows the demo simulator as a switch with its state', () => {
    const simulator = (locale: Locale, running: boolean) =>
      render(createElement(SimulatorSwitch), locale, ({ queryClient, trpc }) => {
        queryClient.setQueryData(trpc.field.simulator.queryKey(), { running, reported: 12 });
      });
    const { html, missing } = simulator('zh-CN', true);
    expect(missing).toEqual([]);
    expect(html).toContain('<p class="ga-command-simulator-state" aria-hidden="true">演示模拟：运行中</p>');
    expect(html).toMatch(/<button type="button" role="switch" aria-checked="true" aria-label="演示模拟" aria-describedby="[^"]+" class="ga-command-switch">/);
    expect(html).toContain('已模拟上报 12 件事件');
    expect(simulator('zh-CN', false).html).toContain('aria-checked="false"');
    expect(simulator('zh-CN', false).html).toContain('演示模拟：已停止');
    expect(simulator('en', false).html).toContain('Demo simulation: stopped');
    expect(simulator('en', false).missing).toEqual([]);
  });
});
