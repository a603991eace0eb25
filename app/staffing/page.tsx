import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { UserMenu } from '../UserMenu';
import { StaffingApp } from './StaffingApp';
import './staffing.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('staffing.page.title')} · ${t('app.title')}` };
}

/**
 * /staffing (队伍管理): the compliance table and map, and the workers' register with its forms. Security:
 * the 'staffing' capability to read (street editors, district reviewers, command, administrators of the
 * jurisdiction); the forms show only with 'staffing_manage' (the street's editors), and the server checks
 * every change against the worker's and the grid's street whatever the page shows.
 */
export default async function StaffingPage() {
  const access = await pageAccess('GET /staffing', '/staffing');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <StaffingApp manages={access.view.capabilities.includes('staffing_manage')} />
    </PageShell>
  );
}
