'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { useWorkerTrack, WORKER_DAY_REFRESH_MS } from './use-worker-day';
import { coveragePercent, type DayPeriod } from './worker-day';
import type { WorkerDot } from './workers';

export interface WorkerPanelProps {
  workerId: number;
  /** The name the worker was chosen by (the heading while the live dot is missing). */
  name: string;
  /** The worker as the live map has them now (null once they left the snapshot). */
  dot: WorkerDot | null;
  /** Today so far (use-worker-day.ts's minute clock). */
  period: DayPeriod;
  onClose: () => void;
  onShowOnMap: (point: [number, number]) => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="ga-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The server's refusal of a worker outside the viewer's scope (server/field/errors.ts). */
const WORKER_NOT_FOUND = 'WORKER_NOT_FOUND';

/**
 * The worker panel: the worker's state now (on duty, cases in hand, last position, from the live map),
 * their track of today (drawn on the map while the panel is open), today's patrol coverage and today's
 * patrol log. Security: every read is checked by the server against the viewer's worker scope; a worker
 * outside it answers WORKER_NOT_FOUND, whose text is shown. Focus moves to the heading when a worker
 * opens and back to where it was when the panel closes; Escape closes it.
 */
export function WorkerPanel({ workerId, name, dot, period, onClose, onShowOnMap }: WorkerPanelProps) {
  const t = useTranslations();
  const tw = useTranslations('command.workerPanel');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  const track = useWorkerTrack(workerId, period.day);
  const coverage = useQuery(
    trpc.field.coverage.queryOptions(
      { workerId, from: period.from, to: period.to },
      // The period ends now, so each minute is a new query: the last figure stays meanwhile.
      { retry: false, placeholderData: (previous) => (previous?.workerId === workerId ? previous : undefined) },
    ),
  );
  const log = useQuery(trpc.field.patrolLog.queryOptions({ workerId, day: period.day }, { retry: false, refetchInterval: WORKER_DAY_REFRESH_MS }));

  useEffect(() => {
    const from = document.activeElement as HTMLElement | null;
    return () => {
      if (from && document.contains(from)) from.focus({ preventScroll: true });
    };
  }, []);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [workerId]);

  const failure = (err: unknown, fallback: string) => errorText(err, locale, fallback);
  // Out of scope: the three reads say so alike; the panel says it once.
  const refused = [track.error, coverage.error, log.error].map((e) => (e ? failure(e, '') : null)).find((e) => e?.code === WORKER_NOT_FOUND) ?? null;
  const time = (d: Date) => format.dateTime(d, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const dayLabel = format.dateTime(period.from, { month: 'long', day: 'numeric', weekday: 'short' });
  const percent = coverage.data ? coveragePercent(coverage.data) : null;
  const shownName = dot?.name ?? name;

  return (
    <aside
      className="ga-panel ga-command-worker"
      aria-labelledby={headingId}
      aria-busy={track.isPending || coverage.isPending || log.isPending}
      data-testid="worker-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="ga-panel-header">
        <div className="ga-details-heading">
          <span className="ga-chip ga-chip-worker">{tw('kind')}</span>
          <h2 id={headingId} ref={heading} tabIndex={-1} className="ga-panel-title">
            {shownName || tw('heading')}
          </h2>
        </div>
        <button type="button" className="ga-icon-button" aria-label={tw('close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="ga-panel-body">
        {refused ? (
          <p className="ga-warning" role="alert">
            {refused.text}
          </p>
        ) : (
          <>
            {dot ? (
              <>
                <dl className="ga-dl">
                  <Row label={tw('duty')}>
                    <span className={`ga-command-duty ga-command-duty-${dot.onDuty ? 'on' : 'off'}`}>{tw(dot.onDuty ? 'onDuty' : 'offDuty')}</span>
                  </Row>
                  <Row label={tw('employment')}>{t(`employment.${dot.employment}`)}</Row>
                  <Row label={tw('load')}>{tw('loadValue', { count: dot.load })}</Row>
                  <Row label={tw('lastSeen')}>
                    <time dateTime={dot.at.toISOString()}>{time(dot.at)}</time>
                  </Row>
                </dl>
                <button type="button" className="ga-link" onClick={() => onShowOnMap([dot.lon, dot.lat])}>
                  {tw('showOnMap')}
                </button>
              </>
            ) : (
              <p className="ga-muted ga-small">{tw('notInView')}</p>
            )}

            <section className="ga-command-worker-today" aria-labelledby={`${headingId}-today`}>
              <h3 id={`${headingId}-today`} className="ga-subheading">
                {tw('today', { day: dayLabel })}
              </h3>
              {track.data ? (
                <p className="ga-command-worker-figure">
                  {track.data.points > 0 ? tw('track', { points: track.data.points, metres: track.data.lengthM }) : tw('trackNone')}
                  {track.data.points > 1 && <span className="ga-muted ga-small"> {tw('trackOnMap')}</span>}
                </p>
              ) : track.error ? (
                <p className="ga-form-error">{failure(track.error, tw('trackFailed')).text}</p>
              ) : (
                <p className="ga-muted ga-small">{tw('trackLoading')}</p>
              )}
              {coverage.data ? (
                <p className="ga-command-worker-figure" data-testid="worker-coverage">
                  {percent === null
                    ? tw('coverageNoAddresses')
                    : tw('coverage', { percent, passed: coverage.data.passed, addresses: coverage.data.addresses })}
                </p>
              ) : coverage.error ? (
                <p className="ga-form-error">{failure(coverage.error, tw('coverageFailed')).text}</p>
              ) : (
                <p className="ga-muted ga-small">{tw('coverageLoading')}</p>
              )}
            </section>

            <section aria-labelledby={`${headingId}-log`}>
              <h3 id={`${headingId}-log`} className="ga-subheading">
                {tw('log')}
              </h3>
              {log.error ? (
                <p className="ga-form-error">{failure(log.error, tw('logFailed')).text}</p>
              ) : log.isPending ? (
                <p className="ga-muted ga-small">{tw('logLoading')}</p>
              ) : !log.data ? (
                <p className="ga-muted ga-small">{tw('logNone')}</p>
              ) : (
                <>
                  <p className="ga-command-history-note">{log.data.body}</p>
                  <p className="ga-muted ga-small">
                    {tw('logUpdated', { time: time(log.data.updatedAt) })}
                  </p>
                  {log.data.visited.length > 0 && (
                    <>
                      <h4 id={`${headingId}-visited`} className="ga-command-legend-title">
                        {tw('visited', { count: log.data.visited.length })}
                      </h4>
                      <ul className="ga-command-visited" aria-labelledby={`${headingId}-visited`}>
                        {log.data.visited.map((a) => (
                          <li key={a.id}>{a.address}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              )}
            </section>
          </>
        )}
      </div>
    </aside>
  );
}
