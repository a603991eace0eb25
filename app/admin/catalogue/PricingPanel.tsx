'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { StaffingPricing } from '@/server/settings';
import { Outcome, useErrorText } from '../outcome';
import { parsePricing, pricingDraft, PRICING_FIELDS, type PricingDraft, type PricingField } from './pricing-form';
import type { CatalogueReason } from './reasons';

const CITY_ONLY = 'PRICING_CITY_ONLY';

/**
 * 网格员补贴标准: the staffing rule and the monthly subsidies the planner's scenarios are priced with
 * (planner.pricing / planner.setPricing). A city administrator sets them; a district's is told why not.
 * A scenario keeps the pricing it ran with, so a change applies to the next run only.
 */
export function PricingPanel() {
  const t = useTranslations('catalogue');
  const locale = useLocale();
  const trpc = useTRPC();
  const message = useErrorText();
  const pricing = useQuery(trpc.planner.pricing.queryOptions(undefined, { staleTime: 0 }));
  const cityOnly = pricing.error ? errorText(pricing.error, locale, '').code === CITY_ONLY : false;
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="ga-pricing-title" data-testid="pricing-panel">
      <h2 id="ga-pricing-title" tabIndex={-1}>
        {t('pricing.title')}
      </h2>
      <p className="ga-cat-intro">{t('pricing.intro')}</p>
      {pricing.error && (
        <p role="alert" className="ga-form-error">
          {message(pricing.error)}
        </p>
      )}
      {pricing.isPending && <p role="status">{t('loading')}</p>}
      {pricing.data && !cityOnly && <PricingForm pricing={pricing.data} />}
    </section>
  );
}

function PricingForm({ pricing }: { pricing: StaffingPricing }) {
  const t = useTranslations('catalogue');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const [draft, setDraft] = useState<PricingDraft>(() => pricingDraft(pricing));
  const [problems, setProblems] = useState<{ field: PricingField; reason: CatalogueReason }[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const inputs = useRef(new Map<PricingField, HTMLInputElement>());
  useEffect(() => setDraft(pricingDraft(pricing)), [pricing]);
  const save = useMutation(
    trpc.planner.setPricing.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.planner.pricing.queryKey(), saved);
        setDone(t('pricing.saved'));
      },
      onSettled: () => Promise.all([queryClient.invalidateQueries(trpc.planner.pricing.queryFilter()), queryClient.invalidateQueries(trpc.planner.settings.queryFilter())]),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    save.reset();
    const parsed = parsePricing(draft);
    if (!parsed.valid) {
      setProblems(parsed.problems);
      inputs.current.get(parsed.problems[0]!.field)?.focus();
      return;
    }
    setProblems([]);
    save.mutate(parsed.value);
  };
  const problemOf = (f: PricingField) => problems.find((p) => p.field === f);
  return (
    <form className="ga-form ga-pricing" onSubmit={submit} noValidate aria-busy={save.isPending} data-testid="pricing-form">
      <div className="ga-pricing-grid">
        {PRICING_FIELDS.map((f) => {
          const problem = problemOf(f);
          const id = `ga-pricing-${f}`;
          return (
            <div key={f} className="ga-field">
              <label htmlFor={id}>{t(`pricing.fields.${f}`)}</label>
              <input
                id={id}
                ref={(el) => {
                  if (el) inputs.current.set(f, el);
                  else inputs.current.delete(f);
                }}
                className="ga-cat-input"
                inputMode="decimal"
                autoComplete="off"
                value={draft[f]}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : `${id}-hint`}
                onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))}
              />
              <p id={`${id}-hint`} className="ga-field-hint">
                {t(`pricing.hints.${f}`)}
              </p>
              {problem && (
                <p id={`${id}-problem`} className="ga-cat-problem">
                  {t(`problems.${problem.reason}`)}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <p className="ga-form-note">{t('pricing.appliesNext')}</p>
      <Outcome error={problems.length ? t('pricing.fixFields', { count: problems.length }) : save.error ? message(save.error) : null} done={done} />
      <p className="ga-card-actions">
        <button type="submit" className="ga-primary" disabled={!hydrated || save.isPending} data-testid="pricing-save">
          {save.isPending ? t('pricing.saving') : t('pricing.save')}
        </button>
      </p>
    </form>
  );
}
