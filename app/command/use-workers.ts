'use client';
/**
 * The workers layer's data: field.positions (a subscription: the scope's workers, then each batch of
 * moves; a reconnect starts from a fresh snapshot, positions being state) and field.trails (the last 30
 * minutes, read at each (re)connection), into one model (workers.ts).
 */
import { useEffect, useState } from 'react';
import { useTRPCClient } from '@/app/trpc/client';
import { retryDelayMs } from './connection';
import { dotOf, TRAIL_WINDOW_MS, WorkerTracks, type TrailPath, type WorkerDot } from './workers';

export interface WorkersView {
  dots: WorkerDot[];
  paths: TrailPath[];
}

const NONE: WorkersView = { dots: [], paths: [] };
/** Old trail points fall out of the window even when nobody moves. */
const PRUNE_MS = 60_000;

export function useWorkers(enabled: boolean): WorkersView {
  const client = useTRPCClient();
  const [view, setView] = useState<WorkersView>(NONE);
  useEffect(() => {
    if (!enabled) {
      setView(NONE);
      return;
    }
    const tracks = new WorkerTracks();
    let stopped = false;
    let generation = 0;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let sub: { unsubscribe: () => void } | null = null;
    const publish = () => {
      if (!stopped) setView(tracks.view());
    };
    const start = () => {
      const mine = ++generation;
      const current = () => !stopped && mine === generation;
      const again = () => {
        if (!current()) return;
        generation++;
        sub?.unsubscribe();
        failures++;
        retry = setTimeout(start, retryDelayMs(failures));
      };
      sub = client.field.positions.subscribe(
        {},
        {
          onData: (batch) => {
            if (!current()) return;
            failures = 0;
            tracks.apply(batch.positions.map(dotOf), batch.snapshot, Date.now());
            publish();
          },
          onError: again,
          onComplete: again,
        },
      );
      client.field.trails
        .query({ minutes: TRAIL_WINDOW_MS / 60_000 })
        .then((trails) => {
          if (!current()) return;
          tracks.seedTrails(trails, Date.now());
          publish();
        })
        // The trails are a help: without them the paths grow from the moves seen.
        .catch(() => undefined);
    };
    start();
    const prune = setInterval(() => {
      tracks.prune(Date.now());
      publish();
    }, PRUNE_MS);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(prune);
      sub?.unsubscribe();
    };
  }, [client, enabled]);
  return view;
}
