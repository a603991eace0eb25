import { describe, expect, it } from 'vitest';
import { prependEvents, rowsAfter, type FeedEventLike } from './feed-log';

const ev = (eventId: number, action = 'accept'): FeedEventLike =>
  Object.freeze({
    eventId,
    at: new Date(1_750_000_000_000 + eventId * 1000),
    action,
    from: 'reported' as const,
    to: 'accepted' as const,
    actorName: '指挥员',
    incident: Object.freeze({ id: 100 + eventId, code: `SJ${eventId}`, category: 'dispute', gridCode: '320102008001001', point: [118.7, 32.05] as [number, number] }),
  });

describe('the feed list', () => {
  it('puts new events on top, newest first, each once, and keeps a bounded number', () => {
    let rows = prependEvents([], [ev(1), ev(2), ev(3)]);
    expect(rows.map((r) => r.eventId)).toEqual([3, 2, 1]);
    rows = prependEvents(rows, [ev(3), ev(4)]);
    expect(rows.map((r) => r.eventId)).toEqual([4, 3, 2, 1]);
    expect(rows[0]).toMatchObject({ code: 'SJ4', incidentId: 104, category: 'dispute', actorName: '指挥员', action: 'accept' });
    const same = prependEvents(rows, [ev(2)]);
    expect(same).toBe(rows);
    expect(prependEvents(rows, [ev(5), ev(6), ev(7)], 5).map((r) => r.eventId)).toEqual([7, 6, 5, 4, 3]);
  });

  it('says which rows came after the last one announced', () => {
    const rows = prependEvents([], [ev(1), ev(2), ev(3)]);
    expect(rowsAfter(rows, 1).map((r) => r.eventId)).toEqual([3, 2]);
    expect(rowsAfter(rows, 3)).toEqual([]);
  });
});
