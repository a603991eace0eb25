'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Outcome } from '@/app/admin/outcome';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import type { ScenarioView } from '@/server/planner/scenarios';
import type { PlannerFormat } from './format';
import { NAME_MAX } from './params';

/** The open scenario: its name and scope, the parameters and pricing it ran with, and saving it. */
export function ScenarioHeader({ scenario, format }: { scenario: ScenarioView; format: PlannerFormat }) {
  const t = useTranslations('planner.scenario');
  const trpc = useTRPC();
  const layers = useQuery(trpc.planner.barrierLayers.queryOptions());
  const p = scenario.params;
  const barrier = p.barrierLayerId === null ? null : (layers.data?.find((l) => l.id === p.barrierLayerId)?.name ?? `#${p.barrierLayerId}`);
  const pr = scenario.pricing;
  return (
    <header className="pn-scenario-head" data-testid="planner-scenario" data-scenario-id={scenario.id}>
      <h2 id="pn-scenario-title">
        {scenario.name}
        {scenario.saved && <span className="pn-badge pn-badge-saved">{t('saved')}</span>}
        {!scenario.saved && <span className="pn-badge">{t('lastRun')}</span>}
        {scenario.promotedAt && <span className="pn-badge pn-badge-promoted">{t('promoted')}</span>}
      </h2>
      <p className="pn-scenario-meta">
        {t('scope', { name: scenario.scopeName, codes: scenario.scopeCodes.length })} ·{' '}
        {t('params', { min: format.count(p.householdsMin), max: format.count(p.householdsMax), residents: format.count(p.residentsMax) })} ·{' '}
        {p.keepDedicated ? t('keepDedicated') : t('dedicatedToo')}
        {barrier && ` · ${t('barrier', { name: barrier })}`}
      </p>
      <p className="pn-scenario-meta ga-small" data-testid="planner-pricing-used">
        {t('pricingUsed', {
          fullTimePerGrid: format.perGrid(pr.fullTimePerGrid),
          partTimePerGrid: format.perGrid(pr.partTimePerGrid),
          fullTimeMonthly: format.yuanAmount(pr.fullTimeMonthlyYuan),
          partTimeMonthly: format.yuanAmount(pr.partTimeMonthlyYuan),
        })}
      </p>
      <p className="pn-scenario-meta ga-small ga-muted">{t('createdBy', { name: scenario.createdBy || '—', at: format.moment(scenario.createdAt) })}</p>
      {scenario.mine && scenario.status === 'done' && <SaveForm scenario={scenario} />}
    </header>
  );
}

/** Keeps the scenario under a name (or renames a kept one). */
function SaveForm({ scenario }: { scenario: ScenarioView }) {
  const t = useTranslations('planner.scenario');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(scenario.name);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setName(scenario.name);
    setDone(null);
    setProblem(null);
  }, [scenario.id, scenario.name]);
  const save = useMutation(
    trpc.planner.save.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.planner.get.queryKey({ id: saved.id }), saved);
        setDone(t('savedAs', { name: saved.name }));
      },
      onError: (err) => setProblem(errorText(err, locale, t('saveFailed')).text),
      onSettled: () => queryClient.invalidateQueries(trpc.planner.list.queryFilter()),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const trimmed = name.trim();
    if (!trimmed) {
      setProblem(t('nameRequired'));
      return;
    }
    setProblem(null);
    save.mutate({ id: scenario.id, name: trimmed });
  };
  return (
    <form className="pn-save" onSubmit={submit} aria-busy={save.isPending}>
      <div className="ga-field ga-field-inline">
        <label htmlFor={`${id}-name`}>{t('saveName')}</label>
        <input id={`${id}-name`} value={name} maxLength={NAME_MAX} autoComplete="off" aria-invalid={problem ? true : undefined} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="ga-secondary" disabled={save.isPending} data-testid="planner-save">
        {scenario.saved ? t('rename') : t('save')}
      </button>
      <Outcome error={problem} done={done} />
    </form>
  );
}
