'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { IncidentView } from '@/server/incidents/view';
import { historyEventKey, MY_CASES_REFRESH_MS, noteRequired, PHONE_ACTION_RULES, phoneActions, validateMove, type MoveReason, type PhoneAction } from './case-format';
import { photoIdsOf } from './photo-queue';
import { PhotoPicker } from './PhotoPicker';
import { AlertRegion, StatusRegion, useFailureText, useIncidentFormat } from './report-client';
import { usePhotoQueue } from './use-photo-queue';

/**
 * One of the worker's cases: what it is and where, its history (with the photos the worker may see), and
 * the steps the server offers them now: 开始处置 at once; 处置完毕, 核查通过, 核查不通过 with a note and
 * photos. After a step the case and the list are read again.
 */
export function CasePanel({ id, onBack }: { id: number; onBack: () => void }) {
  const t = useTranslations('incidents.case');
  const tState = useTranslations('incidents.state');
  const tAction = useTranslations('incidents.action');
  const tForm = useTranslations('incidents.form');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useIncidentFormat();
  const failureText = useFailureText();
  const heading = useRef<HTMLHeadingElement>(null);
  const actionsHeading = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<PhoneAction | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const detail = useQuery(trpc.incidents.get.queryOptions({ id }, { staleTime: 0, refetchInterval: MY_CASES_REFRESH_MS, refetchOnWindowFocus: true }));
  const move = useMutation(trpc.incidents.move.mutationOptions());

  useEffect(() => {
    heading.current?.focus();
  }, [detail.data !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps

  async function take(action: PhoneAction, c: IncidentView, extra: { note?: string; photoIds?: number[] } = {}): Promise<boolean> {
    setFailure(null);
    setDone(null);
    try {
      await move.mutateAsync({ incidentId: c.id, expectedVersion: c.version, action, ...extra });
      setDone(t(`done.${action}`, { code: c.code }));
      setForm(null);
      await queryClient.invalidateQueries(trpc.incidents.pathFilter());
      // The button pressed may be gone now (the case moved on): the focus goes to the steps' heading.
      actionsHeading.current?.focus();
      return true;
    } catch (err) {
      const f = failureText(err);
      // Someone moved the case meanwhile: read it again so the steps offered are the current ones.
      if (f.code === 'INCIDENT_STALE_VERSION' || f.code === 'NOT_FROM_THIS_STATE') void detail.refetch();
      setFailure(f.text);
      return false;
    }
  }

  const c = detail.data;
  const actions = c ? phoneActions(c.actions) : [];
  return (
    <section className="rp-case-panel" aria-labelledby="rp-case-title">
      <p className="rp-back">
        <button type="button" className="ga-secondary rp-button" onClick={onBack}>
          <span aria-hidden="true">‹ </span>
          {t('back')}
        </button>
      </p>
      <h2 id="rp-case-title" ref={heading} tabIndex={-1}>
        {c ? t('title', { code: c.code }) : t('loading')}
      </h2>
      <AlertRegion text={detail.error ? failureText(detail.error).text : null} />
      {c && (
        <>
          <p className="rp-case-top">
            <span className={`rp-state rp-state-${c.status}`}>{tState(c.status)}</span>
            {c.overdue && <span className="rp-overdue">{t('overdue')}</span>}
            {c.escalationLevel > 0 && <span className="rp-overdue">{t('escalated', { level: c.escalationLevel })}</span>}
          </p>
          <dl className="rp-facts">
            <dt>{t('category')}</dt>
            <dd>{fmt.text(c.category.name)}</dd>
            <dt>{t('place')}</dt>
            <dd>{c.addressText || t('point', { lon: c.point[0].toFixed(6), lat: c.point[1].toFixed(6) })}</dd>
            {c.grid && (
              <>
                <dt>{t('grid')}</dt>
                <dd>{t('gridValue', { name: c.grid.name, code: c.grid.code })}</dd>
              </>
            )}
            <dt>{t('severity')}</dt>
            <dd>{c.severity >= 1 && c.severity <= 4 ? tForm(`severities.${c.severity as 1 | 2 | 3 | 4}`) : c.severity}</dd>
            <dt>{t('reportedAt')}</dt>
            <dd>{fmt.moment(c.reportedAt)}</dd>
            {c.stageDueAt && (
              <>
                <dt>{t('due')}</dt>
                <dd>{fmt.moment(c.stageDueAt)}</dd>
              </>
            )}
            {c.department && (
              <>
                <dt>{t('department')}</dt>
                <dd>{fmt.text(c.department.name)}</dd>
              </>
            )}
            {c.reporter && (c.reporter.name || c.reporter.phone) && (
              <>
                <dt>{t('reporter')}</dt>
                <dd>{[c.reporter.name, c.reporter.phone].filter(Boolean).join(' · ')}</dd>
              </>
            )}
          </dl>
          <p className="rp-case-description">{c.description}</p>

          <h3 ref={actionsHeading} tabIndex={-1}>
            {t('actionsTitle')}
          </h3>
          <StatusRegion text={done} />
          <AlertRegion text={failure} />
          {actions.length === 0 ? (
            <p className="ga-field-hint rp-hint">{t('noActions')}</p>
          ) : (
            <div className="rp-actions" role="group" aria-label={t('actionsTitle')}>
              {actions.map((a) =>
                PHONE_ACTION_RULES[a].form ? (
                  <button
                    key={a}
                    type="button"
                    className={`rp-button rp-action rp-action-${a} ${form === a ? 'ga-primary' : 'ga-secondary'}`}
                    aria-expanded={form === a}
                    aria-controls={form === a ? 'rp-action-form' : undefined}
                    disabled={move.isPending}
                    onClick={() => setForm((f) => (f === a ? null : a))}
                  >
                    {tAction(a)}
                  </button>
                ) : (
                  <button key={a} type="button" className={`ga-primary rp-button rp-action rp-action-${a}`} disabled={move.isPending} onClick={() => void take(a, c)}>
                    {tAction(a)}
                  </button>
                ),
              )}
            </div>
          )}
          {form && actions.includes(form) && (
            <ActionForm key={form} action={form} pending={move.isPending} onCancel={() => setForm(null)} onSend={(extra) => take(form, c, extra)} />
          )}

          <h3>{t('historyTitle')}</h3>
          <ol className="rp-history">
            {c.history.map((e) => (
              <li key={e.id} className="rp-event">
                <p className="rp-event-head">
                  <strong>{tAction(historyEventKey(e.action))}</strong>
                  {e.to && e.to !== e.from && <span className={`rp-state rp-state-${e.to}`}>{tState(e.to)}</span>}
                </p>
                <p className="rp-event-meta">
                  {fmt.moment(e.at)} · {e.actorName}
                </p>
                {e.note && e.action !== 'report' && <p className="rp-event-note">{e.note}</p>}
                {e.photoIds.length > 0 && (
                  <ul className="rp-event-photos" aria-label={t('photosOf', { action: tAction(historyEventKey(e.action)) })}>
                    {e.photoIds.map((p, i) => (
                      <li key={p}>
                        <a href={`/api/incidents/photos/${p}`} target="_blank" rel="noopener">
                          <img src={`/api/incidents/photos/${p}`} alt={t('photo', { n: i + 1 })} loading="lazy" className="rp-event-photo" />
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {!c.photosVisible && <p className="ga-field-hint rp-hint">{t('photosHidden')}</p>}
        </>
      )}
    </section>
  );
}

/** The note and photos of a step that takes them, and its confirm button. */
function ActionForm({
  action,
  pending,
  onCancel,
  onSend,
}: {
  action: PhoneAction;
  pending: boolean;
  onCancel: () => void;
  onSend: (extra: { note: string; photoIds: number[] }) => Promise<boolean>;
}) {
  const t = useTranslations('incidents.case');
  const ids = useId();
  const noteId = `${ids}-note`;
  const errorId = `${ids}-error`;
  const photos = usePhotoQueue();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<MoveReason | null>(null);
  const required = noteRequired(action);

  useEffect(() => {
    document.getElementById(noteId)?.focus();
  }, [noteId]);

  return (
    <form
      id="rp-action-form"
      className="rp-action-form"
      noValidate
      aria-label={t(`form.${action}`)}
      onSubmit={async (e) => {
        e.preventDefault();
        if (pending) return;
        const check = validateMove(action, note, photos.queue);
        if (!check.valid) {
          setReason(check.reason);
          if (check.field === 'note') document.getElementById(noteId)?.focus();
          return;
        }
        setReason(null);
        await onSend({ note: check.note, photoIds: photoIdsOf(photos.queue) });
      }}
    >
      <div className="rp-field">
        <label htmlFor={noteId}>{t(required ? 'noteRequired' : 'noteOptional', { what: t(`note.${action}`) })}</label>
        <textarea
          id={noteId}
          className="rp-textarea"
          rows={3}
          maxLength={4000}
          required={required}
          aria-invalid={reason === 'NOTE_REQUIRED' || undefined}
          aria-describedby={reason ? errorId : undefined}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {PHONE_ACTION_RULES[action].photos && (
        <fieldset className="rp-fieldset">
          <legend className="rp-legend">{t('photos')}</legend>
          <PhotoPicker photos={photos} errorId={reason ? errorId : undefined} />
        </fieldset>
      )}
      <div role="alert" className="ga-alert-region">
        {reason && (
          <p id={errorId} className="ga-form-error">
            {t(`errors.${reason}`)}
          </p>
        )}
      </div>
      <p className="rp-actions">
        <button type="submit" className="ga-primary rp-button" disabled={pending}>
          {t(`confirm.${action}`)}
        </button>
        <button type="button" className="ga-secondary rp-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
