import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { chinaDayOf } from '@/geo/time/china-day';
import { pageAccess } from '@/server/auth/page-guard';
import { now } from '@/server/clock';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { pathWithQuery } from '../request-path';
import { UserMenu } from '../UserMenu';
import { AssessmentApp } from './AssessmentApp';
import { parseViewState } from './view-state';
import './assessment.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('assessment.page.title')} · ${t('app.title')}` };
}

/**
 * /assessment (考核评估): the period's figures per grid, street, district, department or worker.
 * Security: the incidents capability; every figure is narrowed on the server to the reader's incidents
 * scope (incidents.assessment and the CSV route check again). The map is offered with the 'map'
 * capability only, since its boundary and grid tiles need it.
 */
export default async function AssessmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const access = await pageAccess('GET /assessment', pathWithQuery('/assessment', params));
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <AssessmentApp initial={parseViewState(params)} today={chinaDayOf(now())} mapAllowed={access.view.capabilities.includes('map')} />
    </PageShell>
  );
}
