'use client';
/**
 * The live feed (incidents.feed, server-sent events) for the page's lifetime. The tRPC link reconnects a
 * dropped stream by itself, sending the last event id it saw; when the subscription ends (an error, or
 * the server closed it) this hook subscribes again from the last event id *it* saw, so a reconnect
 * neither loses nor repeats an event. Events are handed over in batches (one render per batch).
 */
import { useEffect, useRef, useState } from 'react';
import { useTRPCClient } from '@/app/trpc/client';
import type { FeedEvent } from '@/server/incidents/live';
import { nextConnection, retryDelayMs, type Connection, type LinkSignal } from './connection';
import { createBatcher } from './timing';

/** The feed's events reach the page at most this often. */
const BATCH_MS = 250;

function signInAgainIf401(err: unknown) {
  const status = (err as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  if (status !== 401) return false;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?ended=1&next=${encodeURIComponent(here)}`);
  return true;
}

export function useIncidentFeed(onEvents: (events: FeedEvent[]) => void): Connection {
  const client = useTRPCClient();
  const [connection, setConnection] = useState<Connection>('connecting');
  const deliver = useRef(onEvents);
  deliver.current = onEvents;

  useEffect(() => {
    let stopped = false;
    let generation = 0;
    let failures = 0;
    let lastEventId: string | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe: () => void } | null = null;
    const batcher = createBatcher<FeedEvent>((items) => deliver.current(items), BATCH_MS);
    const signal = (s: LinkSignal) => setConnection((prev) => nextConnection(prev, s));

    const start = () => {
      const mine = ++generation;
      const current = () => !stopped && mine === generation;
      const again = () => {
        if (!current()) return;
        generation++;
        subscription?.unsubscribe();
        subscription = null;
        signal({ kind: 'ended' });
        failures++;
        retry = setTimeout(start, retryDelayMs(failures));
      };
      subscription = client.incidents.feed.subscribe(
        { lastEventId },
        {
          onStarted: () => current() && signal({ kind: 'started' }),
          onConnectionStateChange: (s) => current() && signal({ kind: 'state', state: s.state }),
          onData: (tracked) => {
            if (!current()) return;
            lastEventId = tracked.id;
            failures = 0;
            batcher.push(tracked.data);
            signal({ kind: 'data' });
          },
          onError: (err) => {
            if (!current() || signInAgainIf401(err)) return;
            again();
          },
          onComplete: again,
        },
      );
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(retry);
      subscription?.unsubscribe();
      batcher.cancel();
    };
  }, [client]);

  return connection;
}
