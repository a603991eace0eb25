import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { NoAccess } from '../../NoAccess';
import { PageShell } from '../../PageShell';
import { UserMenu } from '../../UserMenu';
import { CatalogueApp } from './CatalogueApp';
import '../admin.css';
import './catalogue.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('catalogue.title')} · ${t('app.title')}` };
}

/**
 * The incident catalogue (departments, stage limits, workload weights), the Open311 partner keys and the
 * departments' data keys: administrators read the catalogue; the server lets only a city administrator
 * change it (CATALOGUE_CITY_ONLY) and issue or revoke keys.
 */
export default async function CataloguePage() {
  const access = await pageAccess('GET /admin/catalogue', '/admin/catalogue');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <CatalogueApp />
    </PageShell>
  );
}
