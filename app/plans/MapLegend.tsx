'use client';

import { useTranslations } from 'next-intl';
import type { CSSProperties } from 'react';
import { DIFF_COLOURS } from './plan-map-layers';

type Item = { key: string; style: CSSProperties };

const box = (fill: string | null, line: string, dashed = false): CSSProperties => ({
  background: fill ?? 'transparent',
  border: `2px ${dashed ? 'dashed' : 'solid'} ${line}`,
});

const ITEMS: Item[] = [
  { key: 'added', style: box(`${DIFF_COLOURS.added}55`, DIFF_COLOURS.added) },
  { key: 'removed', style: box(`${DIFF_COLOURS.removed}4d`, DIFF_COLOURS.removed, true) },
  { key: 'reshapedOld', style: box(null, DIFF_COLOURS.reshapedOld, true) },
  { key: 'reshapedNew', style: box(null, DIFF_COLOURS.reshapedNew) },
  { key: 'attributes', style: box(null, DIFF_COLOURS.attributes) },
  { key: 'unchanged', style: box(null, DIFF_COLOURS.unchanged) },
  {
    key: 'arrangement',
    style: {
      ...box(null, DIFF_COLOURS.arrangement, true),
      background: `repeating-linear-gradient(135deg, ${DIFF_COLOURS.arrangement}99 0 2px, transparent 2px 6px)`,
    },
  },
  { key: 'comment', style: { background: DIFF_COLOURS.comment, border: '2px solid #fff', borderRadius: '50%', boxShadow: `0 0 0 1px ${DIFF_COLOURS.comment}` } },
];

/** What the map's colours and lines mean (the same constants as the layers). */
export function MapLegend() {
  const t = useTranslations('review.legend');
  return (
    <div className="pl-legend" role="group" aria-labelledby="pl-legend-title">
      <p id="pl-legend-title" className="pl-legend-title">
        {t('title')}
      </p>
      <ul>
        {ITEMS.map((i) => (
          <li key={i.key}>
            <span className="pl-legend-swatch" style={i.style} aria-hidden="true">
              {i.key === 'attributes' && <span className="pl-legend-marker" style={{ borderColor: DIFF_COLOURS.attributes }} />}
            </span>
            {t(i.key)}
          </li>
        ))}
      </ul>
    </div>
  );
}
