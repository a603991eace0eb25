'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useTRPC } from '@/app/trpc/client';
import { chinaDayOf } from '@/geo/time/china-day';
import { versionInForce } from './as-of';
import './map-workflow.css';

/**
 * A grid's versions (版本历史), newest first: when each was in force, its area and households, and the
 * filings that created and retired it (each a link to its plan). The version the map shows is marked; a
 * version's button shows the map as of its first day.
 */
export function GridTimeline({ code, asOf, onShowDay }: { code: string; asOf: string | null; onShowDay: (day: string) => void }) {
  const t = useTranslations('workflow.timeline');
  const format = useFormatter();
  const trpc = useTRPC();
  const timeline = useQuery(trpc.plans.gridTimeline.queryOptions({ code }, { staleTime: 60_000 }));
  const versions = timeline.data ?? [];
  const shown = versionInForce(versions, asOf, new Date());
  const filing = (ref: { draftId: number; filingNumber: string | null } | null) =>
    ref ? (
      <Link className="ga-link" href={`/plans/${ref.draftId}`}>
        {ref.filingNumber ?? t('plan', { id: ref.draftId })}
      </Link>
    ) : (
      <span className="ga-muted">{t('initial')}</span>
    );

  return (
    <section className="ga-timeline" aria-labelledby={`ga-timeline-${code}`} data-testid="grid-timeline" aria-busy={timeline.isPending}>
      <h3 id={`ga-timeline-${code}`} className="ga-subheading">
        {t('heading')}
      </h3>
      {timeline.isPending && <p className="ga-muted">{t('loading')}</p>}
      {timeline.error && (
        <p className="ga-warning" role="alert">
          {t('failed')}
        </p>
      )}
      {timeline.data && versions.length === 0 && <p className="ga-muted">{t('none')}</p>}
      <ol className="ga-timeline-list" reversed>
        {versions
          .map((v, i) => ({ v, i }))
          .reverse()
          .map(({ v, i }) => {
            const from = chinaDayOf(new Date(v.validFrom));
            return (
              <li key={v.gridId} className={i === shown ? 'ga-timeline-item ga-timeline-shown' : 'ga-timeline-item'} data-testid="grid-version" data-shown={i === shown}>
                <p className="ga-timeline-span">
                  <strong>{t('version', { n: i + 1 })}</strong> {from} – {v.validTo ? chinaDayOf(new Date(v.validTo)) : t('current')}
                  {i === shown && <span className="ga-tag">{t('shown')}</span>}
                </p>
                <dl className="ga-timeline-facts">
                  <dt>{t('name')}</dt>
                  <dd>{v.name}</dd>
                  <dt>{t('area')}</dt>
                  <dd>{t('areaValue', { value: format.number(v.areaM2 / 1e6, { maximumFractionDigits: 3 }) })}</dd>
                  <dt>{t('households')}</dt>
                  <dd>{format.number(v.households)}</dd>
                  <dt>{t('createdBy')}</dt>
                  <dd data-testid="grid-version-created-by">{filing(v.createdBy)}</dd>
                  {v.validTo && (
                    <>
                      <dt>{t('retiredBy')}</dt>
                      <dd data-testid="grid-version-retired-by">{v.retiredBy ? filing(v.retiredBy) : <span className="ga-muted">{t('retiredUnknown')}</span>}</dd>
                    </>
                  )}
                </dl>
                {i !== shown && (
                  <button type="button" className="ga-link ga-small" onClick={() => onShowDay(from)}>
                    {t('showDay', { date: from })}
                  </button>
                )}
              </li>
            );
          })}
      </ol>
    </section>
  );
}
