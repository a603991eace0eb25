/**
 * The working copy (draft) of a street's grids: opening, reading, and the one transaction wrapper that
 * every edit goes through (lock the draft, check the version the client saw, snapshot what the edit
 * touches, apply it, log it as one undo step, bump the version).
 *
 * Security: no authentication exists yet; the next issue scopes every call to the editor's own street.
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Db, Executor } from '../db';
import { SwallowedQueryError } from '../db/errors';
import { CodeSequenceExhaustedError } from '@/geo/grid/assign-codes';
import { DraftError } from './errors';
import { appendEdit, redoNext, snapshotGrids, undoLast, type GridSnapshot } from './edit-log';

export interface DraftRow {
  id: number;
  streetId: number;
  status: string;
  version: number;
  author: string;
}

/** What a client names when it changes a draft: which one, and the version it last saw. */
export interface DraftRef {
  draftId: number;
  expectedVersion: number;
  /** Who acts; free text until users exist. */
  author?: string;
}

export interface DraftGridProperties {
  key: string;
  code: string | null;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  dedicatedType: string | null;
  communityId: number;
  communityCode: string;
  responsibleUnit: string;
  notes: string;
  sourceGridId: number | null;
  areaM2: number;
}

export interface DraftView {
  draftId: number;
  streetId: number;
  status: string;
  author: string;
  version: number;
  updatedAt: string;
  canUndo: boolean;
  canRedo: boolean;
  grids: FeatureCollection<MultiPolygon, DraftGridProperties>;
}

export interface MutationResult<T> {
  version: number;
  /** Sequence number of the edit in the log (the undo step). */
  editSeq: number;
  result: T;
}

/**
 * Opens the street's draft: returns the one being edited, or creates it with a copy of the grids in
 * force. Opening is not an edit (nothing to undo).
 */
export async function openDraft(db: Db, streetId: number, author = ''): Promise<DraftView> {
  const draftId = await db.transaction(async (tx) => {
    const [street] = await tx.query<{ id: number }>('SELECT id FROM street WHERE id = $1', [streetId]);
    if (!street) throw new DraftError('STREET_NOT_FOUND', String(streetId));
    // The partial unique index makes a concurrent second open fall through to the SELECT below.
    const [created] = await tx.query<{ id: number }>(
      `INSERT INTO grid_draft (street_id, author) VALUES ($1, $2)
       ON CONFLICT (street_id) WHERE status = 'editing' DO NOTHING RETURNING id`,
      [streetId, author],
    );
    if (created) {
      await tx.execute(
        `INSERT INTO grid_draft_grid (draft_id, grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes, geom, source_grid_id)
         SELECT $1, 'g' || row_number() OVER (ORDER BY g.code), g.code, g.name, g.kind, g.dedicated_type, g.community_id,
                g.responsible_unit, g.notes, g.geom, g.id
           FROM grid g JOIN community c ON c.id = g.community_id
          WHERE c.street_id = $2 AND g.valid_to IS NULL`,
        [created.id, streetId],
      );
      await tx.execute(
        `UPDATE grid_draft SET next_key = 1 + (SELECT count(*) FROM grid_draft_grid WHERE draft_id = $1) WHERE id = $1`,
        [created.id],
      );
      return created.id;
    }
    const [existing] = await tx.query<{ id: number }>(
      `SELECT id FROM grid_draft WHERE street_id = $1 AND status = 'editing'`,
      [streetId],
    );
    return existing!.id;
  });
  return getDraft(db, draftId);
}

/** The draft with its grids as GeoJSON (coordinates printed exactly: 15 decimals round-trip lon/lat). */
export async function getDraft(db: Executor, draftId: number): Promise<DraftView> {
  const [d] = await db.query<{
    id: number; street_id: number; status: string; author: string; version: number; updated_at: Date | string;
    can_undo: boolean; can_redo: boolean;
  }>(
    `SELECT d.id, d.street_id, d.status, d.author, d.version, d.updated_at,
            EXISTS (SELECT 1 FROM grid_draft_edit e WHERE e.draft_id = d.id AND NOT e.undone) AS can_undo,
            EXISTS (SELECT 1 FROM grid_draft_edit e WHERE e.draft_id = d.id AND e.undone) AS can_redo
       FROM grid_draft d WHERE d.id = $1`,
    [draftId],
  );
  if (!d) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
  const rows = await db.query<{
    grid_key: string; code: string | null; name: string; kind: 'comprehensive' | 'dedicated'; dedicated_type: string | null;
    community_id: number; community_code: string; responsible_unit: string; notes: string; source_grid_id: number | null;
    area_m2: number; geometry: MultiPolygon | string;
  }>(
    `SELECT g.grid_key, g.code, g.name, g.kind, g.dedicated_type, g.community_id, c.code AS community_code,
            g.responsible_unit, g.notes, g.source_grid_id, ST_Area(g.geom::geography) AS area_m2,
            ST_AsGeoJSON(g.geom, 15)::json AS geometry
       FROM grid_draft_grid g JOIN community c ON c.id = g.community_id
      WHERE g.draft_id = $1
      ORDER BY g.code NULLS LAST, g.grid_key`,
    [draftId],
  );
  const features: Feature<MultiPolygon, DraftGridProperties>[] = rows.map((r) => ({
    type: 'Feature',
    id: r.grid_key,
    geometry: typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as MultiPolygon) : r.geometry,
    properties: {
      key: r.grid_key,
      code: r.code,
      name: r.name,
      kind: r.kind,
      dedicatedType: r.dedicated_type,
      communityId: r.community_id,
      communityCode: r.community_code,
      responsibleUnit: r.responsible_unit,
      notes: r.notes,
      sourceGridId: r.source_grid_id,
      areaM2: r.area_m2,
    },
  }));
  return {
    draftId: d.id,
    streetId: d.street_id,
    status: d.status,
    author: d.author,
    version: d.version,
    updatedAt: new Date(d.updated_at).toISOString(),
    canUndo: d.can_undo,
    canRedo: d.can_redo,
    grids: { type: 'FeatureCollection', features },
  };
}

async function lockDraft(tx: Executor, ref: DraftRef): Promise<DraftRow> {
  const [d] = await tx.query<{ id: number; street_id: number; status: string; version: number; author: string }>(
    'SELECT id, street_id, status, version, author FROM grid_draft WHERE id = $1 FOR UPDATE',
    [ref.draftId],
  );
  if (!d) throw new DraftError('DRAFT_NOT_FOUND', String(ref.draftId));
  if (d.status !== 'editing') throw new DraftError('DRAFT_NOT_EDITABLE', d.status);
  if (d.version !== ref.expectedVersion) {
    throw new DraftError('PLAN_STALE_VERSION', `expected ${ref.expectedVersion}, current ${d.version}`);
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

/** What an operation sees inside the edit's transaction. */
export interface EditContext {
  tx: Executor;
  draft: DraftRow;
  /** Must be called with every key an operation is about to change, create or delete, BEFORE changing it. */
  touch(keys: readonly string[]): Promise<void>;
  /** A fresh grid key, never used before in this draft. */
  newKey(): Promise<string>;
}

/**
 * Turns database failures into DraftErrors. Runs after the transaction rolled back, so nothing of a
 * failed edit remains. A swallowed GEOS error (PGlite) and a raised one (PostGIS) end the same way.
 */
function asDraftError(err: unknown): unknown {
  if (err instanceof DraftError) return err;
  if (err instanceof SwallowedQueryError) return new DraftError('GEOMETRY_OPERATION_FAILED');
  if (err instanceof CodeSequenceExhaustedError) return new DraftError('CODE_SEQUENCE_EXHAUSTED', err.communityCode);
  const pgCode = (err as { code?: unknown })?.code;
  const constraint = String((err as { constraint?: unknown })?.constraint ?? '');
  const message = String((err as { message?: unknown })?.message ?? '');
  if (pgCode === '23514') {
    return new DraftError(constraint.includes('geom') ? 'GRID_GEOMETRY_INVALID' : 'GRID_ATTRIBUTES_INVALID', constraint || message);
  }
  // PostGIS raises GEOS failures (TopologyException...) as internal errors.
  if (pgCode === 'XX000' && /GEOS|Topology|geometry/i.test(message)) return new DraftError('GEOMETRY_OPERATION_FAILED', message);
  return err;
}

/** Runs one user action as ONE transaction and ONE edit (= one undo step). */
export async function runEdit<T>(
  db: Db,
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
      const editSeq = await appendEdit(tx, draft.id, { operation, params, keys, before, after, author: ref.author ?? draft.author });
      const version = await bumpVersion(tx, draft.id);
      return { version, editSeq, result };
    });
  } catch (err) {
    throw asDraftError(err);
  }
}

/** Undoes the latest edit. Moves the cursor; bumps the version like any change. */
export async function undo(db: Db, ref: DraftRef): Promise<{ version: number; undone: { seq: number; operation: string } }> {
  try {
    return await db.transaction(async (tx) => {
      const draft = await lockDraft(tx, ref);
      const undone = await undoLast(tx, draft.id);
      if (!undone) throw new DraftError('NOTHING_TO_UNDO');
      return { version: await bumpVersion(tx, draft.id), undone };
    });
  } catch (err) {
    throw asDraftError(err);
  }
}

/** Redoes the edit undone last. */
export async function redo(db: Db, ref: DraftRef): Promise<{ version: number; redone: { seq: number; operation: string } }> {
  try {
    return await db.transaction(async (tx) => {
      const draft = await lockDraft(tx, ref);
      const redone = await redoNext(tx, draft.id);
      if (!redone) throw new DraftError('NOTHING_TO_REDO');
      return { version: await bumpVersion(tx, draft.id), redone };
    });
  } catch (err) {
    throw asDraftError(err);
  }
}
