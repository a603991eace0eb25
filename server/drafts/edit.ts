/**
 * The one transaction wrapper every draft edit goes through: lock the draft, check the version the
 * client saw, snapshot what the edit touches, apply it, hold it to the rules every edit must keep, log it
 * as one undo step, bump the version. An edit that changes nothing is neither logged nor versioned.
 */
import { isEditable, isPlanState } from '@/geo/plans/plan-states';
import { isDeepStrictEqual } from 'node:util';
import { CodeSequenceExhaustedError } from '@/geo/grid/assign-codes';
import { localized } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { toDomainError } from '../errors/database-errors';
import { readSettings } from '../settings';
import { appendEdit, redoNext, snapshotGrids, undoLast, type GridSnapshot } from './edit-log';
import { DraftError } from './errors';
import { FROM_WKB, GRID_PRECISION } from './precision';
import type { DraftRef, DraftRow } from './store';

export interface MutationResult<T> {
  version: number;
  /** Sequence number of the edit in the log (the undo step); null when the edit changed nothing. */
  editSeq: number | null;
  /** False when the edit would leave the draft exactly as it was (nothing logged, version unchanged). */
  changed: boolean;
  result: T;
}

/** What an operation sees inside the edit's transaction. */
export interface EditContext {
  tx: Executor;
  draft: DraftRow;
  /** Must be called with every key an operation is about to change, create or delete, BEFORE changing it. */
  touch(keys: readonly string[]): Promise<void>;
  /** A fresh grid key, never used before in this draft. */
  newKey(): Promise<string>;
}

async function lockDraft(tx: Executor, ref: DraftRef): Promise<DraftRow> {
  const [d] = await tx.query<{ id: number; street_id: number; status: string; version: number; author: string }>(
    'SELECT id, street_id, status, version, author FROM grid_draft WHERE id = $1 FOR UPDATE',
    [ref.draftId],
  );
  if (!d) throw new DraftError('DRAFT_NOT_FOUND', String(ref.draftId));
  if (!isPlanState(d.status) || !isEditable(d.status)) throw new DraftError('DRAFT_NOT_EDITABLE', d.status);
  if (d.version !== ref.expectedVersion) {
    throw new DraftError('PLAN_STALE_VERSION', localized(`您看到的是第 ${ref.expectedVersion} 版，当前为第 ${d.version} 版`, `expected ${ref.expectedVersion}, current ${d.version}`));
  }
  return { id: d.id, streetId: d.street_id, status: d.status, version: d.version, author: d.author };
}

async function bumpVersion(tx: Executor, draftId: number): Promise<number> {
  const [row] = await tx.query<{ version: number }>(
    'UPDATE grid_draft SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version',
    [draftId],
  );
  return row!.version;
}

/**
 * The failures of an edit as domain errors. Runs after the transaction rolled back, so nothing of a
 * failed edit remains. Database failures are mapped by SQLSTATE and constraint (server/errors).
 */
function asDomainError(err: unknown): unknown {
  if (err instanceof CodeSequenceExhaustedError) return new DraftError('CODE_SEQUENCE_EXHAUSTED', err.communityCode);
  return toDomainError(err) ?? err;
}

/**
 * The rule every edit keeps, whatever the operation (drawing, a vertex move, a split, an import with a
 * community code...): a draft grid lies in its street. Its part outside the street's territory (the
 * street, plus the land a recorded jurisdiction arrangement assigns to it: the pending transfer) may be
 * at most the spill tolerance (the topology engine's gap tolerance), or, for a grid that already spilled
 * more before the edit (data taken over from the grids in force), no larger than before.
 */
async function checkInStreet(tx: Executor, draft: DraftRow, before: readonly GridSnapshot[], after: readonly GridSnapshot[]): Promise<void> {
  const old = new Map(before.map((g) => [g.key, g.wkb]));
  const changed = after.filter((g) => old.get(g.key) !== g.wkb);
  if (changed.length === 0) return;
  const { tolerances } = await readSettings(tx);
  const rows = await tx.query<{ key: string; code: string | null; outside_after: number; outside_before: number | null }>(
    `WITH s AS (SELECT geom FROM street WHERE id = $1),
          arr AS (SELECT ST_Union(geom, $5::float8) AS geom FROM jurisdiction_arrangement
                   WHERE status <> 'resolved' AND (to_street_id = $1 OR home_street_id = $1)),
          g AS (SELECT u.key, u.code, ${FROM_WKB('u.after')} AS a, CASE WHEN u.before IS NULL THEN NULL ELSE ${FROM_WKB('u.before')} END AS b
                  FROM unnest($2::text[], $3::text[], $4::text[], $6::text[]) AS u(key, after, before, code)),
          o AS (SELECT g.key, g.code, x.which, x.geom,
                       CASE WHEN x.geom IS NULL THEN NULL WHEN ST_CoveredBy(x.geom, s.geom) THEN 0
                            ELSE coalesce(ST_Area(
                              CASE WHEN arr.geom IS NULL THEN ST_Difference(x.geom, s.geom, $5::float8)
                                   ELSE ST_Difference(ST_Difference(x.geom, s.geom, $5::float8), arr.geom, $5::float8) END::geography), 0) END AS outside
                  FROM g CROSS JOIN s CROSS JOIN arr, LATERAL (VALUES ('after', g.a), ('before', g.b)) AS x(which, geom))
     SELECT key, code, max(outside) FILTER (WHERE which = 'after') AS outside_after, max(outside) FILTER (WHERE which = 'before') AS outside_before
       FROM o GROUP BY key, code ORDER BY key`,
    [draft.streetId, changed.map((g) => g.key), changed.map((g) => g.wkb), changed.map((g) => old.get(g.key) ?? null), GRID_PRECISION, changed.map((g) => g.code)],
  );
  const tol = tolerances.gapAreaM2;
  const spilling = rows.find((r) => r.outside_after > tol && r.outside_after > (r.outside_before ?? 0) + tol);
  if (spilling) {
    const area = Math.round(spilling.outside_after);
    throw new DraftError('GRID_OUTSIDE_STREET', {
      'zh-CN': `${spilling.code ?? spilling.key} 有 ${area} 平方米在本街道以外`,
      en: `${area} m² of ${spilling.code ?? spilling.key} lie outside the street`,
    });
  }
}

/** Whether two snapshots hold the very same rows (in whatever order they were taken). */
function sameRows(a: readonly GridSnapshot[], b: readonly GridSnapshot[]): boolean {
  const byKey = (x: GridSnapshot, y: GridSnapshot) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  return isDeepStrictEqual([...a].sort(byKey), [...b].sort(byKey));
}

/** Runs one user action as ONE transaction and ONE edit (= one undo step). */
export async function runEdit<T>(
  db: Executor,
  ref: DraftRef,
  operation: string,
  params: unknown,
  fn: (ctx: EditContext) => Promise<T>,
): Promise<MutationResult<T>> {
  try {
    return await db.transaction(async (tx) => {
      const draft = await lockDraft(tx, ref);
      const keys: string[] = [];
      const before: GridSnapshot[] = [];
      const ctx: EditContext = {
        tx,
        draft,
        async touch(more) {
          const fresh = [...new Set(more)].filter((k) => !keys.includes(k));
          if (fresh.length === 0) return;
          keys.push(...fresh);
          before.push(...(await snapshotGrids(tx, draft.id, fresh)));
        },
        async newKey() {
          const [row] = await tx.query<{ n: number }>(
            'UPDATE grid_draft SET next_key = next_key + 1 WHERE id = $1 RETURNING next_key - 1 AS n',
            [draft.id],
          );
          return `g${row!.n}`;
        },
      };
      const result = await fn(ctx);
      const after = await snapshotGrids(tx, draft.id, keys);
      if (sameRows(before, after)) return { version: draft.version, editSeq: null, changed: false, result };
      await checkInStreet(tx, draft, before, after);
      const editSeq = await appendEdit(tx, draft.id, { operation, params, keys, before, after, author: ref.by });
      const version = await bumpVersion(tx, draft.id);
      return { version, editSeq, changed: true, result };
    });
  } catch (err) {
    throw asDomainError(err);
  }
}

type CursorStep = (tx: Executor, draftId: number) => Promise<{ seq: number; operation: string } | null>;

/** Moves the undo cursor one step, in its own transaction; bumps the version like any change. */
async function moveCursor(db: Executor, ref: DraftRef, step: CursorStep, nothing: 'NOTHING_TO_UNDO' | 'NOTHING_TO_REDO') {
  try {
    return await db.transaction(async (tx) => {
      const draft = await lockDraft(tx, ref);
      const edit = await step(tx, draft.id);
      if (!edit) throw new DraftError(nothing);
      return { version: await bumpVersion(tx, draft.id), edit };
    });
  } catch (err) {
    throw asDomainError(err);
  }
}

/** Undoes the latest edit. */
export async function undo(db: Executor, ref: DraftRef): Promise<{ version: number; undone: { seq: number; operation: string } }> {
  const { version, edit } = await moveCursor(db, ref, undoLast, 'NOTHING_TO_UNDO');
  return { version, undone: edit };
}

/** Redoes the edit undone last. */
export async function redo(db: Executor, ref: DraftRef): Promise<{ version: number; redone: { seq: number; operation: string } }> {
  const { version, edit } = await moveCursor(db, ref, redoNext, 'NOTHING_TO_REDO');
  return { version, redone: edit };
}
