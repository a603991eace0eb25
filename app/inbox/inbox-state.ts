/**
 * The inbox as the browser holds it: the first page from plans.notifications, then each entry the live
 * stream sends (GET /api/notifications/stream). Entries are kept newest first, once each (a reconnect may
 * send one again), and the unread count is the server's latest word.
 */
import type { Notification } from '@/server/plans/notifications';

/** Entries kept in the panel; older ones stay on the server. */
export const INBOX_LIMIT = 100;

export interface InboxState {
  items: Notification[];
  unread: number;
  /** The first page has arrived (the stream starts after its newest entry). */
  seeded: boolean;
  /** The latest entry the stream brought that was not known before (for the live announcement). */
  arrived: Notification | null;
}

export type InboxAction =
  | { type: 'seed'; items: Notification[]; unread: number }
  | { type: 'event'; item: Notification; unread: number }
  | { type: 'allRead' };

export const EMPTY_INBOX: InboxState = { items: [], unread: 0, seeded: false, arrived: null };

/** Newest first by id, one entry per id (the later copy wins), at most INBOX_LIMIT. */
function merge(known: readonly Notification[], incoming: readonly Notification[]): Notification[] {
  const byId = new Map<number, Notification>();
  for (const n of known) byId.set(n.id, n);
  for (const n of incoming) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, INBOX_LIMIT);
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'seed':
      return { ...state, items: merge(state.items, action.items), unread: action.unread, seeded: true };
    case 'event': {
      const isNew = !state.items.some((n) => n.id === action.item.id);
      return { ...state, items: merge(state.items, [action.item]), unread: action.unread, arrived: isNew ? action.item : state.arrived };
    }
    case 'allRead':
      return { ...state, items: state.items.map((n) => (n.read ? n : { ...n, read: true })), unread: 0 };
  }
}

/** The newest entry's id: the stream is asked for what came after it. */
export const lastNotificationId = (state: InboxState): number => state.items.reduce((m, n) => Math.max(m, n.id), 0);

/** One `notification` event's data: an entry plus the unread count when it was sent; null if malformed. */
export function parseNotificationEvent(data: string): { item: Notification; unread: number } | null {
  try {
    const raw = JSON.parse(data) as Partial<Notification> & { unread?: unknown };
    if (typeof raw.id !== 'number' || typeof raw.kind !== 'string' || typeof raw.unread !== 'number') return null;
    const { unread, ...item } = raw;
    return { item: item as Notification, unread };
  } catch {
    return null;
  }
}
