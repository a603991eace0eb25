/**
 * The rows of a draft's grids as the operations read and write them, inside an edit (./edit.ts): one
 * home for reading a grid, inserting one with its code and default name, replacing a geometry, and
 * passing new vertices on to the neighbours so shared edges stay shared vertex for vertex.
 */
import type { MultiPolygon } from 'geojson';
import { parseGridCode } from '@/geo/codes/territory-codes';
import { localized, withDetail } from '@/geo/text/localized-text';
import { geosReasonText } from '@/geo/topology/geos-reasons';
import { nextGridCodes } from '@/geo/grid/assign-codes';
import type { DedicatedType, GridKind } from '@/geo/topology/grid-candidate';
import { communityOfStreet as findCommunityOfStreet } from '../data/territory';
import type { AreaRef } from '../data/grids';
import type { EditContext } from './edit';
import { DraftError } from './errors';
import { DUST_M2, FROM_WKB, GRID_PRECISION } from './precision';

export interface GridAttributes {
  name?: string;
  kind?: GridKind;
  dedicatedType?: DedicatedType | null;
  responsibleUnit?: string;
  notes?: string;
}

/** A dedicated grid has a dedicated type, a comprehensive grid none. */
export function checkAttributes(a: Required<Pick<GridAttributes, 'kind' | 'dedicatedType'>>): void {
  if ((a.kind === 'dedicated') !== (a.dedicatedType != null)) {
    throw new DraftError('GRID_ATTRIBUTES_INVALID', localized('专属网格须有专属类型，综合网格不能有', 'a dedicated grid needs a dedicated type, a comprehensive grid none'));
  }
}

export interface DraftGridRow {
  grid_key: string;
  code: string | null;
  name: string;
  kind: GridKind;
  dedicated_type: DedicatedType | null;
  community_id: number;
  responsible_unit: string;
  notes: string;
}

export async function gridRow(ctx: EditContext, key: string): Promise<DraftGridRow> {
  const [row] = await ctx.tx.query<DraftGridRow>(
    `SELECT grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes
       FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2`,
    [ctx.draft.id, key],
  );
  if (!row) throw new DraftError('GRID_NOT_FOUND', key);
  return row;
}

/** A community of the draft's street, by id or code; refused when it belongs to another street. */
export async function communityOfStreet(ctx: EditContext, community: { id: number } | { code: string }): Promise<AreaRef> {
  const c = await findCommunityOfStreet(ctx.tx, ctx.draft.streetId, community);
  if (!c) throw new DraftError('COMMUNITY_NOT_IN_STREET', 'id' in community ? String(community.id) : community.code);
  return c;
}

/** The street's community a new polygon overlaps most: where a grid drawn without a community belongs. */
export async function communityOverlappingMost(ctx: EditContext, wkb: string, detail?: string): Promise<AreaRef> {
  const [best] = await ctx.tx.query<AreaRef>(
    `SELECT c.id, c.code, c.name FROM community c, (SELECT ${FROM_WKB('$2')} AS g) s
      WHERE c.street_id = $1 AND c.geom && s.g AND ST_Intersects(c.geom, s.g)
      ORDER BY ST_Area(ST_Intersection(c.geom, s.g, $3::float8)) DESC, c.code LIMIT 1`,
    [ctx.draft.streetId, wkb, GRID_PRECISION],
  );
  if (!best) throw new DraftError('GRID_OUTSIDE_STREET', detail);
  return best;
}

/**
 * Every code a new grid of the community must not take: any version of a grid (in force, past or
 * future), any draft's grids, and this draft's edit log (an undone grid may come back).
 */
export async function usedCodes(ctx: EditContext, communityId: number): Promise<string[]> {
  const rows = await ctx.tx.query<{ code: string | null }>(
    `SELECT code FROM grid WHERE community_id = $1
     UNION SELECT code FROM grid_draft_grid WHERE community_id = $1 AND code IS NOT NULL
     UNION SELECT r->>'code' FROM grid_draft_edit e, jsonb_array_elements(e.before || e.after) r
            WHERE e.draft_id = $2 AND (r->>'communityId')::int = $1`,
    [communityId, ctx.draft.id],
  );
  return rows.map((r) => r.code).filter((c): c is string => c != null);
}

/** The default name of a new grid: "<community>NNN号网格" after its sequence (editors rename freely). */
export function defaultName(communityName: string, code: string): string {
  const parsed = parseGridCode(code);
  return `${communityName}${parsed.valid ? parsed.sequence : ''}号网格`;
}

export interface NewDraftGrid {
  key: string;
  code: string;
  name: string;
  kind: GridKind;
  dedicatedType: string | null;
  communityId: number;
  responsibleUnit: string;
  notes: string;
  wkb: string;
  sourceGridId?: number | null;
}

export async function insertGrid(ctx: EditContext, g: NewDraftGrid): Promise<void> {
  await ctx.touch([g.key]);
  await ctx.tx.execute(
    `INSERT INTO grid_draft_grid (draft_id, grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes, source_grid_id, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${FROM_WKB('$11')})`,
    [ctx.draft.id, g.key, g.code, g.name, g.kind, g.dedicatedType, g.communityId, g.responsibleUnit, g.notes, g.sourceGridId ?? null, g.wkb],
  );
}

/**
 * Adds a grid to the draft in `community`, with the given code or else the community's next free one,
 * and the default name unless one is given. Returns its new key and code.
 */
export async function addGrid(
  ctx: EditContext,
  community: AreaRef,
  g: { wkb: string; code?: string; name?: string | null; kind: GridKind; dedicatedType: DedicatedType | null; responsibleUnit?: string; notes?: string; sourceGridId?: number | null },
): Promise<{ key: string; code: string }> {
  const code = g.code ?? nextGridCodes(community.code, await usedCodes(ctx, community.id))[0]!;
  const key = await ctx.newKey();
  await insertGrid(ctx, {
    key,
    code,
    name: g.name?.trim() || defaultName(community.name, code),
    kind: g.kind,
    dedicatedType: g.dedicatedType,
    communityId: community.id,
    responsibleUnit: g.responsibleUnit ?? '',
    notes: g.notes ?? '',
    wkb: g.wkb,
    sourceGridId: g.sourceGridId ?? null,
  });
  return { key, code };
}

/** Deletes these draft grids: one snapshot and one statement however many (an import replaces a whole street). */
export async function deleteGridRows(ctx: EditContext, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await ctx.touch(keys);
  await ctx.tx.execute('DELETE FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = ANY($2::text[])', [ctx.draft.id, keys]);
}

export async function setGeometry(ctx: EditContext, key: string, wkb: string): Promise<void> {
  await ctx.touch([key]);
  await ctx.tx.execute(`UPDATE grid_draft_grid SET geom = ${FROM_WKB('$3')} WHERE draft_id = $1 AND grid_key = $2`, [ctx.draft.id, key, wkb]);
}

/** A draft grid's geometry as GeoJSON at full precision (15 decimals round-trip a double of lon/lat). */
export async function gridGeoJson(ctx: EditContext, key: string): Promise<MultiPolygon> {
  const [cur] = await ctx.tx.query<{ geometry: MultiPolygon }>(
    'SELECT ST_AsGeoJSON(geom, 15)::json AS geometry FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2',
    [ctx.draft.id, key],
  );
  if (!cur) throw new DraftError('GRID_NOT_FOUND', key);
  return cur.geometry;
}

/** Writes GeoJSON built in TS (vertex edits) after checking it is valid. */
export async function setGeoJsonGeometry(ctx: EditContext, key: string, geometry: MultiPolygon): Promise<void> {
  const [check] = await ctx.tx.query<{ valid: boolean; reason: string; wkb: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, encode(ST_AsBinary(g), 'hex') AS wkb
       FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS g) s`,
    [JSON.stringify(geometry)],
  );
  if (!check!.valid) throw new DraftError('GRID_GEOMETRY_INVALID', withDetail(localized(key, key), geosReasonText(check!.reason)));
  await setGeometry(ctx, key, check!.wkb);
}

/**
 * Inserts the vertices of grid `key` into the edges of the neighbouring draft grids where they lie,
 * so that a boundary changed on one side (split cut points, snapped vertices) is shared vertex for
 * vertex by the other side instead of leaving a T-junction. The tolerance is GRID_PRECISION: a new
 * point rounded onto the grid lies up to 0.71 of it off the edge it was cut from, and two distinct
 * grid points are never closer than one step.
 *
 * `besideOnly`: leave alone the neighbours that `key` overlaps (by more than rounding dust). For a grid
 * drawn or replaced by hand: drawn beside its neighbours (snapped onto their edges), its points become
 * theirs; drawn across them, its corners must not, or the snap action would take them for the
 * neighbours' own vertices and leave them where they are.
 */
export async function shareVerticesWithNeighbours(ctx: EditContext, key: string, opts: { besideOnly?: boolean } = {}): Promise<string[]> {
  const neighbours = await ctx.tx.query<{ grid_key: string; changed: boolean; valid: boolean; wkb: string }>(
    `WITH me AS (SELECT geom FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2),
          near AS (
            SELECT n.grid_key, n.geom FROM grid_draft_grid n, me
             WHERE n.draft_id = $1 AND n.grid_key <> $2 AND ST_DWithin(n.geom, me.geom, $3::float8)
               AND NOT ($4 AND ST_Relate(n.geom, me.geom, '2********')
                        AND ST_Area(ST_Intersection(n.geom, me.geom, $3::float8)::geography) >= $5::float8)),
          snapped AS (SELECT near.grid_key, near.geom AS old, ST_Multi(ST_Snap(near.geom, me.geom, $3::float8)) AS geom FROM near, me)
     SELECT grid_key, NOT ST_OrderingEquals(old, geom) AS changed, ST_IsValid(geom) AS valid, encode(ST_AsBinary(geom), 'hex') AS wkb
       FROM snapped ORDER BY grid_key`,
    [ctx.draft.id, key, GRID_PRECISION, opts.besideOnly ?? false, DUST_M2],
  );
  const changed: string[] = [];
  for (const n of neighbours) {
    if (!n.changed) continue;
    if (!n.valid) throw new DraftError('GRID_GEOMETRY_INVALID', localized(`${n.grid_key}：共享顶点后几何无效`, `${n.grid_key}: invalid after sharing vertices`));
    await setGeometry(ctx, n.grid_key, n.wkb);
    changed.push(n.grid_key);
  }
  return changed;
}

/** Every grid in `keys` passes its vertices on to its neighbours' edges; returns the neighbours changed (not in `keys`). */
export async function shareVerticesOfAll(ctx: EditContext, keys: readonly string[]): Promise<string[]> {
  const changed = new Set<string>();
  for (const k of keys) for (const n of await shareVerticesWithNeighbours(ctx, k)) changed.add(n);
  return [...changed].filter((k) => !keys.includes(k)).sort();
}
