'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { GridNorm } from '@/server/services/map-data';
import { keySiteIconDataUrl } from './key-site-icons';
import {
  ADDRESS_COLOUR,
  GRID_KIND_COLOURS,
  GRID_LOAD_COLOURS,
  INCIDENT_OVERDUE_RING,
  INCIDENT_PHASE_COLOURS,
  KEY_SITE_CATEGORIES,
  WORKER_COLOURS,
  type KeySiteCategory,
} from './palette';
import { WORKERS_MIN_ZOOM, type GridFill, type LayerId } from './state';

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

function Swatch({ colour, shape = 'box', ring }: { colour: string; shape?: 'box' | 'dot'; ring?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`ga-swatch ga-swatch-${shape}`}
      style={{ background: colour, boxShadow: ring ? `0 0 0 2px ${ring}` : undefined }}
    />
  );
}

/** The legend of the layers that are on, built from the same palette as the map. */
export function Legend({ layers, gridFill, norm }: { layers: LayerId[]; gridFill: GridFill; norm: GridNorm | null }) {
  const t = useTranslations();
  const [icons, setIcons] = useState<Partial<Record<KeySiteCategory, string>>>({});
  useEffect(() => {
    // Drawn in the browser with the local font, exactly like the map's icons.
    setIcons(Object.fromEntries(KEY_SITE_CATEGORIES.map((c) => [c, keySiteIconDataUrl(c)])));
  }, []);
  // Until the norm has arrived the legend names no figures it does not know yet.
  const min = norm?.householdsMin ?? '…';
  const max = norm?.householdsMax ?? '…';
  const residentsMax = norm?.residentsMax ?? '…';

  return (
    <section className="ga-legend" aria-labelledby="ga-legend-heading">
      <h3 id="ga-legend-heading" className="ga-legend-title">
        {t('legend.heading')}
      </h3>
      {layers.includes('grids') && gridFill === 'kind' && (
        <div className="ga-legend-group">
          <h4>{t('legend.gridKinds')}</h4>
          <ul>
            <li>
              <Swatch colour={GRID_KIND_COLOURS.comprehensive} />
              {t('gridKind.comprehensive')}
            </li>
            {(['park', 'school', 'hospital', 'enterprise', 'market', 'government'] as const).map((d) => (
              <li key={d}>
                <Swatch colour={GRID_KIND_COLOURS[d]} />
                {t('gridKind.dedicated')} · {t(`dedicatedType.${d}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {layers.includes('grids') && gridFill === 'load' && (
        <div className="ga-legend-group">
          <h4>{t('legend.gridLoad', { min, max })}</h4>
          <ul>
            <li>
              <Swatch colour={GRID_LOAD_COLOURS.under} />
              {t('legend.loadUnder', { min })}
            </li>
            <li>
              <Swatch colour={GRID_LOAD_COLOURS.within} />
              {t('legend.loadWithin', { min, max, residentsMax })}
            </li>
            <li>
              <Swatch colour={GRID_LOAD_COLOURS.over} />
              {t('legend.loadOver', { max, residentsMax })}
            </li>
          </ul>
        </div>
      )}
      {layers.includes('keySites') && (
        <div className="ga-legend-group">
          <h4>{t('legend.keySites')}</h4>
          <ul className="ga-legend-columns">
            {KEY_SITE_CATEGORIES.map((c) => (
              <li key={c}>
                {icons[c] ? (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={icons[c]} alt="" width={18} height={18} className="ga-legend-icon" />
                ) : (
                  <span className="ga-legend-icon" />
                )}
                {t(`keySiteCategory.${c}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(layers.includes('incidents') || layers.includes('incidentDensity')) && (
        <div className="ga-legend-group">
          <h4>{t('legend.incidents')}</h4>
          <ul>
            <li>
              <Swatch colour={INCIDENT_PHASE_COLOURS.open} shape="dot" />
              {t('legend.incidentOpen')}
            </li>
            <li>
              <Swatch colour={INCIDENT_PHASE_COLOURS.handled} shape="dot" />
              {t('legend.incidentHandled')}
            </li>
            <li>
              <Swatch colour={INCIDENT_PHASE_COLOURS.closed} shape="dot" />
              {t('legend.incidentClosed')}
            </li>
            <li>
              <Swatch colour={INCIDENT_PHASE_COLOURS.open} shape="dot" ring={INCIDENT_OVERDUE_RING} />
              {t('legend.incidentOverdue')}
            </li>
            {layers.includes('incidentDensity') && (
              <li>
                <span aria-hidden="true" className="ga-swatch ga-swatch-heat" />
                {t('layers.incidentDensity')}
              </li>
            )}
          </ul>
        </div>
      )}
      {layers.includes('workers') && (
        <div className="ga-legend-group">
          <h4>{t('legend.workers', { zoom: WORKERS_MIN_ZOOM })}</h4>
          <ul>
            <li>
              <Swatch colour={rgb(WORKER_COLOURS.full_time)} shape="dot" />
              {t('employment.full_time')}
            </li>
            <li>
              <Swatch colour={rgb(WORKER_COLOURS.part_time)} shape="dot" />
              {t('employment.part_time')}
            </li>
            <li>
              <Swatch colour={rgb(WORKER_COLOURS.full_time)} shape="dot" ring="#c1121f" />
              {t('details.multipleGrids')}
            </li>
          </ul>
        </div>
      )}
      {layers.includes('addresses') && (
        <div className="ga-legend-group">
          <ul>
            <li>
              <Swatch colour={ADDRESS_COLOUR} shape="dot" />
              {t('legend.addresses')}
            </li>
          </ul>
        </div>
      )}
    </section>
  );
}
