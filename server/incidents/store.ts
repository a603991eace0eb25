/**
 * The incident loop's shared steps: locking a case at the version its caller saw, writing its events
 * (the append-only history), who may see a case, and waking the live feed once a change committed.
 */
import type { EventEmitter } from 'node:events';
import { isIncidentState, type IncidentState } from '@/geo/incidents/incident-states';
import type { Actor } from '../auth/actor';
import { codeInScope, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { processEmitter } from '../events/process-emitter';
import { recordIncidentStateChange } from '../webhooks/events';
import { announceChanges } from '../webhooks/outbox';
import { IncidentError } from './errors';

/** What the loop reads of a case before it moves it. */
export interface IncidentLock {
  id: number;
  code: string;
  status: IncidentState;
  version: number;
  category: string;
  gridCode: string | null;
  gridWorkerId: number | null;
  departmentCode: string | null;
  stageDueAt: Date | null;
  /** The worker of the live assignment (dispatched to), if any. */
  handlerWorkerId: number | null;
}

/**
 * Locks the case (FOR UPDATE: concurrent moves of one case run one after the other). The caller checks
 * the state, then the version it saw (a case already moved on says so before "reload").
 */
export const lockIncident = (tx: Executor, id: number): Promise<IncidentLock> => readCase(tx, id, true);

/** The same facts of a case for a read that decides nothing (no lock). */
export const incidentFacts = (db: Executor, id: number): Promise<IncidentLock> => readCase(db, id, false);

async function readCase(tx: Executor, id: number, forUpdate: boolean): Promise<IncidentLock> {
  const [r] = await tx.query<{
    id: number; code: string; status: string; version: number; category: string; grid_code: string | null; grid_worker_id: number | null;
    department_code: string | null; stage_due_at: Date | null;
  }>(
    `SELECT id, code, status, version, category, grid_code, grid_worker_id, department_code, stage_due_at
       FROM incident WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!r || !isIncidentState(r.status)) throw new IncidentError('INCIDENT_NOT_FOUND', String(id));
  const [a] = await tx.query<{ worker_id: number | null }>('SELECT worker_id FROM incident_assignment WHERE incident_id = $1 AND ended_at IS NULL', [id]);
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    version: r.version,
    category: r.category,
    gridCode: r.grid_code,
    gridWorkerId: r.grid_worker_id,
    departmentCode: r.department_code,
    stageDueAt: r.stage_due_at,
    handlerWorkerId: a?.worker_id ?? null,
  };
}

/** Who caused an event. */
export type EventActor =
  | { kind: 'user'; id: number; name: string }
  | { kind: 'partner'; id: number; name: string }
  | { kind: 'system'; name: string };

export const userActor = (actor: Actor): EventActor => ({ kind: 'user', id: actor.userId, name: actor.displayName });

export interface EventInput {
  incidentId: number;
  at: Date;
  action: string;
  from: IncidentState | null;
  to: IncidentState | null;
  by: EventActor;
  note?: string;
  detail?: Record<string, unknown>;
}

/**
 * Appends one event to a case's history; returns its id (the live feed's cursor). An event that moves
 * the case to another state is also a change for the partners' change feed, in the same transaction.
 */
export async function recordEvent(tx: Executor, e: EventInput): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO incident_event (incident_id, at, action, from_status, to_status, actor_kind, actor_id, actor_name, note, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
    [e.incidentId, e.at, e.action, e.from, e.to, e.by.kind, 'id' in e.by ? e.by.id : null, e.by.name, e.note ?? '', JSON.stringify(e.detail ?? {})],
  );
  if (e.to !== null && e.from !== e.to) await recordIncidentStateChange(tx, { incidentId: e.incidentId, action: e.action, from: e.from, to: e.to, at: e.at });
  return row!.id;
}

/**
 * Whether a case lies in an incidents scope: its grid is in the scope (a case outside every grid only in
 * a city-wide one), or it is dispatched to one of the scope's own workers (a grid worker sees the cases
 * they handle, wherever they are).
 */
export function incidentInScope(scope: Scope | null, c: { gridCode: string | null; handlerWorkerId: number | null }): boolean {
  if (!scope) return false;
  if (scope.all) return true;
  if (c.gridCode && codeInScope(scope, c.gridCode)) return true;
  return c.handlerWorkerId !== null && scope.workerIds.includes(c.handlerWorkerId);
}

/** The worker records the actor acts as (a grid worker grant's). */
export const workerIdsOf = (actor: Actor): number[] =>
  actor.grants.filter((g) => g.role === 'grid_worker' && g.workerId !== null).map((g) => g.workerId!);

/** The process's incident emitter: the live feed wakes at once. */
export const incidentEvents = (): EventEmitter => processEmitter('incidents');

/** Called after a transaction that wrote incident events committed (and so perhaps changes to send). */
export function announceIncidentEvents(): void {
  incidentEvents().emit('changed');
  announceChanges();
}
