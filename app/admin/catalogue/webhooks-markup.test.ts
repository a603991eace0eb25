/**
 * The change feed's panel as a screen reader meets it, rendered on the server with the server's answers
 * in the query cache: the subscriptions' table with its headers, named buttons per row, a delivery log
 * with each attempt, and the form with its labelled fields and events (those the key does not open
 * disabled, saying why); the checks the form makes before sending; in both languages, no message missing.
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
import rootEn from '@/app/i18n/messages/en.json';
import en from '@/app/i18n/messages/catalogue.en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import zh from '@/app/i18n/messages/catalogue.zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import type { DepartmentKeyRow } from '@/server/ogc/department-keys';
import type { AppRouter } from '@/server/routers/_app';
import type { DeliveryRow, WebhookSubscriptionRow } from '@/server/webhooks/subscriptions';
import { checkWebhook, EMPTY_WEBHOOK, withEvent, withKey } from './webhook-draft';
import { DELIVERIES_SHOWN, WebhookDeliveries, WebhookSubscriptions } from './WebhookSubscriptions';

beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const KEYS: DepartmentKeyRow[] = [
  {
    id: 1, name: '区城管执法系统', departmentCode: 'municipal', prefix: 'ga_dep01', collections: ['incidents'], fields: [],
    createdAt: new Date('2025-04-01T02:00:00Z'), revokedAt: null, lastUsedAt: null, requestCount: 0,
  },
];
const SUBSCRIPTIONS: WebhookSubscriptionRow[] = [
  {
    id: 7, departmentKeyId: 1, keyName: '区城管执法系统', keyRevokedAt: null, url: 'https://zhifa.example.gov.cn/hook', events: ['incident.state_changed'],
    secretPrefix: 'whsec_abcd', createdAt: new Date('2025-04-01T02:00:00Z'), disabledAt: null,
    counts: { pending: 1, delivered: 12, dead: 0, cancelled: 0 },
    last: { status: 'pending', at: new Date('2025-04-02T03:00:00Z'), statusCode: 500, error: 'HTTP 500' },
  },
  {
    id: 8, departmentKeyId: 1, keyName: '旧接收端', keyRevokedAt: null, url: 'http://10.0.0.8/hook', events: ['incident.state_changed'],
    secretPrefix: 'whsec_efgh', createdAt: new Date('2025-01-01T02:00:00Z'), disabledAt: new Date('2025-02-01T02:00:00Z'),
    counts: { pending: 0, delivered: 0, dead: 0, cancelled: 2 }, last: null,
  },
];
const DELIVERIES: DeliveryRow[] = [
  {
    id: 41, event: 'incident.state_changed', occurredAt: new Date('2025-04-02T03:00:00Z'), status: 'pending', attempts: 1,
    nextAttemptAt: new Date('2025-04-02T03:00:30Z'), deliveredAt: null,
    log: [{ at: new Date('2025-04-02T03:00:00Z'), durationMs: 5003, statusCode: null, error: 'no answer within 5000 ms' }],
  },
];

type Locale = 'zh-CN' | 'en';

function render(element: ReactNode, locale: Locale = 'zh-CN') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.opendata.webhookSubscriptions.queryKey(), SUBSCRIPTIONS);
  queryClient.setQueryData(trpc.opendata.departmentKeys.queryKey(), KEYS);
  queryClient.setQueryData(trpc.opendata.webhookDeliveries.queryKey({ id: 7, limit: DELIVERIES_SHOWN }), DELIVERIES);
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === 'en' ? { ...rootEn, ...en } : { ...rootZh, ...zh },
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

describe('the change feed panel', () => {
  it('lists the subscriptions with their headers, outcomes and named buttons', () => {
    const { html, missing } = render(createElement(WebhookSubscriptions));
    expect(missing).toEqual([]);
    expect(html).toContain('<section class="ga-card ga-card-wide" aria-labelledby="ga-hooks-title"><h2 id="ga-hooks-title" tabindex="-1">变更推送（Webhook）</h2>');
    expect(html).toContain('<caption class="ga-visually-hidden">推送订阅</caption>');
    expect([...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['系统（部门密钥）', '接收地址', '事件', '投递情况', '最近投递', '状态']);
    expect(html).toContain('<td class="ga-mono ga-break">https://zhifa.example.gov.cn/hook</td>');
    expect(html).toContain('<td class="ga-nowrap">成功 12 · 待发 1 · 失败 0</td>');
    expect(html).toContain('<span class="ga-badge ga-badge-warn">待重试</span>');
    expect(html).toContain('发送测试事件<span class="ga-visually-hidden">：“区城管执法系统”</span></button>');
    expect(html).toContain('<button type="button" class="ga-secondary" aria-expanded="false">投递记录<span class="ga-visually-hidden">：“区城管执法系统”</span></button>');
    expect(html).toContain('停用<span class="ga-visually-hidden">“区城管执法系统”的推送订阅</span></button>');
    // A disabled subscription keeps its log, loses its actions.
    expect(html).toContain('<tr data-subscription-id="8" class="ga-cat-retired">');
    expect(html.match(/>停用<span/g)).toHaveLength(1);
    // The live-status regions the actions speak through.
    expect(html).toContain('<div role="status" class="ga-alert-region"></div>');
  });

  it('has the form: the key, the URL and the events as a group, the one the key does not open disabled', () => {
    const { html } = render(createElement(WebhookSubscriptions));
    expect(html).toContain('<label for="ga-hook-new-key">部门密钥</label>');
    expect(html).toContain('<option value="1">区城管执法系统（ga_dep01…）</option>');
    expect(html).toMatch(/<label class="ga-field"><span>接收地址（URL）<\/span><input type="url" inputMode="url"[^>]*aria-describedby="ga-hook-new-url-hint"/);
    expect(html).toContain('<legend>推送的事件</legend>');
    // No key chosen yet: no event can be chosen.
    expect(html.match(/<input type="checkbox" disabled="" name="events"/g)).toHaveLength(2);
    expect(html).toContain('（需开放“网格”数据集）');
  });

  it('shows a delivery log with each attempt', () => {
    const { html, missing } = render(createElement(WebhookDeliveries, { id: 'ga-hooks-7-deliveries', subscription: SUBSCRIPTIONS[0]! }));
    expect(missing).toEqual([]);
    expect(html).toContain('<caption>“区城管执法系统”的最近 1 次投递（最新在前）</caption>');
    expect(html).toContain('无响应，5,003 毫秒');
    expect(html).toContain('<span class="ga-table-sub">no answer within 5000 ms</span>');
  });

  it('reads the same in English, every message there', () => {
    const page = render(createElement(WebhookSubscriptions), 'en');
    expect(page.missing).toEqual([]);
    expect(page.html).toContain('Change feed (webhooks)');
    expect(page.html).toContain('12 delivered · 1 pending · 0 failed');
    const log = render(createElement(WebhookDeliveries, { id: 'x', subscription: SUBSCRIPTIONS[0]! }), 'en');
    expect(log.missing).toEqual([]);
    expect(log.html).toContain('The 1 latest deliveries to “区城管执法系统”, newest first');
  });
});

describe('the form checks before sending', () => {
  it('asks for a key, a URL by the rule, and events the key opens', () => {
    expect(checkWebhook(EMPTY_WEBHOOK)).toEqual({ valid: false, reason: 'WEBHOOK_KEY_REQUIRED' });
    const keyed = withKey(EMPTY_WEBHOOK, 1, ['incidents']);
    expect(checkWebhook({ ...keyed, url: 'ftp://x.cn' })).toEqual({ valid: false, reason: 'WEBHOOK_URL_SCHEME' });
    expect(checkWebhook({ ...keyed, url: 'https://u:p@x.cn/' })).toEqual({ valid: false, reason: 'WEBHOOK_URL_CREDENTIALS' });
    expect(checkWebhook({ ...keyed, url: 'https://x.cn/hook' })).toEqual({ valid: false, reason: 'WEBHOOK_EVENTS_REQUIRED' });
    const chosen = withEvent({ ...keyed, url: ' https://x.cn/hook ' }, 'incident.state_changed', true);
    expect(checkWebhook(chosen)).toEqual({ valid: true, value: { departmentKeyId: 1, url: 'https://x.cn/hook', events: ['incident.state_changed'] } });
    // Another key, which does not open incidents: the event is dropped.
    expect(withKey(chosen, 2, ['grids']).events).toEqual([]);
  });

  it('has a message for every problem in both languages', () => {
    for (const r of ['WEBHOOK_KEY_REQUIRED', 'WEBHOOK_EVENTS_REQUIRED', 'WEBHOOK_URL_REQUIRED', 'WEBHOOK_URL_TOO_LONG', 'WEBHOOK_URL_INVALID', 'WEBHOOK_URL_SCHEME', 'WEBHOOK_URL_CREDENTIALS'] as const) {
      expect(zh.catalogue.webhooks.problems[r], r).toMatch(/[\u4e00-\u9fff]/);
      expect(en.catalogue.webhooks.problems[r], r).toBeTruthy();
    }
  });
});
