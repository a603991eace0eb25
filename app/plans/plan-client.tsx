'use client';
/**
 * What the plan pages share on the client: dates in China's time, the refresh after a change, and the
 * failure of a call as the server's text in the user's language (a stale version with a reload hint).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import type { ActorView } from '@/server/auth/policy';

/** Plans' days and moments are China's (the filing's effective day is a day in Asia/Shanghai). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export type Capability = ActorView['capabilities'][number];

export function usePlanFormat() {
  const format = useFormatter();
  return useMemo(
    () => ({
      moment: (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'short', timeStyle: 'short', timeZone: CHINA_TIME_ZONE }) : '—'),
      day: (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone: CHINA_TIME_ZONE }) : '—'),
      number: (n: number) => format.number(n),
      area: (m2: number | null) => (m2 === null ? '—' : `${format.number(m2 / 10_000, { maximumFractionDigits: 2 })} ha`),
    }),
    [format],
  );
}

/**
 * After a change: every plans query (the plan, its diff, comments, the queue, the inbox) and, when the
 * change can move the plan or its grids, the topology report too.
 */
export function usePlanRefresh() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useCallback(
    async (opts: { topology: boolean }) => {
      await Promise.all([
        queryClient.invalidateQueries(trpc.plans.pathFilter()),
        opts.topology ? queryClient.invalidateQueries(trpc.drafts.validate.pathFilter()) : null,
      ]);
    },
    [queryClient, trpc],
  );
}

export interface Failure {
  text: string;
  /** Someone changed the plan since this page loaded it (PLAN_STALE_VERSION): reload and try again. */
  stale: boolean;
}

export function useFailure() {
  const t = useTranslations('review.errors');
  const locale = useLocale();
  return useCallback((err: unknown): Failure => {
    const { code, text } = errorText(err, locale, t('failed'));
    return { text, stale: code === 'PLAN_STALE_VERSION' };
  }, [locale, t]);
}

/** A failure as an alert (the region is always there, so a screen reader announces what appears in it). */
export function FailureAlert({ failure, onReload }: { failure: Failure | null; onReload?: () => void }) {
  const t = useTranslations('review.errors');
  return (
    <div role="alert" className="ga-alert-region">
      {failure && (
        <p className="ga-form-error">
          {failure.text}
          {failure.stale && (
            <>
              {' '}
              {t('staleHint')}{' '}
              {onReload && (
                <button type="button" className="ga-link" onClick={onReload}>
                  {t('reload')}
                </button>
              )}
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** A success line (polite). */
export function DoneStatus({ text }: { text: string | null }) {
  return (
    <div role="status" className="ga-alert-region">
      {text && <p className="ga-form-ok">{text}</p>}
    </div>
  );
}
