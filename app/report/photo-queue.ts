/**
 * The photos of one step (a report, a handler's finish, a check on site) as they are chosen, uploaded one
 * by one at once (POST /api/incidents/photos), and removed before sending: a small state with one reducer.
 * Only the uploaded ones are sent, by id; the step waits while any is on its way.
 */
import type { LocalizedText } from '@/geo/text/localized-text';

/** Photos per step (the server's PHOTOS_PER_STEP, server/incidents/photos.ts, refuses more). */
export const PHOTO_LIMIT = 6;
/** The largest upload the server takes (its PHOTO_MAX_BYTES); larger photos are shrunk in the browser first. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** Why an upload failed: the server's own text, or what the page knows itself. */
export type PhotoFailure = { kind: 'server'; code: string | null; text: LocalizedText } | { kind: 'local'; reason: 'too_large' | 'network' };

interface Base {
  /** The queue's own key of the item (not the server's id). */
  key: string;
  name: string;
  bytes: number;
}

export type PhotoItem =
  | (Base & { status: 'uploading'; progress: number })
  | (Base & { status: 'done'; photoId: number })
  | (Base & { status: 'failed'; failure: PhotoFailure });

export interface PhotoQueue {
  items: readonly PhotoItem[];
}

export const EMPTY_QUEUE: PhotoQueue = { items: [] };

export type PhotoEvent =
  | { type: 'added'; items: readonly Base[] }
  | { type: 'progress'; key: string; progress: number }
  | { type: 'uploaded'; key: string; photoId: number }
  | { type: 'failed'; key: string; failure: PhotoFailure }
  | { type: 'removed'; key: string }
  | { type: 'cleared' };

const update = (q: PhotoQueue, key: string, f: (item: PhotoItem) => PhotoItem | null): PhotoQueue => {
  if (!q.items.some((i) => i.key === key)) return q;
  return { items: q.items.flatMap((i) => (i.key === key ? (f(i) ?? []) : [i])) };
};

export function photoQueueReducer(q: PhotoQueue, e: PhotoEvent): PhotoQueue {
  switch (e.type) {
    case 'added': {
      const room = roomLeft(q);
      const fresh = e.items.filter((i) => !q.items.some((x) => x.key === i.key)).slice(0, room);
      return fresh.length ? { items: [...q.items, ...fresh.map((i) => ({ ...i, status: 'uploading' as const, progress: 0 }))] } : q;
    }
    case 'progress':
      // Progress only moves forward, and only while the item is uploading (a late event changes nothing).
      return update(q, e.key, (i) => (i.status === 'uploading' ? { ...i, progress: Math.min(1, Math.max(i.progress, e.progress)) } : i));
    case 'uploaded':
      return update(q, e.key, (i) => (i.status === 'uploading' ? { key: i.key, name: i.name, bytes: i.bytes, status: 'done', photoId: e.photoId } : i));
    case 'failed':
      return update(q, e.key, (i) => (i.status === 'uploading' ? { key: i.key, name: i.name, bytes: i.bytes, status: 'failed', failure: e.failure } : i));
    case 'removed':
      return update(q, e.key, () => null);
    case 'cleared':
      return q.items.length ? EMPTY_QUEUE : q;
  }
}

/** How many more photos the step takes (every item counts until removed, a failed one too). */
export const roomLeft = (q: PhotoQueue): number => Math.max(0, PHOTO_LIMIT - q.items.length);

/** Of `count` files chosen, how many are taken and how many are left out for the limit. */
export function takeFiles(q: PhotoQueue, count: number): { taken: number; leftOut: number } {
  const taken = Math.min(count, roomLeft(q));
  return { taken, leftOut: count - taken };
}

/** The ids to send with the step: the uploaded photos, in the order chosen. */
export const photoIdsOf = (q: PhotoQueue): number[] => q.items.flatMap((i) => (i.status === 'done' ? [i.photoId] : []));

/** Whether the step can be sent as far as its photos go: nothing on its way, nothing failed left in. */
export type QueueReadiness = 'ready' | 'uploading' | 'failed';
export function queueReadiness(q: PhotoQueue): QueueReadiness {
  if (q.items.some((i) => i.status === 'uploading')) return 'uploading';
  if (q.items.some((i) => i.status === 'failed')) return 'failed';
  return 'ready';
}

/** Progress in whole percent, for the status line and the progress bar. */
export const percent = (progress: number): number => Math.round(Math.min(1, Math.max(0, progress)) * 100);
