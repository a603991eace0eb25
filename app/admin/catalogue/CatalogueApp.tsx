'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/app/trpc/client';
import { useErrorText } from '../outcome';
import { CategoryTables } from './CategoryTables';
import { DepartmentKeys } from './DepartmentKeys';
import { PartnerKeys } from './PartnerKeys';
import { PricingPanel } from './PricingPanel';
import { WebhookSubscriptions } from './WebhookSubscriptions';

/**
 * The catalogue page: the categories by 部件 and 事件, the partner systems' keys, the departments' data
 * keys and their systems' change-feed subscriptions, then the grid workers' subsidy.
 */
export function CatalogueApp() {
  const t = useTranslations('catalogue');
  const trpc = useTRPC();
  const message = useErrorText();
  const catalogue = useQuery(trpc.incidents.categories.queryOptions(undefined, { staleTime: 0 }));
  return (
    <div className="ga-admin ga-catalogue">
      <p className="ga-cat-back">
        <Link className="ga-link" href="/admin">
          <span aria-hidden="true">← </span>
          {t('backToAdmin')}
        </Link>
      </p>
      <h1>{t('title')}</h1>
      <section className="ga-card ga-card-wide" aria-labelledby="ga-cat-title">
        <h2 id="ga-cat-title" tabIndex={-1}>
          {t('categories.title')}
        </h2>
        <p className="ga-cat-intro">{t('categories.intro')}</p>
        <p id="ga-cat-applies" className="ga-form-note">
          {t('categories.appliesNext')}
        </p>
        <p className="ga-field-hint ga-cat-intro">{t('categories.weightHint')}</p>
        {catalogue.error && (
          <p role="alert" className="ga-form-error">
            {message(catalogue.error)}
          </p>
        )}
        {catalogue.isPending && <p role="status">{t('loading')}</p>}
        {catalogue.data && <CategoryTables categories={catalogue.data.categories} departments={catalogue.data.departments} />}
      </section>
      <PartnerKeys />
      <DepartmentKeys />
      <WebhookSubscriptions />
      <PricingPanel />
    </div>
  );
}
