'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { DivisionFigures } from '@/geo/rebalance/figures';
import type { PlannerFormat } from './format';
import { householdBins } from './histogram';

const W = 560;
const H = 220;
const M = { left: 40, right: 10, top: 14, bottom: 36 };
export const CHART_COLOURS = { today: '#8a94a6', scenario: '#1f6feb', band: '#5cb85c' } as const;

export interface HouseholdsChartProps {
  today: DivisionFigures;
  scenario: DivisionFigures;
  range: { min: number; max: number };
  format: PlannerFormat;
}

/**
 * Households per comprehensive grid, today beside the scenario, as a histogram with the range marked:
 * an SVG image with a title and a description that say what it shows, and the same counts as a table.
 */
export function HouseholdsChart({ today, scenario, range, format }: HouseholdsChartProps) {
  const t = useTranslations('planner.chart');
  const id = useId();
  const h = householdBins(today.households, scenario.households, range);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (households: number) => M.left + (Math.min(households, h.end) / h.end) * plotW;
  const y = (count: number) => M.top + plotH - (count / h.maxCount) * plotH;
  const binW = plotW / h.bins.length;
  const barW = Math.max(1, (binW - 4) / 2);
  const labelEvery = h.bins.length > 10 ? 2 : 1;
  const bandFrom = x(range.min);
  const bandTo = x(range.max);
  const interval = (from: number, to: number) => t('interval', { from: format.count(from), to: format.count(to - 1) });
  return (
    <figure className="pn-chart" data-testid="planner-chart">
      <figcaption id={`${id}-caption`} className="pn-chart-caption">
        {t('title')}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="pn-chart-svg">
        <title id={`${id}-title`}>{t('title')}</title>
        <desc id={`${id}-desc`}>
          {t('description', {
            today: today.comprehensive,
            scenario: scenario.comprehensive,
            min: format.count(range.min),
            max: format.count(range.max),
            todayWithin: today.withinRange,
            scenarioWithin: scenario.withinRange,
          })}
        </desc>
        <rect x={bandFrom} y={M.top} width={Math.max(1, bandTo - bandFrom)} height={plotH} fill={CHART_COLOURS.band} opacity={0.15} data-testid="planner-chart-band" />
        <line x1={bandFrom} x2={bandFrom} y1={M.top} y2={M.top + plotH} stroke={CHART_COLOURS.band} strokeDasharray="3 2" />
        <line x1={bandTo} x2={bandTo} y1={M.top} y2={M.top + plotH} stroke={CHART_COLOURS.band} strokeDasharray="3 2" />
        <text x={(bandFrom + bandTo) / 2} y={M.top - 3} textAnchor="middle" className="pn-chart-band-label">
          {t('band', { min: format.count(range.min), max: format.count(range.max) })}
        </text>
        {h.bins.map((b, i) => {
          const left = M.left + i * binW + 2;
          return (
            <g key={b.from}>
              {b.today > 0 && <rect x={left} y={y(b.today)} width={barW} height={y(0) - y(b.today)} fill={CHART_COLOURS.today} />}
              {b.scenario > 0 && <rect x={left + barW} y={y(b.scenario)} width={barW} height={y(0) - y(b.scenario)} fill={CHART_COLOURS.scenario} />}
              {i % labelEvery === 0 && (
                <text x={M.left + i * binW} y={H - M.bottom + 14} textAnchor="middle" className="pn-chart-tick">
                  {format.count(b.from)}
                </text>
              )}
            </g>
          );
        })}
        <text x={M.left + plotW} y={H - M.bottom + 14} textAnchor="end" className="pn-chart-tick">
          {format.count(h.end)}
        </text>
        <line x1={M.left} x2={M.left + plotW} y1={y(0)} y2={y(0)} stroke="#4b566a" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={y(0)} stroke="#4b566a" />
        <text x={M.left - 4} y={y(h.maxCount) + 4} textAnchor="end" className="pn-chart-tick">
          {format.count(h.maxCount)}
        </text>
        <text x={M.left - 4} y={y(0)} textAnchor="end" className="pn-chart-tick">
          0
        </text>
        <text x={M.left + plotW / 2} y={H - 4} textAnchor="middle" className="pn-chart-axis">
          {t('xAxis')}
        </text>
      </svg>
      <ul className="pn-chart-legend" aria-hidden="true">
        <li>
          <span className="pn-swatch" style={{ background: CHART_COLOURS.today }} /> {t('today')}
        </li>
        <li>
          <span className="pn-swatch" style={{ background: CHART_COLOURS.scenario }} /> {t('scenario')}
        </li>
        <li>
          <span className="pn-swatch pn-swatch-band" /> {t('range')}
        </li>
      </ul>
      <details className="pn-chart-table">
        <summary>{t('asTable')}</summary>
        <table className="ga-table">
          <caption className="ga-visually-hidden">{t('title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('households')}</th>
              <th scope="col" className="pn-num">
                {t('today')}
              </th>
              <th scope="col" className="pn-num">
                {t('scenario')}
              </th>
            </tr>
          </thead>
          <tbody>
            {h.bins.map((b) => (
              <tr key={b.from}>
                <th scope="row">{interval(b.from, b.to)}</th>
                <td className="pn-num">{format.count(b.today)}</td>
                <td className="pn-num">{format.count(b.scenario)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
