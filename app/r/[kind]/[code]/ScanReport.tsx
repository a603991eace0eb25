'use client';

import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId, useMemo } from 'react';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';
import type { ReportPlace } from '@/server/incidents/intake';
import { ReportForm } from '@/app/report/ReportForm';
import { ResponsibleLine } from '@/app/report/ResponsibleLine';

/**
 * A scanned place and its report form: what the code names, whose grid it is and who will handle the
 * report, then the shared form without a location step (the place is the code's; source: public_scan).
 */
export function ScanReport({
  kind,
  code,
  label,
  place,
  grid,
  worker,
  inScope,
}: {
  kind: 'address' | 'key_site';
  code: string;
  label: string;
  place: ReportPlace;
  grid: { code: string; name: string } | null;
  worker: { id: number; name: string } | null;
  inScope: boolean;
}) {
  const t = useTranslations('incidents.scan');
  const ids = useId();
  const placeId = `${ids}-place`;
  const status = useMemo(() => ({ ok: true as const, place }), [place]);
  return (
    <div className="rp-page">
      <h1 className="rp-title">{t('title')}</h1>
      <section className="rp-place-card" aria-labelledby={placeId}>
        <p className="rp-place-label">{t(kind === 'address' ? 'kindAddress' : 'kindKeySite')}</p>
        <h2 id={placeId} className="rp-place-name" tabIndex={-1}>
          {label}
        </h2>
        <p className="rp-place-context">
          {t('code')} <span className="ga-mono">{code}</span>
          {grid && (
            <>
              {' · '}
              {t('grid')} <span className="ga-mono">{grid.code}</span>
            </>
          )}
        </p>
        <ResponsibleLine grid={grid} worker={worker} />
      </section>
      {inScope ? (
        <ReportForm source="public_scan" place={status} placeFieldId={placeId} placeErrorId={`${ids}-place-error`} />
      ) : (
        <p className="ga-form-note" role="note">
          {t('outsideScope')}
        </p>
      )}
    </div>
  );
}

/** The code names no place (a malformed path, an address or key site that does not exist). */
export function ScanNotFound({ code, reason = null }: { code: string; reason?: LocalizedText | null }) {
  const t = useTranslations('incidents.scan');
  const locale = useLocale();
  return (
    <section className="ga-card rp-page" aria-labelledby="rp-not-found">
      <h1 id="rp-not-found">{t('notFoundTitle')}</h1>
      <p className="ga-form-error" data-testid="scan-not-found">
        {reason ? textIn(reason, locale) : t('notFound', { code: code.slice(0, 40) })}
      </p>
      <p className="ga-card-actions">
        <Link className="ga-primary rp-button" href="/report">
          {t('toReport')}
        </Link>
      </p>
    </section>
  );
}
