'use client';

import { useTranslations } from 'next-intl';
import type { ScenarioView } from '@/server/planner/scenarios';
import { formatChange, formatFigure } from './figure-kind';
import { figureRows } from './figures';
import type { PlannerFormat } from './format';
import { HouseholdsChart } from './HouseholdsChart';
import { RefusalList } from './RefusalList';

export interface FiguresPanelProps {
  scenario: ScenarioView;
  format: PlannerFormat;
  /** The standard addresses of the scope (for the share that changes grid); null while unknown. */
  addresses: number | null;
}

/**
 * A finished scenario's figures beside today: the headline figures, the households-per-grid chart with
 * its table, every figure as a table (today, scenario, change), and the grids left out of range.
 */
export function FiguresPanel({ scenario, format, addresses }: FiguresPanelProps) {
  const t = useTranslations('planner.figures');
  const f = scenario.figures;
  if (!f) return null;
  const range = { min: scenario.params.householdsMin, max: scenario.params.householdsMax };
  const rows = figureRows(f);
  const movedAddressShare = addresses ? f.movedUnits / addresses : null;
  return (
    <section className="ga-card pn-figures" aria-labelledby="pn-figures-title" data-testid="planner-figures">
      <h2 id="pn-figures-title">{t('title')}</h2>
      <dl className="pn-headline">
        <div data-testid="figure-grids">
          <dt>{t('grids')}</dt>
          <dd>{t('beforeAfter', { today: format.count(f.today.grids), scenario: format.count(f.scenario.grids) })}</dd>
        </div>
        <div data-testid="figure-within">
          <dt>{t('withinShare', { min: format.count(range.min), max: format.count(range.max) })}</dt>
          <dd>{t('beforeAfter', { today: format.share(f.today.withinRangeShare), scenario: format.share(f.scenario.withinRangeShare) })}</dd>
        </div>
        <div data-testid="figure-moved">
          <dt>{t('moved')}</dt>
          <dd>
            {t('movedHouseholds', { households: format.count(f.movedHouseholds), share: format.share(f.movedShare) })}
            <br />
            {t('movedAddresses', { addresses: format.count(f.movedUnits), share: format.share(movedAddressShare) })}
          </dd>
        </div>
        <div data-testid="figure-workers">
          <dt>{t('workers')}</dt>
          <dd>
            {t('workersBeforeAfter', {
              fullToday: format.count(f.today.fullTime),
              fullScenario: format.count(f.scenario.fullTime),
              partToday: format.count(f.today.partTime),
              partScenario: format.count(f.scenario.partTime),
            })}
          </dd>
        </div>
        <div data-testid="figure-subsidy">
          <dt>{t('subsidy')}</dt>
          <dd>
            {format.yuan(f.scenario.annualSubsidyFen)}
            <span className="pn-change">
              {t('subsidyChange', { change: format.signedYuan(f.subsidyChangeFen), percent: format.signedPercent(f.subsidyChangePercent) })}
            </span>
          </dd>
        </div>
      </dl>
      <p className="ga-small ga-muted">{t('dedicatedNote')}</p>

      <HouseholdsChart today={f.today} scenario={f.scenario} range={range} format={format} />

      <table className="ga-table pn-figure-table" data-testid="planner-figure-table">
        <caption>{t('tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figure')}</th>
            <th scope="col" className="pn-num">
              {t('today')}
            </th>
            <th scope="col" className="pn-num">
              {t('scenario')}
            </th>
            <th scope="col" className="pn-num">
              {t('change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-figure={r.id}>
              <th scope="row">{t(`rows.${r.id}`)}</th>
              <td className="pn-num">{formatFigure(format, r.kind, r.a)}</td>
              <td className="pn-num">{formatFigure(format, r.kind, r.b)}</td>
              <td className="pn-num">{formatChange(format, r.kind, r.change)}</td>
            </tr>
          ))}
          <tr data-figure="subsidyChangePercent">
            <th scope="row">{t('rows.subsidyChangePercent')}</th>
            <td className="pn-num" />
            <td className="pn-num" />
            <td className="pn-num">{format.signedPercent(f.subsidyChangePercent)}</td>
          </tr>
        </tbody>
      </table>
      <RefusalList scenario={scenario} format={format} />
    </section>
  );
}
