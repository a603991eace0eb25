/**
 * Who is offered the page in the user menu: exactly those the page admits. The menu reads the
 * capabilities of the viewer the server reports (actorView), so a capability missing from that report
 * would hide the link from everyone allowed in.
 */
import * as React from 'react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserMenu } from '@/app/UserMenu';
import { TRPCProvider } from '@/app/trpc/client';
import type { Actor } from '@/server/auth/actor';
import { actorView, scopeOf } from '@/server/auth/policy';
import { ROLES, type Role } from '@/server/auth/roles';
import type { AppRouter } from '@/server/routers/_app';

beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

const messages = async () => {
  const names = ['zh-CN', 'review.zh-CN', 'workflow.zh-CN', 'incidents.zh-CN', 'command.zh-CN', 'assessment.zh-CN', 'catalogue.zh-CN', 'planner.zh-CN', 'baseData.zh-CN'];
  const files = await Promise.all(names.map((n) => import(`../i18n/messages/${n}.json`)));
  return Object.assign({}, ...files.map((f: { default: object }) => f.default)) as Record<string, unknown>;
};

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

describe('the link to the base data page', () => {
  it.each(ROLES)('is in the menu of a %s exactly when the page admits them', async (role) => {
    const actor = actorWith(role);
    const admitted = scopeOf(actor, 'address_import') !== null;
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
    const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: 'zh-CN',
        messages: await messages(),
        timeZone: 'Asia/Shanghai',
        children: createElement(QueryClientProvider, {
          client: queryClient,
          children: createElement(TRPCProvider, { trpcClient, queryClient, children: createElement(UserMenu, { viewer: actorView(actor) }) }),
        }),
      }),
    );
    expect(html.includes('<a class="ga-user-link" href="/base-data">基础数据</a>'), role).toBe(admitted);
    expect(admitted).toBe(role === 'street_editor' || role === 'administrator');
  });
});
