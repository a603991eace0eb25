'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { GridNorm } from '@/server/services/map-data';
import { Legend } from './Legend';
import { LAYER_GROUPS, LAYER_IDS, type GridFill, type LayerId } from './state';

export interface LayerPanelProps {
  layers: LayerId[];
  /** The layers the user's capabilities include; the others are shown disabled, with why. */
  allowed: readonly LayerId[];
  onLayersChange: (layers: LayerId[]) => void;
  gridFill: GridFill;
  onGridFillChange: (fill: GridFill) => void;
  norm: GridNorm | null;
}

/** Layer toggles (real checkboxes), the grid colouring choice and the legend of what is shown. */
export function LayerPanel({ layers, allowed, onLayersChange, gridFill, onGridFillChange, norm }: LayerPanelProps) {
  const t = useTranslations('layers');
  const headingId = useId();
  const bodyId = useId();
  const notAllowedId = useId();
  const someNotAllowed = LAYER_IDS.some((id) => !allowed.includes(id));
  const [expanded, setExpanded] = useState(true);

  const toggle = (id: LayerId, on: boolean) =>
    onLayersChange(LAYER_IDS.filter((l) => (l === id ? on : layers.includes(l))));

  return (
    <aside className="ga-panel ga-layers" aria-labelledby={headingId}>
      <div className="ga-panel-header">
        <h2 id={headingId} className="ga-panel-title">
          {t('heading')}
        </h2>
        <button
          type="button"
          className="ga-icon-button"
          aria-expanded={expanded}
          aria-controls={bodyId}
          aria-label={t('toggle')}
          onClick={() => setExpanded((e) => !e)}
        >
          <span aria-hidden="true">{expanded ? '−' : '+'}</span>
        </button>
      </div>
      <div id={bodyId} className="ga-panel-body" hidden={!expanded}>
        {LAYER_GROUPS.map((group) => (
          <fieldset key={group.id} className="ga-fieldset">
            <legend className="ga-fieldset-legend">{t(group.id)}</legend>
            {group.layers.map((id) =>
              allowed.includes(id) ? (
                <label key={id} className="ga-check">
                  <input type="checkbox" name={`layer-${id}`} checked={layers.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
                  <span>{t(id)}</span>
                </label>
              ) : (
                <label key={id} className="ga-check ga-check-denied">
                  <input type="checkbox" name={`layer-${id}`} checked={false} disabled aria-describedby={notAllowedId} />
                  <span>{t(id)}</span>
                  <span className="ga-tag">{t('notAllowedTag')}</span>
                </label>
              ),
            )}
          </fieldset>
        ))}
        <fieldset className="ga-fieldset" disabled={!layers.includes('grids')}>
          <legend className="ga-fieldset-legend">{t('gridFill')}</legend>
          <div className="ga-segmented">
            {(['kind', 'load'] as const).map((fill) => (
              <label key={fill} className="ga-radio">
                <input type="radio" name="grid-fill" value={fill} checked={gridFill === fill} onChange={() => onGridFillChange(fill)} />
                <span>{t(fill === 'kind' ? 'fillByKind' : 'fillByLoad')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {someNotAllowed && (
          <p id={notAllowedId} className="ga-muted ga-small">
            {t('notAllowed')}
          </p>
        )}
        <Legend layers={layers} gridFill={gridFill} norm={norm} />
      </div>
    </aside>
  );
}
