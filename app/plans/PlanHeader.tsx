'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { isEditable } from '@/geo/plans/plan-states';
import type { PlanView } from '@/server/plans/view';
import { usePlanFormat, type Capability } from './plan-client';
import { StateBadge } from './StateBadge';

/** The plan's street, state, version, author and filing; the way to the editor while the street may edit it. */
export function PlanHeader({ plan, capabilities }: { plan: PlanView; capabilities: readonly Capability[] }) {
  const t = useTranslations('review.plan');
  const fmt = usePlanFormat();
  const canEdit = capabilities.includes('draft_edit') && isEditable(plan.state);
  return (
    <header className="ga-card pl-header">
      <p className="pl-back">
        <Link href="/plans">{t('backToQueue')}</Link>
      </p>
      <div className="pl-header-title">
        <h1>{t('heading', { street: plan.streetName })}</h1>
        <StateBadge state={plan.state} testId="plan-state" />
        {plan.effectiveState === 'in_force' && (
          <span className="pl-in-force" data-testid="plan-in-force">
            {t('inForce')}
          </span>
        )}
      </div>
      <dl className="pl-meta">
        <div>
          <dt>{t('district')}</dt>
          <dd>{plan.districtName}</dd>
        </div>
        <div>
          <dt>{t('version')}</dt>
          <dd data-testid="plan-version">{plan.version}</dd>
        </div>
        <div>
          <dt>{t('author')}</dt>
          <dd>{plan.authorName}</dd>
        </div>
        <div>
          <dt>{t('basedOn')}</dt>
          <dd>{fmt.moment(plan.basedOn)}</dd>
        </div>
        <div>
          <dt>{t('submittedAt')}</dt>
          <dd>{fmt.moment(plan.submittedAt)}</dd>
        </div>
        {plan.filingNumber && (
          <>
            <div>
              <dt>{t('filingNumber')}</dt>
              <dd className="ga-mono" data-testid="plan-filing-number">
                {plan.filingNumber}
              </dd>
            </div>
            <div>
              <dt>{t('filedAt')}</dt>
              <dd>{fmt.moment(plan.filedAt)}</dd>
            </div>
            <div>
              <dt>{t('effectiveFrom')}</dt>
              <dd data-testid="plan-effective-from">{fmt.day(plan.effectiveFrom)}</dd>
            </div>
          </>
        )}
      </dl>
      {canEdit && (
        <p className="ga-card-actions">
          <Link className="ga-secondary" href={`/editor?street=${plan.streetId}`} data-testid="open-in-editor">
            {t('openInEditor')}
          </Link>
        </p>
      )}
    </header>
  );
}
