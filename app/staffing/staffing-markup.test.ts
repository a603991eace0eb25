/**
 * The staffing page as a screen reader meets it, rendered on the server with its data in the query
 * cache: the filters' labels, the compliance table with its caption, row headers, status words beside the
 * swatches and the total; the register with its caption and actions named with the worker; the forms
 * only for the street's operators; the menu's link exactly for those the page admits. Both languages,
 * no message missing.
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
import en from '@/app/i18n/messages/staffing.en.json';
import zh from '@/app/i18n/messages/staffing.zh-CN.json';
import rootEn from '@/app/i18n/messages/en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import { UserMenu } from '@/app/UserMenu';
import { staffingCompliance, staffingTotal, type GridStaffing, type WorkerStaffing } from '@/geo/staffing/compliance';
import type { Actor } from '@/server/auth/actor';
import { actorView, scopeOf } from '@/server/auth/policy';
import { ROLES, type Role } from '@/server/auth/roles';
import type { StaffingWorker } from '@/server/data/staffing';
import type { AppRouter } from '@/server/routers/_app';
import { staffingRule } from '@/server/planner/compute';
import { DEFAULT_SETTINGS } from '@/server/settings';
import { StaffingApp } from './StaffingApp';

beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

type Locale = 'zh-CN' | 'en';
const STREET = { id: 8, code: '320102008', name: '红山街道', districtName: '玄武区' };
const path = { district: { code: '320102', name: '玄武区' }, street: { code: STREET.code, name: STREET.name }, community: { code: '320102008001', name: '樱驼村社区' } };
const GRIDS: GridStaffing[] = [
  { ...path, code: '320102008001001', name: '樱驼村一网格', kind: 'comprehensive', fullTime: 1, partTime: 0 },
  { ...path, code: '320102008001002', name: '樱驼村二网格', kind: 'comprehensive', fullTime: 0, partTime: 0 },
];
const WORKERS: WorkerStaffing[] = [{ ...path, id: 1, employment: 'full_time', grids: 1 }];
const REGISTER: StaffingWorker[] = [
  {
    id: 1, name: '张伟', employment: 'full_time', recruitmentSource: 'open_recruitment', community: { id: 1, code: path.community.code, name: path.community.name },
    stage: 'on_duty', stageSince: new Date('2025-03-01T00:00:00Z'), grids: [{ code: GRIDS[0]!.code, name: GRIDS[0]!.name }], lastAssessment: { period: '2025', result: 'excellent' },
  },
  {
    id: 2, name: '李娜', employment: 'full_time', recruitmentSource: 'social_worker_transfer', community: { id: 1, code: path.community.code, name: path.community.name },
    stage: 'in_training', stageSince: new Date('2026-10-20T00:00:00Z'), grids: [], lastAssessment: null,
  },
];

function render(element: React.ReactNode, locale: Locale = 'zh-CN') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const rule = staffingRule(DEFAULT_SETTINGS.pricing);
  const at = new Date('2026-11-01T00:00:00Z');
  queryClient.setQueryData(trpc.staffing.streets.queryKey(), [STREET]);
  queryClient.setQueryData(trpc.staffing.compliance.queryKey({ level: 'street', withinCode: null }), {
    at, level: 'street', rows: staffingCompliance('street', GRIDS, WORKERS, rule), total: staffingTotal(GRIDS, WORKERS, rule), pricing: DEFAULT_SETTINGS.pricing,
  });
  queryClient.setQueryData(trpc.staffing.grids.queryKey({ streetId: STREET.id }), GRIDS.map((g) => ({ code: g.code, name: g.name, status: g.fullTime ? 'ok' : 'vacant', fullTime: g.fullTime, partTime: g.partTime })));
  queryClient.setQueryData(trpc.staffing.workers.queryKey({ streetId: STREET.id }), REGISTER);
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === 'en' ? { ...rootEn, ...en } : { ...rootZh, ...zh },
      timeZone: 'Asia/Shanghai',
      onError: (e: Error) => missing.push(e.message),
      children: createElement(QueryClientProvider, { client: queryClient, children: createElement(TRPCProvider, { trpcClient, queryClient, children: element }) }),
    }),
  );
  return { html, missing };
}

describe('the staffing page', () => {
  it.each(['zh-CN', 'en'] as const)('renders whole with every message present (%s)', (locale) => {
    expect(render(createElement(StaffingApp, { manages: true }), locale).missing).toEqual([]);
    expect(render(createElement(StaffingApp, { manages: false }), locale).missing).toEqual([]);
  });

  it('shows the compliance table with its caption, row headers, defects and the total', () => {
    const { html } = render(createElement(StaffingApp, { manages: false }));
    expect(html).toContain('<h1>队伍管理</h1>');
    expect(html).toContain('<caption>按街道统计的网格员配备情况</caption>');
    expect(html).toMatch(/<th scope="row">红山街道 <span[^>]*>320102008<\/span><\/th>/);
    // One grid without a full-time worker, one vacancy: marked in words' weight, the column says what.
    expect(html).toMatch(/<td class="sf-number sf-defect">1<\/td><td class="sf-number sf-defect">1<\/td><td class="sf-number">50%<\/td>/);
    expect(html).toContain('<th scope="row">合计</th>');
    expect(html).toContain('专职每月 4,500 元，兼职每月 800 元');
    // The legend names each colour; the map region waits for the browser.
    expect(html).toMatch(/<ul class="sf-legend" aria-label="图例">.*空岗 \(1\).*已配齐 \(1\)/);
  });

  it('lists the register with a caption and actions named with the worker, forms only for the operators', () => {
    const manager = render(createElement(StaffingApp, { manages: true })).html;
    expect(manager).toContain('<caption>红山街道的网格员</caption>');
    expect(manager).toMatch(/<th scope="row">张伟<\/th><td>樱驼村社区<\/td><td>专职<\/td><td>公开招录<\/td><td>在岗/);
    expect(manager).toContain('变更阶段<span class="ga-visually-hidden">：张伟</span>');
    expect(manager).toContain('分配网格<span class="ga-visually-hidden">：张伟</span>');
    // Only a worker on duty is offered a grid.
    expect(manager).not.toContain('分配网格<span class="ga-visually-hidden">：李娜</span>');
    expect(manager).toContain('<h2 id="sf-recruit-title">录用网格员</h2>');
    const reader = render(createElement(StaffingApp, { manages: false })).html;
    expect(reader).not.toContain('变更阶段<span');
    expect(reader).not.toContain('sf-recruit-title');
    expect(reader).toContain('履历<span class="ga-visually-hidden">：张伟</span>');
  });
});

const actorWith = (role: Role): Actor => ({
  userId: 1,
  username: 'someone',
  displayName: '某人',
  sessionId: 1,
  mustChangePassword: false,
  grants: [
    {
      role,
      jurisdiction: role === 'street_editor' || role === 'grid_worker' ? { level: 'street', id: 8, code: '320102008', name: '红山街道' } : { level: 'city', id: 1, code: '320100', name: '南京市' },
      workerId: role === 'grid_worker' ? 1 : null,
      gridCodes: role === 'grid_worker' ? ['320102008001001'] : [],
      layers: role === 'department_reader' ? ['addresses'] : null,
    },
  ],
});

describe('the link to the staffing page', () => {
  it.each(ROLES)('is in the menu of a %s exactly when the page admits them', async (role) => {
    const actor = actorWith(role);
    const admitted = scopeOf(actor, 'staffing') !== null;
    const { html } = render(createElement(UserMenu, { viewer: actorView(actor) }));
    expect(html.includes('<a class="ga-user-link" href="/staffing">队伍管理</a>'), role).toBe(admitted);
    expect(admitted).toBe(['street_editor', 'district_reviewer', 'command_operator', 'administrator'].includes(role));
  });
});
