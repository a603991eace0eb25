'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { chinaDayOf, startOfChinaDay } from '@/geo/time/china-day';
import type { PatrolLog as SavedLog } from '@/server/field/patrol-logs';
import type { AddressChoice } from './address-search';
import { AddressFinder } from './AddressFinder';
import { addVisited, LOG_BODY_MAX, LOG_DAYS, logDayOf, logDirty, removeVisited, validateLog, type LogBase, type LogReason, type VisitedAddress } from './patrol-log-form';
import { PhotoPicker } from './PhotoPicker';
import { AlertRegion, CHINA_TIME_ZONE, StatusRegion, useFailureText } from './report-client';
import { usePhotoQueue } from './use-photo-queue';

/** Today in China, read again every minute (a page left open over midnight moves on). */
function useChinaToday(): string {
  const [today, setToday] = useState(() => chinaDayOf(new Date()));
  useEffect(() => {
    const tick = setInterval(() => setToday(chinaDayOf(new Date())), 60_000);
    return () => clearInterval(tick);
  }, []);
  return today;
}

/**
 * The day's patrol log (民情日志): today's, or yesterday's (the server takes no other), each with the
 * text, the addresses visited, photos and the day's track. A day's draft stays while the other is shown.
 */
export function PatrolLog() {
  const t = useTranslations('incidents.log');
  const format = useFormatter();
  const ids = useId();
  const today = useChinaToday();
  const days = LOG_DAYS.map((kind) => ({ kind, day: logDayOf(today, kind) }));
  const [picked, setPicked] = useState(today);
  // A day stays picked over midnight (yesterday's now); one older than that can no longer be written.
  const day = days.some((d) => d.day === picked) ? picked : today;
  const [opened, setOpened] = useState<readonly string[]>([day]);
  const dateOf = (d: string) => format.dateTime(startOfChinaDay(d), { month: 'long', day: 'numeric', weekday: 'short', timeZone: CHINA_TIME_ZONE });

  function pick(d: string) {
    setPicked(d);
    setOpened((o) => (o.includes(d) ? o : [...o, d]));
  }

  return (
    <section className="rp-log" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('title')}</h2>
      <fieldset className="rp-fieldset">
        <legend className="rp-legend">{t('day')}</legend>
        <div className="rp-days">
          {days.map(({ kind, day: d }) => (
            <label key={kind} className="rp-choice">
              <input type="radio" name={`${ids}-day`} value={d} checked={day === d} onChange={() => pick(d)} />
              <span>{t(`days.${kind}`, { date: dateOf(d) })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {days.map(({ day: d }) => (opened.includes(d) || d === day ? <DayLog key={d} day={d} hidden={d !== day} /> : null))}
    </section>
  );
}

/** One day's log: read once (a draft is never overwritten behind the worker's back), then edited. */
function DayLog({ day, hidden }: { day: string; hidden: boolean }) {
  const t = useTranslations('incidents.log');
  const trpc = useTRPC();
  const failureText = useFailureText();
  const log = useQuery(trpc.field.patrolLog.queryOptions({ day }, { staleTime: Infinity, refetchOnWindowFocus: false }));
  // Bumped by "reload": the editor starts again from the log as the server has it now.
  const [round, setRound] = useState(0);

  return (
    <div className="rp-log-day" hidden={hidden}>
      {log.data === undefined ? (
        log.isError ? (
          <>
            <AlertRegion text={failureText(log.error).text} />
            <p className="rp-actions">
              <button type="button" className="ga-secondary rp-button" onClick={() => void log.refetch()}>
                {t('retryLoad')}
              </button>
            </p>
          </>
        ) : (
          <p className="rp-cases-status" role="status" aria-live="polite">
            {t('loading')}
          </p>
        )
      ) : (
        <>
          <TrackSummary day={day} saved={log.data} refreshing={log.isFetching} failed={log.isError} onRefresh={() => void log.refetch()} />
          <LogEditor
            key={round}
            day={day}
            saved={log.data}
            onReload={async () => {
              const read = await log.refetch();
              if (read.isError) throw read.error;
              setRound((r) => r + 1);
            }}
          />
        </>
      )}
    </div>
  );
}

/** The day's track: points and metres walked, from the log (or the track itself while there is no log yet). */
function TrackSummary({ day, saved, refreshing, failed, onRefresh }: { day: string; saved: SavedLog | null; refreshing: boolean; failed: boolean; onRefresh: () => void }) {
  const t = useTranslations('incidents.log');
  const trpc = useTRPC();
  const me = useQuery(trpc.field.me.queryOptions(undefined, { staleTime: 60_000 }));
  const track = useQuery(trpc.field.track.queryOptions({ workerId: me.data?.workerId ?? 1, day }, { enabled: saved === null && me.data !== undefined, staleTime: 60_000 }));
  const summary = saved ? saved.track : track.data ? { points: track.data.points, lengthM: track.data.lengthM } : null;
  const text = summary ? (summary.points === 0 ? t('trackNone') : t('track', { points: summary.points, metres: summary.lengthM })) : track.isError ? null : t('trackLoading');
  return (
    <div className="rp-track">
      <p className="rp-track-text" role="status" aria-live="polite">
        {text}
      </p>
      {(track.isError || failed) && <p className="rp-field-error">{t('trackError')}</p>}
      <button
        type="button"
        className="ga-secondary rp-button"
        disabled={refreshing || track.isFetching}
        onClick={() => (saved === null ? void track.refetch() : onRefresh())}
      >
        {t('trackRefresh')}
      </button>
    </div>
  );
}

/** The text, the addresses visited and the photos of one day, saved with the version the worker saw. */
function LogEditor({ day, saved, onReload }: { day: string; saved: SavedLog | null; onReload: () => Promise<void> }) {
  const t = useTranslations('incidents.log');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const failureText = useFailureText();
  const photos = usePhotoQueue();
  const ids = useId();
  const bodyId = `${ids}-body`;
  const finderId = `${ids}-address`;
  const photoInputId = `${ids}-photos`;
  const errorId = `${ids}-error`;
  const visitedRef = (id: number) => `${ids}-visited-${id}`;

  const [base, setBase] = useState<LogBase>(() => ({ body: saved?.body ?? '', visited: saved?.visited ?? [], version: saved?.version ?? null }));
  const [savedPhotoIds, setSavedPhotoIds] = useState<readonly number[]>(saved?.photoIds ?? []);
  const [savedAt, setSavedAt] = useState<Date | null>(saved?.updatedAt ?? null);
  const [body, setBody] = useState(base.body);
  const [visited, setVisited] = useState<readonly VisitedAddress[]>(base.visited);
  const [finderRound, setFinderRound] = useState(0);
  const [reason, setReason] = useState<LogReason | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation(trpc.field.savePatrolLog.mutationOptions());
  const refocusFinder = useRef(false);

  useEffect(() => {
    if (refocusFinder.current) {
      refocusFinder.current = false;
      document.getElementById(finderId)?.focus();
    }
  }, [finderRound, finderId]);

  const dirty = logDirty({ body, visited }, base, photos.queue);
  const time = (d: Date) => format.dateTime(d, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: CHINA_TIME_ZONE });

  function chooseAddress(choice: AddressChoice | null) {
    if (!choice) return;
    const { list, outcome } = addVisited(visited, { id: choice.addressId, address: choice.address });
    setVisited(list);
    setNote(t(`visitedOutcome.${outcome}`, { address: choice.address }));
    if (reason === 'TOO_MANY_ADDRESSES' && outcome !== 'full') setReason(null);
    // A fresh, empty finder for the next address, with the focus back in it.
    refocusFinder.current = true;
    setFinderRound((r) => r + 1);
  }

  function removeAddress(a: VisitedAddress) {
    const i = visited.findIndex((v) => v.id === a.id);
    const rest = removeVisited(visited, a.id);
    setVisited(rest);
    setNote(t('visitedRemoved', { address: a.address }));
    // The focus goes to the next line's button (or the one before, or the finder when none is left).
    const next = rest[i] ?? rest[i - 1];
    requestAnimationFrame(() => document.getElementById(next ? visitedRef(next.id) : finderId)?.focus());
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    setFailure(null);
    setConflict(false);
    setNote(null);
    const check = validateLog(day, { body, visited }, photos.queue, base);
    if (!check.valid) {
      setReason(check.reason);
      document.getElementById(check.field === 'body' ? bodyId : check.field === 'visited' ? finderId : photoInputId)?.focus();
      return;
    }
    setReason(null);
    try {
      const log = await save.mutateAsync(check.input);
      queryClient.setQueryData(trpc.field.patrolLog.queryKey({ day }), log);
      setBase({ body: log.body, visited: log.visited, version: log.version });
      setBody(log.body);
      setVisited(log.visited);
      setSavedPhotoIds(log.photoIds);
      setSavedAt(log.updatedAt);
      // The photos sent are the log's now (shown with the saved ones); any added meanwhile stay.
      for (const item of photos.queue.items) if (item.status === 'done' && check.input.photoIds.includes(item.photoId)) photos.remove(item.key);
      setNote(t('saved', { time: time(log.updatedAt) }));
    } catch (err) {
      const f = failureText(err);
      setFailure(f.text);
      // Saved meanwhile (the other phone, another tab): the worker decides when to take the server's log.
      if (f.code === 'PATROL_LOG_STALE_VERSION') setConflict(true);
    }
  }

  async function reload() {
    setReloading(true);
    try {
      await onReload();
    } catch (err) {
      setFailure(failureText(err).text);
      setReloading(false);
    }
  }

  return (
    <form className="rp-form rp-log-form" noValidate onSubmit={onSubmit} aria-label={t('formLabel')}>
      <div className="rp-field">
        <label htmlFor={bodyId}>
          {t('body')}
          <span aria-hidden="true" className="rp-required">
            *
          </span>
        </label>
        <textarea
          id={bodyId}
          className="rp-textarea"
          rows={6}
          maxLength={LOG_BODY_MAX}
          required
          placeholder={t('bodyPlaceholder')}
          aria-invalid={reason === 'BODY_REQUIRED' || reason === 'BODY_TOO_LONG' || undefined}
          aria-describedby={reason === 'BODY_REQUIRED' || reason === 'BODY_TOO_LONG' ? errorId : undefined}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>

      <fieldset className="rp-fieldset">
        <legend className="rp-legend">{t('visited', { count: visited.length })}</legend>
        <AddressFinder
          key={finderRound}
          inputId={finderId}
          label={t('addAddress')}
          describedBy={reason === 'TOO_MANY_ADDRESSES' ? errorId : undefined}
          invalid={reason === 'TOO_MANY_ADDRESSES'}
          chosen={null}
          onChoose={chooseAddress}
        />
        {visited.length === 0 ? (
          <p className="ga-field-hint rp-hint">{t('visitedNone')}</p>
        ) : (
          <ul className="rp-visited" aria-label={t('visitedList')}>
            {visited.map((a) => (
              <li key={a.id} className="rp-visited-item">
                <span className="rp-visited-address">{a.address}</span>
                <button type="button" id={visitedRef(a.id)} className="ga-secondary rp-photo-remove" aria-label={t('removeAddress', { address: a.address })} onClick={() => removeAddress(a)}>
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="rp-fieldset">
        <legend className="rp-legend">{t('photos')}</legend>
        {savedPhotoIds.length > 0 && (
          <ul className="rp-event-photos" aria-label={t('savedPhotos')}>
            {savedPhotoIds.map((p, i) => (
              <li key={p}>
                <a href={`/api/incidents/photos/${p}`} target="_blank" rel="noopener">
                  <img src={`/api/incidents/photos/${p}`} alt={t('savedPhoto', { n: i + 1 })} loading="lazy" className="rp-event-photo" />
                </a>
              </li>
            ))}
          </ul>
        )}
        <PhotoPicker photos={photos} inputId={photoInputId} errorId={reason === 'PHOTOS_UPLOADING' || reason === 'PHOTOS_FAILED' ? errorId : undefined} disabled={save.isPending} />
      </fieldset>

      <div role="alert" className="ga-alert-region">
        {reason && (
          <p id={errorId} className="ga-form-error">
            {t(`errors.${reason}`)}
          </p>
        )}
        {failure && <p className="ga-form-error">{failure}</p>}
      </div>
      {conflict && (
        <div className="rp-conflict">
          <p className="ga-field-hint rp-hint">{t('reloadHint')}</p>
          <button type="button" className="ga-secondary rp-button" onClick={() => void reload()} disabled={reloading}>
            {t('reload')}
          </button>
        </div>
      )}
      <StatusRegion text={note} />
      <div className="rp-send">
        <button type="submit" className="ga-primary rp-primary" disabled={save.isPending || reloading} aria-describedby={`${ids}-state`}>
          {t('save')}
        </button>
        <span id={`${ids}-state`} className="rp-sending rp-log-state">
          {save.isPending ? t('saving') : dirty ? t('unsaved') : savedAt ? t('savedAt', { time: time(savedAt) }) : t('notSaved')}
        </span>
      </div>
    </form>
  );
}
