/**
 * Who may read and change whose academy records. Security: reading needs 'academy' over the worker's
 * community (street editors, district reviewers, administrators of the jurisdiction); enrolling too;
 * attendance, scores and sessions need 'academy_manage' over it (district reviewers, administrators). A
 * worker outside the reading scope answers exactly as a missing one; inside it but outside the managing
 * scope the refusal says so. Every refusal is written to the security log.
 */
import { denied } from '../auth/authorize';
import { codeInScope, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { scopeFor, type Who } from '../staffing/scope';
import { AcademyError } from './errors';

export type { Who };
export { scopeFor };

export interface AcademyWorker {
  id: number;
  name: string;
  communityCode: string;
  /** The worker's stage now asked about (null: not yet recruited then). */
  stage: string | null;
}

async function workerAt(db: Executor, workerId: number, at: Date): Promise<AcademyWorker | null> {
  const [w] = await db.query<{ id: number; name: string; community_code: string; stage: string | null }>(
    `SELECT w.id, w.name, c.code AS community_code, st.stage
       FROM grid_worker w JOIN community c ON c.id = w.community_id
       LEFT JOIN worker_stages_at($2::timestamptz) st ON st.worker_id = w.id
      WHERE w.id = $1::int`,
    [workerId, at],
  );
  return w ? { id: w.id, name: w.name, communityCode: w.community_code, stage: w.stage } : null;
}

/** The worker, when the actor may read their academy record; WORKER_NOT_FOUND otherwise (logged when it exists). */
export async function readableWorker(db: Executor, who: Who, workerId: number, at: Date, target: string): Promise<AcademyWorker> {
  const scope = await scopeFor(db, who, 'academy', target);
  const w = await workerAt(db, workerId, at);
  if (w && codeInScope(scope, w.communityCode)) return w;
  const refusal = new AcademyError('WORKER_NOT_FOUND', String(workerId));
  throw w ? await denied(db, who.actor, target, refusal, who.address) : refusal;
}

/** The worker, when the actor may record their attendance and scores ('academy_manage' over their community). */
export async function manageableWorker(db: Executor, who: Who, workerId: number, at: Date, target: string): Promise<AcademyWorker> {
  const worker = await readableWorker(db, who, workerId, at, target);
  const scope = await scopeFor(db, who, 'academy_manage', target);
  if (!codeInScope(scope, worker.communityCode)) {
    throw await denied(db, who.actor, target, new AcademyError('ACADEMY_OUT_OF_JURISDICTION', String(workerId)), who.address);
  }
  return worker;
}

/**
 * Whether a session for `areaCode` (a district, or null for the city) is one the scope reaches: the
 * city's sessions reach everyone; a district's, the scopes inside or around it.
 */
export function sessionAreaVisible(scope: Scope, areaCode: string | null): boolean {
  if (scope.all || areaCode === null) return true;
  return scope.prefixes.some((p) => p.startsWith(areaCode) || areaCode.startsWith(p));
}

/** Security: a session is scheduled for a district the actor manages, or for the city by a city-wide manager. */
export async function requireManagedArea(db: Executor, who: Who, areaCode: string | null, target: string): Promise<void> {
  const scope = await scopeFor(db, who, 'academy_manage', target);
  if (areaCode === null ? scope.all : codeInScope(scope, areaCode)) return;
  throw await denied(db, who.actor, target, new AcademyError('ACADEMY_OUT_OF_JURISDICTION', areaCode ?? '*'), who.address);
}
