'use client';

import type { Geometry } from 'geojson';
import { useLocale, useTranslations } from 'next-intl';
import { textIn } from '@/geo/text/localized-text';
import type { WarningReason } from '@/server/plans/plan-topology';
import type { TopologyReport } from '@/server/topology/finding-codes';
import { findingKey } from '@/geo/plans/finding-key';

/**
 * The plan's topology report now (drafts.validate): blocking findings in red, warnings with the reason
 * the editor gave for keeping each (matched by the finding's key, the server's rule).
 */
export function TopologyPanel({
  report,
  loading,
  error,
  reasons,
  gridNames,
  onShow,
}: {
  report: TopologyReport | undefined;
  loading: boolean;
  error: string | null;
  reasons: readonly WarningReason[];
  /** Grid key → name, to say which grids a finding names. */
  gridNames: ReadonlyMap<string, string>;
  onShow: (geometry: Geometry) => void;
}) {
  const t = useTranslations('review.topology');
  const locale = useLocale();
  const byKey = new Map(reasons.map((r) => [r.findingKey, r]));
  const gridLabel = (k: string) => (k.startsWith('inforce:') ? t('inForceGrid', { code: k.slice('inforce:'.length) }) : (gridNames.get(k) ?? k));
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="pl-topology-title" data-testid="topology-report">
      <h2 id="pl-topology-title">{t('title')}</h2>
      {error && (
        <div role="alert">
          <p className="ga-form-error">{error}</p>
        </div>
      )}
      {loading && !error && <p role="status">{t('loading')}</p>}
      {report && (
        <>
          <p className="pl-topology-summary">
            <span className={report.blocking > 0 ? 'pl-count pl-count-blocking' : 'pl-count'} data-testid="topology-blocking">
              {t('blocking', { count: report.blocking })}
            </span>
            <span className="pl-count pl-count-warning" data-testid="topology-warnings">
              {t('warnings', { count: report.warnings })}
            </span>
            <span className="ga-muted ga-small">{t('checked', { grids: report.grids })}</span>
          </p>
          {!report.complete && <p className="ga-warning">{t('incomplete')}</p>}
          {report.notes.map((n, i) => (
            <p key={i} className="ga-muted ga-small">
              {textIn(n, locale)}
            </p>
          ))}
          {report.findings.length === 0 ? (
            <p>{t('clean')}</p>
          ) : (
            <ul className="pl-findings">
              {report.findings.map((f, i) => {
                const key = findingKey(f);
                const reason = f.severity === 'warning' ? byKey.get(key) : undefined;
                return (
                  <li key={`${key}-${i}`} className={`pl-finding pl-finding-${f.severity}`} data-code={f.code} data-severity={f.severity}>
                    <span className={`pl-severity pl-severity-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
                    <div className="pl-finding-body">
                      <p className="pl-finding-message">{textIn(f.message, locale)}</p>
                      {f.gridKeys.length > 0 && <p className="ga-small ga-muted">{t('grids', { list: f.gridKeys.slice(0, 8).map(gridLabel).join('、') + (f.gridKeys.length > 8 ? '…' : '') })}</p>}
                      {f.severity === 'warning' &&
                        (reason ? (
                          <p className="pl-reason" data-testid="warning-reason">
                            <strong>{t('reason')}</strong> {reason.reason} <span className="ga-muted ga-small">— {reason.authorName}</span>
                          </p>
                        ) : (
                          <p className="pl-reason pl-reason-missing">{t('noReason')}</p>
                        ))}
                    </div>
                    {f.geometry && (
                      <button type="button" className="ga-link" onClick={() => onShow(f.geometry!)}>
                        {t('show')}
                        <span className="ga-visually-hidden"> {textIn(f.message, locale)}</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {report.omitted > 0 && <p className="ga-muted ga-small">{t('omitted', { count: report.omitted })}</p>}
        </>
      )}
    </section>
  );
}
