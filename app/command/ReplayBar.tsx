'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import type { ReplayChannel } from './replay-channel';
import { ReplayScene } from './replay-scene';
import { advance, play, REPLAY_SPEEDS, seek, type ReplayClock } from './replay-state';

/** The replay covers the last 24 hours. */
const REPLAY_WINDOW_MS = 24 * 3_600_000;
/** The step buttons move the moment by 10 minutes. */
const STEP_MS = 10 * 60_000;

export interface ReplayBarProps {
  channel: ReplayChannel;
  onActiveChange: (active: boolean) => void;
}

/**
 * The time slider over the map: replays the last 24 hours from command.replay, the map showing each case
 * as it was at the moment chosen (state computed in the browser). Keyboard: the slider moves by a minute
 * with the arrow keys, the step buttons by 10 minutes; play/pause and the speed are buttons and a select.
 */
export function ReplayBar({ channel, onActiveChange }: ReplayBarProps) {
  const t = useTranslations('command.replay');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [span, setSpan] = useState<{ since: Date; until: Date } | null>(null);
  const [clock, setClock] = useState<ReplayClock | null>(null);
  const exitRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  const replay = useQuery(
    trpc.command.replay.queryOptions(span ?? { since: new Date(0), until: new Date(1) }, { enabled: span !== null, staleTime: Infinity, gcTime: 0, retry: false }),
  );
  const scene = useMemo(() => (replay.data ? new ReplayScene(replay.data.cases) : null), [replay.data]);

  useEffect(() => {
    if (scene && span) setClock({ since: span.since.getTime(), until: span.until.getTime(), t: span.since.getTime(), playing: false, speed: REPLAY_SPEEDS[1] });
  }, [scene, span]);

  const moment = clock?.t ?? null;
  // The scene shows one moment at a time (showAt is idempotent): the tally is of the moment on the slider.
  const tally = useMemo(() => (scene && moment !== null ? (scene.showAt(moment), scene.tally()) : null), [scene, moment]);
  useEffect(() => {
    channel.show(scene && moment !== null ? { scene, t: moment } : null);
  }, [channel, scene, moment]);
  useEffect(() => () => channel.show(null), [channel]);

  const playing = clock?.playing ?? false;
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      setClock((c) => (c ? advance(c, now - last) : c));
      last = now;
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const start = () => {
    const until = new Date();
    setSpan({ since: new Date(until.getTime() - REPLAY_WINDOW_MS), until });
    onActiveChange(true);
    // The controls replace the start button: keep the focus in the bar.
    requestAnimationFrame(() => exitRef.current?.focus());
  };
  const exit = () => {
    setSpan(null);
    setClock(null);
    channel.show(null);
    onActiveChange(false);
    requestAnimationFrame(() => startRef.current?.focus());
  };

  const time = (ms: number) => format.dateTime(new Date(ms), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  if (!span) {
    return (
      <section className="ga-command-replay ga-command-replay-idle" aria-label={t('heading')}>
        <button ref={startRef} type="button" className="ga-secondary" onClick={start}>
          {t('start')}
        </button>
      </section>
    );
  }

  return (
    <section className="ga-command-replay" aria-labelledby={`${id}-heading`}>
      <div className="ga-command-replay-row">
        <h2 id={`${id}-heading`} className="ga-command-heading">
          {t('heading')}
        </h2>
        {clock && (
          <p className="ga-command-replay-time" aria-hidden="true">
            {time(clock.t)}
          </p>
        )}
        <button ref={exitRef} type="button" className="ga-secondary" onClick={exit}>
          {t('exit')}
        </button>
      </div>
      {replay.isPending && <p className="ga-muted ga-small">{t('loading')}</p>}
      {replay.error && (
        <p className="ga-warning" role="alert">
          {errorText(replay.error, locale, t('failed')).text}
        </p>
      )}
      {replay.data?.truncated && <p className="ga-warning">{t('truncated', { limit: replay.data.limit })}</p>}
      {clock && (
        <>
          <div className="ga-command-replay-row">
            <button type="button" className="ga-secondary" onClick={() => setClock((c) => c && (c.playing ? { ...c, playing: false } : play(c)))}>
              {clock.playing ? t('pause') : t('play')}
            </button>
            <button type="button" className="ga-icon-button" aria-label={t('stepBack')} onClick={() => setClock((c) => c && seek(c, c.t - STEP_MS))}>
              <span aria-hidden="true">«</span>
            </button>
            <input
              type="range"
              className="ga-command-replay-slider"
              aria-label={t('slider')}
              aria-valuetext={time(clock.t)}
              min={clock.since}
              max={clock.until}
              step={60_000}
              value={clock.t}
              onChange={(e) => setClock((c) => c && seek({ ...c, playing: false }, Number(e.target.value)))}
            />
            <button type="button" className="ga-icon-button" aria-label={t('stepForward')} onClick={() => setClock((c) => c && seek(c, c.t + STEP_MS))}>
              <span aria-hidden="true">»</span>
            </button>
            <label htmlFor={`${id}-speed`} className="ga-small">
              {t('speed')}
            </label>
            <select id={`${id}-speed`} value={clock.speed} onChange={(e) => setClock((c) => c && { ...c, speed: Number(e.target.value) })}>
              {REPLAY_SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {t('speedValue', { minutes: s / 60_000 })}
                </option>
              ))}
            </select>
          </div>
          {tally && <p className="ga-small ga-muted">{t('summary', { time: time(clock.t), open: tally.open, closed: tally.closed, cases: scene!.cases.length })}</p>}
        </>
      )}
    </section>
  );
}
