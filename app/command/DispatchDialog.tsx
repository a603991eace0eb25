'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { textIn } from '@/geo/text/localized-text';

export interface DispatchDialogProps {
  incidentId: number;
  /** Closed; `dispatched` when the case was dispatched. */
  onClose: (dispatched: boolean) => void;
}

/**
 * 派遣 (smart dispatch): the department with its reason, each suggested handler with its reason (the
 * first is the recommendation), and why the grid's own worker is not first. The operator accepts the
 * recommendation, or picks another handler and writes why. A modal dialog: focus stays in it, Escape
 * closes it, and focus returns to the 派遣 button.
 */
export function DispatchDialog({ incidentId, onClose }: DispatchDialogProps) {
  const t = useTranslations('command.dispatch');
  const tc = useTranslations('command');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState(0);
  const [reason, setReason] = useState('');
  const advice = useQuery(trpc.incidents.suggestDispatch.queryOptions({ incidentId }, { staleTime: 0, gcTime: 0, retry: false }));
  const dispatch = useMutation(trpc.incidents.dispatch.mutationOptions({ onSuccess: () => close(true) }));

  const close = (dispatched: boolean) => {
    dialog.current?.close();
    onClose(dispatched);
  };

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const from = document.activeElement as HTMLElement | null;
    d.showModal();
    return () => {
      if (d.open) d.close();
      from?.focus({ preventScroll: true });
    };
  }, []);

  const a = advice.data;
  const send = (index: number) => {
    if (!a) return;
    const s = a.suggestions[index];
    if (!s) return;
    dispatch.mutate({ incidentId, expectedVersion: a.version, workerId: s.workerId, ...(index > 0 ? { reason: reason.trim() } : {}) });
  };
  const who = (s: { workerName: string | null }) => s.workerName ?? t('departmentAlone');

  return (
    <dialog
      ref={dialog}
      className="ga-command-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        close(false);
      }}
    >
      <h2 id={`${id}-title`} className="ga-panel-title">
        {t('title')}
      </h2>
      {advice.isPending && <p className="ga-muted">{t('loading')}</p>}
      {advice.error && (
        <p className="ga-form-error" role="alert">
          {errorText(advice.error, locale, t('failed')).text}
        </p>
      )}
      {a && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send(choice);
          }}
        >
          <dl className="ga-dl">
            <div className="ga-row">
              <dt>{t('department')}</dt>
              <dd>
                <strong>{textIn(a.department.name, locale)}</strong>
                <span className="ga-muted ga-small">{textIn(a.department.reason, locale)}</span>
              </dd>
            </div>
          </dl>
          {a.gridWorkerNote && (
            <p className="ga-warning">
              <strong>{t('gridWorkerNote')}</strong> {textIn(a.gridWorkerNote, locale)}
            </p>
          )}
          <fieldset className="ga-fieldset">
            <legend className="ga-fieldset-legend">{t('suggestions')}</legend>
            <ul className="ga-command-suggestions">
              {a.suggestions.map((s, i) => (
                <li key={`${s.workerId ?? 'department'}-${i}`}>
                  <label className="ga-radio">
                    <input type="radio" name="handler" checked={choice === i} onChange={() => setChoice(i)} />
                    <span>
                      <strong>{who(s)}</strong>
                      {i === 0 && <span className="ga-tag">{t('recommended')}</span>}
                      <span className="ga-tag">{tc.has(`rule.${s.rule}` as never) ? tc(`rule.${s.rule}` as never) : s.rule}</span>
                      {s.load !== null && <span className="ga-small"> {t('load', { count: s.load })}</span>}
                      {s.distanceM !== null && <span className="ga-small"> {t('distance', { metres: format.number(Math.round(s.distanceM)) })}</span>}
                      <span className="ga-command-suggestion-reason ga-small ga-muted">{textIn(s.reason, locale)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {choice > 0 && (
            <label className="ga-command-field">
              <span>{t('reasonLabel')}</span>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} required aria-describedby={`${id}-reason-hint`} />
              <span id={`${id}-reason-hint`} className="ga-small ga-muted">
                {t('reasonRequired')}
              </span>
            </label>
          )}
          {dispatch.error && (
            <p className="ga-form-error" role="alert">
              {errorText(dispatch.error, locale, t('failed')).text}
            </p>
          )}
          <div className="ga-command-action-buttons">
            <button type="button" className="ga-primary" disabled={dispatch.isPending} onClick={() => send(0)}>
              {t('acceptFirst')}
            </button>
            {choice > 0 && (
              <button type="submit" className="ga-secondary" disabled={dispatch.isPending || !reason.trim()}>
                {t('dispatchChosen', { name: who(a.suggestions[choice]!) })}
              </button>
            )}
            <button type="button" className="ga-secondary" onClick={() => close(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {!a && (
        <div className="ga-command-action-buttons">
          <button type="button" className="ga-secondary" onClick={() => close(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </dialog>
  );
}
