import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { UserMenu } from '../UserMenu';
import { PlanQueue } from './PlanQueue';
import './plans.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('review.queue.title')} · ${t('app.title')}` };
}

/**
 * /plans: the plans of the viewer's jurisdiction on their way through the workflow (a reviewer's district,
 * the filer's city, an editor's street). Security: draft_read; the queue itself lists only the caller's scope.
 */
export default async function PlansPage() {
  const access = await pageAccess('GET /plans', '/plans');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <PlanQueue capabilities={access.view.capabilities} />
    </PageShell>
  );
}
