'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPCClient } from '@/app/trpc/client';
import { SECURITY_ACTIONS, type SecurityAction } from '@/server/auth/security-log';
import { SECURITY_LOG_KEY, useErrorText } from './outcome';
import { SelectField } from './SelectField';

const PAGE = 50;

/** The security log, newest first, one action or all, older entries page by page ("more", by beforeId). */
export function SecurityLog() {
  const t = useTranslations('admin');
  const format = useFormatter();
  const client = useTRPCClient();
  const message = useErrorText();
  const [action, setAction] = useState<SecurityAction | ''>('');
  const log = useInfiniteQuery({
    queryKey: [...SECURITY_LOG_KEY, action],
    queryFn: ({ pageParam }) => client.admin.securityLog.query({ limit: PAGE, beforeId: pageParam, action: action || undefined }),
    initialPageParam: undefined as number | undefined,
    // A full page may have more behind it; the next page starts below its last (oldest) entry.
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.id : undefined),
    staleTime: 0,
  });
  const entries = log.data?.pages.flat() ?? [];
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="ga-log-title">
      <h2 id="ga-log-title">{t('logTitle')}</h2>
      <SelectField className="ga-field ga-field-inline" label={t('logFilter')} value={action} onChange={(v) => setAction(v as SecurityAction | '')}>
        <option value="">{t('logAll')}</option>
        {SECURITY_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t(`action.${a}`)}
          </option>
        ))}
      </SelectField>
      {log.error && (
        <p role="alert" className="ga-form-error">
          {message(log.error)}
        </p>
      )}
      <table className="ga-table ga-log" aria-busy={log.isFetching}>
        <caption className="ga-visually-hidden">{t('logTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('logAt')}</th>
            <th scope="col">{t('logUser')}</th>
            <th scope="col">{t('logAction')}</th>
            <th scope="col">{t('logTarget')}</th>
            <th scope="col">{t('logReason')}</th>
            <th scope="col">{t('logAddress')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td className="ga-nowrap">{format.dateTime(e.at, { dateStyle: 'short', timeStyle: 'medium' })}</td>
              <td className="ga-mono">{e.username}</td>
              <td>{t(`action.${e.action}`)}</td>
              <td className="ga-mono ga-break">{e.target}</td>
              <td className="ga-mono">{e.reason}</td>
              <td className="ga-mono">{e.address}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.isPending && <p role="status">{t('loading')}</p>}
      {!log.isPending && entries.length === 0 && <p className="ga-muted">{t('logEmpty')}</p>}
      {log.hasNextPage && (
        <button type="button" className="ga-secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {log.isFetchingNextPage ? t('loading') : t('logMore')}
        </button>
      )}
    </section>
  );
}
