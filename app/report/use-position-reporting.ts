'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { geolocationAvailability, geolocationFailure, type GeolocationFailure } from './location';
import { addFix, connectionBack, EMPTY_POSITIONS, reportInput, sendDue, sendFailed, sendFailureOf, sendSucceeded, startSend, type PositionQueue } from './position-queue';
import { useFailureText } from './report-client';

/** The phone's watch: the best position it can give, none older than 5 s, a notice after a minute without one. */
export const WATCH_OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 };
/** How often the queue looks whether a send is due (ms); the sends themselves follow position-queue.ts. */
const TICK_MS = 5_000;

export type WatchState = { state: 'off' } | { state: 'starting' } | { state: 'watching' } | { state: 'failed'; failure: GeolocationFailure };

export interface PositionReporting {
  watch: WatchState;
  /** Positions waiting to be sent. */
  waiting: number;
  lastSentAt: number | null;
  /** The last send failed for the network: the positions wait for the next try. */
  offline: boolean;
  /** A fix the phone gave that is not reported (outside China, too inaccurate), as of the last fix. */
  skipped: 'outside' | 'inaccurate' | null;
  /** The server's text when it refused positions (dropped) or refused the caller (reporting stopped). */
  refused: string | null;
  stopped: boolean;
  /** Asks for the position again (after the user allowed it in the browser's settings). */
  retry: () => void;
}

/**
 * The worker's positions while `active` (on duty, the page open): the phone's watch feeds the queue of
 * position-queue.ts, which decides when a batch goes to field.report and what happens when it fails.
 * What waits when the worker goes off duty is still sent.
 */
export function usePositionReporting(active: boolean): PositionReporting {
  const trpc = useTRPC();
  const report = useMutation(trpc.field.report.mutationOptions());
  // In refs: the watch must not restart because a callback's identity changed.
  const failure = useFailureText();
  const failureText = useRef(failure);
  failureText.current = failure;
  const queue = useRef<PositionQueue>(EMPTY_POSITIONS);
  const [view, setView] = useState<PositionQueue>(EMPTY_POSITIONS);
  const [watch, setWatch] = useState<WatchState>({ state: 'off' });
  const [skipped, setSkipped] = useState<PositionReporting['skipped']>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [stopped, setStopped] = useState(false);
  const [round, setRound] = useState(0);
  const send = useRef(report.mutateAsync);
  send.current = report.mutateAsync;

  const commit = useCallback((q: PositionQueue) => {
    queue.current = q;
    setView(q);
  }, []);

  /** Sends while a send is due: one batch, then the next at once if 20 or more still wait. */
  const flush = useCallback(async () => {
    for (;;) {
      const { queue: q, batch } = startSend(queue.current, Date.now());
      if (q !== queue.current) commit(q);
      if (batch.length === 0) return;
      try {
        await send.current(reportInput(batch));
        commit(sendSucceeded(queue.current, Date.now()));
        setRefused(null);
      } catch (err) {
        const how = sendFailureOf((err as { data?: { httpStatus?: number } } | null)?.data?.httpStatus);
        commit(sendFailed(queue.current, how === 'retry' ? 'retry' : 'drop'));
        if (how !== 'retry') setRefused(failureText.current(err).text);
        if (how === 'stop') setStopped(true);
        return;
      }
    }
  }, [commit]);

  useEffect(() => {
    if (!active || stopped) {
      setWatch({ state: 'off' });
      setSkipped(null);
      return;
    }
    const unavailable = geolocationAvailability({ secure: window.isSecureContext, hasGeolocation: 'geolocation' in navigator });
    if (unavailable) {
      setWatch({ state: 'failed', failure: unavailable });
      return;
    }
    setWatch({ state: 'starting' });
    const id = navigator.geolocation.watchPosition(
      (pos) => {
        setWatch((w) => (w.state === 'watching' ? w : { state: 'watching' }));
        const now = Date.now();
        // A cached fix carries its own (older) time; a phone's stamp ahead of its clock is taken as now.
        const at = Number.isFinite(pos.timestamp) && pos.timestamp > 0 ? Math.min(pos.timestamp, now) : now;
        const { queue: q, verdict } = addFix(queue.current, { lon: pos.coords.longitude, lat: pos.coords.latitude, at, accuracyM: pos.coords.accuracy }, now);
        if (verdict === 'outside' || verdict === 'inaccurate') setSkipped(verdict);
        if (verdict !== 'kept') return;
        setSkipped(null);
        commit(q);
        if (sendDue(q, now)) void flush();
      },
      // Refused: the watch gives nothing more. Not found or too slow: it goes on, and the next fix clears it.
      (err) => setWatch({ state: 'failed', failure: geolocationFailure(err.code) }),
      WATCH_OPTIONS,
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [active, stopped, round, commit, flush]);

  const hasWaiting = view.items.length > 0;
  useEffect(() => {
    if (!active && !hasWaiting) return;
    const tick = setInterval(() => {
      if (sendDue(queue.current, Date.now())) void flush();
    }, TICK_MS);
    return () => clearInterval(tick);
  }, [active, hasWaiting, flush]);

  useEffect(() => {
    const online = () => {
      commit(connectionBack(queue.current));
      void flush();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [commit, flush]);

  const retry = useCallback(() => setRound((r) => r + 1), []);

  return { watch, waiting: view.items.length, lastSentAt: view.lastSentAt, offline: view.failures > 0, skipped, refused, stopped, retry };
}
