import { describe, expect, it } from 'vitest';
import { createBatcher, createThrottle, type Timers } from './timing';

/** A clock and timers driven by hand. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const [id, first] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || first!.at > until) break;
      due.delete(id);
      now = first!.at;
      first!.fn();
    }
    now = until;
  };
  return { timers, advance, pending: () => due.size };
}

describe('the KPI refresh throttle', () => {
  it('runs at once, then at most once per interval, without losing the last call of a burst', () => {
    const { timers, advance } = fakeTimers();
    const runs: number[] = [];
    const th = createThrottle(() => runs.push(timers.now()), 5000, timers);
    th.call();
    expect(runs).toEqual([0]);
    advance(1000);
    th.call();
    th.call();
    advance(1000);
    th.call();
    expect(runs).toEqual([0]);
    advance(3000);
    expect(runs).toEqual([0, 5000]);
    advance(10_000);
    expect(runs).toEqual([0, 5000]);
    th.call();
    expect(runs).toEqual([0, 5000, 15_000]);
  });

  it('runs nothing more once cancelled', () => {
    const { timers, advance, pending } = fakeTimers();
    let runs = 0;
    const th = createThrottle(() => runs++, 5000, timers);
    th.call();
    th.call();
    th.cancel();
    advance(10_000);
    expect([runs, pending()]).toEqual([1, 0]);
  });
});

describe('the feed batcher', () => {
  it('hands over what arrived within the delay together, in order', () => {
    const { timers, advance } = fakeTimers();
    const batches: number[][] = [];
    const b = createBatcher<number>((items) => batches.push(items), 250, timers);
    b.push(1);
    advance(100);
    b.push(2);
    advance(200);
    b.push(3);
    advance(250);
    expect(batches).toEqual([[1, 2], [3]]);
    b.push(4);
    b.flush();
    b.flush();
    expect(batches).toEqual([[1, 2], [3], [4]]);
    b.push(5);
    b.cancel();
    advance(1000);
    expect(batches.length).toBe(3);
  });
});
