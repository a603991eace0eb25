'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { PLAN_STATES, type PlanState } from '@/geo/plans/plan-states';
import { useTRPC } from '@/app/trpc/client';
import { ArrangementsAwaiting } from './ArrangementsAwaiting';
import { FailureAlert, useFailure, usePlanFormat, type Capability } from './plan-client';
import { StateBadge } from './StateBadge';

/** What a role waits for: a reviewer the plans to review, a filer the approved plans; others see all. */
export function defaultStates(capabilities: readonly Capability[]): PlanState[] {
  const states: PlanState[] = [];
  if (capabilities.includes('plan_review')) states.push('submitted', 'under_review');
  if (capabilities.includes('plan_file')) states.push('approved');
  return states;
}

/** The queue of plans: counts per state as filters, a street filter, and the table of plans. */
export function PlanQueue({ capabilities }: { capabilities: readonly Capability[] }) {
  const t = useTranslations('review.queue');
  const tStates = useTranslations('review.states');
  const trpc = useTRPC();
  const fmt = usePlanFormat();
  const failure = useFailure();
  const [states, setStates] = useState<PlanState[]>(() => defaultStates(capabilities));
  const [streetId, setStreetId] = useState<number | null>(null);
  const streetSelect = useId();

  const stateFilter = states.length ? { states } : {};
  const listed = useQuery(trpc.plans.queue.queryOptions(stateFilter, { staleTime: 0 }));
  const narrowed = useQuery(trpc.plans.queue.queryOptions({ ...stateFilter, streetId: streetId ?? undefined }, { staleTime: 0, enabled: streetId !== null }));
  const queue = streetId === null ? listed : narrowed;

  // The street filter offers the streets of the listed plans (with the chosen one kept while it is empty).
  const streets = useMemo(() => {
    const byId = new Map<number, string>();
    for (const p of listed.data?.plans ?? []) byId.set(p.streetId, `${p.streetName}（${p.districtName}）`);
    for (const p of narrowed.data?.plans ?? []) byId.set(p.streetId, `${p.streetName}（${p.districtName}）`);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  }, [listed.data, narrowed.data]);

  const counts = queue.data?.counts ?? {};
  const total = Object.values(counts).reduce((s, n) => s + (n ?? 0), 0);
  const toggle = (s: PlanState) => setStates((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : PLAN_STATES.filter((x) => x === s || cur.includes(x))));

  return (
    <div className="pl-page">
      <h1>{t('title')}</h1>
      <section className="ga-card ga-card-wide" aria-labelledby="pl-queue-title">
        <h2 id="pl-queue-title">{t('listTitle')}</h2>
        <div className="pl-filters">
          <div role="group" aria-label={t('stateFilter')} className="pl-chips">
            <button type="button" className="pl-chip" aria-pressed={states.length === 0} onClick={() => setStates([])}>
              {t('allStates')} <span className="pl-chip-count">{total}</span>
            </button>
            {PLAN_STATES.map((s) => (
              <button key={s} type="button" className={`pl-chip pl-chip-${s}`} aria-pressed={states.includes(s)} onClick={() => toggle(s)} data-testid={`queue-filter-${s}`}>
                {tStates(s)} <span className="pl-chip-count">{counts[s] ?? 0}</span>
              </button>
            ))}
          </div>
          <div className="ga-field ga-field-inline pl-street-filter">
            <label htmlFor={streetSelect}>{t('street')}</label>
            <select id={streetSelect} value={streetId ?? ''} onChange={(e) => setStreetId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('allStreets')}</option>
              {streets.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {queue.error && <FailureAlert failure={failure(queue.error)} />}
        {queue.isPending && !queue.error && <p role="status">{t('loading')}</p>}
        {queue.data && (
          <>
            <p className="ga-muted ga-small" role="status">
              {t('shown', { count: queue.data.plans.length })}
            </p>
            {queue.data.plans.length === 0 ? (
              <p>{t('empty')}</p>
            ) : (
              <div className="pl-table-wrap">
                <table className="ga-table pl-queue-table">
                  <caption className="ga-visually-hidden">{t('listTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('columns.street')}</th>
                      <th scope="col">{t('columns.state')}</th>
                      <th scope="col">{t('columns.author')}</th>
                      <th scope="col">{t('columns.submittedAt')}</th>
                      <th scope="col">{t('columns.updatedAt')}</th>
                      <th scope="col" className="pl-num">{t('columns.grids')}</th>
                      <th scope="col" className="pl-num">{t('columns.openComments')}</th>
                      <th scope="col">{t('columns.filing')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {queue.data.plans.map((p) => (
                      <tr key={p.draftId} data-testid="queue-row" data-draft-id={p.draftId}>
                        <th scope="row">
                          <Link href={`/plans/${p.draftId}`} className="pl-row-link">
                            {p.streetName}
                          </Link>
                          <span className="ga-table-sub">
                            {p.districtName} · {t('version', { version: p.version })}
                          </span>
                        </th>
                        <td>
                          <StateBadge state={p.effectiveState} />
                        </td>
                        <td>{p.authorName}</td>
                        <td className="ga-nowrap">{fmt.moment(p.submittedAt)}</td>
                        <td className="ga-nowrap">{fmt.moment(p.updatedAt)}</td>
                        <td className="pl-num">{fmt.number(p.grids)}</td>
                        <td className="pl-num">{p.openComments > 0 ? <strong>{fmt.number(p.openComments)}</strong> : '0'}</td>
                        <td>
                          {p.filingNumber ? (
                            <>
                              <span className="ga-mono">{p.filingNumber}</span>
                              <span className="ga-table-sub">{t('effectiveFrom', { date: fmt.day(p.effectiveFrom) })}</span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
      {capabilities.includes('plan_review') && <ArrangementsAwaiting ownPlans={listed.data?.plans.map((p) => p.draftId) ?? []} />}
    </div>
  );
}
