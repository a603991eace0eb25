'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';

/**
 * The imports written into the user's jurisdiction, newest first (baseData.imports: the server keeps the
 * scope and the length). Read fresh on opening the page and after each import written.
 */
export function ImportHistory() {
  const t = useTranslations('baseData.history');
  const tb = useTranslations('baseData');
  const format = useFormatter();
  const trpc = useTRPC();
  const message = useErrorText();
  const imports = useQuery(trpc.baseData.imports.queryOptions(undefined, { staleTime: 0 }));
  const n = (v: number) => format.number(v);
  return (
    <section className="ga-card bd-card" aria-labelledby="bd-history-title" data-testid="import-history">
      <h2 id="bd-history-title">{t('title')}</h2>
      {imports.error && (
        <p role="alert" className="ga-form-error">
          {message(imports.error)}
        </p>
      )}
      {imports.isPending && <p role="status">{t('loading')}</p>}
      {imports.data && imports.data.length === 0 && <p className="ga-muted">{t('empty')}</p>}
      {imports.data && imports.data.length > 0 && (
        <div className="bd-table-wrap">
          <table className="ga-table bd-table">
            <caption>{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('file')}</th>
                <th scope="col">{t('by')}</th>
                <th scope="col">{t('crs')}</th>
                <th scope="col" className="bd-number">
                  {t('rowsRead')}
                </th>
                <th scope="col" className="bd-number">
                  {t('created')}
                </th>
                <th scope="col" className="bd-number">
                  {t('updated')}
                </th>
                <th scope="col" className="bd-number">
                  {t('unlinked')}
                </th>
                <th scope="col" className="bd-number">
                  {t('took')}
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((i) => (
                <tr key={i.id} data-import={i.id}>
                  <th scope="row" className="ga-nowrap">
                    {format.dateTime(i.importedAt, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' })}
                  </th>
                  <td className="bd-file">
                    {i.fileName}
                    <span className="ga-table-sub">{tb.has(`formats.${i.format}`) ? tb(`formats.${i.format}`) : i.format}</span>
                  </td>
                  <td>{i.importedBy ?? <span className="ga-muted">{t('unknownUser')}</span>}</td>
                  <td>{tb.has(`crs.${i.crs}`) ? tb(`crs.${i.crs}`) : i.crs}</td>
                  <td className="bd-number">{n(i.rowsRead)}</td>
                  <td className="bd-number">{n(i.created)}</td>
                  <td className="bd-number">{n(i.updated)}</td>
                  <td className="bd-number">{n(i.unlinked)}</td>
                  <td className="bd-number">{t('seconds', { seconds: format.number(i.tookMs / 1000, { maximumFractionDigits: 1 }) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
