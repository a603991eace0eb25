'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { textIn } from '@/geo/text/localized-text';
import type { AddressImportReport, ReportedRejection } from '@/server/base-data/address-import';
import { reasonKey } from './reasons';
import { firstRows } from './shown-rows';

const COUNTS = ['rowsRead', 'created', 'updated', 'unchanged', 'linked', 'unlinked', 'rejected'] as const;
export type ReportCount = (typeof COUNTS)[number];

/** The text of a rejected row's reason in the page's language: its message key, else the server's text. */
export function useReasonText() {
  const t = useTranslations('baseData');
  const locale = useLocale();
  return (code: string, serverText?: ReportedRejection['message']) => {
    const key = reasonKey(code);
    return key ? t(key) : serverText ? textIn(serverText, locale) : code;
  };
}

/**
 * The report of a check or an import: how it ended, the counts, the rejected rows by reason and one by
 * one (their line in a CSV, their position in a GeoJSON file), the rows in no grid, and the columns left
 * out. The lists show their first rows only (shown-rows.ts); the counts are always whole.
 */
export function ImportReportView({ report }: { report: AddressImportReport }) {
  const t = useTranslations('baseData.result');
  const tb = useTranslations('baseData');
  const format = useFormatter();
  const reasonText = useReasonText();
  const rejected = firstRows(report.rejections, report.rejected);
  const unlinked = firstRows(report.unlinkedRows, report.unlinked);
  const byReason = Object.entries(report.rejectedByReason)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
    .sort((a, b) => b[1] - a[1]);
  const rowHeading = report.format === 'geojson' ? t('feature') : t('line');
  const headline = !report.ok
    ? t('rejectedHeadline', { count: report.rejected })
    : report.written
      ? t('writtenHeadline')
      : t('checkedHeadline');
  return (
    <section className="ga-card bd-card" aria-labelledby="bd-result-title" data-testid="import-report" data-ok={report.ok} data-written={report.written}>
      <h2 id="bd-result-title">{report.mode === 'check' ? t('checkTitle') : t('importTitle')}</h2>
      <p className={report.ok ? 'bd-headline bd-headline-ok' : 'bd-headline bd-headline-bad'}>{headline}</p>
      <p className="ga-small ga-muted bd-file-line">
        {t('fileLine', {
          name: report.fileName,
          format: tb(`formats.${report.format}`),
          encoding: tb(`encodings.${report.encoding}`),
          crs: tb(`crs.${report.crs}`),
          seconds: format.number(report.tookMs / 1000, { maximumFractionDigits: 1 }),
        })}
      </p>
      <dl className="bd-counts">
        {COUNTS.map((c) => (
          <div key={c} className={`bd-count bd-count-${c}`} data-count={c}>
            <dt>{t(`counts.${c}`)}</dt>
            <dd>{format.number(report[c])}</dd>
          </div>
        ))}
      </dl>
      {!report.written && report.ok && <p className="ga-field-hint">{t('notWritten')}</p>}

      {byReason.length > 0 && (
        <>
          <h3 className="bd-subheading">{t('byReason')}</h3>
          <ul className="bd-reasons">
            {byReason.map(([code, n]) => (
              <li key={code}>
                <span>{reasonText(code)}</span> <span className="bd-reason-count">{t('rows', { count: n })}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {rejected.rows.length > 0 && (
        <div className="bd-table-wrap">
          <table className="ga-table bd-table" data-testid="rejections">
            <caption>{rejected.more > 0 ? t('rejections.captionFirst', { shown: format.number(rejected.rows.length) }) : t('rejections.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeading}</th>
                <th scope="col">{t('rejections.reason')}</th>
                <th scope="col">{t('rejections.value')}</th>
              </tr>
            </thead>
            <tbody>
              {rejected.rows.map((r) => (
                <tr key={`${r.row}-${r.reason}`} data-row={r.row}>
                  <th scope="row" className="bd-number">
                    {r.row}
                  </th>
                  <td>{reasonText(r.reason, r.message)}</td>
                  <td className="bd-value">{r.value ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rejected.more > 0 && <p className="bd-more">{t('more', { count: rejected.more })}</p>}
        </div>
      )}

      {unlinked.rows.length > 0 && (
        <div className="bd-table-wrap">
          <h3 className="bd-subheading">{t('unlinked.title')}</h3>
          <p className="ga-field-hint">{report.written ? t('unlinked.hintWritten') : t('unlinked.hint')}</p>
          <table className="ga-table bd-table" data-testid="unlinked">
            <caption>{unlinked.more > 0 ? t('unlinked.captionFirst', { shown: format.number(unlinked.rows.length) }) : t('unlinked.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeading}</th>
                <th scope="col">{t('unlinked.code')}</th>
                <th scope="col">{t('unlinked.address')}</th>
                <th scope="col">{t('unlinked.community')}</th>
              </tr>
            </thead>
            <tbody>
              {unlinked.rows.map((r) => (
                <tr key={r.row} data-row={r.row}>
                  <th scope="row" className="bd-number">
                    {r.row}
                  </th>
                  <td className="ga-mono">{r.code}</td>
                  <td>{r.address}</td>
                  <td>{r.community}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {unlinked.more > 0 && <p className="bd-more">{t('more', { count: unlinked.more })}</p>}
        </div>
      )}

      {report.ignoredColumns.length > 0 && (
        <p className="bd-ignored">
          {t('ignored', { columns: format.list(report.ignoredColumns.map((c) => `“${c}”`), { type: 'conjunction' }) })}
        </p>
      )}
    </section>
  );
}
