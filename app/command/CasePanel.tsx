'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { INCIDENT_ACTIONS, type IncidentAction } from '@/geo/incidents/incident-states';
import { textIn } from '@/geo/text/localized-text';
import { DispatchDialog } from './DispatchDialog';

export interface CasePanelProps {
  id: number;
  onClose: () => void;
  onShowOnMap: (point: [number, number]) => void;
  actionName: (action: string) => string;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="ga-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The moves that need something written (a reason, the handler's report) or a rating before they go. */
const needsInput = (a: IncidentAction) => INCIDENT_ACTIONS[a].noteRequired || a === 'evaluate';

/**
 * The case panel: everything incidents.get answers (the reporter and photos only when the server sends
 * them), its whole history, and the moves this user may make now. Focus moves to the panel's heading
 * when a case opens and back to where it was when the panel closes; Escape closes it.
 */
export function CasePanel({ id, onClose, onShowOnMap, actionName }: CasePanelProps) {
  const t = useTranslations('command');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [pending, setPending] = useState<IncidentAction | null>(null);
  const [note, setNote] = useState('');
  const [rating, setRating] = useState<number | null>(null);
  const [dispatching, setDispatching] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const incident = useQuery(trpc.incidents.get.queryOptions({ id }, { retry: false, staleTime: 0 }));
  const d = incident.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.incidents.get.queryKey({ id }) });
  const move = useMutation(
    trpc.incidents.move.mutationOptions({
      onSuccess: (_r, input) => {
        setPending(null);
        setNote('');
        setRating(null);
        setDone(t('act.done', { action: actionName(input.action) }));
        void refresh();
      },
    }),
  );

  // Focus: into the panel when a case opens, back to where it came from when the panel goes.
  useEffect(() => {
    const from = document.activeElement as HTMLElement | null;
    return () => {
      if (from && document.contains(from)) from.focus({ preventScroll: true });
    };
  }, []);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    setPending(null);
    setNote('');
    setRating(null);
    setDone(null);
    move.reset();
    // A new case: a fresh form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const date = (v: Date | null) => (v ? format.dateTime(v, { dateStyle: 'medium', timeStyle: 'short' }) : t('panel.none'));
  const stateName = (s: string | null) => (s ? t(`state.${s as 'reported'}`) : '—');
  const source = (s: string) => (t.has(`source.${s}` as never) ? t(`source.${s}` as never) : s);

  const run = (action: IncidentAction) => {
    if (!d) return;
    setDone(null);
    if (action === 'dispatch') return setDispatching(true);
    const ready = (!INCIDENT_ACTIONS[action].noteRequired || note.trim() !== '') && (action !== 'evaluate' || rating !== null);
    if (needsInput(action) && (pending !== action || !ready)) {
      move.reset();
      setPending(action);
      return;
    }
    move.mutate({
      incidentId: d.id,
      expectedVersion: d.version,
      action: action as Exclude<IncidentAction, 'dispatch'>,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(action === 'evaluate' && rating !== null ? { evaluation: rating } : {}),
    });
  };

  const error = incident.error
    ? incident.error.data?.code === 'NOT_FOUND'
      ? t('panel.notFound')
      : errorText(incident.error, locale, t('panel.failed')).text
    : null;

  return (
    <aside
      className="ga-panel ga-command-case"
      aria-labelledby={headingId}
      aria-busy={incident.isPending}
      data-testid="case-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !dispatching) onClose();
      }}
    >
      <div className="ga-panel-header">
        <div className="ga-details-heading">
          <span className="ga-chip ga-chip-incident">{t('panel.kind')}</span>
          <h2 id={headingId} ref={heading} tabIndex={-1} className="ga-panel-title">
            {d ? `${textIn(d.category.name, locale)} ${d.code}` : t('panel.heading')}
          </h2>
        </div>
        <button type="button" className="ga-icon-button" aria-label={t('panel.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="ga-panel-body">
        {error && (
          <p className="ga-warning" role="alert">
            {error}
          </p>
        )}
        {!d && !error && <p className="ga-muted">{t('panel.loading')}</p>}
        {d && (
          <>
            <dl className="ga-dl">
              <Row label={t('panel.status')}>
                <span className={`ga-status ga-status-${d.status}`}>{stateName(d.status)}</span>
                {d.overdue && <span className="ga-flag">{t('panel.overdue')}</span>}
                {d.escalationLevel > 0 && <span className="ga-flag">{t('panel.escalated', { level: d.escalationLevel })}</span>}
                {d.reopenedCount > 0 && <span className="ga-tag">{t('panel.reopened', { count: d.reopenedCount })}</span>}
              </Row>
              <Row label={t('panel.category')}>{textIn(d.category.name, locale)}</Row>
              <Row label={t('panel.department')}>{d.department ? textIn(d.department.name, locale) : t('panel.none')}</Row>
              <Row label={t('panel.grid')}>
                {d.grid ? (
                  <>
                    {d.grid.name || d.grid.code} <span className="ga-mono ga-small">{d.grid.code}</span>
                  </>
                ) : (
                  t('panel.none')
                )}
              </Row>
              <Row label={t('panel.address')}>{d.addressText || t('panel.none')}</Row>
              <Row label={t('panel.severity')}>{t('panel.severityValue', { level: d.severity })}</Row>
              <Row label={t('panel.source')}>{source(d.source)}</Row>
              {d.description && <Row label={t('panel.description')}>{d.description}</Row>}
              <Row label={t('panel.reportedAt')}>{date(d.reportedAt)}</Row>
              <Row label={t('panel.stageDueAt')}>
                {date(d.stageDueAt)}
                {d.overdue && <span className="ga-flag">{t('panel.overdue')}</span>}
              </Row>
              <Row label={t('panel.dispatchedAt')}>{date(d.dispatchedAt)}</Row>
              <Row label={t('panel.dueAt')}>{date(d.dueAt)}</Row>
              <Row label={t('panel.closedAt')}>{date(d.closedAt)}</Row>
              <Row label={t('panel.gridWorker')}>{d.gridWorker?.name || t('panel.none')}</Row>
              <Row label={t('panel.handler')}>
                {d.handler ? (
                  <>
                    {d.handler.name ?? t('panel.departmentAlone')}
                    <span className="ga-tag">{t.has(`rule.${d.handler.rule}` as never) ? t(`rule.${d.handler.rule}` as never) : d.handler.rule}</span>
                    {d.handler.reason && <span className="ga-muted ga-small">{d.handler.reason}</span>}
                  </>
                ) : (
                  t('panel.none')
                )}
              </Row>
              {d.reporter && (d.reporter.name || d.reporter.phone) && (
                <>
                  <Row label={t('panel.reporter')}>{d.reporter.name || t('panel.none')}</Row>
                  <Row label={t('panel.reporterPhone')}>
                    <span className="ga-mono">{d.reporter.phone || t('panel.none')}</span>
                  </Row>
                </>
              )}
              {d.notAcceptedReason && <Row label={t('panel.notAcceptedReason')}>{d.notAcceptedReason}</Row>}
              {d.evaluation !== null && <Row label={t('panel.evaluation')}>{t('panel.evaluationValue', { score: d.evaluation })}</Row>}
            </dl>
            <button type="button" className="ga-link" onClick={() => onShowOnMap(d.point)}>
              {t('panel.showOnMap')}
            </button>

            <section className="ga-command-actions" aria-labelledby={`${headingId}-actions`}>
              <h3 id={`${headingId}-actions`} className="ga-subheading">
                {t('panel.actions')}
              </h3>
              {d.actions.length === 0 ? (
                <p className="ga-muted ga-small">{t('panel.noActions')}</p>
              ) : (
                <div className="ga-command-action-buttons">
                  {d.actions.map((a) => (
                    <button
                      key={a}
                      type="button"
                      className={a === 'not_accept' || a === 'verify_fail' ? 'ga-secondary' : 'ga-primary'}
                      aria-expanded={needsInput(a) ? pending === a : undefined}
                      disabled={move.isPending}
                      onClick={() => run(a)}
                    >
                      {actionName(a)}
                    </button>
                  ))}
                </div>
              )}
              {pending && (
                <form
                  className="ga-command-action-form"
                  aria-label={actionName(pending)}
                  onSubmit={(e) => {
                    e.preventDefault();
                    run(pending);
                  }}
                >
                  {pending === 'evaluate' ? (
                    <fieldset className="ga-fieldset">
                      <legend className="ga-fieldset-legend">{t('act.ratingLabel')}</legend>
                      <div className="ga-command-rating">
                        {[1, 2, 3, 4, 5].map((n) => (
                          <label key={n} className="ga-radio">
                            <input type="radio" name="evaluation" value={n} checked={rating === n} onChange={() => setRating(n)} required />
                            <span>{t('act.rating', { score: n })}</span>
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  ) : null}
                  <label className="ga-command-field">
                    <span>{INCIDENT_ACTIONS[pending].noteRequired ? t('act.reasonLabel') : t('act.noteLabel')}</span>
                    <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={4000} required={INCIDENT_ACTIONS[pending].noteRequired} />
                  </label>
                  <div className="ga-command-action-buttons">
                    <button
                      type="submit"
                      className="ga-primary"
                      disabled={move.isPending || (INCIDENT_ACTIONS[pending].noteRequired && !note.trim()) || (pending === 'evaluate' && rating === null)}
                    >
                      {t('act.confirm', { action: actionName(pending) })}
                    </button>
                    <button type="button" className="ga-secondary" onClick={() => setPending(null)}>
                      {t('act.cancel')}
                    </button>
                  </div>
                </form>
              )}
              {move.error && (
                <p className="ga-form-error" role="alert">
                  {errorText(move.error, locale, t('act.failed')).text}
                </p>
              )}
              {done && (
                <p className="ga-form-ok" role="status">
                  {done}
                </p>
              )}
            </section>

            <section aria-labelledby={`${headingId}-history`}>
              <h3 id={`${headingId}-history`} className="ga-subheading">
                {t('panel.history')}
              </h3>
              <ol className="ga-command-history">
                {d.history.map((e) => (
                  <li key={e.id}>
                    <p className="ga-command-history-head">
                      <time dateTime={e.at.toISOString()}>{date(e.at)}</time>
                      <strong>{actionName(e.action)}</strong>
                      {e.to && e.from !== e.to && <span className="ga-small">{t('panel.transition', { from: stateName(e.from), to: stateName(e.to) })}</span>}
                    </p>
                    <p className="ga-small ga-muted">{t('panel.by', { name: e.actorName || t('panel.none') })}</p>
                    {e.note && <p className="ga-command-history-note">{e.note}</p>}
                    {d.photosVisible && e.photoIds.length > 0 && (
                      <ul className="ga-command-photos" aria-label={t('panel.photos')}>
                        {e.photoIds.map((p, i) => (
                          <li key={p}>
                            <a href={`/api/incidents/photos/${p}`} target="_blank" rel="noopener">
                              {/* eslint-disable-next-line @next/next/no-img-element */}
                              <img src={`/api/incidents/photos/${p}`} alt={t('panel.photoAlt', { n: i + 1, action: actionName(e.action) })} width={72} height={72} loading="lazy" />
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          </>
        )}
      </div>
      {dispatching && d && (
        <DispatchDialog
          incidentId={d.id}
          onClose={(dispatched) => {
            setDispatching(false);
            if (dispatched) {
              setDone(t('act.done', { action: actionName('dispatch') }));
              void refresh();
            }
          }}
        />
      )}
    </aside>
  );
}
