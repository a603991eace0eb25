'use client';
import { useTranslations } from 'next-intl';
import type { EffectivePlanState } from '@/geo/plans/plan-states';

/** A plan's state as a coloured label (colour is never the only cue: the text says it). */
export function StateBadge({ state, testId }: { state: EffectivePlanState; testId?: string }) {
  const t = useTranslations('review.states');
  return (
    <span className={`pl-state pl-state-${state}`} data-testid={testId} data-state={state}>
      {t(state)}
    </span>
  );
}
