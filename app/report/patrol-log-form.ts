/**
 * The day's patrol log (民情日志) on the phone before it is saved (field.savePatrolLog checks it all
 * again): which days may be written, the addresses visited as a list without repeats, what is missing or
 * wrong as reason codes, and the exact input of the save with the version the worker saw.
 */
import { addChinaDays } from '@/geo/time/china-day';
import { photoIdsOf, queueReadiness, type PhotoQueue } from './photo-queue';
import { cleanNote } from './report-form';

/** The server's bounds (server/routers/field.ts, migrations/0018_create_field_work.sql). */
export const LOG_BODY_MAX = 8000;
export const VISITED_MAX = 500;

/** The days a log may be written for: today and yesterday (China days), today first. */
export const LOG_DAYS = ['today', 'yesterday'] as const;
export type LogDayKind = (typeof LOG_DAYS)[number];
export const logDayOf = (today: string, kind: LogDayKind): string => (kind === 'today' ? today : addChinaDays(today, -1));

export interface VisitedAddress {
  id: number;
  address: string;
}

export interface LogDraft {
  body: string;
  visited: readonly VisitedAddress[];
}

/** The log as saved (or nothing yet): what the draft is compared with, and the version a save names. */
export interface LogBase extends LogDraft {
  version: number | null;
}

/** Adds an address visited, once; the list keeps the order given. */
export function addVisited(list: readonly VisitedAddress[], address: VisitedAddress): { list: readonly VisitedAddress[]; outcome: 'added' | 'already' | 'full' } {
  if (list.some((a) => a.id === address.id)) return { list, outcome: 'already' };
  if (list.length >= VISITED_MAX) return { list, outcome: 'full' };
  return { list: [...list, { id: address.id, address: address.address }], outcome: 'added' };
}

export const removeVisited = (list: readonly VisitedAddress[], id: number): readonly VisitedAddress[] => list.filter((a) => a.id !== id);

export const LOG_REASONS = {
  BODY_REQUIRED: 'BODY_REQUIRED',
  BODY_TOO_LONG: 'BODY_TOO_LONG',
  TOO_MANY_ADDRESSES: 'TOO_MANY_ADDRESSES',
  PHOTOS_UPLOADING: 'PHOTOS_UPLOADING',
  PHOTOS_FAILED: 'PHOTOS_FAILED',
} as const;
export type LogReason = keyof typeof LOG_REASONS;

export interface SaveLogRequest {
  day: string;
  body: string;
  visitedAddressIds: number[];
  photoIds: number[];
  expectedVersion?: number;
}

export type LogCheck = { valid: true; input: SaveLogRequest } | { valid: false; reason: LogReason; field: 'body' | 'visited' | 'photos' };

/**
 * The save of a day's draft. Only the photos added since the last save go: those saved are the log's
 * already (the server attaches only unattached uploads and refuses the whole save for one that is not).
 */
export function validateLog(day: string, draft: LogDraft, photos: PhotoQueue, base: LogBase): LogCheck {
  const body = cleanNote(draft.body);
  if (!body) return { valid: false, reason: 'BODY_REQUIRED', field: 'body' };
  if (body.length > LOG_BODY_MAX) return { valid: false, reason: 'BODY_TOO_LONG', field: 'body' };
  if (draft.visited.length > VISITED_MAX) return { valid: false, reason: 'TOO_MANY_ADDRESSES', field: 'visited' };
  const readiness = queueReadiness(photos);
  if (readiness === 'uploading') return { valid: false, reason: 'PHOTOS_UPLOADING', field: 'photos' };
  if (readiness === 'failed') return { valid: false, reason: 'PHOTOS_FAILED', field: 'photos' };
  return {
    valid: true,
    input: {
      day,
      body,
      visitedAddressIds: draft.visited.map((a) => a.id),
      photoIds: photoIdsOf(photos),
      ...(base.version !== null ? { expectedVersion: base.version } : {}),
    },
  };
}

/** Whether the draft holds anything not saved: other text, other addresses, or photos added. */
export function logDirty(draft: LogDraft, base: LogBase, photos: PhotoQueue): boolean {
  if (cleanNote(draft.body) !== cleanNote(base.body)) return true;
  if (draft.visited.length !== base.visited.length || draft.visited.some((a, i) => a.id !== base.visited[i]!.id)) return true;
  return photos.items.length > 0;
}
