'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '@/app/trpc/client';
import type { DepartmentKeyRow } from '@/server/ogc/department-keys';
import { useErrorText } from '../outcome';
import { ColumnHeads } from './ActionsHead';

/** How many of a key's latest requests are listed. */
export const USES_SHOWN = 20;

/** The latest requests made with a key (opendata.departmentKeyUses), newest first. */
export function KeyUses({ id, departmentKey }: { id: string; departmentKey: DepartmentKeyRow }) {
  const t = useTranslations('catalogue.departmentKeys');
  const tc = useTranslations('catalogue');
  const format = useFormatter();
  const trpc = useTRPC();
  const message = useErrorText();
  const uses = useQuery(trpc.opendata.departmentKeyUses.queryOptions({ id: departmentKey.id, limit: USES_SHOWN }, { staleTime: 0 }));
  return (
    <div id={id} className="ga-dkey-uses">
      {uses.error && (
        <p role="alert" className="ga-form-error">
          {message(uses.error)}
        </p>
      )}
      {uses.isPending && <p role="status">{tc('loading')}</p>}
      {uses.data?.length === 0 && <p className="ga-muted">{t('usesNone', { name: departmentKey.name })}</p>}
      {uses.data && uses.data.length > 0 && (
        <table className="ga-table">
          <caption>{t('usesCaption', { name: departmentKey.name, count: uses.data.length })}</caption>
          <ColumnHeads heads={[t('usesAt'), t('usesRequest'), t('usesStatus')]} />
          <tbody>
            {uses.data.map((u, i) => (
              <tr key={i}>
                <td className="ga-nowrap">{format.dateTime(u.at, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
                <td className="ga-mono ga-break">{u.request}</td>
                <td>
                  <span className={`ga-badge ${u.status < 400 ? 'ga-badge-ok' : 'ga-badge-bad'}`}>{u.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
