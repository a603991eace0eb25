'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { PlanningAreas } from '@/server/planner/scope';
import { BarrierImport } from './BarrierImport';
import type { PlannerFormat } from './format';
import { checkParams, defaultScenarioName, NAME_MAX, type ParamField, type ParamsDraft } from './params';
import { scopeCodes, scopeSummary, type ScopeChoice } from './scope';
import { ScopeChooser } from './ScopeChooser';

/** The form's state: the scope and the parameters as typed (the numbers stay text until checked). */
export interface RunDraft extends ParamsDraft {
  choice: ScopeChoice;
  keepDedicated: boolean;
  barrierLayerId: number | null;
}

export interface RunFormProps {
  areas: PlanningAreas;
  draft: RunDraft;
  onDraft: (draft: RunDraft) => void;
  format: PlannerFormat;
  /** A run was started: its scenario's id. */
  onStarted: (id: number) => void;
  /** A run of this planner is still going: the button waits for it. */
  busy: boolean;
}

/** The parameters of a scenario and its Run button. */
export function RunForm({ areas, draft, onDraft, format, onStarted, busy }: RunFormProps) {
  const t = useTranslations('planner.form');
  const tp = useTranslations('planner.problems');
  const locale = useLocale();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const id = useId();
  const layers = useQuery(trpc.planner.barrierLayers.queryOptions());
  const run = useMutation(trpc.planner.run.mutationOptions());
  const [problem, setProblem] = useState<{ field: ParamField; text: string } | null>(null);
  const fields = useRef<Partial<Record<ParamField, HTMLElement | null>>>({});
  const set = (patch: Partial<RunDraft>) => onDraft({ ...draft, ...patch });
  const summary = scopeSummary(areas, draft.choice);
  const householdsWord = t('householdsWord');
  const defaultName = (min: number, max: number) => defaultScenarioName(summary?.name ?? '', min, max, householdsWord);

  const pending = run.isPending || busy;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // While a run is going the button stays focusable (aria-disabled), and a press does nothing.
    if (pending) return;
    run.reset();
    const codes = scopeCodes(draft.choice);
    const checked = checkParams(draft, codes, defaultName);
    if (!checked.valid) {
      setProblem({ field: checked.field, text: tp(checked.reason) });
      const el = checked.field === 'scope' ? document.getElementById(`${id}-scope`)?.querySelector('select') : fields.current[checked.field];
      el?.focus();
      return;
    }
    setProblem(null);
    const v = checked.value;
    const started = await run
      .mutateAsync({ name: v.name, scope: codes, householdsMin: v.householdsMin, householdsMax: v.householdsMax, residentsMax: v.residentsMax, keepDedicated: draft.keepDedicated, barrierLayerId: draft.barrierLayerId })
      .catch(() => null);
    if (started) onStarted(started.id);
  };

  const invalid = (f: ParamField) => (problem?.field === f ? true : undefined);
  const describedBy = (f: ParamField, hint?: string) => [hint, problem?.field === f ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  const serverError = run.error ? errorText(run.error, locale, t('failed')).text : null;

  return (
    <section className="ga-card pn-form-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={run.isPending} data-testid="planner-form">
        <div id={`${id}-scope`}>
          <ScopeChooser
            areas={areas}
            choice={draft.choice}
            onChange={(choice) => set({ choice })}
            format={format}
            problemId={problem?.field === 'scope' ? `${id}-problem` : null}
          />
        </div>
        {summary && (
          <p className="ga-small ga-muted" data-testid="planner-scope-summary">
            {t('scopeSummary', { name: summary.name, communities: summary.communities, households: format.count(summary.households), addresses: format.count(summary.addresses) })}
          </p>
        )}
        <fieldset className="pn-range">
          <legend>{t('norm')}</legend>
          <div className="ga-field">
            <label htmlFor={`${id}-min`}>{t('householdsMin')}</label>
            <input
              id={`${id}-min`}
              ref={(el) => {
                fields.current.householdsMin = el;
              }}
              inputMode="numeric"
              value={draft.householdsMin}
              aria-invalid={invalid('householdsMin')}
              aria-describedby={describedBy('householdsMin')}
              onChange={(e) => set({ householdsMin: e.target.value })}
            />
          </div>
          <div className="ga-field">
            <label htmlFor={`${id}-max`}>{t('householdsMax')}</label>
            <input
              id={`${id}-max`}
              ref={(el) => {
                fields.current.householdsMax = el;
              }}
              inputMode="numeric"
              value={draft.householdsMax}
              aria-invalid={invalid('householdsMax')}
              aria-describedby={describedBy('householdsMax')}
              onChange={(e) => set({ householdsMax: e.target.value })}
            />
          </div>
          <div className="ga-field">
            <label htmlFor={`${id}-residents`}>{t('residentsMax')}</label>
            <input
              id={`${id}-residents`}
              ref={(el) => {
                fields.current.residentsMax = el;
              }}
              inputMode="numeric"
              value={draft.residentsMax}
              aria-invalid={invalid('residentsMax')}
              aria-describedby={describedBy('residentsMax')}
              onChange={(e) => set({ residentsMax: e.target.value })}
            />
          </div>
        </fieldset>
        <label className="pn-check">
          <input type="checkbox" checked={draft.keepDedicated} onChange={(e) => set({ keepDedicated: e.target.checked })} aria-describedby={`${id}-keep-hint`} />
          <span>{t('keepDedicated')}</span>
        </label>
        <p id={`${id}-keep-hint`} className="ga-field-hint">
          {t('keepDedicatedHint')}
        </p>
        <div className="ga-field">
          <label htmlFor={`${id}-barriers`}>{t('barrierLayer')}</label>
          <select
            id={`${id}-barriers`}
            value={draft.barrierLayerId ?? ''}
            onChange={(e) => set({ barrierLayerId: e.target.value ? Number(e.target.value) : null })}
            data-testid="planner-barriers"
          >
            <option value="">{t('noBarriers')}</option>
            {(layers.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {t('barrierOption', { name: l.name, lines: l.lines })}
              </option>
            ))}
          </select>
        </div>
        <div className="ga-field">
          <label htmlFor={`${id}-name`}>{t('name')}</label>
          <input
            id={`${id}-name`}
            ref={(el) => {
              fields.current.name = el;
            }}
            value={draft.name}
            maxLength={NAME_MAX}
            autoComplete="off"
            placeholder={summary ? t('namePlaceholder') : undefined}
            aria-invalid={invalid('name')}
            aria-describedby={describedBy('name', `${id}-name-hint`)}
            onChange={(e) => set({ name: e.target.value })}
          />
          <p id={`${id}-name-hint`} className="ga-field-hint">
            {t('nameHint')}
          </p>
        </div>
        <div role="alert" className="ga-alert-region">
          {problem && (
            <p id={`${id}-problem`} className="ga-form-error">
              {problem.text}
            </p>
          )}
          {serverError && <p className="ga-form-error">{serverError}</p>}
        </div>
        <p className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={!hydrated} aria-disabled={pending ? true : undefined} data-testid="planner-run">
            {pending ? t('running') : t('run')}
          </button>
        </p>
      </form>
      <BarrierImport onImported={(layerId) => set({ barrierLayerId: layerId })} />
    </section>
  );
}
