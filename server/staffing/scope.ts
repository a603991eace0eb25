/**
 * Who may read and change whose staffing. Security: reading needs the 'staffing' capability over the
 * worker's community (street editors, district reviewers, command operators, administrators of the
 * jurisdiction); changing needs 'staffing_manage' over it (the street's editors: the operator of the
 * street). A worker outside the reading scope answers exactly as a missing one; inside it but outside the
 * managing scope the refusal says so. Every refusal is written to the security log.
 */
import type { Actor } from '../auth/actor';
import { AuthError } from '../auth/errors';
import { denied } from '../auth/authorize';
import { codeInScope, scopeOf, type Capability, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { StaffingError } from './errors';

export interface Who {
  actor: Actor;
  /** The client's address, for the security log. */
  address: string;
}

/** The actor's scope of a capability; refused (and logged) when they hold it nowhere. */
export async function scopeFor(db: Executor, who: Who, capability: Capability, target: string): Promise<Scope> {
  const scope = scopeOf(who.actor, capability);
  if (!scope) throw await denied(db, who.actor, target, new AuthError('ACCESS_DENIED'), who.address);
  return scope;
}

export interface WorkerPlace {
  id: number;
  communityCode: string;
}

async function workerPlace(db: Executor, workerId: number): Promise<WorkerPlace | null> {
  const [w] = await db.query<{ id: number; community_code: string }>(
    'SELECT w.id, c.code AS community_code FROM grid_worker w JOIN community c ON c.id = w.community_id WHERE w.id = $1::int',
    [workerId],
  );
  return w ? { id: w.id, communityCode: w.community_code } : null;
}

/** The worker, when the actor may read their staffing record; WORKER_NOT_FOUND otherwise (logged when it exists). */
export async function readableWorker(db: Executor, who: Who, workerId: number, target: string): Promise<WorkerPlace> {
  const scope = await scopeFor(db, who, 'staffing', target);
  const w = await workerPlace(db, workerId);
  if (w && codeInScope(scope, w.communityCode)) return w;
  const refusal = new StaffingError('WORKER_NOT_FOUND', String(workerId));
  throw w ? await denied(db, who.actor, target, refusal, who.address) : refusal;
}

/** The worker, when the actor may change their staffing; the managing scope is returned for the grid checks. */
export async function manageableWorker(db: Executor, who: Who, workerId: number, target: string): Promise<{ worker: WorkerPlace; scope: Scope }> {
  const worker = await readableWorker(db, who, workerId, target);
  const scope = await scopeFor(db, who, 'staffing_manage', target);
  if (!codeInScope(scope, worker.communityCode)) {
    throw await denied(db, who.actor, target, new StaffingError('STAFFING_OUT_OF_JURISDICTION', String(workerId)), who.address);
  }
  return { worker, scope };
}
