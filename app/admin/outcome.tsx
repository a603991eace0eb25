'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';

/** The query key of the security log's pages (admin.securityLog read page by page, see SecurityLog). */
export const SECURITY_LOG_KEY = ['admin', 'securityLog'] as const;

/**
 * After any change to a user: the list again (versions, status) and the security log (the change is in
 * it). Also after a refusal, so a stale version is replaced by the current one for the next try.
 */
export function useRefreshAdmin() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.admin.users.queryFilter()),
      queryClient.invalidateQueries({ queryKey: SECURITY_LOG_KEY }),
    ]);
  }, [queryClient, trpc]);
}

/** A failed call's message in the user's language (the server's, else a generic line). */
export function useErrorText() {
  const t = useTranslations('admin');
  const locale = useLocale();
  return useCallback((err: unknown) => errorText(err, locale, t('failed')).text, [locale, t]);
}

/** Where a form says how its last action went: errors as an alert, success as a status line. */
export function Outcome({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      <div role="alert" className="ga-alert-region">
        {error && <p className="ga-form-error">{error}</p>}
      </div>
      <div role="status" className="ga-alert-region">
        {!error && done && <p className="ga-form-ok">{done}</p>}
      </div>
    </>
  );
}
