'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { keySiteIconDataUrl } from '@/app/map/key-site-icons';
import { INCIDENT_OVERDUE_RING, INCIDENT_PHASE_COLOURS, KEY_SITE_CATEGORIES, type KeySiteCategory } from '@/app/map/palette';
import { WORKERS_MIN_ZOOM } from '@/app/map/state';
import { TRAILS_MIN_ZOOM } from './workers';
import {
  DENSITY_RANGE,
  ESCALATED_COLOUR,
  GRID_NO_OPEN_COLOUR,
  GRID_OPEN_RAMP,
  INSPECTION_OVERDUE_COLOUR,
  rgbCss,
  WORKER_DUTY_COLOURS,
  WORKER_LOAD_RING,
  WORKER_LOAD_RING_COLOUR,
  WORKER_TRACK_COLOUR,
} from './command-palette';
import type { PointMode } from './command-state';

function Swatch({ colour, shape = 'box', ring, large }: { colour: string; shape?: 'box' | 'dot'; ring?: string; large?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`ga-swatch ga-swatch-${shape}${large ? ' ga-command-swatch-large' : ''}`}
      style={{ background: colour, boxShadow: ring ? `0 0 0 2px ${ring}` : undefined }}
    />
  );
}

export interface CommandLegendProps {
  mode: PointMode;
  workers: boolean;
  keySites: boolean;
  /** The rings of the key sites overdue for inspection are on the map. */
  inspections: boolean;
  replaying: boolean;
  escalatedGlyph: string;
}

/** The legend of what the command map draws, from the same palette as its layers. */
export function CommandLegend({ mode, workers, keySites, inspections, replaying, escalatedGlyph }: CommandLegendProps) {
  const t = useTranslations();
  const tl = useTranslations('command.legend');
  const id = useId();
  const [expanded, setExpanded] = useState(true);
  const [icons, setIcons] = useState<Partial<Record<KeySiteCategory, string>>>({});
  useEffect(() => {
    if (keySites) setIcons(Object.fromEntries(KEY_SITE_CATEGORIES.map((c) => [c, keySiteIconDataUrl(c)])));
  }, [keySites]);

  return (
    <section className="ga-command-legend" aria-labelledby={`${id}-heading`}>
      <div className="ga-command-legend-header">
        <h2 id={`${id}-heading`} className="ga-command-heading">
          {tl('heading')}
        </h2>
        <button type="button" className="ga-icon-button" aria-expanded={expanded} aria-controls={`${id}-body`} aria-label={tl('toggle')} onClick={() => setExpanded((e) => !e)}>
          <span aria-hidden="true">{expanded ? '−' : '+'}</span>
        </button>
      </div>
      <div id={`${id}-body`} hidden={!expanded} className="ga-legend">
        {mode === 'points' ? (
          <div className="ga-legend-group">
            <h3 className="ga-command-legend-title">{tl('incidents')}</h3>
            <ul>
              <li>
                <Swatch colour={INCIDENT_PHASE_COLOURS.open} shape="dot" />
                {tl('open')}
              </li>
              <li>
                <Swatch colour={INCIDENT_PHASE_COLOURS.handled} shape="dot" />
                {tl('handled')}
              </li>
              <li>
                <Swatch colour={INCIDENT_PHASE_COLOURS.closed} shape="dot" />
                {tl('closed')}
              </li>
              {!replaying && (
                <>
                  <li>
                    <Swatch colour={INCIDENT_PHASE_COLOURS.open} shape="dot" ring={INCIDENT_OVERDUE_RING} large />
                    {tl('overdue')}
                  </li>
                  <li>
                    <span aria-hidden="true" className="ga-command-legend-glyph" style={{ color: rgbCss(ESCALATED_COLOUR) }}>
                      {escalatedGlyph}
                    </span>
                    {tl('escalated')}
                  </li>
                </>
              )}
            </ul>
            {replaying && <p className="ga-muted ga-small">{tl('replayNote')}</p>}
          </div>
        ) : (
          <div className="ga-legend-group">
            <h3 className="ga-command-legend-title">{tl('density')}</h3>
            <span aria-hidden="true" className="ga-command-ramp" style={{ background: `linear-gradient(90deg, ${DENSITY_RANGE.map(rgbCss).join(', ')})` }} />
            <p className="ga-muted ga-small">{tl('densityNote')}</p>
          </div>
        )}
        <div className="ga-legend-group">
          <h3 className="ga-command-legend-title">{tl('gridOpen')}</h3>
          <ul>
            <li>
              <Swatch colour={GRID_NO_OPEN_COLOUR} />
              {tl('gridNone')}
            </li>
            {GRID_OPEN_RAMP.map(([n, colour], i) => (
              <li key={n}>
                <Swatch colour={colour} />
                {i + 1 < GRID_OPEN_RAMP.length ? tl('gridRange', { from: n, to: GRID_OPEN_RAMP[i + 1]![0] - 1 }) : tl('gridAtLeast', { from: n })}
              </li>
            ))}
          </ul>
        </div>
        {workers && (
          <div className="ga-legend-group">
            <h3 className="ga-command-legend-title">{tl('workers', { zoom: WORKERS_MIN_ZOOM })}</h3>
            <ul>
              <li>
                <Swatch colour={rgbCss(WORKER_DUTY_COLOURS.onDuty)} shape="dot" />
                {tl('onDuty')}
              </li>
              <li>
                <Swatch colour={rgbCss(WORKER_DUTY_COLOURS.offDuty)} shape="dot" />
                {tl('offDuty')}
              </li>
              <li>
                <Swatch colour={rgbCss(WORKER_DUTY_COLOURS.onDuty)} shape="dot" ring={rgbCss(WORKER_LOAD_RING_COLOUR)} />
                {tl('loadRing', { count: WORKER_LOAD_RING })}
              </li>
              <li>
                <span aria-hidden="true" className="ga-command-legend-trail" />
                {tl('trails', { zoom: TRAILS_MIN_ZOOM })}
              </li>
              <li>
                <span aria-hidden="true" className="ga-command-legend-trail ga-command-legend-track" style={{ background: rgbCss(WORKER_TRACK_COLOUR) }} />
                {tl('workerTrack')}
              </li>
            </ul>
          </div>
        )}
        {keySites && (
          <div className="ga-legend-group">
            <h3 className="ga-command-legend-title">{tl('keySites')}</h3>
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
            {inspections && (
              <ul>
                <li>
                  <span aria-hidden="true" className="ga-command-legend-ring" style={{ borderColor: rgbCss(INSPECTION_OVERDUE_COLOUR) }} />
                  {tl('inspectionsOverdue')}
                </li>
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
