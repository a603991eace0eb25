'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { ScenarioView } from '@/server/planner/scenarios';
import type { PlannerFormat } from './format';

/** The live line moves in tenths, so a screen reader hears a few steps, not every poll. */
export const announcedPercent = (progress: number) => Math.min(100, Math.floor(Math.max(0, progress) * 10) * 10);

/**
 * Where a run stands: a progress bar while it runs (read from the scenario every half second), then
 * done or failed; the status line is polite and announces each tenth, the end and a failure.
 */
export function RunStatus({ scenario, format }: { scenario: ScenarioView; format: PlannerFormat }) {
  const t = useTranslations('planner.status');
  const id = useId();
  const percent = Math.round(Math.max(0, Math.min(1, scenario.progress)) * 100);
  const line =
    scenario.status === 'running'
      ? t('running', { name: scenario.name, percent: announcedPercent(scenario.progress) })
      : scenario.status === 'done'
        ? t('done', { name: scenario.name, seconds: format.count(Math.max(1, Math.round((scenario.durationMs ?? 0) / 1000))), grids: scenario.figures?.scenario.grids ?? 0 })
        : t(scenario.error === 'interrupted' ? 'interrupted' : 'failed', { name: scenario.name });
  return (
    <div className="pn-run-status" data-status={scenario.status} data-testid="planner-status">
      {scenario.status === 'running' && (
        <>
          <p id={`${id}-label`} className="pn-progress-label">
            {t('progressLabel')}
          </p>
          <div
            className="pn-progress"
            role="progressbar"
            aria-labelledby={`${id}-label`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%`}
            data-testid="planner-progress"
          >
            <span className="pn-progress-bar" style={{ width: `${percent}%` }} />
          </div>
        </>
      )}
      <p role="status" aria-live="polite" className={scenario.status === 'failed' ? 'ga-form-error' : 'pn-status-line'}>
        {line}
      </p>
    </div>
  );
}
