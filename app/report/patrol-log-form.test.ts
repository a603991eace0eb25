import { describe, expect, it } from 'vitest';
import { EMPTY_QUEUE, photoQueueReducer, type PhotoQueue } from './photo-queue';
import { addVisited, LOG_BODY_MAX, logDayOf, logDirty, removeVisited, validateLog, VISITED_MAX, type LogBase, type VisitedAddress } from './patrol-log-form';

const a1 = Object.freeze({ id: 11, address: '中山路 1 号' });
const a2 = Object.freeze({ id: 12, address: '中山路 3 号' });
const NEW: LogBase = Object.freeze({ body: '', visited: Object.freeze([]), version: null });
const photos = (...states: ('done' | 'uploading')[]): PhotoQueue => {
  let q = photoQueueReducer(EMPTY_QUEUE, { type: 'added', items: states.map((_, i) => ({ key: `p${i}`, name: `p${i}.jpg`, bytes: 10 })) });
  states.forEach((s, i) => {
    if (s === 'done') q = photoQueueReducer(q, { type: 'uploaded', key: `p${i}`, photoId: 100 + i });
  });
  return Object.freeze(q);
};

describe("the day's patrol log before it is saved", () => {
  it('is written for today or yesterday, in China days', () => {
    expect(logDayOf('2026-03-01', 'today')).toBe('2026-03-01');
    expect(logDayOf('2026-03-01', 'yesterday')).toBe('2026-02-28');
  });

  it('lists each address visited once, in the order given, and removes it again', () => {
    let list: readonly VisitedAddress[] = Object.freeze([]);
    ({ list } = addVisited(list, a1));
    const again = addVisited(Object.freeze(list), a1);
    expect(again.outcome).toBe('already');
    ({ list } = addVisited(Object.freeze(list), a2));
    expect(list.map((a) => a.id)).toEqual([11, 12]);
    expect(removeVisited(Object.freeze(list), 11)).toEqual([a2]);
    const full = Array.from({ length: VISITED_MAX }, (_, i) => ({ id: i + 1, address: `门牌 ${i + 1}` }));
    expect(addVisited(full, { id: 9999, address: 'x' }).outcome).toBe('full');
  });

  it('needs a text, and waits for the photos', () => {
    expect(validateLog('2026-03-01', { body: '  \n ', visited: [] }, EMPTY_QUEUE, NEW)).toMatchObject({ valid: false, reason: 'BODY_REQUIRED', field: 'body' });
    expect(validateLog('2026-03-01', { body: 'x'.repeat(LOG_BODY_MAX + 1), visited: [] }, EMPTY_QUEUE, NEW)).toMatchObject({ reason: 'BODY_TOO_LONG' });
    expect(validateLog('2026-03-01', { body: '走访', visited: [] }, photos('done', 'uploading'), NEW)).toMatchObject({ reason: 'PHOTOS_UPLOADING', field: 'photos' });
  });

  it('saves a new log without a version, and a second save with the version seen and only the new photos', () => {
    expect(validateLog('2026-03-01', { body: ' 走访 3 户\u0007 ', visited: [a1, a2] }, photos('done'), NEW)).toEqual({
      valid: true,
      input: { day: '2026-03-01', body: '走访 3 户', visitedAddressIds: [11, 12], photoIds: [100] },
    });
    const saved: LogBase = { body: '走访 3 户', visited: [a1, a2], version: 2 };
    expect(validateLog('2026-03-01', { body: '走访 4 户', visited: [a1] }, EMPTY_QUEUE, saved)).toEqual({
      valid: true,
      input: { day: '2026-03-01', body: '走访 4 户', visitedAddressIds: [11], photoIds: [], expectedVersion: 2 },
    });
  });

  it('knows when the draft holds something not saved', () => {
    const saved: LogBase = { body: '走访', visited: [a1], version: 1 };
    expect(logDirty({ body: '走访 ', visited: [a1] }, saved, EMPTY_QUEUE)).toBe(false);
    expect(logDirty({ body: '走访了', visited: [a1] }, saved, EMPTY_QUEUE)).toBe(true);
    expect(logDirty({ body: '走访', visited: [a2] }, saved, EMPTY_QUEUE)).toBe(true);
    expect(logDirty({ body: '走访', visited: [a1] }, saved, photos('done'))).toBe(true);
  });
});
