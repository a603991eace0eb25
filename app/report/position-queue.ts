/**
 * The phone's positions on their way to field.report while the worker is on duty: a small queue, one
 * pure function per step. Fixes from the phone are kept at most one every MIN_GAP_MS; a send goes at most
 * every SEND_INTERVAL_MS, sooner when SEND_AT_COUNT wait; a call carries at most MAX_PER_CALL (the
 * server's limit). A send that fails for the network (the phone offline, the server busy) keeps its
 * positions for the next try, later each time; a refusal of the positions themselves drops them (sending
 * them again would be refused again). Nothing older than the server takes (six hours) is sent.
 * Times are epoch milliseconds; coordinates WGS84 degrees.
 */
import { inChinaLat, inChinaLon } from '@/geo/extent/china-extent';

/** At most one send in this time (ms), unless SEND_AT_COUNT positions wait. */
export const SEND_INTERVAL_MS = 30_000;
/** This many waiting positions are sent at once. */
export const SEND_AT_COUNT = 20;
/** Positions per call: field.report takes 1–120. */
export const MAX_PER_CALL = 120;
/** How old a position the server takes (server/field/duty.ts MAX_AGE_MS). */
export const SERVER_MAX_AGE_MS = 6 * 3_600_000;
/** Kept a minute short of the server's limit: the call's trip and the two clocks' difference. */
export const KEEP_FOR_MS = SERVER_MAX_AGE_MS - 60_000;
/** One fix kept per this time (ms): a phone reports about every second, a track needs far fewer. */
export const MIN_GAP_MS = 5_000;
/** The queue's bound: six hours of fixes at the gap (only a phone whose clock jumps comes near it). */
export const QUEUE_MAX = Math.ceil(SERVER_MAX_AGE_MS / MIN_GAP_MS);
/** A fix less accurate than this (metres) is no use for a track and would lengthen it by its jumps. */
export const MAX_ACCURACY_M = 1_000;
/** The longest wait before another try after failures (ms); the first waits SEND_INTERVAL_MS. */
export const MAX_RETRY_MS = 5 * 60_000;

export interface Fix {
  lon: number;
  lat: number;
  /** When the phone took it (epoch ms). */
  at: number;
  /** The phone's accuracy radius, metres. */
  accuracyM?: number;
}

export interface PositionQueue {
  /** Oldest first. */
  items: readonly Fix[];
  /** The oldest `sending` items are on their way (0: no send running). */
  sending: number;
  /** The moment of the last fix kept (for the gap; the items may have been sent since). */
  lastFixAt: number | null;
  lastAttemptAt: number | null;
  /** The moment the last send was answered with success. */
  lastSentAt: number | null;
  /** Sends failed in a row (for the network); reset by a success. */
  failures: number;
}

export const EMPTY_POSITIONS: PositionQueue = { items: [], sending: 0, lastFixAt: null, lastAttemptAt: null, lastSentAt: null, failures: 0 };

/** What became of a fix: kept, or why not. */
export type FixVerdict = 'kept' | 'invalid' | 'outside' | 'inaccurate' | 'stale' | 'repeat' | 'too_soon';

/** Takes a fix of the phone at `now`. */
export function addFix(q: PositionQueue, fix: Fix, now: number): { queue: PositionQueue; verdict: FixVerdict } {
  const refuse = (verdict: FixVerdict) => ({ queue: q, verdict });
  if (!Number.isFinite(fix.lon) || !Number.isFinite(fix.lat) || !Number.isFinite(fix.at)) return refuse('invalid');
  // The server refuses a whole call for one position outside China (lon/lat swapped, a test abroad).
  if (!inChinaLon(fix.lon) || !inChinaLat(fix.lat)) return refuse('outside');
  if (fix.accuracyM !== undefined && !(fix.accuracyM >= 0 && fix.accuracyM <= MAX_ACCURACY_M)) return refuse('inaccurate');
  if (fix.at < now - KEEP_FOR_MS) return refuse('stale');
  if (q.lastFixAt !== null && fix.at <= q.lastFixAt) return refuse('repeat');
  if (q.lastFixAt !== null && fix.at - q.lastFixAt < MIN_GAP_MS) return refuse('too_soon');
  const kept: Fix = fix.accuracyM === undefined ? { lon: fix.lon, lat: fix.lat, at: fix.at } : { lon: fix.lon, lat: fix.lat, at: fix.at, accuracyM: fix.accuracyM };
  let items = [...q.items, kept];
  // Over the bound the oldest go, never one on its way.
  if (items.length > QUEUE_MAX) items = [...items.slice(0, q.sending), ...items.slice(q.sending + items.length - QUEUE_MAX)];
  return { queue: { ...q, items, lastFixAt: fix.at }, verdict: 'kept' };
}

/** How long to wait after `failures` failed sends in a row (ms): 30 s, 1 min, 2 min, … at most 5 min. */
export const retryDelay = (failures: number): number => Math.min(MAX_RETRY_MS, SEND_INTERVAL_MS * 2 ** Math.max(0, failures - 1));

/** When the next send is due (epoch ms), or null while nothing waits or a send runs. */
export function nextSendAt(q: PositionQueue): number | null {
  if (q.items.length === 0 || q.sending > 0) return null;
  if (q.lastAttemptAt === null) return 0;
  if (q.failures > 0) return q.lastAttemptAt + retryDelay(q.failures);
  if (q.items.length >= SEND_AT_COUNT) return 0;
  return q.lastAttemptAt + SEND_INTERVAL_MS;
}

export const sendDue = (q: PositionQueue, now: number): boolean => {
  const at = nextSendAt(q);
  return at !== null && at <= now;
};

/**
 * Starts a send when one is due: drops what grew too old, and marks the oldest (at most MAX_PER_CALL) as
 * on their way. An empty batch means there is nothing to call with.
 */
export function startSend(q: PositionQueue, now: number): { queue: PositionQueue; batch: Fix[] } {
  if (!sendDue(q, now)) return { queue: q, batch: [] };
  const fresh = q.items.filter((f) => f.at >= now - KEEP_FOR_MS);
  if (fresh.length === 0) return { queue: { ...q, items: [] }, batch: [] };
  const batch = fresh.slice(0, MAX_PER_CALL);
  return { queue: { ...q, items: fresh, sending: batch.length, lastAttemptAt: now }, batch };
}

/** The send was taken: its positions leave the queue. */
export function sendSucceeded(q: PositionQueue, now: number): PositionQueue {
  return { ...q, items: q.items.slice(q.sending), sending: 0, lastSentAt: now, failures: 0 };
}

/**
 * The send failed. `retry`: the network or the server's load, the positions stay for a later try.
 * `drop`: the server refused the positions themselves; they go (it would refuse them again).
 */
export function sendFailed(q: PositionQueue, how: 'retry' | 'drop'): PositionQueue {
  if (how === 'drop') return { ...q, items: q.items.slice(q.sending), sending: 0, failures: 0 };
  return { ...q, sending: 0, failures: q.failures + 1 };
}

/** The phone is online again: the next send goes at once instead of after the wait. */
export function connectionBack(q: PositionQueue): PositionQueue {
  return q.failures > 0 && q.sending === 0 ? { ...q, failures: 0, lastAttemptAt: null } : q;
}

/** What a failed call means for its positions, by the HTTP status of the answer (none: not reached). */
export type SendFailure = 'retry' | 'drop' | 'stop';
export function sendFailureOf(httpStatus: number | undefined): SendFailure {
  // Not reached, timed out, too many calls, the server failing: the positions wait. A 401 takes the page
  // to the sign-in page (the client's own handler) and the positions are kept until then.
  if (httpStatus === undefined || httpStatus === 0 || httpStatus === 401 || httpStatus === 408 || httpStatus === 429 || httpStatus >= 500) return 'retry';
  // Not a grid worker (any more): reporting stops.
  if (httpStatus === 403) return 'stop';
  return 'drop';
}

/** The input of field.report for a batch. */
export function reportInput(batch: readonly Fix[]): { positions: { lon: number; lat: number; at: Date; accuracyM?: number }[] } {
  return {
    positions: batch.map((f) => (f.accuracyM === undefined ? { lon: f.lon, lat: f.lat, at: new Date(f.at) } : { lon: f.lon, lat: f.lat, at: new Date(f.at), accuracyM: f.accuracyM })),
  };
}
