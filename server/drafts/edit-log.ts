import type { Executor } from '../db';
import type { UserRef } from './store';

/**
 * Snapshots of draft grid rows for the edit log. Geometry travels as hex WKB so that undo and redo put
 * back the very same coordinates (GeoJSON text would round them).
 */
export interface GridSnapshot {
  key: string;
  code: string | null;
  name: string;
  kind: string;
  dedicatedType: string | null;
  communityId: number;
  responsibleUnit: string;
  notes: string;
  sourceGridId: number | null;
  wkb: string;
}

export async function snapshotGrids(tx: Executor, draftId: number, keys: readonly string[]): Promise<GridSnapshot[]> {
  if (keys.length === 0) return [];
  const [row] = await tx.query<{ rows: GridSnapshot[] }>(
    `SELECT coalesce(jsonb_agg(jsonb_build_object(
              'key', grid_key, 'code', code, 'name', name, 'kind', kind, 'dedicatedType', dedicated_type,
              'communityId', community_id, 'responsibleUnit', responsible_unit, 'notes', notes,
              'sourceGridId', source_grid_id, 'wkb', encode(ST_AsBinary(geom), 'hex')) ORDER BY grid_key), '[]'::jsonb) AS rows
       FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = ANY($2::text[])`,
    [draftId, keys],
  );
  return row!.rows;
}

/** Replaces the rows of `keys` with `rows` (deleting first, so codes can move between keys). */
export async function restoreGrids(tx: Executor, draftId: number, keys: readonly string[], rows: readonly GridSnapshot[]): Promise<void> {
  await tx.execute('DELETE FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = ANY($2::text[])', [draftId, keys]);
  if (rows.length === 0) return;
  await tx.execute(
    `INSERT INTO grid_draft_grid (draft_id, grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes, source_grid_id, geom)
     SELECT $1, r->>'key', r->>'code', r->>'name', r->>'kind', r->>'dedicatedType', (r->>'communityId')::int,
            r->>'responsibleUnit', r->>'notes', (r->>'sourceGridId')::bigint,
            ST_SetSRID(ST_GeomFromWKB(decode(r->>'wkb', 'hex')), 4326)
       FROM jsonb_array_elements($2::jsonb) r`,
    [draftId, JSON.stringify(rows)],
  );
}

/** Appends one edit at the end of the log, discarding the redo stack (a new action ends the redo branch). */
export async function appendEdit(
  tx: Executor,
  draftId: number,
  edit: { operation: string; params: unknown; keys: readonly string[]; before: GridSnapshot[]; after: GridSnapshot[]; author?: UserRef },
): Promise<number> {
  await tx.execute('DELETE FROM grid_draft_edit WHERE draft_id = $1 AND undone', [draftId]);
  const [row] = await tx.query<{ seq: number }>(
    `INSERT INTO grid_draft_edit (draft_id, seq, operation, params, grid_keys, before, after, author, author_id)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3::jsonb, $4::text[], $5::jsonb, $6::jsonb, $7, $8
       FROM grid_draft_edit WHERE draft_id = $1
     RETURNING seq`,
    [draftId, edit.operation, JSON.stringify(edit.params ?? {}), edit.keys, JSON.stringify(edit.before), JSON.stringify(edit.after), edit.author?.username ?? '', edit.author?.id ?? null],
  );
  return row!.seq;
}

interface EditRow {
  seq: number;
  operation: string;
  grid_keys: string[];
  before: GridSnapshot[];
  after: GridSnapshot[];
}

/** Undoes the latest edit that is not undone; returns it, or null when there is none. */
export async function undoLast(tx: Executor, draftId: number): Promise<{ seq: number; operation: string } | null> {
  const [edit] = await tx.query<EditRow>(
    `SELECT seq, operation, grid_keys, before, after FROM grid_draft_edit
      WHERE draft_id = $1 AND NOT undone ORDER BY seq DESC LIMIT 1`,
    [draftId],
  );
  if (!edit) return null;
  await restoreGrids(tx, draftId, edit.grid_keys, edit.before);
  await tx.execute('UPDATE grid_draft_edit SET undone = true WHERE draft_id = $1 AND seq = $2', [draftId, edit.seq]);
  return { seq: edit.seq, operation: edit.operation };
}

/** Redoes the earliest undone edit; returns it, or null when the redo stack is empty. */
export async function redoNext(tx: Executor, draftId: number): Promise<{ seq: number; operation: string } | null> {
  const [edit] = await tx.query<EditRow>(
    `SELECT seq, operation, grid_keys, before, after FROM grid_draft_edit
      WHERE draft_id = $1 AND undone ORDER BY seq ASC LIMIT 1`,
    [draftId],
  );
  if (!edit) return null;
  await restoreGrids(tx, draftId, edit.grid_keys, edit.after);
  await tx.execute('UPDATE grid_draft_edit SET undone = false WHERE draft_id = $1 AND seq = $2', [draftId, edit.seq]);
  return { seq: edit.seq, operation: edit.operation };
}
