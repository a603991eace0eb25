import { describe, expect, it } from 'vitest';
import { loadPages, type LoadProgress } from './case-loader';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ id: from - k }));

describe('the initial load', () => {
  it('pages below the last id until a short page, handing over each page with the progress', async () => {
    const asked: (number | undefined)[] = [];
    const seen: LoadProgress[] = [];
    const all = ids(25, 25);
    const result = await loadPages({
      fetchPage: async (before) => {
        asked.push(before);
        return all.filter((x) => before === undefined || x.id < before).slice(0, 10);
      },
      pageSize: 10,
      signal: new AbortController().signal,
      onPage: (_items, p) => seen.push(p),
    });
    expect(asked).toEqual([undefined, 16, 6]);
    expect(seen.map((p) => p.loaded)).toEqual([10, 20, 25]);
    expect(result).toEqual({ loaded: 25, done: true, capped: false });
  });

  it('stops at the cap, and when aborted', async () => {
    const capped = await loadPages({ fetchPage: async (before) => ids((before ?? 1001) - 1, 10), pageSize: 10, signal: new AbortController().signal, onPage: () => {}, max: 30 });
    expect(capped).toEqual({ loaded: 30, done: true, capped: true });
    const ac = new AbortController();
    let pages = 0;
    const aborted = await loadPages({
      fetchPage: async (before) => {
        if (++pages === 2) ac.abort();
        return ids((before ?? 1001) - 1, 10);
      },
      pageSize: 10,
      signal: ac.signal,
      onPage: () => {},
    });
    expect(aborted).toEqual({ loaded: 10, done: false, capped: false });
  });
});
