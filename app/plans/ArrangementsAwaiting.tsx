'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { DoneStatus, FailureAlert, useFailure, usePlanRefresh, type Failure } from './plan-client';

/**
 * The jurisdiction arrangements (an enclave, a pending land transfer) of plans that await the approval
 * of the reviewer's district, including other districts' plans. The server checks that the arrangement
 * concerns a district the caller reviews; a plan of another district is not linked (its page is not theirs).
 */
export function ArrangementsAwaiting({ ownPlans }: { ownPlans: readonly number[] }) {
  const t = useTranslations('review.awaiting');
  const ta = useTranslations('review.arrangements');
  const trpc = useTRPC();
  const refresh = usePlanRefresh();
  const describe = useFailure();
  const awaiting = useQuery(trpc.plans.arrangementsAwaiting.queryOptions(undefined, { staleTime: 0 }));
  const approve = useMutation(trpc.plans.approveArrangement.mutationOptions());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const onApprove = async (row: { draftId: number; version: number; arrangementId: number; name: string; streetName: string }) => {
    setFailure(null);
    setDone(null);
    try {
      await approve.mutateAsync({ draftId: row.draftId, expectedVersion: row.version, arrangementId: row.arrangementId });
      setDone(t('approved', { name: row.name, street: row.streetName }));
    } catch (err) {
      setFailure(describe(err));
    } finally {
      await refresh({ topology: true });
    }
  };

  return (
    <section className="ga-card ga-card-wide" aria-labelledby="pl-awaiting-title" data-testid="arrangements-awaiting">
      <h2 id="pl-awaiting-title">{t('title')}</h2>
      <p className="ga-muted ga-small">{t('intro')}</p>
      <FailureAlert failure={failure ?? (awaiting.error ? describe(awaiting.error) : null)} onReload={() => void refresh({ topology: false })} />
      <DoneStatus text={done} />
      {awaiting.isPending && !awaiting.error && <p role="status">{t('loading')}</p>}
      {awaiting.data && awaiting.data.length === 0 && <p>{t('empty')}</p>}
      {awaiting.data && awaiting.data.length > 0 && (
        <ul className="pl-awaiting-list">
          {awaiting.data.map((row) => (
            <li key={`${row.draftId}-${row.arrangementId}`} data-testid="awaiting-row" data-draft-id={row.draftId} data-arrangement-id={row.arrangementId}>
              <div>
                <strong>{row.name}</strong>
                <span className="ga-table-sub">
                  {ownPlans.includes(row.draftId) ? <Link href={`/plans/${row.draftId}`}>{t('plan', { street: row.streetName })}</Link> : t('plan', { street: row.streetName })}
                </span>
                {/* What is approved, shown here: another district's plan page is not this reviewer's. */}
                <dl className="pl-awaiting-duties" data-testid="awaiting-responsibilities">
                  {Object.entries(row.responsibilities).map(([duty, side]) => (
                    <div key={duty}>
                      <dt>{ta.has(`duties.${duty}`) ? ta(`duties.${duty}`) : duty}</dt>
                      <dd>{ta.has(`sides.${side}`) ? ta(`sides.${side}`) : side}</dd>
                    </div>
                  ))}
                </dl>
                {row.kind === 'pending_transfer' && <p className="ga-small">{row.transferCompleted ? ta('transferCompleted') : ta('transferPending')}</p>}
                {row.notes && <p className="ga-small">{row.notes}</p>}
              </div>
              <button type="button" className="ga-primary" disabled={approve.isPending} onClick={() => void onApprove(row)}>
                {t('approve')}
                <span className="ga-visually-hidden">
                  {' '}
                  {row.name} · {row.streetName}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
