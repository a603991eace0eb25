/**
 * The live feed of the command centre: every incident event as it commits, to every subscriber whose
 * incidents scope covers the case. One pump per process reads the new events once (woken by the writer
 * in this process, and polling for writers elsewhere) and fans them out in memory, so 200 open command
 * maps cost one query per change, not 200. A subscriber that reconnects names the last event it saw and
 * first receives, from the database, exactly the events it missed.
 */
import type { IncidentState } from '@/geo/incidents/incident-states';
import type { Scope } from '../auth/policy';
import type { Executor } from '../db';
import { overdueIncidentSql } from '../data/incidents';
import { LiveQueue } from '../events/live-queue';
import { incidentEvents, incidentInScope } from './store';

export interface FeedEvent {
  eventId: number;
  at: Date;
  action: string;
  from: IncidentState | null;
  to: IncidentState | null;
  actorName: string;
  incident: {
    id: number;
    code: string;
    category: string;
    status: IncidentState;
    severity: number;
    gridCode: string | null;
    handlerWorkerId: number | null;
    addressText: string;
    reportedAt: Date;
    stageDueAt: Date | null;
    overdue: boolean;
    escalationLevel: number;
    point: [number, number];
  };
}

const PAGE = 500;
/**
 * How far back a reconnect is replayed: a browser away longer than this many events reloads the map
 * instead (the events it missed are in the cases it reloads), and no client can make the feed re-read
 * the whole history by sending an old cursor.
 */
export const MAX_RESUME_EVENTS = 5000;

/** Events after `afterId`, oldest first, with each case as it is now (at `at`). */
export async function feedAfter(db: Executor, afterId: number, at: Date, limit = PAGE): Promise<FeedEvent[]> {
  const rows = await db.query<{
    id: number; at: Date; action: string; from_status: IncidentState | null; to_status: IncidentState | null; actor_name: string;
    incident_id: number; code: string; category: string; status: IncidentState; severity: number; grid_code: string | null; handler: number | null;
    address_text: string; reported_at: Date; stage_due_at: Date | null; overdue: boolean; escalation_level: number; lon: number; lat: number;
  }>(
    `SELECT e.id, e.at, e.action, e.from_status, e.to_status, e.actor_name, i.id AS incident_id, i.code, i.category, i.status, i.severity,
            i.grid_code, (SELECT a.worker_id FROM incident_assignment a WHERE a.incident_id = i.id AND a.ended_at IS NULL) AS handler,
            i.address_text, i.reported_at, i.stage_due_at, ${overdueIncidentSql('i', '$2')} AS overdue, i.escalation_level,
            ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
       FROM incident_event e JOIN incident i ON i.id = e.incident_id
      WHERE e.id > $1 ORDER BY e.id LIMIT $3::int`,
    [afterId, at, limit],
  );
  return rows.map((r) => ({
    eventId: r.id,
    at: r.at,
    action: r.action,
    from: r.from_status,
    to: r.to_status,
    actorName: r.actor_name,
    incident: {
      id: r.incident_id, code: r.code, category: r.category, status: r.status, severity: r.severity, gridCode: r.grid_code, handlerWorkerId: r.handler,
      addressText: r.address_text, reportedAt: r.reported_at, stageDueAt: r.stage_due_at, overdue: r.overdue, escalationLevel: r.escalation_level,
      point: [r.lon, r.lat],
    },
  }));
}

export async function latestEventId(db: Executor): Promise<number> {
  const [r] = await db.query<{ id: number | null }>('SELECT max(id) AS id FROM incident_event');
  return r?.id ?? 0;
}

export const feedEventInScope = (scope: Scope, e: FeedEvent): boolean => incidentInScope(scope, e.incident);

type Listener = (events: FeedEvent[]) => void;

/** Polls this often for writers in other processes; a write in this one wakes the pump at once. */
const POLL_MS = 1000;

class FeedPump {
  private lastId: number | null = null;
  private readonly listeners = new Set<Listener>();
  private busy = false;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onChange = () => void this.pump();

  constructor(
    private readonly db: Executor,
    private readonly clock: () => Date,
  ) {}

  /** Starts listening; resolves with the id of the last event already committed (the listener gets those after it). */
  async subscribe(listener: Listener): Promise<number> {
    if (this.lastId === null) this.lastId = await latestEventId(this.db);
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      incidentEvents().on('changed', this.onChange);
      this.timer = setInterval(this.onChange, POLL_MS);
    }
    return this.lastId;
  }

  unsubscribe(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) {
      incidentEvents().off('changed', this.onChange);
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      // Nobody listens: the next subscriber starts from what is committed then.
      this.lastId = null;
    }
  }

  private async pump(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        if (this.lastId === null) break;
        const events = await feedAfter(this.db, this.lastId, this.clock());
        if (events.length === 0) break;
        this.lastId = events[events.length - 1]!.eventId;
        for (const l of [...this.listeners]) l(events);
        if (events.length === PAGE) this.again = true;
      } while (this.again && this.listeners.size > 0);
    } catch {
      // A failed read (the database restarting) is retried by the next wake-up or poll.
    } finally {
      this.busy = false;
    }
  }
}

const pumpKey = Symbol.for('gridatlas.incidentFeedPump');
type GlobalWithPump = typeof globalThis & { [pumpKey]?: FeedPump };

/** The process's pump (route bundles share it through globalThis). */
export function feedPump(db: Executor, clock: () => Date): FeedPump {
  const g = globalThis as GlobalWithPump;
  return (g[pumpKey] ??= new FeedPump(db, clock));
}

/**
 * The events a subscriber receives, in order, each once: those after `lastEventId` it missed (read from
 * the database), then live ones as they commit. Stops when `signal` aborts or `stillAllowed` says no.
 */
export async function* subscribeFeed(opts: {
  db: Executor;
  scope: Scope;
  lastEventId: number | null;
  clock: () => Date;
  signal: AbortSignal | undefined;
  stillAllowed: () => Promise<boolean>;
  recheckMs?: number;
}): AsyncGenerator<FeedEvent> {
  const pump = feedPump(opts.db, opts.clock);
  const queue = new LiveQueue<FeedEvent>(opts.signal, opts.stillAllowed, opts.recheckMs);
  const listener: Listener = (events) => queue.push(...events);
  const committed = await pump.subscribe(listener);
  let after = opts.lastEventId === null ? committed : Math.max(opts.lastEventId, committed - MAX_RESUME_EVENTS);
  try {
    // What the subscriber missed, up to what the pump had when it joined; the pump delivers the rest.
    while (after < committed && queue.open) {
      const missed = await feedAfter(opts.db, after, opts.clock());
      if (missed.length === 0) break;
      for (const e of missed) {
        if (e.eventId > committed) break;
        after = e.eventId;
        if (feedEventInScope(opts.scope, e)) yield e;
      }
      if (missed.length < PAGE) break;
    }
    after = Math.max(after, committed);
    for (let e = await queue.next(); e; e = await queue.next()) {
      if (e.eventId <= after) continue;
      after = e.eventId;
      if (feedEventInScope(opts.scope, e)) yield e;
    }
  } finally {
    queue.close();
    pump.unsubscribe(listener);
  }
}
