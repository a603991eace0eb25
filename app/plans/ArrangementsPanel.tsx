'use client';

import type { Geometry } from 'geojson';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { PlanArrangementView } from '@/server/plans/arrangements';
import type { PlanView } from '@/server/plans/view';
import { DoneStatus, FailureAlert, useFailure, usePlanRefresh, type Failure } from './plan-client';

/**
 * The jurisdiction arrangements the plan's grids reach into: what is recorded now, what the plan proposes
 * (duty → side), whether a transfer is complete, and each concerned district's approval. A reviewer may
 * approve while the plan is submitted or under review; the server checks that it concerns their district.
 */
export function ArrangementsPanel({ plan, canReview, onShow }: { plan: PlanView; canReview: boolean; onShow: (g: Geometry) => void }) {
  const t = useTranslations('review.arrangements');
  const trpc = useTRPC();
  const refresh = usePlanRefresh();
  const describe = useFailure();
  const approve = useMutation(trpc.plans.approveArrangement.mutationOptions());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const approvable = canReview && (plan.state === 'submitted' || plan.state === 'under_review');

  const onApprove = async (a: PlanArrangementView) => {
    setFailure(null);
    setDone(null);
    try {
      await approve.mutateAsync({ draftId: plan.draftId, expectedVersion: plan.version, arrangementId: a.arrangementId });
      setDone(t('approvedDone', { name: a.name }));
    } catch (err) {
      setFailure(describe(err));
    }
    await refresh({ topology: true });
  };

  if (plan.arrangements.length === 0) return null;
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="pl-arrangements-title" data-testid="plan-arrangements">
      <h2 id="pl-arrangements-title">{t('title')}</h2>
      <FailureAlert failure={failure} onReload={() => void refresh({ topology: true })} />
      <DoneStatus text={done} />
      <ul className="pl-arrangements">
        {plan.arrangements.map((a) => (
          <li key={a.arrangementId} className="pl-arrangement" data-arrangement-id={a.arrangementId}>
            <div className="pl-arrangement-head">
              <h3>{a.name}</h3>
              <span className="pl-tag">{t(`kinds.${a.kind}`)}</span>
              <span className={`pl-tag pl-tag-${a.status}`}>{t(`statuses.${a.status}`)}</span>
              <button type="button" className="ga-link" onClick={() => onShow(a.geometry)}>
                {t('show')}
                <span className="ga-visually-hidden"> {a.name}</span>
              </button>
            </div>
            {a.notes && <p className="ga-small">{a.notes}</p>}
            <div className="pl-arrangement-grid">
              <Responsibilities title={t('current')} duties={a.currentResponsibilities} />
              {a.proposed ? (
                <div>
                  <Responsibilities title={t('proposed')} duties={a.proposed.responsibilities} />
                  {a.kind === 'pending_transfer' && <p className="ga-small">{a.proposed.transferCompleted ? t('transferCompleted') : t('transferPending')}</p>}
                  {a.proposed.notes && <p className="ga-small">{a.proposed.notes}</p>}
                </div>
              ) : (
                <p className="pl-reason-missing">{t('notRecorded')}</p>
              )}
            </div>
            <h4>{t('districts')}</h4>
            <ul className="pl-district-approvals">
              {a.districts.map((d) => (
                <li key={d.id}>
                  {d.name}:{' '}
                  {d.approvedBy ? (
                    <span className="pl-ok">{t('districtApproved', { name: d.approvedBy })}</span>
                  ) : (
                    <span className="pl-pending">{t('districtPending')}</span>
                  )}
                </li>
              ))}
            </ul>
            {approvable && a.proposed && a.districts.some((d) => !d.approvedBy) && (
              <p className="ga-card-actions">
                <button type="button" className="ga-secondary" disabled={approve.isPending} onClick={() => void onApprove(a)}>
                  {t('approve')}
                  <span className="ga-visually-hidden"> {a.name}</span>
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Responsibilities({ title, duties }: { title: string; duties: Record<string, string> }) {
  const t = useTranslations('review.arrangements');
  const entries = Object.entries(duties);
  return (
    <div>
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p className="ga-muted ga-small">—</p>
      ) : (
        <table className="ga-table pl-duties">
          <thead>
            <tr>
              <th scope="col">{t('duty')}</th>
              <th scope="col">{t('side')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([duty, side]) => (
              <tr key={duty}>
                <th scope="row">{t.has(`duties.${duty}`) ? t(`duties.${duty}`) : duty}</th>
                <td>{t.has(`sides.${side}`) ? t(`sides.${side}`) : side}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
