/**
 * Timing for the live page, with the clock and timers passed in (tests drive them by hand):
 * - a throttle: the KPI tiles refresh on feed events at most every 5 s (the first at once, the last one
 *   of a burst not lost), and the screen reader hears of new feed rows at most every 15 s;
 * - a batcher: feed events arriving one by one are applied to the store and the list together.
 */
export interface Timers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Throttle {
  /** Asks for a run: now when the last one is `intervalMs` ago, else once at the end of the interval. */
  call(): void;
  cancel(): void;
}

export function createThrottle(run: () => void, intervalMs: number, timers: Timers = browserTimers): Throttle {
  let last = Number.NEGATIVE_INFINITY;
  let pending: unknown = null;
  const fire = () => {
    pending = null;
    last = timers.now();
    run();
  };
  return {
    call() {
      if (pending !== null) return;
      const wait = last + intervalMs - timers.now();
      if (wait <= 0) fire();
      else pending = timers.setTimeout(fire, wait);
    },
    cancel() {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}

export interface Batcher<T> {
  push(item: T): void;
  /** Hands over what is queued now. */
  flush(): void;
  cancel(): void;
}

/** Collects items and hands them over together `delayMs` after the first of a batch. */
export function createBatcher<T>(deliver: (items: T[]) => void, delayMs: number, timers: Timers = browserTimers): Batcher<T> {
  let queue: T[] = [];
  let pending: unknown = null;
  const flush = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (pending === null) pending = timers.setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
      queue = [];
    },
  };
}
