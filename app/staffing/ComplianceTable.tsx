'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import type { ComplianceRow, StaffingLevel } from '@/geo/staffing/compliance';
import { useErrorText } from '@/app/admin/outcome';
import type { ComplianceReport } from '@/server/staffing/compliance';
import { useFen } from './format';
import { STATUS_COLOURS } from './status';

/** A row with something to fix: a grid without a full-time worker (vacancies included) or a worker of two grids. */
const hasDefect = (r: ComplianceRow) => r.gridsWithoutFullTime > 0 || r.multiGridWorkers > 0;

/**
 * The compliance figures per area (or per grid), with the total and the pricing they were priced with.
 * A defect's count is marked in words' colour and weight, never by colour alone: its column says what it is.
 */
export function ComplianceTable({
  level,
  query,
  onlyDefects,
  needsStreet,
}: {
  level: StaffingLevel;
  query: UseQueryResult<ComplianceReport, unknown>;
  onlyDefects: boolean;
  needsStreet: boolean;
}) {
  const t = useTranslations('staffing');
  const format = useFormatter();
  const fen = useFen();
  const message = useErrorText();
  const pct = (v: number) => format.number(v, { style: 'percent', maximumFractionDigits: 1 });
  const n = (v: number) => format.number(v);
  const report = query.data;
  const rows = report ? report.rows.filter((r) => !onlyDefects || hasDefect(r) || (r.status !== null && r.status !== 'ok' && r.status !== 'dedicated')) : [];
  const defect = (v: number) => (v > 0 ? 'sf-number sf-defect' : 'sf-number');
  const cells = (r: ComplianceRow) => (
    <>
      <td className="sf-number">{n(r.comprehensiveGrids)}</td>
      <td className="sf-number">{n(r.dedicatedGrids)}</td>
      <td className={defect(r.gridsWithoutFullTime)}>{n(r.gridsWithoutFullTime)}</td>
      <td className={defect(r.vacancies)}>{n(r.vacancies)}</td>
      <td className="sf-number">{pct(r.staffingRate)}</td>
      <td className="sf-number">{n(r.workers)}</td>
      <td className="sf-number">{n(r.fullTime)}</td>
      <td className="sf-number">{n(r.partTime)}</td>
      <td className="sf-number">{pct(r.partTimeShare)}</td>
      <td className={defect(r.multiGridWorkers)}>{n(r.multiGridWorkers)}</td>
      <td className="sf-number">{fen(r.annualSubsidyFen)}</td>
      <td className="sf-number">{fen(r.ruleAnnualSubsidyFen)}</td>
    </>
  );
  return (
    <section className="ga-card" aria-labelledby="sf-compliance-title" data-testid="staffing-compliance">
      <h2 id="sf-compliance-title">{t('compliance.title')}</h2>
      {query.error != null && (
        <p role="alert" className="ga-form-error">
          {message(query.error)}
        </p>
      )}
      {needsStreet && <p className="ga-muted">{t('compliance.chooseStreet')}</p>}
      {query.isPending && !needsStreet && <p role="status">{t('compliance.loading')}</p>}
      {report && rows.length === 0 && <p className="ga-muted">{t('compliance.empty')}</p>}
      {report && rows.length > 0 && (
        <div className="sf-table-wrap">
          <table className="ga-table">
            <caption>{t('compliance.caption', { level: t(`levels.${level}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('compliance.area')}</th>
                {level === 'grid' && <th scope="col">{t('compliance.status')}</th>}
                <th scope="col" className="sf-number">{t('compliance.grids')}</th>
                <th scope="col" className="sf-number">{t('compliance.dedicated')}</th>
                <th scope="col" className="sf-number">{t('compliance.noFullTime')}</th>
                <th scope="col" className="sf-number">{t('compliance.vacancies')}</th>
                <th scope="col" className="sf-number">{t('compliance.rate')}</th>
                <th scope="col" className="sf-number">{t('compliance.workers')}</th>
                <th scope="col" className="sf-number">{t('compliance.fullTime')}</th>
                <th scope="col" className="sf-number">{t('compliance.partTime')}</th>
                <th scope="col" className="sf-number">{t('compliance.partTimeShare')}</th>
                <th scope="col" className="sf-number">{t('compliance.multiGrid')}</th>
                <th scope="col" className="sf-number">{t('compliance.subsidy')}</th>
                <th scope="col" className="sf-number">{t('compliance.ruleSubsidy')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} data-code={r.code}>
                  <th scope="row">
                    {r.name} <span className="ga-mono ga-small ga-muted">{r.code}</span>
                  </th>
                  {level === 'grid' && (
                    <td>
                      {r.status && (
                        <span className="sf-status">
                          <span className="sf-swatch" aria-hidden="true" style={{ background: STATUS_COLOURS[r.status] }} />
                          {t(`status.${r.status}`)}
                        </span>
                      )}
                    </td>
                  )}
                  {cells(r)}
                </tr>
              ))}
            </tbody>
            {level !== 'grid' && (
              <tfoot>
                <tr>
                  <th scope="row">{t('compliance.total')}</th>
                  {cells(report.total)}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      {report && (
        <p className="ga-muted ga-small">
          {t('compliance.pricing', {
            fullTime: n(report.pricing.fullTimeMonthlyYuan),
            partTime: n(report.pricing.partTimeMonthlyYuan),
            fullTimePerGrid: n(report.pricing.fullTimePerGrid),
            partTimePerGrid: n(report.pricing.partTimePerGrid),
          })}
        </p>
      )}
    </section>
  );
}
