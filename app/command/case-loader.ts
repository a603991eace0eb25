/**
 * The initial load: incidents.list page by page (newest first, 1000 a page, each page below the last id
 * of the one before) until the window is loaded, handing each page over as it arrives so the map fills
 * in while the rest loads (the next page is already asked for while one is handed over). Stops early
 * when aborted (the filters changed) or at `max` cases.
 */
export interface LoadProgress {
  loaded: number;
  done: boolean;
  /** Stopped at `max` with more to load. */
  capped: boolean;
}

/** The most cases the page loads for one set of filters (the map stays interactive well past 100,000). */
export const MAX_LOADED_CASES = 200_000;

export async function loadPages<T extends { id: number }>(opts: {
  fetchPage: (before: number | undefined, signal: AbortSignal) => Promise<T[]>;
  pageSize: number;
  onPage: (items: T[], progress: LoadProgress) => void;
  signal: AbortSignal;
  max?: number;
}): Promise<LoadProgress> {
  const max = opts.max ?? MAX_LOADED_CASES;
  let loaded = 0;
  let next = opts.fetchPage(undefined, opts.signal);
  for (;;) {
    if (opts.signal.aborted) return { loaded, done: false, capped: false };
    const page = await next;
    if (opts.signal.aborted) return { loaded, done: false, capped: false };
    loaded += page.length;
    const last = page.length < opts.pageSize;
    const capped = !last && loaded >= max;
    const progress = { loaded, done: last || capped, capped };
    // The next page is asked for before this one is handed over: the server reads it meanwhile. (Its
    // failure, an abort included, is taken up when it is awaited.)
    if (!progress.done) {
      next = opts.fetchPage(page[page.length - 1]!.id, opts.signal);
      next.catch(() => undefined);
    }
    opts.onPage(page, progress);
    if (progress.done) return progress;
  }
}
