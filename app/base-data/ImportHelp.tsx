'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { AddressField } from '@/server/interchange/address-rows';
import type { ImportLimits } from './import-file';
import { useMegabytes } from './use-megabytes';

/** A column a file may have: the names the server recognises for it, and when it must be there. */
export interface ImportColumn {
  field: AddressField;
  names: string[];
  /** required: in every file; csv: in a CSV (a GeoJSON feature's point is its geometry); optional. */
  need: 'required' | 'csv' | 'optional';
}

/**
 * What a file may hold, from the server's own tables (passed by the page): the columns and their
 * headings in Chinese and English, the building types, the encodings and the limits.
 */
export function ImportHelp({ limits, columns, buildingTypes }: { limits: ImportLimits; columns: ImportColumn[]; buildingTypes: string[] }) {
  const t = useTranslations('baseData.help');
  const tAll = useTranslations();
  const format = useFormatter();
  const mb = useMegabytes();
  return (
    <section className="ga-card bd-card bd-help" aria-labelledby="bd-help-title" data-testid="import-help">
      <h2 id="bd-help-title">{t('title')}</h2>
      <p>{t('csv')}</p>
      <p>{t('geojson')}</p>
      <div className="bd-table-wrap">
        <table className="ga-table bd-table">
          <caption>{t('columnsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('headings')}</th>
              <th scope="col">{t('need')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.field} data-field={c.field}>
                <th scope="row">
                  {t(`fields.${c.field}`)}
                  <span className="ga-table-sub">{t(`fieldNotes.${c.field}`)}</span>
                </th>
                <td>
                  <ul className="bd-names">
                    {c.names.map((name) => (
                      <li key={name}>
                        <code>{name}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{t(`needs.${c.need}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {t('buildingTypes', {
          types: format.list(
            buildingTypes.map((b) => t('buildingTypeItem', { name: tAll(`buildingType.${b}`), code: b })),
            { type: 'conjunction' },
          ),
        })}
      </p>
      <h3 className="bd-subheading">{t('limitsTitle')}</h3>
      <ul className="bd-limits">
        <li>{t('limitCsv', { size: mb(limits.csvMaxBytes) })}</li>
        <li>{t('limitGeojson', { size: mb(limits.geojsonMaxBytes) })}</li>
        <li>{t('limitRows', { rows: format.number(limits.maxRows) })}</li>
      </ul>
      <p>{t('allOrNothing')}</p>
    </section>
  );
}
