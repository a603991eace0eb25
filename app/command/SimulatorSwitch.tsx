'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';

/** The switch follows the simulator (another operator may switch it) this often. */
const SIMULATOR_REFRESH_MS = 30_000;

/**
 * 演示模拟：运行中 / 已停止, with its switch. Shown to holders of incident_command only (field.simulator
 * needs it); only the city's command operators may switch it: anyone else gets the server's refusal
 * (SIMULATOR_CITY_ONLY), whose words are shown under the switch.
 */
export function SimulatorSwitch() {
  const t = useTranslations('command.simulator');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const state = useQuery(trpc.field.simulator.queryOptions(undefined, { refetchInterval: SIMULATOR_REFRESH_MS }));
  const set = useMutation(
    trpc.field.setSimulator.mutationOptions({
      onSuccess: (r) => {
        queryClient.setQueryData(trpc.field.simulator.queryKey(), (old) => (old ? { ...old, running: r.running } : old));
        void queryClient.invalidateQueries({ queryKey: trpc.field.simulator.queryKey() });
      },
    }),
  );
  const running = state.data?.running ?? false;
  const busy = !state.data || set.isPending;

  return (
    <div className="ga-command-simulator" data-testid="simulator">
      <div className="ga-command-simulator-row">
        {/* The switch says its state to a screen reader itself; this line is the same for the eye. */}
        <p className="ga-command-simulator-state" aria-hidden="true">
          {state.data ? t('status', { state: t(running ? 'running' : 'stopped') }) : state.error ? t('loadFailed') : t('loading')}
        </p>
        <button
          type="button"
          role="switch"
          aria-checked={running}
          aria-label={t('label')}
          aria-describedby={state.data ? `${id}-reported` : undefined}
          aria-disabled={busy || undefined}
          className="ga-command-switch"
          onClick={() => {
            if (busy) return;
            set.reset();
            set.mutate({ running: !running });
          }}
        >
          <span className="ga-command-switch-track" aria-hidden="true">
            <span className="ga-command-switch-knob" />
          </span>
        </button>
      </div>
      {state.data && (
        <p id={`${id}-reported`} className="ga-muted ga-small">
          {t('reported', { count: state.data.reported })}
        </p>
      )}
      {state.error && !state.data && (
        <p className="ga-form-error" role="alert">
          {errorText(state.error, locale, t('loadFailed')).text}
        </p>
      )}
      {set.error && (
        <p className="ga-form-error" role="alert">
          {errorText(set.error, locale, t('failed')).text}
        </p>
      )}
    </div>
  );
}
