import { describe, expect, it } from 'vitest';
import type { Notification } from '@/server/plans/notifications';
import { EMPTY_INBOX, inboxReducer, lastNotificationId, parseNotificationEvent } from './inbox-state';

const entry = (id: number, read = false): Notification =>
  Object.freeze({ id, kind: 'plan_submitted', draftId: 7, streetName: '华侨路街道', actorName: 'editor', createdAt: '2026-05-01T02:00:00.000Z', read });

describe('inboxReducer', () => {
  const seeded = inboxReducer(EMPTY_INBOX, { type: 'seed', items: [entry(3), entry(1, true)], unread: 1 });

  it('starts from the first page', () => {
    expect(seeded.seeded).toBe(true);
    expect(seeded.items.map((n) => n.id)).toEqual([3, 1]);
    expect(seeded.unread).toBe(1);
    expect(lastNotificationId(seeded)).toBe(3);
    expect(lastNotificationId(EMPTY_INBOX)).toBe(0);
  });

  it('puts a streamed entry first and announces it, once', () => {
    const next = inboxReducer(seeded, { type: 'event', item: entry(4), unread: 2 });
    expect(next.items.map((n) => n.id)).toEqual([4, 3, 1]);
    expect(next.unread).toBe(2);
    expect(next.arrived?.id).toBe(4);
    // The same entry again (a reconnect): no duplicate, no second announcement.
    const again = inboxReducer({ ...next, arrived: null }, { type: 'event', item: entry(4), unread: 2 });
    expect(again.items.map((n) => n.id)).toEqual([4, 3, 1]);
    expect(again.arrived).toBeNull();
  });

  it('keeps order by id whatever order entries arrive in', () => {
    const a = inboxReducer(seeded, { type: 'event', item: entry(6), unread: 3 });
    const b = inboxReducer(a, { type: 'event', item: entry(5), unread: 3 });
    expect(b.items.map((n) => n.id)).toEqual([6, 5, 3, 1]);
  });

  it('marks everything read', () => {
    const read = inboxReducer(seeded, { type: 'allRead' });
    expect(read.unread).toBe(0);
    expect(read.items.every((n) => n.read)).toBe(true);
  });

  it('keeps at most a hundred entries', () => {
    const many = Array.from({ length: 120 }, (_, i) => entry(i + 1));
    const s = inboxReducer(EMPTY_INBOX, { type: 'seed', items: many, unread: 120 });
    expect(s.items).toHaveLength(100);
    expect(s.items[0]!.id).toBe(120);
  });
});

describe('parseNotificationEvent', () => {
  it('splits the entry from the unread count', () => {
    const parsed = parseNotificationEvent(JSON.stringify({ ...entry(9), unread: 4 }));
    expect(parsed).toEqual({ item: entry(9), unread: 4 });
  });

  it('refuses what is not an entry', () => {
    expect(parseNotificationEvent('not json')).toBeNull();
    expect(parseNotificationEvent(JSON.stringify({ id: 'x', unread: 1 }))).toBeNull();
    expect(parseNotificationEvent(JSON.stringify(entry(1)))).toBeNull();
  });
});
