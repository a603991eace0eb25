import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { GRANT_CAPABILITIES } from '@/server/auth/policy';
import { ADDRESS_IMPORT_LIMITS } from '@/server/base-data/address-import';
import { BUILDING_TYPES, COORDINATE_FIELDS, FIELD_NAMES, REQUIRED_FIELDS } from '@/server/interchange/address-rows';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { UserMenu } from '../UserMenu';
import { BaseDataApp } from './BaseDataApp';
import type { ImportColumn } from './ImportHelp';
import './base-data.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('baseData.page.title')} · ${t('app.title')}` };
}

/**
 * The columns a file may have, from the reader's own table (server/interchange/address-rows.ts): the
 * help text lists exactly the headings the server recognises, and the client bundle gets them as data,
 * not the server's module.
 */
const COLUMNS: ImportColumn[] = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).map((field) => ({
  field,
  names: [...FIELD_NAMES[field]],
  need: REQUIRED_FIELDS.includes(field) ? 'required' : COORDINATE_FIELDS.includes(field) ? 'csv' : 'optional',
}));

/**
 * /base-data (基础数据): the bulk import of standard addresses (标准地址批量导入) and its history. Security:
 * the address_import capability (street editors and administrators); the route checks each row against
 * the importer's jurisdiction by where it lies, and the history lists only imports into it.
 */
export default async function BaseDataPage() {
  const access = await pageAccess('GET /base-data', '/base-data');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <BaseDataApp
        limits={{ ...ADDRESS_IMPORT_LIMITS }}
        columns={COLUMNS}
        buildingTypes={[...BUILDING_TYPES]}
        jurisdictions={access.view.grants.filter((g) => GRANT_CAPABILITIES[g.role].address_import).map((g) => g.jurisdiction.name)}
      />
    </PageShell>
  );
}
