/**
 * The drafts' query home: a street's working copy (draft) of its grids, opened from the grids in force
 * and read back as GeoJSON. Edits go through ./edit.ts (one transaction, one undo step each). A draft is
 * also the street's plan once submitted (server/plans): the workflow's state lives on the same row.
 *
 * Security: the callers are scoped by the policy (server/auth/policy.ts) to the caller's own street.
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Db, Executor } from '../db';
import { gridsInForce } from '../data/grids';
import { streetById } from '../data/territory';
import { OPEN_STATES } from '@/geo/plans/plan-states';
import { PlanError } from '../plans/errors';
import { DraftError } from './errors';

/** The states of a plan on its way, as the partial unique index of migrations/0016 names them. */
const OPEN_STATES_SQL = OPEN_STATES.map((s) => `'${s}'`).join(', ');

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
  /** Who acts: the signed-in user, set by the router from the session (never from the client's input). */
  by?: UserRef;
}

/** A user as the drafts record them: by id, and by name as it was then. */
export interface UserRef {
  id: number;
  username: string;
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

/**
 * Opens the street's draft: returns its plan on its way (editing, or frozen while under review), or
 * creates a draft with a copy of the grids in force at `at`; when a filed plan of the street takes effect
 * later than `at`, from that plan's grids, so a new draft never starts from grids about to be replaced.
 * `from` (a restore) copies the grids in force at a past moment instead. Opening is not an edit.
 */
export async function openDraft(db: Executor, streetId: number, by?: UserRef, at: Date = new Date(), from?: Date): Promise<DraftView> {
  const draftId = await db.transaction(async (tx) => {
    if (!(await streetById(tx, streetId))) throw new DraftError('STREET_NOT_FOUND', String(streetId));
    const [pending] = await tx.query<{ t: Date | null }>(
      `SELECT max(g.valid_from) AS t FROM grid g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 AND g.valid_from > $2`,
      [streetId, at],
    );
    const basedOn = from ?? pending?.t ?? at;
    // The partial unique index makes a concurrent second open fall through to the SELECT below.
    const [created] = await tx.query<{ id: number }>(
      `INSERT INTO grid_draft (street_id, author, author_id, based_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT (street_id) WHERE status IN (${OPEN_STATES_SQL}) DO NOTHING RETURNING id`,
      [streetId, by?.username ?? '', by?.id ?? null, basedOn],
    );
    if (created) {
      await copyGridsInForce(tx, created.id, streetId, basedOn);
      return created.id;
    }
    const [existing] = await tx.query<{ id: number }>(
      `SELECT id FROM grid_draft WHERE street_id = $1 AND status IN (${OPEN_STATES_SQL})`,
      [streetId],
    );
    return existing!.id;
  });
  return getDraft(db, draftId);
}

/** Fills a draft with a copy of the street's grids in force at `at` (keys g1, g2, … in code order). */
async function copyGridsInForce(tx: Executor, draftId: number, streetId: number, at: Date): Promise<void> {
  await tx.execute(
    `INSERT INTO grid_draft_grid (draft_id, grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes, geom, source_grid_id)
     SELECT $1, 'g' || row_number() OVER (ORDER BY g.code), g.code, g.name, g.kind, g.dedicated_type, g.community_id,
            g.responsible_unit, g.notes, g.geom, g.id
       FROM ${gridsInForce('$3')} g JOIN community c ON c.id = g.community_id
      WHERE c.street_id = $2`,
    [draftId, streetId, at],
  );
  await tx.execute(
    `UPDATE grid_draft SET next_key = 1 + (SELECT count(*) FROM grid_draft_grid WHERE draft_id = $1), based_on = $2 WHERE id = $1`,
    [draftId, at],
  );
}

/**
 * Starts the street's draft again from the grids in force at a past moment (restoring an earlier
 * division). A draft being edited that was never submitted is emptied and refilled in one transaction
 * (its edits, and the warning reasons and arrangements written for them, go with it); a plan that has
 * entered the workflow is refused: it is changed through the workflow, not replaced.
 */
export async function restoreDraft(db: Db, streetId: number, by: UserRef, at: Date, from: Date): Promise<DraftView> {
  const draftId = await db.transaction(async (tx) => {
    if (!(await streetById(tx, streetId))) throw new DraftError('STREET_NOT_FOUND', String(streetId));
    const [open] = await tx.query<{ id: number; status: string; submitted_at: Date | null }>(
      `SELECT id, status, submitted_at FROM grid_draft WHERE street_id = $1 AND status IN (${OPEN_STATES_SQL}) FOR UPDATE`,
      [streetId],
    );
    if (!open) return null;
    if (open.status !== 'editing' || open.submitted_at) throw new PlanError('OPEN_PLAN_EXISTS', open.status);
    for (const table of ['grid_draft_edit', 'plan_warning_reason', 'plan_arrangement', 'grid_draft_grid']) {
      await tx.execute(`DELETE FROM ${table} WHERE draft_id = $1`, [open.id]);
    }
    await copyGridsInForce(tx, open.id, streetId, from);
    await tx.execute('UPDATE grid_draft SET version = version + 1, updated_at = now(), author_id = coalesce(author_id, $2) WHERE id = $1', [open.id, by.id]);
    return open.id;
  });
  return draftId === null ? openDraft(db, streetId, by, at, from) : getDraft(db, draftId);
}

/** The draft with its grids as GeoJSON (coordinates printed exactly: 15 decimals round-trip lon/lat). */
export async function getDraft(db: Executor, draftId: number): Promise<DraftView> {
  const [d] = await db.query<{
    id: number; street_id: number; status: string; author: string; version: number; updated_at: Date; can_undo: boolean; can_redo: boolean;
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
    area_m2: number; geometry: MultiPolygon;
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
    geometry: r.geometry,
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
    updatedAt: d.updated_at.toISOString(),
    canUndo: d.can_undo,
    canRedo: d.can_redo,
    grids: { type: 'FeatureCollection', features },
  };
}

/** The plan on its way (editing to approved) of each street that has one (street id -> draft id). */
export async function openDraftsByStreet(db: Executor): Promise<Map<number, number>> {
  const rows = await db.query<{ street_id: number; id: number }>(`SELECT street_id, id FROM grid_draft WHERE status IN (${OPEN_STATES_SQL})`);
  return new Map(rows.map((r) => [r.street_id, r.id]));
}

/** The street a draft edits, and its code (for file names). */
export async function draftStreet(db: Executor, draftId: number): Promise<{ streetId: number; streetCode: string } | null> {
  const [d] = await db.query<{ street_id: number; code: string }>(
    'SELECT d.street_id, s.code FROM grid_draft d JOIN street s ON s.id = d.street_id WHERE d.id = $1',
    [draftId],
  );
  return d ? { streetId: d.street_id, streetCode: d.code } : null;
}
