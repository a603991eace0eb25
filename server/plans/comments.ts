/**
 * Review comments pinned to a place on the map (a point or a drawn area), threaded by reply. Anyone who
 * may read the plan comments on it; the street's editors resolve a thread when they have dealt with it.
 * Adding a comment is not a write of the plan (it does not bump its version): review goes on while the
 * editor works, and a frozen plan can still be discussed.
 */
import type { Geometry, Point, Polygon } from 'geojson';
import { checkPolygonInput, checkPositionInput } from '@/geo/grid/check-geometry-input';
import type { Actor } from '../auth/actor';
import type { Db, Executor } from '../db';
import { PlanError } from './errors';
import { roleOver } from './moves';
import { planById } from './store';

export interface PlanComment {
  id: number;
  parentId: number | null;
  authorName: string;
  body: string;
  place: Geometry | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string;
}

export async function listComments(db: Executor, draftId: number): Promise<PlanComment[]> {
  const rows = await db.query<{
    id: number; parent_id: number | null; author_name: string; body: string; place: Geometry | null; created_at: Date; resolved_at: Date | null; resolved_by_name: string;
  }>(
    `SELECT id, parent_id, author_name, body, ST_AsGeoJSON(geom, 7)::json AS place, created_at, resolved_at, resolved_by_name
       FROM plan_comment WHERE draft_id = $1 ORDER BY id`,
    [draftId],
  );
  return rows.map((r) => ({
    id: r.id, parentId: r.parent_id, authorName: r.author_name, body: r.body, place: r.place, createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null, resolvedBy: r.resolved_by_name,
  }));
}

/** A point or a single polygon, checked by the same structural rules as a grid's geometry. */
function checkPlace(place: unknown): Point | Polygon | null {
  if (place == null) return null;
  const p = place as { type?: unknown; coordinates?: unknown };
  if (p.type === 'Point') {
    const checked = checkPositionInput(p.coordinates);
    if (checked.valid) return { type: 'Point', coordinates: checked.geometry };
  } else if (p.type === 'Polygon') {
    const checked = checkPolygonInput(place);
    if (checked.valid && checked.geometry.coordinates.length === 1) return { type: 'Polygon', coordinates: checked.geometry.coordinates[0]! };
  }
  throw new PlanError('COMMENT_PLACE_INVALID');
}

export async function addComment(
  db: Db,
  actor: Actor,
  input: { draftId: number; body: string; parentId?: number | null; place?: unknown },
): Promise<PlanComment> {
  const place = input.parentId ? null : checkPlace(input.place);
  return db.transaction(async (tx) => {
    if (input.parentId) {
      const [parent] = await tx.query<{ id: number }>(
        'SELECT id FROM plan_comment WHERE id = $1 AND draft_id = $2 AND parent_id IS NULL',
        [input.parentId, input.draftId],
      );
      if (!parent) throw new PlanError('COMMENT_NOT_FOUND', String(input.parentId));
    }
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO plan_comment (draft_id, parent_id, author_id, author_name, body, geom)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4326) END)
       RETURNING id`,
      [input.draftId, input.parentId ?? null, actor.userId, actor.username, input.body.trim(), place ? JSON.stringify(place) : null],
    );
    const all = await listComments(tx, input.draftId);
    return all.find((c) => c.id === row!.id)!;
  });
}

/** The street's editors mark a thread dealt with (or reopen it). */
export async function resolveComment(db: Db, actor: Actor, input: { draftId: number; commentId: number; resolved: boolean }): Promise<PlanComment> {
  const plan = await planById(db, input.draftId);
  if (!plan) throw new PlanError('PLAN_NOT_FOUND', String(input.draftId));
  if (!roleOver(actor, 'street_editor', plan.streetCode)) throw new PlanError('WRONG_ROLE');
  const [row] = await db.query<{ id: number }>(
    `UPDATE plan_comment SET resolved_at = CASE WHEN $3 THEN now() END, resolved_by_id = CASE WHEN $3 THEN $4::int END,
            resolved_by_name = CASE WHEN $3 THEN $5 ELSE '' END
      WHERE id = $1 AND draft_id = $2 AND parent_id IS NULL RETURNING id`,
    [input.commentId, input.draftId, input.resolved, actor.userId, actor.username],
  );
  if (!row) throw new PlanError('COMMENT_NOT_FOUND', String(input.commentId));
  return (await listComments(db, input.draftId)).find((c) => c.id === row.id)!;
}
