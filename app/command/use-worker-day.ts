'use client';
/**
 * The clock the command centre's "today" and "overdue" follow (a minute is fine enough for both), and the
 * open worker's track of today, read by the worker panel and drawn by the map from the one query.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';

/** Today's track, coverage and log follow the worker this often. */
export const WORKER_DAY_REFRESH_MS = 60_000;

/** Now, to the minute: a new Date each minute (so query inputs built from it change once a minute). */
export function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(tick);
  }, []);
  return now;
}

/** field.track of a worker and day (disabled without a worker). */
export function useWorkerTrack(workerId: number | null, day: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.field.track.queryOptions(
      { workerId: workerId ?? 1, day },
      { enabled: workerId !== null, retry: false, refetchInterval: WORKER_DAY_REFRESH_MS },
    ),
  );
}
