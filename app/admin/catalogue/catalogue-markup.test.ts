/**
 * The catalogue page as a screen reader meets it, rendered on the server (no browser here) with the
 * server's answers already in the query cache: the tables with their captions and headers, each row's
 * edit button, a row in edit mode with every control named by its category and field, the partner keys
 * and the department keys with their revoke buttons, the issue forms (the collections and their
 * restricted fields as labelled checkbox groups), the once-shown key with how to send it, and a key's
 * recent requests; in both languages, no message missing.
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
import type { DepartmentKeyRow, KeyUse } from '@/server/ogc/department-keys';
import type { AppRouter } from '@/server/routers/_app';
import { CatalogueApp } from './CatalogueApp';
import { CategoryEditRow } from './CategoryEditRow';
import { CollectionChoice } from './CollectionChoice';
import { EMPTY_DEPARTMENT_KEY } from './department-key-draft';
import { IssuedKey } from './IssuedKey';
import { KeyUsage } from './IssueDepartmentKey';
import { KeyUses, USES_SHOWN } from './KeyUses';

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

const DEPARTMENT_KEYS: DepartmentKeyRow[] = [
  {
    id: 1,
    name: '区城管执法系统',
    departmentCode: 'municipal',
    prefix: 'ga_dep01',
    collections: ['grids', 'addresses'],
    fields: ['addresses.households', 'addresses.residents'],
    createdAt: new Date('2025-04-01T02:00:00Z'),
    revokedAt: null,
    lastUsedAt: new Date('2025-04-02T03:00:00Z'),
    requestCount: 56,
  },
  {
    id: 2,
    name: '调解系统',
    departmentCode: 'justice',
    prefix: 'ga_dep02',
    collections: ['incidents'],
    fields: ['incidents.description'],
    createdAt: new Date('2025-01-01T02:00:00Z'),
    revokedAt: new Date('2025-02-01T02:00:00Z'),
    lastUsedAt: null,
    requestCount: 0,
  },
];
const RESTRICTED = [
  { collection: 'districts', fields: [] },
  { collection: 'streets', fields: [] },
  { collection: 'communities', fields: [] },
  { collection: 'grids', fields: [] },
  { collection: 'addresses', fields: ['households', 'residents'] },
  { collection: 'key-sites', fields: ['risk_level'] },
  { collection: 'incidents', fields: ['description', 'address_text'] },
];
const USES: KeyUse[] = [
  { at: new Date('2025-04-02T03:00:00Z'), request: 'GET /ogc/collections/addresses/items?limit=100', status: 200 },
  { at: new Date('2025-04-02T02:59:00Z'), request: 'GET /ogc/collections/nowhere/items', status: 404 },
];

type Locale = 'zh-CN' | 'en';

/** The server's answers the page finds in the cache: rows, or a refusal. */
interface Answers {
  partnerKeys?: PartnerKeyRow[] | Error;
  departmentKeys?: DepartmentKeyRow[] | Error;
  uses?: KeyUse[];
}

function render(element: ReactNode, locale: Locale = 'zh-CN', answers: Answers = {}) {
  // retryOnMount off: a refusal in the cache is shown as it is, not fetched again on the server.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  // Nothing is called: every answer is in the cache already.
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const seed = (queryKey: readonly unknown[], answer: unknown) => {
    if (answer instanceof Error) queryClient.getQueryCache().build(queryClient, { queryKey }).setState({ status: 'error', error: answer, fetchStatus: 'idle' });
    else queryClient.setQueryData(queryKey, answer);
  };
  seed(trpc.incidents.categories.queryKey(), { categories: CATEGORIES, departments: DEPARTMENTS });
  seed(trpc.incidents.partnerKeys.queryKey(), answers.partnerKeys ?? KEYS);
  seed(trpc.opendata.departmentKeys.queryKey(), answers.departmentKeys ?? DEPARTMENT_KEYS);
  seed(trpc.opendata.restrictedFields.queryKey(), RESTRICTED);
  seed(trpc.opendata.departmentKeyUses.queryKey({ id: 1, limit: USES_SHOWN }), answers.uses ?? USES);
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

const page = (locale: Locale = 'zh-CN', answers?: Answers) => render(createElement(CatalogueApp), locale, answers);
const editing = (c: Category, locale: Locale = 'zh-CN') =>
  render(createElement('table', null, createElement('tbody', null, createElement(CategoryEditRow, { category: c, departments: DEPARTMENTS, onEnd: () => {} }))), locale);
/** The markup of the page's section headed by the element with that id (its own sections have none). */
const section = (html: string, titleId: string) => {
  const start = html.lastIndexOf('<section', html.indexOf(`aria-labelledby="${titleId}"`));
  return html.slice(start, html.indexOf('</section>', start));
};
const refusal = (reason: string, zhText: string, enText: string) =>
  new TRPCClientError('refused', { result: { error: { code: -32603, message: 'refused', data: { reason, text: { 'zh-CN': zhText, en: enText } } } } });

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

  it.each([
    { panel: 'ga-keys-title', caption: '已签发的接口密钥', live: '12345 热线平台', prefix: 'ga_demo1', requests: '1,234' },
    { panel: 'ga-dkeys-title', caption: '已签发的部门数据密钥', live: '区城管执法系统', prefix: 'ga_dep01', requests: '56' },
  ])('lists the keys of $panel, revoked ones marked, a revoke button on the live ones only', (p) => {
    const html = section(page().html, p.panel);
    expect(html).toContain(`<caption class="ga-visually-hidden">${p.caption}</caption>`);
    expect(html).toContain(`<th scope="row" class="ga-break">${p.live}</th>`);
    expect(html).toContain(`<td class="ga-mono">${p.prefix}…</td>`);
    expect(html).toContain(`<td class="ga-cat-number">${p.requests}</td>`);
    expect(html.match(/<span class="ga-badge ga-badge-bad">已吊销<\/span>/g)).toHaveLength(1);
    expect(html).toContain('<span class="ga-muted">从未使用</span>');
    expect(html.match(/>吊销<span class="ga-visually-hidden">/g)).toHaveLength(1);
    expect(html).toContain(`吊销<span class="ga-visually-hidden">“${p.live}”的密钥</span></button>`);
  });

  it('has the issue form: a labelled name field and its submit', () => {
    const html = section(page().html, 'ga-keys-title');
    expect(html).toMatch(/<form class="ga-form ga-cat-issue" aria-labelledby="ga-issue-title" aria-busy="false" method="post"><h3 id="ga-issue-title">签发新密钥<\/h3>/);
    expect(html).toMatch(/<label class="ga-field"><span>对接系统名称<\/span><input autoComplete="off" required="" maxLength="100" aria-describedby="ga-issue-hint" name="key-name" value=""\/><\/label>/);
    expect(html).toMatch(/<button type="submit" class="ga-primary" disabled="">签发密钥<\/button>/);
  });

  it("shows a district administrator the server's refusal instead of the keys", () => {
    const { html, missing } = page('zh-CN', {
      partnerKeys: refusal('PARTNER_KEYS_CITY_ONLY', '对接系统的接口密钥须由市级管理员签发和吊销', "Partner systems' API keys are issued and revoked by a city administrator"),
      departmentKeys: refusal('KEYS_CITY_ONLY', '部门数据密钥须由市级管理员签发和吊销', "Departments' data keys are issued and revoked by a city administrator"),
    });
    expect(missing).toEqual([]);
    expect(html).toContain('<p role="alert" class="ga-form-error">对接系统的接口密钥须由市级管理员签发和吊销</p>');
    expect(html).toContain('<p role="alert" class="ga-form-error">部门数据密钥须由市级管理员签发和吊销</p>');
    expect(html).not.toContain('签发新密钥');
    expect(html).not.toContain('签发部门数据密钥');
    // The catalogue itself is there to read.
    expect(html).toContain('修改<span class="ga-visually-hidden"> 井盖</span>');
  });

  it("lists each department key's department, collections and fields, and a recent-requests button", () => {
    const { html: whole, missing } = page();
    expect(missing).toEqual([]);
    const html = section(whole, 'ga-dkeys-title');
    expect(html).toContain('<h2 id="ga-dkeys-title" tabindex="-1">部门数据密钥</h2>');
    expect([...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['系统名称', '部门', '开放的数据集与受限字段', '密钥开头', '签发时间', '最近使用', '调用次数', '状态']);
    expect(html).toContain('<th scope="row" class="ga-break">区城管执法系统</th><td>市政<span class="ga-table-sub ga-mono">municipal</span></td>');
    expect(html).toContain(
      '<ul class="ga-plain-list"><li>网格<span class="ga-table-sub">仅公开字段</span></li><li>标准地址<span class="ga-table-sub">户数、人口</span></li></ul>',
    );
    expect(html).toContain('<li>事件<span class="ga-table-sub">描述</span></li>');
    expect(html).toContain('<tr data-key-id="2" class="ga-cat-retired">');
    // The history stays readable once a key is revoked.
    for (const name of ['区城管执法系统', '调解系统']) {
      expect(html).toContain(`<button type="button" class="ga-secondary" aria-expanded="false">最近请求<span class="ga-visually-hidden">：“${name}”</span></button>`);
    }
  });

  it('has the department key form: name, department, the collections as a checkbox group, its submit', () => {
    const html = section(page().html, 'ga-dkeys-title');
    expect(html).toContain('<form class="ga-form ga-cat-issue" aria-labelledby="ga-dkey-issue-title" aria-busy="false" method="post"><h3 id="ga-dkey-issue-title">签发部门数据密钥</h3>');
    expect(html).toContain('<label class="ga-field"><span>系统名称</span><input autoComplete="off" required="" maxLength="100" aria-describedby="ga-dkey-issue-hint" name="key-name" value=""/></label>');
    expect(html).toContain(
      '<div class="ga-field"><label for="ga-dkey-issue-department">部门</label><select id="ga-dkey-issue-department" name="department" required=""><option value="" selected="">请选择部门</option><option value="municipal">市政</option><option value="justice">司法所（人民调解）</option></select></div>',
    );
    expect(html).toContain('<fieldset class="ga-dkey-collections" aria-describedby="ga-dkey-issue-collections-hint"><legend>开放的数据集</legend>');
    expect(html.match(/<input type="checkbox" name="collections"/g)).toHaveLength(RESTRICTED.length);
    expect(html).toContain('<label class="ga-check"><input type="checkbox" name="collections" value="key-sites"/><span>重点场所 <span class="ga-mono ga-muted">key-sites</span></span></label>');
    // No collection chosen yet: no field offered.
    expect(html).not.toContain('name="fields"');
    expect(html).toMatch(/<button type="submit" class="ga-primary" disabled="">签发密钥<\/button><\/p><\/form>/);
  });

  it('reads the same in English, every message there', () => {
    const { html, missing } = page('en');
    expect(missing).toEqual([]);
    expect([...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1])).toEqual(['Components (2 categories)', 'Events (1 category)']);
    expect(html).toContain('<td class="ga-nowrap">1 day 2 hours</td>');
    expect(html).toContain('Edit<span class="ga-visually-hidden"> Manhole cover</span>');
    expect(html).toContain('<li>Standard addresses<span class="ga-table-sub">households, residents</span></li>');
    expect(html).toContain('Recent requests<span class="ga-visually-hidden">: “区城管执法系统”</span>');
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
      const warning = (locale === 'en' ? en : zh).catalogue.keys.issuedWarning;
      const { html, missing } = render(createElement(IssuedKey, { id: 'ga-issue-key', name: '12345 热线平台', secret: 'ga_secret-key', warning, onDismiss: () => {} }), locale);
      expect(missing).toEqual([]);
      if (locale === 'en') continue;
      expect(html).toContain('<section class="ga-cat-issued" aria-labelledby="ga-issue-key-title"><h3 id="ga-issue-key-title">“12345 热线平台”的新密钥</h3>');
      expect(html).toContain('<p id="ga-issue-key-warning" class="ga-warning"><strong>密钥只显示这一次');
      expect(html).toMatch(/<label class="ga-field"><span>接口密钥（仅显示一次）<\/span><input readOnly="" class="ga-mono ga-cat-key" autoComplete="off" spellCheck="false" aria-describedby="ga-issue-key-warning" name="issued-key" value="ga_secret-key"\/><\/label>/);
      expect(html).toContain('<button type="button" class="ga-primary">复制密钥</button>');
      expect(html).toContain('<button type="button" class="ga-secondary">我已妥善保存，关闭</button>');
    }
  });

  it("says, for a department's, how to send it: the header on /ogc requests, GDAL's option", () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const messages = locale === 'en' ? en : zh;
      const { html, missing } = render(
        createElement(IssuedKey, {
          id: 'ga-dkey-issue-key',
          name: '区城管执法系统',
          secret: 'ga_secret-key',
          warning: messages.catalogue.departmentKeys.issuedWarning,
          onDismiss: () => {},
          children: createElement(KeyUsage, { secret: 'ga_secret-key' }),
        }),
        locale,
      );
      expect(missing).toEqual([]);
      expect(html).toContain('<pre class="ga-mono"><code>X-GridAtlas-Key: ga_secret-key</code></pre>');
      expect(html).toContain('<pre class="ga-mono"><code>--config GDAL_HTTP_HEADERS &quot;X-GridAtlas-Key: ga_secret-key&quot;</code></pre>');
      if (locale === 'en') continue;
      expect(html).toContain('<strong>密钥只显示这一次：请立即复制，并通过安全渠道交给该部门系统的负责人。');
      expect(html).toContain('<p>使用方法：在发往本平台 /ogc 的每个请求中加上 HTTP 请求头：</p>');
      // The usage comes before the buttons, inside the once-shown box.
      expect(html.indexOf('GDAL_HTTP_HEADERS')).toBeLessThan(html.indexOf('复制密钥'));
    }
  });
});

describe("a department key's issue form, collections chosen", () => {
  const choice = (draft = EMPTY_DEPARTMENT_KEY, problem: 'COLLECTION_REQUIRED' | null = null) =>
    render(createElement(CollectionChoice, { id: 'ga-dkey-issue-collections', draft, problem, onChange: () => {} }));

  it("offers under each chosen collection its restricted fields, a group with its legend", () => {
    const { html, missing } = choice({ departmentCode: 'municipal', collections: ['districts', 'addresses'], fields: ['addresses.households'] });
    expect(missing).toEqual([]);
    expect(html).toContain('<input type="checkbox" name="collections" checked="" value="addresses"/>');
    expect(html).toContain(
      '<fieldset class="ga-dkey-fields"><legend>“标准地址”中可读取的受限字段</legend>' +
        '<label class="ga-check"><input type="checkbox" name="fields" checked="" value="addresses.households"/><span>户数 <span class="ga-mono ga-muted">households</span></span></label>' +
        '<label class="ga-check"><input type="checkbox" name="fields" value="addresses.residents"/><span>人口 <span class="ga-mono ga-muted">residents</span></span></label></fieldset>',
    );
    expect(html).toContain('<p class="ga-field-hint ga-dkey-fields">此数据集没有受限字段，所有字段均已公开。</p>');
    // Collections not chosen offer no field.
    expect(html).not.toContain('value="incidents.description"');
  });

  it('marks the collections when none is chosen', () => {
    const { html } = choice(EMPTY_DEPARTMENT_KEY, 'COLLECTION_REQUIRED');
    expect(html.match(/<input type="checkbox" aria-invalid="true" name="collections"/g)).toHaveLength(RESTRICTED.length);
  });
});

describe("a department key's recent requests", () => {
  const uses = (answers: Answers, locale: Locale = 'zh-CN') =>
    render(createElement(KeyUses, { id: 'ga-dkeys-1-uses', departmentKey: DEPARTMENT_KEYS[0]! }), locale, answers);

  it('lists each with its time, the request and its status', () => {
    const { html, missing } = uses({});
    expect(missing).toEqual([]);
    expect(html).toContain('<div id="ga-dkeys-1-uses" class="ga-dkey-uses"><table class="ga-table"><caption>“区城管执法系统”的最近 2 次请求（最新在前）</caption>');
    expect([...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['时间', '请求', '状态码']);
    expect(html).toContain('<td class="ga-mono ga-break">GET /ogc/collections/addresses/items?limit=100</td><td><span class="ga-badge ga-badge-ok">200</span></td>');
    expect(html).toContain('<span class="ga-badge ga-badge-bad">404</span>');
  });

  it('says so when the key has not been used', () => {
    const { html } = uses({ uses: [] });
    expect(html).toContain('<p class="ga-muted">“区城管执法系统”尚无请求记录。</p>');
    expect(html).not.toContain('<table');
  });

  it('reads the same in English', () => {
    const { html, missing } = uses({}, 'en');
    expect(missing).toEqual([]);
    expect(html).toContain('<caption>The 2 latest requests of “区城管执法系统”, newest first</caption>');
  });
});
