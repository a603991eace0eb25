/**
 * The live feed list: the feed's events, newest first, each once, the newest few hundred kept. Event ids
 * increase with every commit, so an event at or below the newest one listed was seen already (a
 * reconnect never repeats one, but a list must not rely on it).
 */
import type { IncidentState } from '@/geo/incidents/incident-states';

/** A feed event as the server sends it (server/incidents/live.ts FeedEvent). */
export interface FeedEventLike {
  eventId: number;
  at: Date;
  action: string;
  from: IncidentState | null;
  to: IncidentState | null;
  actorName: string;
  incident: { id: number; code: string; category: string; gridCode: string | null; point: [number, number] };
}

export interface FeedRow {
  eventId: number;
  at: Date;
  action: string;
  from: IncidentState | null;
  to: IncidentState | null;
  actorName: string;
  incidentId: number;
  code: string;
  category: string;
  gridCode: string | null;
  point: [number, number];
}

/** How many rows the list keeps. */
export const FEED_ROWS = 300;

export const toFeedRow = (e: FeedEventLike): FeedRow => ({
  eventId: e.eventId,
  at: e.at,
  action: e.action,
  from: e.from,
  to: e.to,
  actorName: e.actorName,
  incidentId: e.incident.id,
  code: e.incident.code,
  category: e.incident.category,
  gridCode: e.incident.gridCode,
  point: e.incident.point,
});

/** The list after `events` (oldest first, as the feed delivers them): the new ones on top. */
export function prependEvents(rows: readonly FeedRow[], events: readonly FeedEventLike[], cap = FEED_ROWS): FeedRow[] {
  const newest = rows[0]?.eventId ?? 0;
  const fresh: FeedRow[] = [];
  let top = newest;
  for (const e of events) {
    if (e.eventId <= top) continue;
    top = e.eventId;
    fresh.push(toFeedRow(e));
  }
  if (fresh.length === 0) return rows as FeedRow[];
  fresh.reverse();
  return [...fresh, ...rows].slice(0, cap);
}

/** The rows listed after `afterEventId` (what a screen reader has not been told of yet), newest first. */
export const rowsAfter = (rows: readonly FeedRow[], afterEventId: number): FeedRow[] => {
  const out: FeedRow[] = [];
  for (const r of rows) {
    if (r.eventId <= afterEventId) break;
    out.push(r);
  }
  return out;
};
