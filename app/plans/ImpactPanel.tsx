'use client';

import { useTranslations } from 'next-intl';
import type { PlanDiff, PlanImpact } from '@/server/plans/diff';
import { usePlanFormat } from './plan-client';

const COUNTS = [
  'gridsBefore',
  'gridsAfter',
  'added',
  'removed',
  'reshaped',
  'attributesChanged',
  'addressesMoved',
  'householdsMoved',
  'residentsMoved',
  'addressesLeftOut',
] as const satisfies readonly (keyof PlanImpact)[];

/** What the plan changes for people: grids, addresses, households and residents, and the grids' workers. */
export function ImpactPanel({ diff }: { diff: PlanDiff }) {
  const t = useTranslations('review.impact');
  const fmt = usePlanFormat();
  const impact = diff.impact;
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="pl-impact-title">
      <h2 id="pl-impact-title">{t('title')}</h2>
      <p className="ga-muted ga-small">{t(diff.comparedWith === 'retired' ? 'comparedWithRetired' : 'comparedWithInForce', { at: fmt.moment(diff.at) })}</p>
      <div className="pl-impact-grid">
        <table className="ga-table pl-impact-table" data-testid="impact-table">
          <caption className="ga-visually-hidden">{t('title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measure')}</th>
              <th scope="col" className="pl-num">
                {t('value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {COUNTS.map((k) => (
              <tr key={k} data-measure={k}>
                <th scope="row">{t(`counts.${k}`)}</th>
                <td className={k === 'addressesLeftOut' && impact[k] > 0 ? 'pl-num pl-bad' : 'pl-num'}>{fmt.number(impact[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h3 id="pl-workers-title">{t('workersTitle')}</h3>
          {impact.workers.length === 0 ? (
            <p className="ga-muted">{t('noWorkers')}</p>
          ) : (
            <table className="ga-table" aria-labelledby="pl-workers-title" data-testid="impact-workers">
              <thead>
                <tr>
                  <th scope="col">{t('worker')}</th>
                  <th scope="col">{t('grid')}</th>
                  <th scope="col">{t('outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {impact.workers.map((w) => (
                  <tr key={`${w.workerId}-${w.gridCode}`} data-worker-id={w.workerId}>
                    {/* Names only for viewers who may see personal data; the id is never shown. */}
                    <th scope="row">{w.name ?? <span aria-label={t('nameHidden')}>—</span>}</th>
                    <td className="ga-mono">{w.gridCode}</td>
                    <td className={w.outcome === 'unassigned' ? 'pl-bad' : undefined}>{t(`outcomes.${w.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('gridsWithoutWorker', { count: impact.gridsWithoutWorker.length })}</h3>
          {impact.gridsWithoutWorker.length === 0 ? (
            <p className="ga-muted">{t('allStaffed')}</p>
          ) : (
            <ul className="pl-code-list" data-testid="grids-without-worker">
              {impact.gridsWithoutWorker.map((c) => (
                <li key={c} className="ga-mono">
                  {c}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
