'use client';

import { useTranslations } from 'next-intl';
import type { ScenarioView } from '@/server/planner/scenarios';
import { formatChange, formatFigure } from './figure-kind';
import { compareRows } from './figures';
import type { PlannerFormat } from './format';

/** Two scenarios side by side: every figure of each, and B − A. */
export function ComparePanel({ a, b, format }: { a: ScenarioView; b: ScenarioView; format: PlannerFormat }) {
  const t = useTranslations('planner.compare');
  const tr = useTranslations('planner.compare.rows');
  const rows = compareRows(a, b);
  return (
    <section className="ga-card pn-compare" aria-labelledby="pn-compare-title" data-testid="planner-compare">
      <h2 id="pn-compare-title">{t('title')}</h2>
      <p className="ga-small ga-muted">{t('hint')}</p>
      <div className="pn-table-wrap">
        <table className="ga-table pn-compare-table">
          <caption>{t('caption', { a: a.name, b: b.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figure')}</th>
              <th scope="col" className="pn-num">
                <span className="pn-compare-tag">A</span> {a.name}
                <span className="pn-table-sub">{a.scopeName}</span>
              </th>
              <th scope="col" className="pn-num">
                <span className="pn-compare-tag">B</span> {b.name}
                <span className="pn-table-sub">{b.scopeName}</span>
              </th>
              <th scope="col" className="pn-num">
                {t('difference')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-figure={r.id}>
                <th scope="row">{tr(r.id)}</th>
                <td className="pn-num">{formatFigure(format, r.kind, r.a)}</td>
                <td className="pn-num">{formatFigure(format, r.kind, r.b)}</td>
                <td className="pn-num">{formatChange(format, r.kind, r.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
