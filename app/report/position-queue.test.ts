import { describe, expect, it } from 'vitest';
import {
  addFix,
  connectionBack,
  EMPTY_POSITIONS,
  KEEP_FOR_MS,
  MAX_PER_CALL,
  MAX_RETRY_MS,
  MIN_GAP_MS,
  nextSendAt,
  QUEUE_MAX,
  reportInput,
  retryDelay,
  SEND_AT_COUNT,
  SEND_INTERVAL_MS,
  sendDue,
  sendFailed,
  sendFailureOf,
  sendSucceeded,
  startSend,
  type Fix,
  type PositionQueue,
} from './position-queue';

const T0 = Date.UTC(2026, 5, 1, 1, 0, 0); // 09:00 in China
const NANJING = { lon: 118.7969, lat: 32.0603 };
const fix = (at: number, more: Partial<Fix> = {}): Fix => ({ ...NANJING, at, ...more });

const deepFreeze = <T>(q: T): T => {
  if (q && typeof q === 'object') {
    for (const v of Object.values(q)) deepFreeze(v);
    Object.freeze(q);
  }
  return q;
};

/** `n` fixes from `from`, one every `gap` ms, each taken when it is made. */
function fill(q: PositionQueue, n: number, from: number, gap = MIN_GAP_MS, freeze = true): PositionQueue {
  let out = q;
  for (let i = 0; i < n; i++) out = addFix(freeze ? deepFreeze(out) : out, fix(from + i * gap), from + i * gap).queue;
  return out;
}

describe('the position queue of the on-duty phone', () => {
  it('keeps one fix per gap, in order, and refuses what the server would', () => {
    let q = addFix(EMPTY_POSITIONS, fix(T0, { accuracyM: 8 }), T0).queue;
    expect(q.items).toEqual([fix(T0, { accuracyM: 8 })]);
    expect(addFix(q, fix(T0 + 1000), T0 + 1000).verdict).toBe('too_soon');
    expect(addFix(q, fix(T0), T0 + 1000).verdict).toBe('repeat');
    expect(addFix(q, fix(T0 - 60_000), T0 + 1000).verdict).toBe('repeat');
    expect(addFix(q, fix(T0 + MIN_GAP_MS, { lon: 32.06, lat: 118.79 }), T0 + MIN_GAP_MS).verdict).toBe('outside');
    expect(addFix(q, fix(T0 + MIN_GAP_MS, { accuracyM: 2500 }), T0 + MIN_GAP_MS).verdict).toBe('inaccurate');
    expect(addFix(q, fix(Number.NaN), T0).verdict).toBe('invalid');
    q = addFix(q, fix(T0 + MIN_GAP_MS), T0 + MIN_GAP_MS).queue;
    expect(q.items.map((f) => f.at)).toEqual([T0, T0 + MIN_GAP_MS]);
  });

  it('sends the first fix at once, then at most every 30 s', () => {
    let q = fill(EMPTY_POSITIONS, 1, T0);
    expect(nextSendAt(q)).toBe(0);
    const first = startSend(deepFreeze(q), T0);
    expect(first.batch).toHaveLength(1);
    expect(nextSendAt(first.queue)).toBeNull(); // one send at a time
    q = sendSucceeded(first.queue, T0 + 200);
    expect(q.items).toEqual([]);
    expect(q.lastSentAt).toBe(T0 + 200);
    q = fill(q, 3, T0 + MIN_GAP_MS);
    expect(sendDue(q, T0 + SEND_INTERVAL_MS - 1)).toBe(false);
    expect(startSend(q, T0 + SEND_INTERVAL_MS - 1).batch).toEqual([]);
    expect(sendDue(q, T0 + SEND_INTERVAL_MS)).toBe(true);
    expect(startSend(q, T0 + SEND_INTERVAL_MS).batch).toHaveLength(3);
  });

  it('sends sooner when 20 positions wait (a backlog after a success)', () => {
    // A send just went; what waits meanwhile goes only after 30 s, unless it is 20 or more.
    const recent: PositionQueue = deepFreeze({ ...EMPTY_POSITIONS, lastAttemptAt: T0, lastSentAt: T0 });
    const nineteen = { ...recent, items: Array.from({ length: SEND_AT_COUNT - 1 }, (_, i) => fix(T0 - 200_000 + i * MIN_GAP_MS)) };
    expect(sendDue(nineteen, T0 + 1000)).toBe(false);
    const twenty = addFix(nineteen, fix(T0 + 1000), T0 + 1000).queue;
    expect(twenty.items).toHaveLength(SEND_AT_COUNT);
    expect(sendDue(twenty, T0 + 1000)).toBe(true);
  });

  it('keeps a failed send for a later try, waiting longer each time, and at once when back online', () => {
    let q = fill(EMPTY_POSITIONS, 4, T0);
    const started = startSend(q, T0 + 20_000);
    q = sendFailed(deepFreeze(started.queue), 'retry');
    expect(q.items).toHaveLength(4);
    expect(q.sending).toBe(0);
    expect(q.failures).toBe(1);
    expect(nextSendAt(q)).toBe(T0 + 20_000 + SEND_INTERVAL_MS);
    // Offline: 20 waiting does not hammer the network.
    q = fill(q, SEND_AT_COUNT, T0 + 30_000);
    expect(sendDue(q, T0 + 21_000)).toBe(false);
    q = sendFailed(startSend(q, T0 + 50_000).queue, 'retry');
    expect(q.failures).toBe(2);
    expect(nextSendAt(q)).toBe(T0 + 50_000 + 2 * SEND_INTERVAL_MS);
    expect(retryDelay(20)).toBe(MAX_RETRY_MS);
    const back = connectionBack(q);
    expect(sendDue(back, T0 + 50_001)).toBe(true);
    const resent = startSend(back, T0 + 50_001);
    expect(resent.batch.map((f) => f.at)).toEqual(q.items.map((f) => f.at));
    expect(sendSucceeded(resent.queue, T0 + 51_000)).toMatchObject({ items: [], failures: 0, lastSentAt: T0 + 51_000 });
  });

  it('drops a batch the server refused, keeping what came meanwhile', () => {
    let q = fill(EMPTY_POSITIONS, 3, T0);
    const started = startSend(q, T0 + 20_000);
    q = addFix(started.queue, fix(T0 + 25_000), T0 + 25_000).queue;
    q = sendFailed(q, 'drop');
    expect(q.items.map((f) => f.at)).toEqual([T0 + 25_000]);
    expect(q.failures).toBe(0);
  });

  it('keeps what arrives during a send for the next one', () => {
    let q = fill(EMPTY_POSITIONS, 2, T0);
    const started = startSend(q, T0 + 10_000);
    q = addFix(started.queue, fix(T0 + 12_000), T0 + 12_000).queue;
    q = sendSucceeded(q, T0 + 12_500);
    expect(q.items.map((f) => f.at)).toEqual([T0 + 12_000]);
  });

  it('never sends more than 120 in one call, and sends the rest right after', () => {
    let q = fill(EMPTY_POSITIONS, 300, T0);
    const now = T0 + 300 * MIN_GAP_MS;
    const first = startSend(q, now);
    expect(first.batch).toHaveLength(MAX_PER_CALL);
    expect(first.batch[0]!.at).toBe(T0);
    q = sendSucceeded(first.queue, now + 100);
    expect(q.items).toHaveLength(180);
    expect(sendDue(q, now + 100)).toBe(true);
    const second = startSend(q, now + 100);
    expect(second.batch).toHaveLength(MAX_PER_CALL);
    expect(second.batch[0]!.at).toBe(T0 + MAX_PER_CALL * MIN_GAP_MS);
    q = sendSucceeded(second.queue, now + 200);
    expect(q.items).toHaveLength(60);
    const third = startSend(q, now + 200);
    expect(third.batch).toHaveLength(60);
    expect(reportInput(third.batch).positions).toHaveLength(60);
  });

  it('drops positions older than six hours, and never takes one', () => {
    let q = fill(EMPTY_POSITIONS, 3, T0, 3_600_000); // 09:00, 10:00, 11:00
    q = sendFailed(startSend(q, T0 + 2 * 3_600_000).queue, 'retry');
    const now = T0 + 6 * 3_600_000 + 30 * 60_000; // 15:30: the 09:00 one is over six hours old
    const { batch, queue } = startSend(q, now);
    expect(batch.map((f) => f.at)).toEqual([T0 + 3_600_000, T0 + 2 * 3_600_000]);
    expect(queue.items).toHaveLength(2);
    expect(batch.every((f) => now - f.at < 6 * 3_600_000)).toBe(true);
    expect(addFix(EMPTY_POSITIONS, fix(now - KEEP_FOR_MS - 1), now).verdict).toBe('stale');
    expect(addFix(EMPTY_POSITIONS, fix(now - KEEP_FOR_MS), now).verdict).toBe('kept');
    // All too old: nothing to call with, and the queue is empty.
    const late = startSend(q, T0 + 12 * 3_600_000);
    expect(late).toEqual({ batch: [], queue: { ...q, items: [] } });
  });

  it('stays within its bound, dropping the oldest waiting, never one on its way', () => {
    let q = fill(EMPTY_POSITIONS, 10, T0);
    q = startSend(q, T0 + 50_000).queue;
    q = fill(deepFreeze(q), QUEUE_MAX, T0 + 60_000, MIN_GAP_MS, false);
    expect(q.items).toHaveLength(QUEUE_MAX);
    expect(q.items.slice(0, 10).map((f) => f.at)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + i * MIN_GAP_MS));
    expect(q.items[10]!.at).toBe(T0 + 60_000 + 10 * MIN_GAP_MS);
  });

  it('reads a failed call by its status', () => {
    expect(sendFailureOf(undefined)).toBe('retry');
    expect(sendFailureOf(503)).toBe('retry');
    expect(sendFailureOf(429)).toBe('retry');
    expect(sendFailureOf(401)).toBe('retry');
    expect(sendFailureOf(400)).toBe('drop');
    expect(sendFailureOf(403)).toBe('stop');
  });

  it('sends the moments as dates and the accuracy only when known', () => {
    expect(reportInput([fix(T0), fix(T0 + MIN_GAP_MS, { accuracyM: 12 })])).toEqual({
      positions: [
        { ...NANJING, at: new Date(T0) },
        { ...NANJING, at: new Date(T0 + MIN_GAP_MS), accuracyM: 12 },
      ],
    });
  });
});
