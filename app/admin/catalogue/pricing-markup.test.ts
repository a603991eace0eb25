/**
 * The pricing section of the catalogue page as a screen reader meets it, rendered on the server: each
 * field labelled and described, its value from planner.pricing; a district's administrator gets the
 * server's refusal and no form.
 */
import * as React from 'react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import zh from '@/app/i18n/messages/catalogue.zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import type { AppRouter } from '@/server/routers/_app';
import { PricingPanel } from './PricingPanel';

beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const PRICING = { fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyYuan: 4500, partTimeMonthlyYuan: 800 };

function render(answer: typeof PRICING | Error) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  if (answer instanceof Error) {
    queryClient.getQueryCache().build(queryClient, { queryKey: trpc.planner.pricing.queryKey() }).setState({ status: 'error', error: answer, fetchStatus: 'idle' });
  } else queryClient.setQueryData(trpc.planner.pricing.queryKey(), answer);
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale: 'zh-CN',
      messages: { ...rootZh, ...zh },
      timeZone: 'Asia/Shanghai',
      onError: (e: Error) => missing.push(e.message),
      children: createElement(QueryClientProvider, { client: queryClient, children: createElement(TRPCProvider, { trpcClient, queryClient, children: createElement(PricingPanel) }) }),
    }),
  );
  return { html, missing };
}

describe('the grid workers’ subsidy section', () => {
  it('labels and describes every field, holding the pricing in force', () => {
    const { html, missing } = render(PRICING);
    expect(missing).toEqual([]);
    expect(html).toContain('<h2 id="ga-pricing-title" tabindex="-1">网格员补贴标准</h2>');
    expect(html).toContain('<label for="ga-pricing-partTimePerGrid">兼职网格员（人/格）</label>');
    expect(html).toMatch(/id="ga-pricing-partTimePerGrid"[^>]*aria-describedby="ga-pricing-partTimePerGrid-hint"[^>]*value="0.5"/);
    expect(html).toMatch(/id="ga-pricing-fullTimeMonthlyYuan"[^>]*value="4500"/);
    expect(html).toContain('保存补贴标准');
  });

  it("shows a district administrator the server's refusal instead of the form", () => {
    const refusal = new TRPCClientError('refused', {
      result: { error: { code: -32603, message: 'refused', data: { reason: 'PRICING_CITY_ONLY', text: { 'zh-CN': '补贴标准须由市级管理员设置', en: 'Only an administrator of the city sets the pricing' } } } },
    });
    const { html, missing } = render(refusal);
    expect(missing).toEqual([]);
    expect(html).toContain('<p role="alert" class="ga-form-error">补贴标准须由市级管理员设置</p>');
    expect(html).not.toContain('保存补贴标准');
  });
});
