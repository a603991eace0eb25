'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AddressImportReport } from '@/server/base-data/address-import';
import type { ImportLimits } from './import-file';
import { ImportForm } from './ImportForm';
import { ImportHelp, type ImportColumn } from './ImportHelp';
import { ImportHistory } from './ImportHistory';
import { ImportReportView } from './ImportReportView';

/**
 * The base data page (基础数据): a file of standard addresses checked or imported, the report of the last
 * run, the history of imports into the user's jurisdiction, and what a file may hold.
 */
export function BaseDataApp({
  limits,
  columns,
  buildingTypes,
  jurisdictions,
}: {
  limits: ImportLimits;
  columns: ImportColumn[];
  buildingTypes: string[];
  /** The names of the jurisdictions the user may import into. */
  jurisdictions: string[];
}) {
  const t = useTranslations('baseData.page');
  const format = useFormatter();
  const [report, setReport] = useState<AddressImportReport | null>(null);
  return (
    <div className="bd-page">
      <h1>{t('title')}</h1>
      <p className="bd-intro">{t('intro')}</p>
      {jurisdictions.length > 0 && <p className="bd-intro">{t('scope', { areas: format.list(jurisdictions, { type: 'conjunction' }) })}</p>}
      <ImportForm limits={limits} onReport={setReport} />
      {report && <ImportReportView report={report} />}
      <ImportHistory />
      <ImportHelp limits={limits} columns={columns} buildingTypes={buildingTypes} />
    </div>
  );
}
