'use client';

import { useLocale, useTranslations } from 'next-intl';
import { refusalText } from '@/geo/rebalance/refusal-text';
import { textIn } from '@/geo/text/localized-text';
import type { ScenarioView } from '@/server/planner/scenarios';
import type { PlannerFormat } from './format';

/** The grids left out of range and why, in the current language (refusalText gives both). */
export function RefusalList({ scenario, format }: { scenario: ScenarioView; format: PlannerFormat }) {
  const t = useTranslations('planner.refusals');
  const locale = useLocale();
  const range = { min: scenario.params.householdsMin, max: scenario.params.householdsMax };
  return (
    <section className="pn-refusals" aria-labelledby="pn-refusals-title" data-testid="planner-refusals">
      <h3 id="pn-refusals-title">{t('title', { count: scenario.refusals.length })}</h3>
      {scenario.refusals.length === 0 ? (
        <p className="ga-muted">{t('none')}</p>
      ) : (
        <ul className="pn-refusal-list">
          {scenario.refusals.map((r, i) => (
            <li key={`${r.communityCode}-${r.gridCode ?? 'new'}-${i}`}>
              <span className="pn-refusal-where">
                {r.communityName} · {r.gridCode ? <span className="ga-mono">{r.gridCode}</span> : t('newGrid')} · {t('households', { households: format.count(r.households) })}
              </span>
              <span className="pn-refusal-why">{textIn(refusalText(r.refusal, range), locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
