/**
 * The edit operations of a draft (issue 3, section 1). Each is one call to runEdit: one transaction,
 * one edit in the log, one undo step. Geometry from clients is checked structurally in geo/grid before
 * any SQL sees it, then with ST_IsValid after construction; overlays use a fixed precision (1e-8°,
 * about 1 mm) and run only on valid input (STACK.md: PGlite swallows GEOS errors).
 */
import type { LineString, MultiPolygon, Position } from 'geojson';
import type { Db, Executor } from '../db';
import { typicalRowHeight } from '@/geo/codes/reading-order';
import { parseGridCode } from '@/geo/codes/territory-codes';
import { mergeSurvivor, nextGridCodes, splitCodeOrder } from '@/geo/grid/assign-codes';
import { checkLineInput, checkPolygonInput, checkPositionInput } from '@/geo/grid/check-geometry-input';
import { isConnected } from '@/geo/grid/is-connected';
import { moveVertex, replaceVertices, type VertexPath } from '@/geo/grid/replace-vertices';
import type { DedicatedType, GridKind } from '@/geo/topology/grid-candidate';
import { DraftError, GeometryInputError } from './errors';
import { runEdit, type DraftRef, type EditContext, type MutationResult } from './draft-service';

/**
 * Fixed precision of every overlay and of stored geometry, in degrees (~1 mm). Every vertex a draft
 * stores lies on this grid (new points such as split cut points and snap targets are rounded onto it),
 * so a fixed-precision overlay never moves an existing vertex and shared edges stay shared exactly.
 */
export const GRID_PRECISION = 1e-8;
/** Two vertices closer than this (degrees, ~0.1 mm) are the same vertex for topological editing. */
export const VERTEX_TOLERANCE = 1e-9;
/**
 * Below this (m², geodesic) an area is rounding dust of the 1e-8 overlays, not territory: an overlap
 * between two grids, an area to give, a part outside the community. (The engine ignores gaps below 1 m².)
 */
export const DUST_M2 = 0.01;
/** Parts of a "fill the rest" result smaller than this (m²) are rounding dust, not territory. */
export const FILL_MIN_PART_M2 = 1;
/** Upper bound of the snapping tolerance (m): beyond this, snapping redraws boundaries instead of fixing them. */
export const MAX_SNAP_TOLERANCE_M = 50;

export const FROM_WKB = (param: string) => `ST_SetSRID(ST_GeomFromWKB(decode(${param}, 'hex')), 4326)`;

export interface GridAttributes {
  name?: string;
  kind?: GridKind;
  dedicatedType?: DedicatedType | null;
  responsibleUnit?: string;
  notes?: string;
}

function checkAttributes(a: Required<Pick<GridAttributes, 'kind' | 'dedicatedType'>>): void {
  if ((a.kind === 'dedicated') !== (a.dedicatedType != null)) {
    throw new DraftError('GRID_ATTRIBUTES_INVALID', 'a dedicated grid needs a dedicated type, a comprehensive grid none');
  }
}

export function parsePolygon(value: unknown): MultiPolygon {
  const checked = checkPolygonInput(value);
  if (!checked.valid) throw new GeometryInputError(checked.reason);
  return checked.geometry;
}

/**
 * Builds client geometry in PostGIS, refuses it unless ST_IsValid, and puts it on the 1e-8 grid so that
 * later fixed-precision overlays do not move its vertices. Returns hex WKB.
 */
export async function buildGeometry(tx: Executor, geometry: MultiPolygon): Promise<string> {
  const [check] = await tx.query<{ valid: boolean; reason: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s`,
    [JSON.stringify(geometry)],
  );
  if (!check!.valid) throw new DraftError('GRID_GEOMETRY_INVALID', check!.reason);
  const [row] = await tx.query<{ wkb: string; empty: boolean }>(
    `SELECT encode(ST_AsBinary(r), 'hex') AS wkb, ST_IsEmpty(r) AS empty
       FROM (SELECT ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), $2::float8), 3)) AS r) s`,
    [JSON.stringify(geometry), GRID_PRECISION],
  );
  if (row!.empty) throw new DraftError('GRID_GEOMETRY_INVALID', 'collapses at 1 mm precision');
  return row!.wkb;
}

/**
 * buildGeometry for a file imported with "make valid": a geometry that is not valid is repaired instead
 * of refused, and `reason` is what ST_IsValidReason said before (null when it was valid: then this is
 * exactly buildGeometry). Draft rows are CHECKed valid, so a file is the only way an invalid shape can
 * arrive, and this the only place it is repaired.
 * ST_MakeValid 'method=structure' keeps all the area the outer rings enclose: a part drawn inside
 * another is absorbed, where the default 'linework' would cut it out as a hole; a bow-tie becomes its
 * two triangles. It needs GEOS >= 3.10 (server engine 3.11, embedded 3.14). Then only the polygonal
 * parts are kept, on the 1e-8 grid. A repair that leaves nothing valid, or no area, is still refused.
 */
export async function buildRepairedGeometry(tx: Executor, geometry: MultiPolygon): Promise<{ wkb: string; reason: string | null }> {
  // ST_MakeValid is safe on invalid input on both engines; what follows it sees valid geometry.
  // A valid geometry is not repaired (r is NULL): it goes through buildGeometry unchanged.
  const [r] = await tx.query<{ was_valid: boolean; was_reason: string; empty: boolean; valid: boolean; reason: string; wkb: string }>(
    `SELECT ST_IsValid(g) AS was_valid, ST_IsValidReason(g) AS was_reason,
            ST_IsEmpty(r) AS empty, ST_IsValid(r) AS valid, ST_IsValidReason(r) AS reason, encode(ST_AsBinary(r), 'hex') AS wkb
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s,
            LATERAL (SELECT CASE WHEN NOT ST_IsValid(s.g) THEN
                       ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_CollectionExtract(ST_MakeValid(s.g, 'method=structure'), 3), $2::float8), 3))
                     END AS r) m`,
    [JSON.stringify(geometry), GRID_PRECISION],
  );
  if (r!.was_valid) return { wkb: await buildGeometry(tx, geometry), reason: null };
  if (r!.empty) throw new DraftError('GRID_GEOMETRY_INVALID', `${r!.was_reason}; no area left after repair`);
  if (!r!.valid) throw new DraftError('GRID_GEOMETRY_INVALID', `${r!.was_reason}; after repair: ${r!.reason}`);
  return { wkb: r!.wkb, reason: r!.was_reason };
}

interface DraftGridRow {
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

export async function communityOfStreet(ctx: EditContext, communityId: number): Promise<{ id: number; code: string; name: string }> {
  const [c] = await ctx.tx.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM community WHERE id = $1 AND street_id = $2',
    [communityId, ctx.draft.streetId],
  );
  if (!c) throw new DraftError('COMMUNITY_NOT_IN_STREET', String(communityId));
  return c;
}

/** Every code a new grid of the community must not take: in force, in history, in drafts, in this draft's log. */
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

export async function insertGrid(
  ctx: EditContext,
  g: { key: string; code: string; name: string; kind: GridKind; dedicatedType: string | null; communityId: number; responsibleUnit: string; notes: string; wkb: string; sourceGridId?: number | null },
): Promise<void> {
  await ctx.touch([g.key]);
  await ctx.tx.execute(
    `INSERT INTO grid_draft_grid (draft_id, grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes, source_grid_id, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${FROM_WKB('$11')})`,
    [ctx.draft.id, g.key, g.code, g.name, g.kind, g.dedicatedType, g.communityId, g.responsibleUnit, g.notes, g.sourceGridId ?? null, g.wkb],
  );
}

export async function setGeometry(ctx: EditContext, key: string, wkb: string): Promise<void> {
  await ctx.touch([key]);
  await ctx.tx.execute(`UPDATE grid_draft_grid SET geom = ${FROM_WKB('$3')} WHERE draft_id = $1 AND grid_key = $2`, [ctx.draft.id, key, wkb]);
}

/** Writes GeoJSON built in TS (vertex edits) after checking it is valid. */
async function setGeoJsonGeometry(ctx: EditContext, key: string, geometry: MultiPolygon): Promise<void> {
  const [check] = await ctx.tx.query<{ valid: boolean; reason: string; wkb: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, encode(ST_AsBinary(g), 'hex') AS wkb
       FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS g) s`,
    [JSON.stringify(geometry)],
  );
  if (!check!.valid) throw new DraftError('GRID_GEOMETRY_INVALID', `${key}: ${check!.reason}`);
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
    if (!n.valid) throw new DraftError('GRID_GEOMETRY_INVALID', `${n.grid_key}: invalid after sharing vertices`);
    await setGeometry(ctx, n.grid_key, n.wkb);
    changed.push(n.grid_key);
  }
  return changed;
}

/** The street's community a new polygon overlaps most: where a grid drawn without a community belongs. */
export async function communityOverlappingMost(ctx: EditContext, wkb: string, detail?: string): Promise<number> {
  const [best] = await ctx.tx.query<{ id: number }>(
    `SELECT c.id FROM community c, (SELECT ${FROM_WKB('$2')} AS g) s
      WHERE c.street_id = $1 AND c.geom && s.g AND ST_Intersects(c.geom, s.g)
      ORDER BY ST_Area(ST_Intersection(c.geom, s.g, $3::float8)) DESC, c.code LIMIT 1`,
    [ctx.draft.streetId, wkb, GRID_PRECISION],
  );
  if (!best) throw new DraftError('GRID_OUTSIDE_STREET', detail);
  return best.id;
}

/**
 * Adds a grid to the draft in `community`, with the given code or else the community's next free one,
 * and the default name unless one is given. Returns its new key and code.
 */
export async function addGrid(
  ctx: EditContext,
  community: { id: number; code: string; name: string },
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

// ---------------------------------------------------------------------------------------------------

/** Draws a new grid. Its community is the given one, else the street's community it overlaps most. */
export async function createGrid(
  db: Db,
  ref: DraftRef,
  input: { geometry?: unknown; attributes?: GridAttributes & { communityId?: number } },
): Promise<MutationResult<{ key: string; code: string }>> {
  const geometry = parsePolygon(input.geometry);
  const a = input.attributes ?? {};
  const kind = a.kind ?? 'comprehensive';
  const dedicatedType = a.dedicatedType ?? null;
  checkAttributes({ kind, dedicatedType });
  return runEdit(db, ref, 'createGrid', { attributes: a }, async (ctx) => {
    const wkb = await buildGeometry(ctx.tx, geometry);
    const community = await communityOfStreet(ctx, a.communityId ?? (await communityOverlappingMost(ctx, wkb)));
    const added = await addGrid(ctx, community, { wkb, name: a.name, kind, dedicatedType, responsibleUnit: a.responsibleUnit, notes: a.notes });
    // Points snapped onto a neighbour's edge while drawing become vertices of that neighbour too.
    await shareVerticesWithNeighbours(ctx, added.key, { besideOnly: true });
    return added;
  });
}

/** Replaces a grid's geometry (vertex edits of one grid; its code and attributes stay). */
export async function updateGeometry(db: Db, ref: DraftRef, input: { key: string; geometry?: unknown }): Promise<MutationResult<{ key: string }>> {
  const geometry = parsePolygon(input.geometry);
  return runEdit(db, ref, 'updateGeometry', { key: input.key }, async (ctx) => {
    await gridRow(ctx, input.key);
    await setGeometry(ctx, input.key, await buildGeometry(ctx.tx, geometry));
    await shareVerticesWithNeighbours(ctx, input.key, { besideOnly: true });
    return { key: input.key };
  });
}

/**
 * Topological editing: moves a vertex in every draft grid that has it (within VERTEX_TOLERANCE), to the
 * same exact coordinates, so neighbours that shared it still share it. The target is put on the 1e-8 grid.
 */
export async function moveSharedVertex(db: Db, ref: DraftRef, input: { from: unknown; to: unknown }): Promise<MutationResult<{ keys: string[] }>> {
  const from = checkPositionInput(input.from);
  if (!from.valid) throw new GeometryInputError(from.reason);
  const to = checkPositionInput(input.to);
  if (!to.valid) throw new GeometryInputError(to.reason);
  return runEdit(db, ref, 'moveSharedVertex', { from: from.geometry, to: to.geometry }, async (ctx) => {
    const [snapped] = await ctx.tx.query<{ x: number; y: number }>(
      'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_ReducePrecision(ST_MakePoint($1::float8, $2::float8), $3::float8) AS p) s',
      [to.geometry[0], to.geometry[1], GRID_PRECISION],
    );
    const target: Position = [snapped!.x, snapped!.y];
    const rows = await ctx.tx.query<{ grid_key: string; geometry: MultiPolygon | string }>(
      `SELECT grid_key, ST_AsGeoJSON(geom, 15)::json AS geometry FROM grid_draft_grid
        WHERE draft_id = $1 AND geom && ST_Expand(ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326), $4::float8)
        ORDER BY grid_key`,
      [ctx.draft.id, from.geometry[0], from.geometry[1], VERTEX_TOLERANCE],
    );
    const keys: string[] = [];
    for (const r of rows) {
      const g = typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as MultiPolygon) : r.geometry;
      const moved = moveVertex(g, from.geometry, target, VERTEX_TOLERANCE);
      if (moved.moved === 0) continue;
      await setGeoJsonGeometry(ctx, r.grid_key, moved.geometry);
      keys.push(r.grid_key);
    }
    if (keys.length === 0) throw new DraftError('VERTEX_NOT_FOUND', `${from.geometry[0]},${from.geometry[1]}`);
    // A vertex dropped onto another grid's edge becomes a vertex of that grid too: no T-junction.
    for (const k of keys) await shareVerticesWithNeighbours(ctx, k);
    return { keys };
  });
}

/**
 * Splits a grid along a line (ST_Split). The largest part keeps the key, code and attributes; the
 * other parts become new grids with the next free sequences, in reading order (DOMAIN.md). The cut
 * points are rounded onto the GRID_PRECISION grid (the same point in every part) and then shared with
 * the neighbours across the cut edges.
 */
export async function splitGrid(db: Db, ref: DraftRef, input: { key: string; line?: unknown }): Promise<MutationResult<{ keys: string[]; codes: string[] }>> {
  const line = checkLineInput(input.line);
  if (!line.valid) throw new GeometryInputError(line.reason);
  return runEdit(db, ref, 'splitGrid', { key: input.key, line: line.geometry }, async (ctx) => {
    const grid = await gridRow(ctx, input.key);
    const parts = await ctx.tx.query<{ wkb: string; area_m2: number; area_deg: number; x: number; y: number; before: number }>(
      `SELECT encode(ST_AsBinary(ST_Multi(p.geom)), 'hex') AS wkb, ST_Area(p.geom::geography) AS area_m2, ST_Area(p.geom) AS area_deg,
              ST_X(ST_PointOnSurface(p.geom)) AS x, ST_Y(ST_PointOnSurface(p.geom)) AS y, ST_NumGeometries(g.geom) AS before
         FROM grid_draft_grid g,
              LATERAL ST_Dump(ST_CollectionExtract(ST_Split(g.geom, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)), 3)) d,
              LATERAL (SELECT ST_ReducePrecision(d.geom, $4::float8) AS geom) p
        WHERE g.draft_id = $1 AND g.grid_key = $2 AND NOT ST_IsEmpty(p.geom)`,
      [ctx.draft.id, input.key, JSON.stringify(line.geometry satisfies LineString), GRID_PRECISION],
    );
    if (parts.length <= (parts[0]?.before ?? Infinity)) throw new DraftError('SPLIT_LINE_DOES_NOT_CROSS');
    const rowHeight = typicalRowHeight(parts.reduce((s, p) => s + p.area_deg, 0), parts.length);
    const [keeper, ...others] = splitCodeOrder(parts.map((p) => ({ areaM2: p.area_m2, x: p.x, y: p.y })), rowHeight);
    const community = await communityOfStreet(ctx, grid.community_id);
    const fresh = nextGridCodes(community.code, await usedCodes(ctx, community.id), others.length);
    await setGeometry(ctx, input.key, parts[keeper!]!.wkb);
    const keys = [input.key];
    const codes = [grid.code ?? ''];
    for (const [i, partIndex] of others.entries()) {
      const key = await ctx.newKey();
      // A new part is a new grid: it did not start from the grid in force (the keeper did).
      await insertGrid(ctx, {
        key,
        code: fresh[i]!,
        name: defaultName(community.name, fresh[i]!),
        kind: grid.kind,
        dedicatedType: grid.dedicated_type,
        communityId: grid.community_id,
        responsibleUnit: grid.responsible_unit,
        notes: grid.notes,
        wkb: parts[partIndex]!.wkb,
      });
      keys.push(key);
      codes.push(fresh[i]!);
    }
    for (const k of keys) await shareVerticesWithNeighbours(ctx, k);
    return { keys, codes };
  });
}

/**
 * Merges adjacent grids of one community (sharing an edge, not just a point) into the largest one,
 * whose key, code and attributes survive. Union at fixed precision.
 */
export async function mergeGrids(db: Db, ref: DraftRef, input: { keys: string[] }): Promise<MutationResult<{ key: string; code: string | null; removed: string[] }>> {
  const keys = [...new Set(input.keys)];
  if (keys.length < 2) throw new DraftError('MERGE_TOO_FEW');
  return runEdit(db, ref, 'mergeGrids', { keys }, async (ctx) => {
    const rows = await ctx.tx.query<{ grid_key: string; code: string | null; community_id: number; area_m2: number }>(
      `SELECT grid_key, code, community_id, ST_Area(geom::geography) AS area_m2 FROM grid_draft_grid
        WHERE draft_id = $1 AND grid_key = ANY($2::text[])`,
      [ctx.draft.id, keys],
    );
    const missing = keys.filter((k) => !rows.some((r) => r.grid_key === k));
    if (missing.length) throw new DraftError('GRID_NOT_FOUND', missing.join(', '));
    if (new Set(rows.map((r) => r.community_id)).size > 1) throw new DraftError('MERGE_DIFFERENT_COMMUNITIES');
    // Adjacent = boundaries meet in a line (dimension 1), or the grids overlap.
    const edges = await ctx.tx.query<{ a: string; b: string }>(
      `SELECT x.grid_key AS a, y.grid_key AS b FROM grid_draft_grid x JOIN grid_draft_grid y
           ON y.draft_id = x.draft_id AND x.grid_key < y.grid_key AND x.geom && y.geom
        WHERE x.draft_id = $1 AND x.grid_key = ANY($2::text[]) AND y.grid_key = ANY($2::text[])
          AND (ST_Relate(x.geom, y.geom, '****1****') OR ST_Relate(x.geom, y.geom, '2********'))`,
      [ctx.draft.id, keys],
    );
    if (!isConnected(keys, edges.map((e) => [e.a, e.b] as const))) throw new DraftError('MERGE_NOT_ADJACENT');
    const survivor = mergeSurvivor(rows.map((r) => ({ key: r.grid_key, code: r.code, areaM2: r.area_m2 })));
    const [u] = await ctx.tx.query<{ valid: boolean; wkb: string }>(
      `SELECT ST_IsValid(u) AS valid, encode(ST_AsBinary(ST_Multi(ST_CollectionExtract(u, 3))), 'hex') AS wkb
         FROM (SELECT ST_Union(geom, $3::float8) AS u FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = ANY($2::text[])) s`,
      [ctx.draft.id, keys, GRID_PRECISION],
    );
    if (!u!.valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', 'merge result is not valid');
    await ctx.touch(keys);
    const removed = keys.filter((k) => k !== survivor);
    await ctx.tx.execute('DELETE FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = ANY($2::text[])', [ctx.draft.id, removed]);
    await setGeometry(ctx, survivor, u!.wkb);
    return { key: survivor, code: rows.find((r) => r.grid_key === survivor)!.code, removed };
  });
}

export async function deleteGrid(db: Db, ref: DraftRef, input: { key: string }): Promise<MutationResult<{ key: string }>> {
  return runEdit(db, ref, 'deleteGrid', { key: input.key }, async (ctx) => {
    await gridRow(ctx, input.key);
    await ctx.touch([input.key]);
    await ctx.tx.execute('DELETE FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2', [ctx.draft.id, input.key]);
    return { key: input.key };
  });
}

/**
 * "Fill the rest": a new grid from what is left of a community after every draft grid that touches it
 * (its own and neighbours' spilling in), at fixed precision; dust parts below FILL_MIN_PART_M2 dropped.
 */
export async function fillRest(
  db: Db,
  ref: DraftRef,
  input: { communityId: number; attributes?: GridAttributes },
): Promise<MutationResult<{ key: string; code: string; areaM2: number }>> {
  const a = input.attributes ?? {};
  const kind = a.kind ?? 'comprehensive';
  const dedicatedType = a.dedicatedType ?? null;
  checkAttributes({ kind, dedicatedType });
  return runEdit(db, ref, 'fillRest', { communityId: input.communityId, attributes: a }, async (ctx) => {
    const community = await communityOfStreet(ctx, input.communityId);
    const [u] = await ctx.tx.query<{ valid: boolean | null }>(
      `SELECT ST_IsValid(ST_Union(g.geom, $3::float8)) AS valid
         FROM grid_draft_grid g, community c WHERE g.draft_id = $1 AND c.id = $2 AND g.geom && c.geom`,
      [ctx.draft.id, community.id, GRID_PRECISION],
    );
    if (u!.valid === false) throw new DraftError('GEOMETRY_OPERATION_FAILED', 'union of the draft grids is not valid');
    const [rest] = await ctx.tx.query<{ wkb: string | null; area_m2: number | null }>(
      `WITH c AS (SELECT geom FROM community WHERE id = $2),
            u AS (SELECT ST_Union(g.geom, $3::float8) AS geom FROM grid_draft_grid g, c WHERE g.draft_id = $1 AND g.geom && c.geom),
            d AS (SELECT CASE WHEN u.geom IS NULL THEN c.geom ELSE ST_Difference(c.geom, u.geom, $3::float8) END AS geom FROM c, u),
            parts AS (SELECT p.geom FROM d, LATERAL ST_Dump(ST_CollectionExtract(d.geom, 3)) p WHERE ST_Area(p.geom::geography) >= $4)
       SELECT encode(ST_AsBinary(ST_Multi(ST_Collect(geom))), 'hex') AS wkb, ST_Area(ST_Collect(geom)::geography) AS area_m2 FROM parts`,
      [ctx.draft.id, community.id, GRID_PRECISION, FILL_MIN_PART_M2],
    );
    if (!rest?.wkb) throw new DraftError('NOTHING_TO_FILL');
    const added = await addGrid(ctx, community, { wkb: rest.wkb, name: a.name, kind, dedicatedType, responsibleUnit: a.responsibleUnit, notes: a.notes });
    await shareVerticesWithNeighbours(ctx, added.key);
    return { ...added, areaM2: rest.area_m2 ?? 0 };
  });
}

export async function setAttributes(db: Db, ref: DraftRef, input: { key: string; attributes: GridAttributes }): Promise<MutationResult<{ key: string }>> {
  return runEdit(db, ref, 'setAttributes', input, async (ctx) => {
    const g = await gridRow(ctx, input.key);
    const a = input.attributes;
    const kind = a.kind ?? g.kind;
    // Switching to comprehensive drops the dedicated type unless one is given explicitly.
    const dedicatedType = a.dedicatedType !== undefined ? a.dedicatedType : kind === 'comprehensive' ? null : g.dedicated_type;
    checkAttributes({ kind, dedicatedType });
    const name = a.name !== undefined ? a.name.trim() : g.name;
    if (name.length === 0) throw new DraftError('GRID_ATTRIBUTES_INVALID', 'name is empty');
    await ctx.touch([input.key]);
    await ctx.tx.execute(
      `UPDATE grid_draft_grid SET name = $3, kind = $4, dedicated_type = $5, responsible_unit = $6, notes = $7
        WHERE draft_id = $1 AND grid_key = $2`,
      [ctx.draft.id, input.key, name, kind, dedicatedType, a.responsibleUnit ?? g.responsible_unit, a.notes ?? g.notes],
    );
    return { key: input.key };
  });
}

/**
 * Snaps a grid onto its neighbours: each of its vertices within `toleranceMetres` of a neighbouring draft
 * grid or of the street's community boundaries moves onto the nearest vertex there, else onto the nearest
 * point of an edge. Then every neighbouring draft grid gets the grid's new vertices inserted where they
 * lie on its edges (shareVerticesWithNeighbours), so the shared edges are shared vertex for vertex. Edge
 * points are rounded onto the GRID_PRECISION grid like every stored vertex.
 */
export async function snapToNeighbours(
  db: Db,
  ref: DraftRef,
  input: { key: string; toleranceMetres: number },
): Promise<MutationResult<{ key: string; movedVertices: number; neighboursChanged: string[] }>> {
  const tol = input.toleranceMetres;
  if (!(tol > 0 && tol <= MAX_SNAP_TOLERANCE_M)) {
    throw new DraftError('GRID_ATTRIBUTES_INVALID', `tolerance must be in (0, ${MAX_SNAP_TOLERANCE_M}] m`);
  }
  return runEdit(db, ref, 'snapToNeighbours', input, async (ctx) => {
    await gridRow(ctx, input.key);
    // Candidate search in degrees (generous: a metre is at most 1/(111 km·cos 54°) of a degree in China),
    // then the exact test on the spheroid in metres.
    const tolDeg = tol / (111_000 * Math.cos((54 * Math.PI) / 180));
    const moves = await ctx.tx.query<{ path: number[]; x: number; y: number }>(
      `WITH me AS (SELECT geom FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2),
            refs AS (
              SELECT ST_Boundary(n.geom) AS b FROM grid_draft_grid n, me
               WHERE n.draft_id = $1 AND n.grid_key <> $2 AND ST_DWithin(n.geom, me.geom, $4)
              UNION ALL
              SELECT ST_Boundary(c.geom) FROM community c, me WHERE c.street_id = $3 AND ST_DWithin(c.geom, me.geom, $4)),
            ref AS (SELECT ST_Collect(b) AS g FROM refs),
            ref_pts AS (SELECT DISTINCT (ST_DumpPoints(g)).geom AS p FROM ref),
            pts AS (SELECT (d).path AS path, (d).geom AS p FROM me, LATERAL ST_DumpPoints(me.geom) d)
       SELECT pts.path, ST_X(s.q) AS x, ST_Y(s.q) AS y
         FROM pts, ref,
              LATERAL (SELECT coalesce(
                (SELECT r.p FROM ref_pts r WHERE ST_DWithin(r.p::geography, pts.p::geography, $5) ORDER BY r.p <-> pts.p LIMIT 1),
                CASE WHEN ST_DWithin(ST_ClosestPoint(ref.g, pts.p)::geography, pts.p::geography, $5)
                     THEN ST_ReducePrecision(ST_ClosestPoint(ref.g, pts.p), $6::float8) END) AS q) s
        WHERE ref.g IS NOT NULL AND s.q IS NOT NULL AND (ST_X(s.q) <> ST_X(pts.p) OR ST_Y(s.q) <> ST_Y(pts.p))`,
      [ctx.draft.id, input.key, ctx.draft.streetId, tolDeg, tol, GRID_PRECISION],
    );
    let changed = false;
    if (moves.length) {
      const [cur] = await ctx.tx.query<{ geometry: MultiPolygon | string }>(
        'SELECT ST_AsGeoJSON(geom, 15)::json AS geometry FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2',
        [ctx.draft.id, input.key],
      );
      const g = typeof cur!.geometry === 'string' ? (JSON.parse(cur!.geometry) as MultiPolygon) : cur!.geometry;
      // ST_DumpPoints paths of a MultiPolygon are 1-based {polygon, ring, vertex}.
      const paths: (VertexPath & { to: Position })[] = moves.map((m) => ({ polygon: m.path[0]! - 1, ring: m.path[1]! - 1, index: m.path[2]! - 1, to: [m.x, m.y] }));
      await setGeoJsonGeometry(ctx, input.key, replaceVertices(g, paths));
      changed = true;
    }
    const neighboursChanged = await shareVerticesWithNeighbours(ctx, input.key);
    if (!changed && neighboursChanged.length === 0) throw new DraftError('NOTHING_TO_SNAP');
    return { key: input.key, movedVertices: moves.length, neighboursChanged };
  });
}
