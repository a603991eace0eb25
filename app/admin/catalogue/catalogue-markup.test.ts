/**
 * The catalogue page as a screen reader meets it, rendered on the server (no browser here) with the
 * server's answers already in the query cache: the tables with their captions and headers, each row's
 * edit button, a row in edit mode with every control named by its category and field, the partner keys
 * with their revoke buttons, the issue form and the once-shown key; in both languages, no message missing.
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
import rootEn from '@/app/i18n/messages/en.json';
import en from '@/app/i18n/messages/catalogue.en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import zh from '@/app/i18n/messages/catalogue.zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import type { Category } from '@/server/incidents/categories';
import type { PartnerKeyRow } from '@/server/incidents/partners';
import type { AppRouter } from '@/server/routers/_app';
import { CatalogueApp } from './CatalogueApp';
import { CategoryEditRow } from './CategoryEditRow';
import { IssuedKey } from './IssuedKey';

// Vitest compiles JSX with the classic runtime here (tsconfig keeps JSX for Next.js): it needs React in scope.
beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const DEPARTMENTS = [
  { code: 'municipal', name: { 'zh-CN': '市政', en: 'Municipal works' } },
  { code: 'justice', name: { 'zh-CN': '司法所（人民调解）', en: 'Mediation office' } },
];
const category = (code: string, cls: Category['class'], zhName: string, enName: string, over: Partial<Category> = {}): Category => ({
  code,
  class: cls,
  name: { 'zh-CN': zhName, en: enName },
  department: DEPARTMENTS[cls === 'component' ? 0 : 1]!,
  limits: { accept: 30, dispatch: 30, handle: 240, verify: 1560, close: 1440 },
  workloadWeight: 1,
  active: true,
  version: 2,
  ...over,
});
const CATEGORIES: Category[] = [
  category('manhole_cover', 'component', '井盖', 'Manhole cover'),
  category('street_lamp', 'component', '路灯', 'Street lamp', { active: false, workloadWeight: 0.5 }),
  category('dispute', 'event', '矛盾纠纷', 'Dispute', { workloadWeight: 2 }),
];
const KEYS: PartnerKeyRow[] = [
  { id: 1, name: '12345 热线平台', prefix: 'ga_demo1', createdAt: new Date('2025-03-01T02:00:00Z'), revokedAt: null, lastUsedAt: new Date('2025-03-02T03:00:00Z'), requestCount: 1234 },
  { id: 2, name: '秦淮区 App', prefix: 'ga_x9Yz8', createdAt: new Date('2025-01-01T02:00:00Z'), revokedAt: new Date('2025-02-01T02:00:00Z'), lastUsedAt: null, requestCount: 0 },
];

type Locale = 'zh-CN' | 'en';

function render(element: ReactNode, locale: Locale = 'zh-CN', keys: PartnerKeyRow[] | Error = KEYS) {
  // retryOnMount off: a refusal in the cache is shown as it is, not fetched again on the server.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  // Nothing is called: every answer is in the cache already.
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.incidents.categories.queryKey(), { categories: CATEGORIES, departments: DEPARTMENTS });
  if (keys instanceof Error) {
    queryClient.getQueryCache().build(queryClient, { queryKey: trpc.incidents.partnerKeys.queryKey() }).setState({ status: 'error', error: keys, fetchStatus: 'idle' });
  } else queryClient.setQueryData(trpc.incidents.partnerKeys.queryKey(), keys);
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

const page = (locale: Locale = 'zh-CN', keys?: PartnerKeyRow[] | Error) => render(createElement(CatalogueApp), locale, keys);
const editing = (c: Category, locale: Locale = 'zh-CN') =>
  render(createElement('table', null, createElement('tbody', null, createElement(CategoryEditRow, { category: c, departments: DEPARTMENTS, onEnd: () => {} }))), locale);

describe('the catalogue page', () => {
  it('links back to the administration page and says when a change applies', () => {
    const { html, missing } = page();
    expect(missing).toEqual([]);
    expect(html).toMatch(/<a class="ga-link" href="\/admin"><span aria-hidden="true">← <\/span>返回用户与权限管理<\/a>/);
    expect(html).toContain('<h1>事件类别与接口密钥</h1>');
    expect(html).toContain('<p id="ga-cat-applies" class="ga-form-note">修改保存后，只对案件此后进入的环节生效；已经开始计时的时限不会改变。</p>');
  });

  it('shows the categories in a table per class, with captions, headers and each limit in words', () => {
    const { html } = page();
    expect([...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1])).toEqual(['部件（2 类）', '事件（1 类）']);
    expect(html).toContain('<th scope="col">立案时限<span class="ga-table-sub">上报至立案</span></th>');
    expect(html).toContain('<th scope="row">井盖<span class="ga-table-sub ga-mono">manhole_cover</span></th>');
    expect(html).toContain('<td class="ga-nowrap">4 小时</td>');
    expect(html).toContain('<td class="ga-nowrap">1 天 2 小时</td>');
    expect(html).toContain('<td class="ga-nowrap">30 分钟</td>');
    expect(html).toContain('<span class="ga-badge ga-badge-bad">已停用</span>');
    expect(html).toContain('<button type="button" class="ga-secondary">修改<span class="ga-visually-hidden"> 井盖</span></button>');
    expect(html).toContain('<button type="button" class="ga-secondary">修改<span class="ga-visually-hidden"> 矛盾纠纷</span></button>');
  });

  it('lists the partner keys, revoked ones marked, a revoke button on the live ones only', () => {
    const { html } = page();
    expect(html).toContain('<caption class="ga-visually-hidden">已签发的接口密钥</caption>');
    expect(html).toContain('<th scope="row" class="ga-break">12345 热线平台</th>');
    expect(html).toContain('<td class="ga-mono">ga_demo1…</td>');
    expect(html).toContain('<td class="ga-cat-number">1,234</td>');
    expect(html).toContain('<span class="ga-badge ga-badge-bad">已吊销</span>');
    expect(html).toContain('<span class="ga-muted">从未使用</span>');
    expect(html.match(/>吊销<span class="ga-visually-hidden">/g)).toHaveLength(1);
    expect(html).toContain('吊销<span class="ga-visually-hidden">“12345 热线平台”的密钥</span></button>');
  });

  it('has the issue form: a labelled name field and its submit', () => {
    const { html } = page();
    expect(html).toMatch(/<form class="ga-form ga-cat-issue" aria-labelledby="ga-issue-title" aria-busy="false" method="post"><h3 id="ga-issue-title">签发新密钥<\/h3>/);
    expect(html).toMatch(/<label class="ga-field"><span>对接系统名称<\/span><input autoComplete="off" required="" maxLength="100" aria-describedby="ga-issue-hint" name="partner-name" value=""\/><\/label>/);
    expect(html).toMatch(/<button type="submit" class="ga-primary" disabled="">签发密钥<\/button>/);
  });

  it("shows a district administrator the server's refusal instead of the keys", () => {
    const refusal = new TRPCClientError('refused', {
      result: {
        error: {
          code: -32603,
          message: 'refused',
          data: { reason: 'PARTNER_KEYS_CITY_ONLY', text: { 'zh-CN': '对接系统的接口密钥须由市级管理员签发和吊销', en: "Partner systems' API keys are issued and revoked by a city administrator" } },
        },
      },
    });
    const { html, missing } = page('zh-CN', refusal);
    expect(missing).toEqual([]);
    expect(html).toContain('<p role="alert" class="ga-form-error">对接系统的接口密钥须由市级管理员签发和吊销</p>');
    expect(html).not.toContain('签发新密钥');
    // The catalogue itself is there to read.
    expect(html).toContain('修改<span class="ga-visually-hidden"> 井盖</span>');
  });

  it('reads the same in English, every message there', () => {
    const { html, missing } = page('en');
    expect(missing).toEqual([]);
    expect([...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1])).toEqual(['Components (2 categories)', 'Events (1 category)']);
    expect(html).toContain('<td class="ga-nowrap">1 day 2 hours</td>');
    expect(html).toContain('Edit<span class="ga-visually-hidden"> Manhole cover</span>');
  });
});

describe('a category row in edit mode', () => {
  it('names every control by the category and the field', () => {
    const { html, missing } = editing(CATEGORIES[0]!);
    expect(missing).toEqual([]);
    expect(html).toMatch(/<select id="[^"]+-department" form="[^"]+-form" class="ga-cat-input" aria-label="井盖 处置部门">/);
    expect(html).toContain('<option value="municipal" selected="">市政</option>');
    expect(html).toMatch(/<input id="[^"]+-accept" form="[^"]+-form" class="ga-cat-input ga-cat-number-input" inputMode="decimal" autoComplete="off" size="4" aria-label="井盖 立案时限" value="30"\/>/);
    expect(html).toMatch(/<select form="[^"]+-form" class="ga-cat-input" aria-label="井盖 立案时限单位"><option value="minute" selected="">分钟<\/option><option value="hour">小时<\/option><option value="day">天<\/option><\/select>/);
    expect(html).toContain('aria-label="井盖 处置时限" value="4"/>');
    expect(html).toContain('<option value="hour" selected="">小时</option>');
    // 1 天 2 小时 is shown as 26 小时, with the total in words below.
    expect(html).toContain('aria-label="井盖 核查时限" value="26"/>');
    expect(html).toContain('<span class="ga-cat-preview">合计 1 天 2 小时</span>');
    expect(html).toContain('aria-label="井盖 工作量权重" value="1"/>');
    expect(html).toContain('<button type="button" role="switch" aria-checked="true" aria-label="井盖 启用" class="ga-cat-switch">');
    expect(html).toMatch(/<form id="[^"]+-form" class="ga-cat-actions" aria-busy="false"><button type="submit" class="ga-primary" aria-describedby="ga-cat-applies">保存<span class="ga-visually-hidden"> 井盖<\/span><\/button><button type="button" class="ga-secondary">取消<span class="ga-visually-hidden"> 井盖<\/span><\/button><\/form>/);
    expect(html).toContain('<div role="alert" class="ga-alert-region"></div>');
    expect(html).toContain('<td colSpan="10">');
  });

  it('reads the same in English', () => {
    const { html, missing } = editing(CATEGORIES[2]!, 'en');
    expect(missing).toEqual([]);
    expect(html).toContain('aria-label="Dispute Accept limit"');
    expect(html).toContain('aria-label="Dispute Accept limit unit"');
  });
});

describe('a newly issued key', () => {
  it('is in a read-only field with its label, the warning read with it, and a copy button', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { html, missing } = render(createElement(IssuedKey, { name: '12345 热线平台', secret: 'ga_secret-key', onDismiss: () => {} }), locale);
      expect(missing).toEqual([]);
      if (locale === 'en') continue;
      expect(html).toContain('<h3 id="ga-issued-title">“12345 热线平台”的新密钥</h3>');
      expect(html).toContain('<p id="ga-issued-warning" class="ga-warning"><strong>密钥只显示这一次');
      expect(html).toMatch(/<label class="ga-field"><span>接口密钥（仅显示一次）<\/span><input readOnly="" class="ga-mono ga-cat-key" autoComplete="off" spellCheck="false" aria-describedby="ga-issued-warning" name="issued-key" value="ga_secret-key"\/><\/label>/);
      expect(html).toContain('<button type="button" class="ga-primary">复制密钥</button>');
      expect(html).toContain('<button type="button" class="ga-secondary">我已妥善保存，关闭</button>');
    }
  });
});
