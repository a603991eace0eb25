import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from './locales';

// The locale comes from the user's switch (a cookie), else zh-CN: staff expect Chinese first.
// Messages are split by area (the plan review pages and the workflow's pieces in the editor, map and
// inbox have their own files); each file holds its own top-level namespaces.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  const files = await Promise.all([
    import(`./messages/${locale}.json`),
    import(`./messages/review.${locale}.json`),
    import(`./messages/workflow.${locale}.json`),
    import(`./messages/incidents.${locale}.json`),
    import(`./messages/command.${locale}.json`),
    import(`./messages/assessment.${locale}.json`),
    import(`./messages/catalogue.${locale}.json`),
    import(`./messages/planner.${locale}.json`),
    import(`./messages/baseData.${locale}.json`),
    import(`./messages/staffing.${locale}.json`),
    import(`./messages/academy.${locale}.json`),
  ]);
  return { locale, messages: Object.assign({}, ...files.map((f) => f.default)), timeZone: 'Asia/Shanghai' };
});
