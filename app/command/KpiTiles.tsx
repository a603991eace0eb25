'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import type { IncidentKpis } from '@/server/incidents/view';

const TILES = ['newToday', 'closedToday', 'overdueNow', 'onTimeRate', 'openNow'] as const;
type Tile = (typeof TILES)[number];

/**
 * Today's figures for the scope (and the district or street filtered for), from incidents.kpis: each
 * tile a labelled group, so a screen reader reads "今日新增 12".
 */
export function KpiTiles({ kpis, failed }: { kpis: IncidentKpis | null; failed: boolean }) {
  const t = useTranslations('command.kpi');
  const format = useFormatter();
  const id = useId();
  const value = (k: Tile): string => {
    if (!kpis) return '…';
    if (k === 'onTimeRate') return kpis.onTimeRate === null ? t('none') : format.number(kpis.onTimeRate, { style: 'percent', maximumFractionDigits: 1 });
    return format.number(kpis[k]);
  };
  return (
    <section className="ga-command-kpis" aria-labelledby={`${id}-heading`} aria-busy={!kpis && !failed}>
      <h2 id={`${id}-heading`} className="ga-command-heading">
        {t('heading')}
      </h2>
      {failed && (
        <p className="ga-warning" role="alert">
          {t('failed')}
        </p>
      )}
      <ul className="ga-command-kpi-list">
        {TILES.map((k) => (
          <li key={k}>
            <div role="group" aria-labelledby={`${id}-${k}`} className={`ga-command-kpi ga-command-kpi-${k}`} data-testid={`kpi-${k}`}>
              <span id={`${id}-${k}`} className="ga-command-kpi-label">
                {t(k)}
              </span>
              <span className="ga-command-kpi-value">{value(k)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
