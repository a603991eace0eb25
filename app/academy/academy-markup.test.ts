/**
 * The academy page as a screen reader meets it, rendered on the server with its data in the query cache:
 * the figures table with its caption and row headers, the syllabus marking required courses in words,
 * the sessions with open buttons named with the session, the forms only for those who manage; the
 * messages complete in both languages; the menu's link exactly for those the page admits.
 */
import * as React from 'react';
import { createElement } from 'react';
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMessagePair, checkMessagesFormat } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/academy.en.json';
import zh from '@/app/i18n/messages/academy.zh-CN.json';
import rootEn from '@/app/i18n/messages/en.json';
import rootZh from '@/app/i18n/messages/zh-CN.json';
import { TRPCProvider } from '@/app/trpc/client';
import { UserMenu } from '@/app/UserMenu';
import type { Actor } from '@/server/auth/actor';
import { actorView, scopeOf } from '@/server/auth/policy';
import { ROLES, type Role } from '@/server/auth/roles';
import type { AppRouter } from '@/server/routers/_app';
import { AcademyApp } from './AcademyApp';

beforeAll(() => {
  (globalThis as { React?: typeof React }).React = React;
});

type Locale = 'zh-CN' | 'en';
const COURSES = [
  { id: 1, code: 'GW-101', name: { 'zh-CN': '网格员职责与工作规范', en: 'Duties and standards of grid work' }, hours: 4, passMark: 60, required: true, syllabus: '十项职责', sessions: 1 },
  { id: 2, code: 'GW-201', name: { 'zh-CN': '心理疏导', en: 'Counselling' }, hours: 2, passMark: 60, required: false, syllabus: '', sessions: 0 },
];
const SESSIONS = [
  {
    id: 7, course: { id: 1, code: 'GW-101', name: COURSES[0]!.name }, areaCode: '320102', areaName: '玄武区', startsAt: new Date('2026-10-20T01:00:00Z'),
    endsAt: new Date('2026-10-20T05:00:00Z'), hours: 4, place: '玄武区社会治理服务中心培训室', online: false, teacher: '周建国', capacity: 40, enrolled: 12,
  },
];
const FIGURES = [
  { district: { code: '320102', name: '玄武区' }, activeWorkers: 200, trainedWorkers: 120, trainedShare: 0.6, trainingHours: 2400, examsTaken: 900, examsPassed: 810, passRate: 0.9 },
  { district: { code: '320104', name: '秦淮区' }, activeWorkers: 0, trainedWorkers: 0, trainedShare: null, trainingHours: 0, examsTaken: 0, examsPassed: 0, passRate: null },
];

function render(element: React.ReactNode, locale: Locale = 'zh-CN') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, retryOnMount: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => () => {})] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.academy.courses.queryKey({}), COURSES);
  queryClient.setQueryData(trpc.academy.sessions.queryKey({}), SESSIONS);
  queryClient.setQueryData(trpc.academy.figures.queryKey({}), FIGURES);
  queryClient.setQueryData(trpc.academy.streets.queryKey(), [{ id: 8, code: '320102008', name: '红山街道', districtName: '玄武区' }]);
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

describe('the academy page messages', () => {
  checkMessagePair(zh, en, 'academy');
  checkMessagesFormat(zh, en);
  it('are loaded with the other message files', () => {
    const request = readFileSync(new URL('../i18n/request.ts', import.meta.url), 'utf8');
    expect(request).toContain('import(`./messages/academy.${locale}.json`)');
  });
});

describe('the academy page', () => {
  it.each(['zh-CN', 'en'] as const)('renders whole with every message present (%s)', (locale) => {
    expect(render(createElement(AcademyApp, { manages: true, managesSyllabus: true }), locale).missing).toEqual([]);
    expect(render(createElement(AcademyApp, { manages: false, managesSyllabus: false }), locale).missing).toEqual([]);
  });

  it('shows the figures with a caption and row headers, no figure as a dash', () => {
    const { html } = render(createElement(AcademyApp, { manages: false, managesSyllabus: false }));
    expect(html).toContain('<h1>网格学院</h1>');
    expect(html).toContain('<caption>各区培训情况：已培训占比、培训学时、考试通过率</caption>');
    expect(html).toMatch(/<th scope="row">玄武区<\/th><td class="ac-number">200<\/td><td class="ac-number">120<\/td><td class="ac-number">60%<\/td><td class="ac-number">2,400<\/td><td class="ac-number">900<\/td><td class="ac-number">90%<\/td>/);
    expect(html).toMatch(/<th scope="row">秦淮区<\/th>.*<td class="ac-number">—<\/td>/);
  });

  it('marks required courses in words and names each open button with its session', () => {
    const { html } = render(createElement(AcademyApp, { manages: false, managesSyllabus: false }));
    expect(html).toMatch(/<th scope="row">网格员职责与工作规范<\/th><td><strong>必修<\/strong><\/td>/);
    expect(html).toMatch(/<th scope="row">心理疏导<\/th><td>选修<\/td>/);
    expect(html).toMatch(/查看班次<span class="ga-visually-hidden">：GW-101 /);
  });

  it('offers the forms only to those who manage, the course form only to the city', () => {
    const reader = render(createElement(AcademyApp, { manages: false, managesSyllabus: false })).html;
    expect(reader).not.toContain('开设班次</h3>');
    expect(reader).not.toContain('新增课程</h3>');
    const district = render(createElement(AcademyApp, { manages: true, managesSyllabus: false })).html;
    expect(district).toContain('开设班次</h3>');
    expect(district).not.toContain('新增课程</h3>');
    const city = render(createElement(AcademyApp, { manages: true, managesSyllabus: true })).html;
    expect(city).toContain('新增课程</h3>');
    expect(city).toMatch(/<label class="ga-field" for="[^"]+">课程名称（中文）<input/);
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

describe('the link to the academy page', () => {
  it.each(ROLES)('is in the menu of a %s exactly when the page admits them', (role) => {
    const actor = actorWith(role);
    const admitted = scopeOf(actor, 'academy') !== null;
    const { html } = render(createElement(UserMenu, { viewer: actorView(actor) }));
    expect(html.includes('<a class="ga-user-link" href="/academy">网格学院</a>'), role).toBe(admitted);
    expect(admitted).toBe(['street_editor', 'district_reviewer', 'administrator'].includes(role));
  });
});
