'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { AlertRegion, CHINA_TIME_ZONE, useFailureText } from './report-client';
import { usePositionReporting, type PositionReporting } from './use-position-reporting';

/**
 * The grid worker's header: who they are, the 在岗 / 离岗 switch (field.setDuty), and while on duty with
 * the page open their positions reported from the phone, with a small status line and a notice when the
 * phone gives none. Nothing here blocks the page: a refused position or a lost connection is a line.
 */
export function DutyBar() {
  const t = useTranslations('incidents.duty');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const failureText = useFailureText();
  const ids = useId();
  const statusId = `${ids}-status`;
  const me = useQuery(trpc.field.me.queryOptions(undefined, { staleTime: 60_000, refetchOnWindowFocus: true }));
  const setDuty = useMutation(trpc.field.setDuty.mutationOptions());
  // The state asked for while the call runs (shown at once; the confirmed one rules the reporting).
  const [asked, setAsked] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const onDuty = me.data?.onDuty ?? false;
  const reporting = usePositionReporting(onDuty);

  async function toggle() {
    if (!me.data || setDuty.isPending) return;
    const next = !me.data.onDuty;
    setAsked(next);
    setFailure(null);
    try {
      const r = await setDuty.mutateAsync({ onDuty: next });
      queryClient.setQueryData(trpc.field.me.queryKey(), (old) => (old ? { ...old, onDuty: r.onDuty } : old));
    } catch (err) {
      setFailure(failureText(err).text);
    } finally {
      setAsked(null);
    }
  }

  if (me.error) {
    return (
      <section className="rp-duty" aria-label={t('label')}>
        <AlertRegion text={failureText(me.error).text} />
      </section>
    );
  }

  const shown = asked ?? onDuty;
  return (
    <section className="rp-duty" aria-label={t('label')}>
      <div className="rp-duty-head">
        <p className="rp-duty-name">{me.data ? t('worker', { name: me.data.name }) : t('loading')}</p>
        <button
          type="button"
          role="switch"
          aria-checked={shown}
          aria-describedby={statusId}
          aria-disabled={!me.data || setDuty.isPending || undefined}
          className="rp-switch"
          onClick={() => void toggle()}
        >
          <span className="rp-switch-track" aria-hidden="true">
            <span className="rp-switch-knob" />
          </span>
          <span className="rp-switch-label">{t('switch')}</span>
        </button>
        {/* The switch says its state to a screen reader itself; this is the same for the eye. */}
        <span className={`rp-duty-state${shown ? ' rp-duty-state-on' : ''}`} aria-hidden="true">
          {shown ? t('on') : t('off')}
        </span>
      </div>
      <StatusLine id={statusId} onDuty={onDuty} pending={setDuty.isPending} reporting={reporting} />
      <AlertRegion text={failure} />
      <Notices reporting={reporting} onDuty={onDuty} />
    </section>
  );
}

/** "位置上报中 · 最近上报 HH:mm" / "未开启定位": the state in the live region, the time beside it (not announced every minute). */
function StatusLine({ id, onDuty, pending, reporting }: { id: string; onDuty: boolean; pending: boolean; reporting: PositionReporting }) {
  const t = useTranslations('incidents.duty.status');
  const format = useFormatter();
  const { watch, waiting, lastSentAt, offline } = reporting;
  const state = pending
    ? t('switching')
    : !onDuty || watch.state === 'off' || watch.state === 'failed'
      ? waiting > 0
        ? t('offWaiting', { count: waiting })
        : t('off')
      : watch.state === 'starting'
        ? t('starting')
        : offline
          ? t('offline', { count: waiting })
          : t('reporting');
  const time = lastSentAt !== null ? format.dateTime(new Date(lastSentAt), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: CHINA_TIME_ZONE }) : null;
  return (
    <p id={id} className="rp-duty-status">
      <span role="status" aria-live="polite">
        {state}
      </span>
      {time && onDuty && <span>{t('lastSent', { time })}</span>}
    </p>
  );
}

/** Why no position goes (visible, never in the way), with a way to ask the phone again. */
function Notices({ reporting, onDuty }: { reporting: PositionReporting; onDuty: boolean }) {
  const t = useTranslations('incidents.duty');
  const { watch, skipped, refused, retry } = reporting;
  const failed = onDuty && watch.state === 'failed' ? watch.failure : null;
  const canRetry = failed === 'denied' || failed === 'unavailable' || failed === 'timeout';
  return (
    <div role="alert" className="ga-alert-region rp-duty-notices">
      {failed && (
        <p className="ga-warning rp-duty-notice">
          {t(`failures.${failed}`)}
          {canRetry && (
            <button type="button" className="ga-secondary rp-button rp-duty-retry" onClick={retry}>
              {t('retry')}
            </button>
          )}
        </p>
      )}
      {onDuty && skipped && <p className="ga-warning rp-duty-notice">{t(`skipped.${skipped}`)}</p>}
      {refused && <p className="ga-form-error">{t('refused', { text: refused })}</p>}
    </div>
  );
}
