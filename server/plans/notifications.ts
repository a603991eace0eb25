/**
 * The inbox: who learns of which move of a plan, written in the move's own transaction, and the live
 * stream (GET /api/notifications/stream) woken when a transaction that wrote some commits.
 *
 *   submit  → the reviewers of the plan's district (and of any other district its arrangements concern)
 *   return, reject → the street's editors
 *   approve → the city's filers
 *   file    → the street's editors and the district's reviewers
 */
import type { EventEmitter } from 'node:events';
import type { PlanAction } from '@/geo/plans/plan-states';
import type { Executor } from '../db';
import { processEmitter } from '../events/process-emitter';
import type { PlanRow } from './store';

export type NotificationKind = 'plan_submitted' | 'plan_returned' | 'plan_rejected' | 'plan_approved' | 'plan_filed' | 'arrangement_to_approve';

export interface Notification {
  id: number;
  kind: NotificationKind;
  draftId: number | null;
  streetName: string;
  actorName: string;
  createdAt: string;
  read: boolean;
}

const KIND_OF: Partial<Record<PlanAction, NotificationKind>> = {
  submit: 'plan_submitted',
  return: 'plan_returned',
  reject: 'plan_rejected',
  approve: 'plan_approved',
  file: 'plan_filed',
};

/** The users of a role over the plan's street, its district or its city (by their grant's jurisdiction). */
const RECIPIENTS: Partial<Record<PlanAction, string>> = {
  submit: `g.role = 'district_reviewer' AND g.district_id = p.district_id`,
  return: `g.role = 'street_editor' AND g.street_id = p.street_id`,
  reject: `g.role = 'street_editor' AND g.street_id = p.street_id`,
  approve: `g.role = 'city_filer' AND g.city_id = p.city_id`,
  file: `(g.role = 'street_editor' AND g.street_id = p.street_id) OR (g.role = 'district_reviewer' AND g.district_id = p.district_id)`,
};

/** Writes the inbox entries a move causes (not to the actor), returning how many. */
export async function notifyMove(tx: Executor, plan: PlanRow, action: PlanAction, actor: { id: number; name: string }): Promise<number> {
  const kind = KIND_OF[action];
  const recipients = RECIPIENTS[action];
  if (!kind || !recipients) return 0;
  const rows = await tx.query<{ id: number }>(
    `WITH p AS (SELECT $1::int AS street_id, $2::int AS district_id, $3::int AS city_id)
     INSERT INTO notification (user_id, draft_id, kind, street_name, actor_name)
     SELECT DISTINCT g.user_id, $4::bigint, $5, $6, $7 FROM user_grant g CROSS JOIN p
      JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
      WHERE (${recipients}) AND g.user_id <> $8
     RETURNING id`,
    [plan.streetId, plan.districtId, plan.cityId, plan.id, kind, plan.streetName, actor.name, actor.id],
  );
  return rows.length;
}

/** Tells the reviewers of other districts that an arrangement of this plan awaits their approval. */
export async function notifyArrangementReviewers(tx: Executor, plan: PlanRow, districtIds: number[], actor: { id: number; name: string }): Promise<void> {
  const others = districtIds.filter((d) => d !== plan.districtId);
  if (others.length === 0) return;
  await tx.execute(
    `INSERT INTO notification (user_id, draft_id, kind, street_name, actor_name)
     SELECT DISTINCT g.user_id, $1::bigint, 'arrangement_to_approve', $2, $3 FROM user_grant g
      WHERE g.role = 'district_reviewer' AND g.district_id = ANY ($4::int[]) AND g.user_id <> $5`,
    [plan.id, plan.streetName, actor.name, others, actor.id],
  );
}

export async function listNotifications(db: Executor, userId: number, afterId = 0, limit = 50): Promise<{ items: Notification[]; unread: number }> {
  const rows = await db.query<{
    id: number; kind: NotificationKind; draft_id: number | null; street_name: string; actor_name: string; created_at: Date; read_at: Date | null;
  }>(
    `SELECT id, kind, draft_id, street_name, actor_name, created_at, read_at FROM notification
      WHERE user_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3`,
    [userId, afterId, limit],
  );
  const [u] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return {
    unread: u!.n,
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, draftId: r.draft_id, streetName: r.street_name, actorName: r.actor_name,
      createdAt: r.created_at.toISOString(), read: r.read_at !== null,
    })),
  };
}

/** Marks the user's own entries read (ids of other users' entries are ignored). */
export async function markNotificationsRead(db: Executor, userId: number, ids: number[] | 'all'): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[])) RETURNING id`,
    [userId, ids === 'all' ? null : ids],
  );
  return rows.length;
}

/** The process's inbox emitter, so an open stream wakes at once. */
export const notificationEvents = (): EventEmitter => processEmitter('notifications');

/** Called after the transaction that wrote notifications committed: the open streams look for new rows. */
export function announceNotifications(): void {
  notificationEvents().emit('changed');
}
