/**
 * The command centre's replay (回放): the cases of a past window as the map showed them, for the browser
 * to redraw at any moment of it. For the caller's incidents scope, every case with an event in the window
 * or open at its start, with its point, category, its state at the start and its state changes in the
 * window. The state at a moment t is then the last change at or before t (app/command/replay-state.ts).
 *
 * The history is the case's events (incident_event: at, to_status). A case loaded with its history
 * before the loop recorded events (the demo city's year of cases) has none: its changes come from the
 * step stamps of the case row (reported_at, accepted_at, …), the same moments the events would carry.
 *
 * Bounded: at most REPLAY_MAX_CASES cases (the newest first); `truncated` says when more were cut.
 */
import { CLOSED_STATES, isClosed, isIncidentState, type IncidentState } from '@/geo/incidents/incident-states';
import type { Scope } from '../auth/policy';
import type { Executor } from '../db';
import { literalList } from '../data/sql';
import { incidentScopeSql, scopeParams } from './view';

/** The most cases one replay returns. */
export const REPLAY_MAX_CASES = 50_000;
/** The longest window one replay covers (the slider replays 24 hours; a week at most). */
export const REPLAY_MAX_WINDOW_MS = 7 * 24 * 3_600_000;

/** A state change: [epoch milliseconds, the state entered]. */
export type ReplayChange = [number, IncidentState];

export interface ReplayCase {
  id: number;
  code: string;
  category: string;
  gridCode: string | null;
  point: [number, number];
  /** The state at the window's start; null when the case was not reported yet. */
  initial: IncidentState | null;
  /** The state changes after the start up to the end, oldest first (ties keep their recorded order). */
  changes: ReplayChange[];
  /** Where the changes come from: the case's events, or the step stamps of a case that has none. */
  history: 'events' | 'stamps';
}

export interface Replay {
  since: Date;
  until: Date;
  cases: ReplayCase[];
  /** More cases qualified than the bound: the oldest of them were left out. */
  truncated: boolean;
  limit: number;
}

export interface ReplayWindow {
  since: Date;
  until: Date;
}

/** How many candidate cases one query reads (the limit applies to the cases kept, not to these). */
const CHUNK = 10_000;

type CaseRow = {
  id: number; code: string; category: string; grid_code: string | null; lon: number; lat: number; status: IncidentState; has_events: boolean;
  /** The state entered by the last event at or before the start (cases with events). */
  state_before: IncidentState | null;
  /** The state the first event after the start moved the case from (null for a report). */
  first_from: IncidentState | null;
  reported_at: Date; accepted_at: Date | null; dispatched_at: Date | null; handling_at: Date | null; handled_at: Date | null;
  verified_at: Date | null; closed_at: Date | null; evaluated_at: Date | null;
};

type EventRow = { incident_id: number; at: Date; from_status: IncidentState | null; to_status: IncidentState };

/**
 * The step stamps of a case as state changes, oldest first. A state whose moment the row does not keep
 * (a case being handled keeps only its dispatch) takes effect with the latest one known before it, so
 * the last change is always the case's state now.
 */
export function stampChanges(row: Pick<CaseRow, 'status' | 'reported_at' | 'accepted_at' | 'dispatched_at' | 'handling_at' | 'handled_at' | 'verified_at' | 'closed_at' | 'evaluated_at'>): ReplayChange[] {
  const stamps: [Date | null, IncidentState][] = [
    [row.reported_at, 'reported'],
    [row.accepted_at, 'accepted'],
    [row.dispatched_at, 'dispatched'],
    [row.handling_at, 'handling'],
    [row.handled_at, 'handled'],
    [row.verified_at, 'verified'],
    [row.closed_at, row.status === 'rejected' ? 'rejected' : 'closed'],
    [row.evaluated_at, 'evaluated'],
  ];
  const changes: ReplayChange[] = [];
  for (const [at, state] of stamps) if (at) changes.push([at.getTime(), state]);
  // Stable: equal moments keep the loop's order.
  changes.sort((a, b) => a[0] - b[0]);
  const last = changes.at(-1);
  if (last && last[1] !== row.status) changes.push([last[0], row.status]);
  return changes;
}

/** A case's replay from its changes over its whole life, or null when the window does not concern it. */
function fromChanges(row: CaseRow, all: readonly ReplayChange[], since: number, until: number, history: ReplayCase['history']): ReplayCase | null {
  let initial: IncidentState | null = null;
  const changes: ReplayChange[] = [];
  for (const c of all) {
    if (c[0] <= since) initial = c[1];
    else if (c[0] <= until) changes.push(c);
  }
  return keep(row, initial, changes, changes.length > 0, history);
}

function keep(row: CaseRow, initial: IncidentState | null, changes: ReplayChange[], touched: boolean, history: ReplayCase['history']): ReplayCase | null {
  const openAtStart = initial !== null && !isClosed(initial);
  if (!touched && !openAtStart) return null;
  return { id: row.id, code: row.code, category: row.category, gridCode: row.grid_code, point: [row.lon, row.lat], initial, changes, history };
}

/** A case with events: its state at the start, then each event in the window that changed it. */
function fromEvents(row: CaseRow, events: readonly EventRow[], since: number, until: number): ReplayCase | null {
  const reported = row.reported_at.getTime();
  let initial = row.state_before;
  // A case loaded before the loop recorded events and moved since: the first later event says what it was.
  if (initial === null && reported <= since) initial = row.first_from ?? row.status;
  const changes: ReplayChange[] = [];
  let state = initial;
  if (initial === null && reported <= until && row.first_from !== null) {
    // Such a case reported within the window: it appears at its report, in the state its first event left.
    state = row.first_from;
    changes.push([reported, state]);
  }
  for (const e of events) {
    if (e.to_status === state) continue;
    state = e.to_status;
    changes.push([e.at.getTime(), e.to_status]);
  }
  // An event in the window (an escalation too) concerns the case even when its state stayed.
  return keep(row, initial, changes, events.length > 0 || changes.length > 0, 'events');
}

/**
 * The replay of the window for the scope. Security: only cases in the caller's incidents scope (the
 * same predicate as the lists), never their reporters or notes.
 */
export async function replayIncidents(db: Executor, scope: Scope, window: ReplayWindow, limit = REPLAY_MAX_CASES): Promise<Replay> {
  const [patterns, workers] = scopeParams(scope);
  const since = window.since.getTime();
  const until = window.until.getTime();
  const cases: ReplayCase[] = [];
  let truncated = false;
  let before: number | null = null;
  for (;;) {
    // Candidates: reported by the end and not closed before the start, or with an event in the window
    // (an evaluation of a case closed earlier). Which of them the window concerns is decided below.
    const rows: CaseRow[] = await db.query<CaseRow>(
      `SELECT i.id, i.code, i.category, i.grid_code, ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat, i.status,
              EXISTS (SELECT 1 FROM incident_event h WHERE h.incident_id = i.id) AS has_events,
              (SELECT e.to_status FROM incident_event e
                WHERE e.incident_id = i.id AND e.at <= $1::timestamptz AND e.to_status IS NOT NULL
                ORDER BY e.at DESC, e.id DESC LIMIT 1) AS state_before,
              (SELECT f.from_status FROM incident_event f
                WHERE f.incident_id = i.id AND f.at > $1::timestamptz ORDER BY f.at, f.id LIMIT 1) AS first_from,
              i.reported_at, i.accepted_at, i.dispatched_at, i.handling_at, i.handled_at, i.verified_at, i.closed_at, i.evaluated_at
         FROM incident i
        WHERE ${incidentScopeSql('i', '$3', '$4')}
          AND i.reported_at <= $2::timestamptz
          AND (i.closed_at IS NULL OR i.closed_at > $1::timestamptz OR i.status NOT IN (${literalList(CLOSED_STATES)})
               OR i.id IN (SELECT w.incident_id FROM incident_event w WHERE w.at > $1::timestamptz AND w.at <= $2::timestamptz))
          AND ($5::bigint IS NULL OR i.id < $5::bigint)
        ORDER BY i.id DESC LIMIT $6::int`,
      [window.since, window.until, patterns, workers, before, CHUNK],
    );
    if (rows.length === 0) break;
    const withEvents = rows.filter((r) => r.has_events).map((r) => r.id);
    const events = new Map<number, EventRow[]>();
    if (withEvents.length > 0) {
      const rowsOfEvents = await db.query<EventRow>(
        `SELECT e.incident_id, e.at, e.from_status, e.to_status FROM incident_event e
          WHERE e.incident_id = ANY ($1::bigint[]) AND e.at > $2::timestamptz AND e.at <= $3::timestamptz AND e.to_status IS NOT NULL
          ORDER BY e.incident_id, e.at, e.id`,
        [withEvents, window.since, window.until],
      );
      for (const e of rowsOfEvents) {
        if (!isIncidentState(e.to_status)) continue;
        const list = events.get(e.incident_id) ?? [];
        list.push(e);
        events.set(e.incident_id, list);
      }
    }
    for (const row of rows) {
      const c = row.has_events ? fromEvents(row, events.get(row.id) ?? [], since, until) : fromChanges(row, stampChanges(row), since, until, 'stamps');
      if (!c) continue;
      if (cases.length === limit) {
        truncated = true;
        break;
      }
      cases.push(c);
    }
    if (truncated || rows.length < CHUNK) break;
    before = rows[rows.length - 1]!.id;
  }
  return { since: window.since, until: window.until, cases, truncated, limit };
}
