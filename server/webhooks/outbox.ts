/**
 * The change feed's outbox: the one place a change partner systems may be told of is written. Called
 * with the transaction that makes the change, so a change and its deliveries commit (or roll back)
 * together: no delivery of a change that did not happen, no change that is never delivered. Nothing is
 * sent here; the dispatcher (./dispatcher.ts) does that outside every request and transaction, woken by
 * announceChanges() once the caller's transaction committed.
 */
import type { EventEmitter } from 'node:events';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@/geo/webhooks/webhook-events';
import type { Executor } from '../db';
import { processEmitter } from '../events/process-emitter';

/**
 * What a change event holds: `data`, the public fields, sent to every subscriber; `restricted`, the
 * restricted fields by their open-data name ('incidents.description'), each sent only to a subscriber
 * whose key opens it.
 */
export interface ChangePayload {
  data: Record<string, unknown>;
  restricted?: Record<string, unknown>;
}

/**
 * Records the change and one delivery for each live subscription to `kind` whose department key opens
 * the event's collection; returns how many. With no such subscription nothing is written at all: the
 * outbox holds what is to be sent, not every change of the city.
 */
export async function recordChange(tx: Executor, kind: WebhookEvent, payload: ChangePayload, at: Date): Promise<number> {
  return tx.execute(
    `WITH subs AS (
       SELECT s.id FROM webhook_subscription s JOIN department_key k ON k.id = s.department_key_id
        WHERE s.disabled_at IS NULL AND k.revoked_at IS NULL AND $1::text = ANY (s.events) AND $4::text = ANY (k.collections)),
     ev AS (
       INSERT INTO change_event (kind, occurred_at, payload) SELECT $1, $2, $3::jsonb WHERE EXISTS (SELECT 1 FROM subs) RETURNING id)
     INSERT INTO webhook_delivery (subscription_id, change_event_id, next_attempt_at, created_at)
     SELECT subs.id, ev.id, $2, $2 FROM subs CROSS JOIN ev`,
    [kind, at, JSON.stringify(payload), WEBHOOK_EVENTS[kind].collection],
  );
}

/** The process's change emitter (route bundles share it through globalThis): the dispatcher wakes at once. */
export const changeEvents = (): EventEmitter => processEmitter('webhooks');

/** Called after a transaction that may have recorded changes committed. */
export function announceChanges(): void {
  changeEvents().emit('changed');
}
