'use client';

import { useTranslations } from 'next-intl';
import { FIGURE_KIND, NO_DATA_COLOUR, type Choropleth } from './choropleth';
import type { AssessmentFormat } from './format';

/** The map's legend as text: each class's bounds and how many areas it holds, and the grey of no data. */
export function ChoroplethLegend({ choropleth, format, figureName }: { choropleth: Choropleth; format: AssessmentFormat; figureName: string }) {
  const t = useTranslations('assessment.legend');
  const write = (v: number) => (FIGURE_KIND[choropleth.figure] === 'rate' ? format.rate(v) : format.count(v));
  return (
    <div className="as-legend" data-testid="assessment-legend">
      <p className="as-legend-title">{t('title', { figure: figureName })}</p>
      {choropleth.classes.length > 0 ? (
        <p className="as-legend-note">{t('classes', { count: choropleth.classes.length })}</p>
      ) : (
        <p className="as-legend-note">{t('empty')}</p>
      )}
      <ul>
        {choropleth.classes.map((c) => (
          <li key={`${c.lower}-${c.upper}`}>
            <span className="as-swatch" style={{ background: c.colour }} aria-hidden="true" />
            <span>{c.lower === c.upper ? t('single', { value: write(c.upper) }) : t('range', { lower: write(c.lower), upper: write(c.upper) })}</span>
            <span className="ga-muted">{t('areas', { count: c.count })}</span>
          </li>
        ))}
        <li>
          <span className="as-swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
          <span>{t('noData')}</span>
        </li>
      </ul>
    </div>
  );
}
