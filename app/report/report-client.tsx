'use client';
/**
 * What the incident pages share on the client: moments in China's time, a failed call as the server's
 * text in the user's language, the catalogue query, and the alert and status regions (always in the page,
 * so that what appears in them is announced).
 */
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';

export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export function useIncidentFormat() {
  const format = useFormatter();
  const locale = useLocale();
  return useMemo(
    () => ({
      moment: (d: Date | string | null) => (d ? format.dateTime(new Date(d), { dateStyle: 'short', timeStyle: 'short', timeZone: CHINA_TIME_ZONE }) : '—'),
      time: (d: Date | number) => format.dateTime(new Date(d), { timeStyle: 'medium', timeZone: CHINA_TIME_ZONE }),
      text: (t: LocalizedText) => textIn(t, locale),
    }),
    [format, locale],
  );
}

export interface Failure {
  code: string | null;
  text: string;
}

/** A failed call's text: the server's own in the user's language, else a generic line. */
export function useFailureText() {
  const t = useTranslations('incidents.errors');
  const locale = useLocale();
  return useCallback((err: unknown): Failure => errorText(err, locale, t('failed')), [locale, t]);
}

/** The catalogue (categories by class, departments): it changes rarely, so it is kept a while. */
export function useCategories() {
  const trpc = useTRPC();
  return useQuery(trpc.incidents.categories.queryOptions(undefined, { staleTime: 5 * 60_000 }));
}

export function AlertRegion({ text, id }: { text: string | null; id?: string }) {
  return (
    <div role="alert" className="ga-alert-region" id={id}>
      {text && <p className="ga-form-error">{text}</p>}
    </div>
  );
}

export function StatusRegion({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite" className="ga-alert-region">
      {text && <p className="ga-form-ok">{text}</p>}
    </div>
  );
}
