'use client';

import { useTranslations } from 'next-intl';
import type { PlanLogEntry } from '@/server/plans/view';
import { usePlanFormat } from './plan-client';

/** The plan log (append-only): every move, who made it, from which state to which, and the topology it was made on. */
export function PlanLog({ log }: { log: readonly PlanLogEntry[] }) {
  const t = useTranslations('review.log');
  const tActions = useTranslations('review.actions');
  const tStates = useTranslations('review.states');
  const fmt = usePlanFormat();
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="pl-log-title">
      <h2 id="pl-log-title">{t('title')}</h2>
      {log.length === 0 ? (
        <p className="ga-muted" data-testid="plan-log">
          {t('empty')}
        </p>
      ) : (
        <div className="pl-table-wrap">
          <table className="ga-table pl-log" data-testid="plan-log">
            <caption className="ga-visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('at')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('states')}</th>
                <th scope="col">{t('comment')}</th>
                <th scope="col">{t('digest')}</th>
                <th scope="col">{t('findings')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="ga-nowrap">{fmt.moment(e.at)}</td>
                  <td>{e.actorName}</td>
                  <th scope="row">{tActions(e.action)}</th>
                  <td className="ga-nowrap">
                    {tStates(e.from)} → {tStates(e.to)}
                  </td>
                  <td className="pl-log-comment">{e.comment || '—'}</td>
                  <td>
                    {e.topologyDigest ? (
                      <span className="ga-mono" title={e.topologyDigest}>
                        {e.topologyDigest.slice(0, 12)}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="ga-nowrap">
                    <span className={e.blocking > 0 ? 'pl-bad' : undefined}>{t('blocking', { count: e.blocking })}</span>
                    {' · '}
                    {t('warnings', { count: e.warnings })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
