/**
 * Moving a case along the loop (立案, 不予立案, 处置, 反馈, 核查, 结案, 评价). Each move is one transaction:
 * lock the case, check the action against the one table of rules (geo/incidents/incident-states.ts) and
 * the actor's duty, write the state, the stage deadline, the step's timestamp and the event, attach the
 * step's photos. Dispatch, which also chooses the handler, is ./dispatch.ts.
 */
import { INCIDENT_ACTIONS, stageDueAt, type IncidentAction, type IncidentState } from '@/geo/incidents/incident-states';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { categoryByCode } from './categories';
import { holdsDuty } from './duties';
import { IncidentError } from './errors';
import { attachPhotos } from './photos';
import { scopeOf } from '../auth/policy';
import { announceIncidentEvents, incidentInScope, lockIncident, recordEvent, userActor } from './store';

export type LoopAction = Exclude<IncidentAction, 'dispatch'>;

export interface MoveInput {
  incidentId: number;
  expectedVersion: number;
  action: LoopAction;
  note?: string;
  photoIds?: readonly number[];
  /** The reporter's evaluation, 1 (poor) to 5 (very satisfied): the evaluate step needs it. */
  evaluation?: number;
}

export interface MoveResult {
  incidentId: number;
  status: IncidentState;
  version: number;
  eventId: number;
}

/** What each target state stamps besides the state itself. */
const STAMPS: Partial<Record<IncidentState, string>> = {
  accepted: 'accepted_at',
  handling: 'handling_at',
  handled: 'handled_at',
  verified: 'verified_at',
  closed: 'closed_at',
  evaluated: 'evaluated_at',
};

export async function moveIncident(db: Db, actor: Actor, input: MoveInput, at: Date): Promise<MoveResult> {
  const rule = INCIDENT_ACTIONS[input.action];
  const note = (input.note ?? '').trim();
  const result = await db.transaction(async (tx) => {
    const c = await lockIncident(tx, input.incidentId);
    // A case outside the caller's scope answers as a missing one: its existence is not theirs to know.
    if (!incidentInScope(scopeOf(actor, 'incidents'), c)) throw new IncidentError('INCIDENT_NOT_FOUND', String(input.incidentId));
    if (!holdsDuty(actor, rule.duty, c)) throw new IncidentError('NOT_YOUR_DUTY');
    if (c.status !== rule.from) throw new IncidentError('NOT_FROM_THIS_STATE');
    if (c.version !== input.expectedVersion) throw new IncidentError('INCIDENT_STALE_VERSION');
    if (rule.noteRequired && !note) throw new IncidentError('NOTE_REQUIRED');
    const evaluation = input.action === 'evaluate' ? input.evaluation : undefined;
    if (input.action === 'evaluate' && !(Number.isInteger(evaluation) && evaluation! >= 1 && evaluation! <= 5)) throw new IncidentError('EVALUATION_REQUIRED');

    const category = await categoryByCode(tx, c.category, { activeOnly: false });
    const due = stageDueAt(c.status, rule.to, at, category.limits, c.stageDueAt);
    const sets = ['status = $2', 'version = version + 1', 'updated_at = $3', 'stage_due_at = $4'];
    const params: unknown[] = [c.id, rule.to, at, due];
    const stamp = STAMPS[rule.to];
    if (stamp && input.action !== 'verify_fail') sets.push(`${stamp} = $3`);
    if (input.action === 'not_accept') sets.push('closed_at = $3', `not_accepted_reason = $${params.push(note)}`);
    if (input.action === 'evaluate') sets.push(`evaluation = $${params.push(evaluation)}`);
    // A failed check re-opens the case: it waits for a new dispatch, and the handling it had is undone.
    if (input.action === 'verify_fail') sets.push('reopened_count = reopened_count + 1', 'handled_at = NULL', 'handling_at = NULL', 'due_at = NULL', 'dispatched_at = NULL');
    const [row] = await tx.query<{ version: number }>(`UPDATE incident SET ${sets.join(', ')} WHERE id = $1 RETURNING version`, params);
    if (input.action === 'verify_fail' || input.action === 'close') {
      await tx.execute('UPDATE incident_assignment SET ended_at = $2 WHERE incident_id = $1 AND ended_at IS NULL', [c.id, at]);
    }
    const eventId = await recordEvent(tx, {
      incidentId: c.id,
      at,
      action: input.action,
      from: c.status,
      to: rule.to,
      by: userActor(actor),
      note,
      detail: evaluation !== undefined ? { evaluation } : {},
    });
    await attachPhotos(tx, input.photoIds ?? [], actor.userId, c.id, eventId);
    return { incidentId: c.id, status: rule.to, version: row!.version, eventId };
  });
  announceIncidentEvents();
  return result;
}
