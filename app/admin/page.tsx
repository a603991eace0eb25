import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { PASSWORD_MIN_LENGTH } from '@/server/auth/sign-in';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { UserMenu } from '../UserMenu';
import { AdminApp } from './AdminApp';
import './admin.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('admin.title')} · ${t('app.title')}` };
}

/** Users, their roles over jurisdictions, and the security log: administrators only. */
export default async function AdminPage() {
  const access = await pageAccess('GET /admin', '/admin');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <AdminApp passwordMinLength={PASSWORD_MIN_LENGTH} />
    </PageShell>
  );
}
