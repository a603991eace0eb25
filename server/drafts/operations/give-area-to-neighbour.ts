/**
 * The topology engine's give-to-neighbour fix (SuggestedFix in server/topology/finding-codes.ts) as a
 * draft edit. The other fixes: snap-to-neighbours is ./snap-to-neighbours.ts, clip-to-parent
 * ./clip-to-community.ts; make-valid has no draft edit: draft grids are CHECKed valid on write, so an
 * invalid shape can only come from a file, and it is repaired on the way in (importGrids' repairInvalid,
 * same undo step as the import; the repair is buildRepairedGeometry in ../precision.ts).
 *
 * The server stays the authority: a finding only says where. What actually changes is recomputed
 * from the draft as it is now, so a stale or hand-made finding can never move land between grids
 * that the draft does not justify. Overlays run at GRID_PRECISION on valid input only (STACK.md: PGlite
 * swallows GEOS errors): draft grids are valid by the CHECK, and the given area by buildGeometry.
 */
import { localized, withDetail } from '@/geo/text/localized-text';
import { geosReasonText } from '@/geo/topology/geos-reasons';
import type { Executor } from '../../db';
import { runEdit, type EditContext, type MutationResult } from '../edit';
import { deleteGridRows, gridRow, setGeometry, shareVerticesOfAll } from '../draft-grids';
import { DraftError } from '../errors';
import { buildGeometry, DUST_M2, FROM_WKB, GRID_PRECISION, parsePolygon } from '../precision';
import type { DraftRef } from '../store';

interface Piece {
  /** Hex WKB of a MultiPolygon (possibly empty). */
  wkb: string;
  areaM2: number;
}

/** The part of grid `key` inside `areaWkb` (a sliver or a stray part of that grid). */
async function partOfGrid(ctx: EditContext, key: string, areaWkb: string): Promise<Piece> {
  const [p] = await ctx.tx.query<{ wkb: string; area_m2: number }>(
    `SELECT encode(ST_AsBinary(m), 'hex') AS wkb, ST_Area(m::geography) AS area_m2
       FROM (SELECT ST_Multi(ST_CollectionExtract(ST_Intersection(${FROM_WKB('$3')}, g.geom, $4::float8), 3)) AS m
               FROM grid_draft_grid g WHERE g.draft_id = $1 AND g.grid_key = $2) s`,
    [ctx.draft.id, key, areaWkb, GRID_PRECISION],
  );
  return { wkb: p!.wkb, areaM2: p!.area_m2 };
}

/**
 * The part of `areaWkb` (a gap or a hole) that no draft grid covers, within community `communityId`
 * (the target grid's): giving it away never takes land from another grid, and never makes the target
 * spill into another community or out of the street.
 */
async function uncoveredPartOfCommunity(ctx: EditContext, areaWkb: string, communityId: number): Promise<Piece> {
  // The grids' union is NULL when no grid lies under the area (all of it is free); the community is
  // NULL when it does not reach the area (none of it can be given).
  const [p] = await ctx.tx.query<{ wkb: string; area_m2: number }>(
    `WITH a AS (SELECT ${FROM_WKB('$3')} AS g),
          grids AS (SELECT ST_Union(n.geom, $4::float8) AS u FROM grid_draft_grid n, a WHERE n.draft_id = $1 AND n.geom && a.g),
          own AS (SELECT (SELECT c.geom FROM community c, a WHERE c.id = $2 AND c.geom && a.g) AS g),
          free AS (SELECT CASE WHEN grids.u IS NULL THEN a.g ELSE ST_Difference(a.g, grids.u, $4::float8) END AS g FROM a, grids),
          m AS (SELECT ST_Multi(ST_CollectionExtract(coalesce(ST_Intersection(free.g, own.g, $4::float8), ST_GeomFromText('POLYGON EMPTY', 4326)), 3)) AS g
                  FROM free, own)
     SELECT encode(ST_AsBinary(g), 'hex') AS wkb, ST_Area(g::geography) AS area_m2 FROM m`,
    [ctx.draft.id, communityId, areaWkb, GRID_PRECISION],
  );
  return { wkb: p!.wkb, areaM2: p!.area_m2 };
}

/**
 * The pieces of `wkb` that grid `toKey` can take whole: each shares an edge with it (the boundaries
 * meet in a line, not just a point) or already overlaps it.
 */
async function piecesTouching(ctx: EditContext, wkb: string, toKey: string): Promise<Piece> {
  const [p] = await ctx.tx.query<{ wkb: string; area_m2: number }>(
    `WITH t AS (SELECT geom AS g FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2),
          piece AS (SELECT d.geom AS g FROM ST_Dump(${FROM_WKB('$3')}) d),
          touching AS (
            SELECT piece.g FROM piece, t
             WHERE piece.g && t.g
               AND (ST_Relate(piece.g, t.g, '2********')
                    OR ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(piece.g), ST_Boundary(t.g), $4::float8), 2)::geography) > 0)),
          m AS (SELECT ST_Multi(coalesce(ST_Collect(g), ST_GeomFromText('POLYGON EMPTY', 4326))) AS g FROM touching)
     SELECT encode(ST_AsBinary(g), 'hex') AS wkb, ST_Area(g::geography) AS area_m2 FROM m`,
    [ctx.draft.id, toKey, wkb, GRID_PRECISION],
  );
  return { wkb: p!.wkb, areaM2: p!.area_m2 };
}

/**
 * The give-to-neighbour fix: gives an area (a sliver, a stray part, a gap or a hole, as the finding
 * drew it) to the grid `toKey` of the draft: the pieces of it that share an edge with that grid.
 *
 * What moves is recomputed here: with `fromKey`, the part of that grid inside `area` (if what would
 * remain of it is dust, the whole grid is given and deleted); without it (a gap or a hole), the part
 * of `area` that no draft grid covers, within the target grid's community, so it never takes land from
 * another grid and never makes the target spill (a gap along a community border may share its longest
 * edge with the next community's grid: that grid gets nothing). The target becomes the union at fixed
 * precision; then the changed grids pass their vertices to their neighbours so edges stay shared
 * vertex for vertex.
 */
export async function giveAreaToNeighbour(
  db: Executor,
  ref: DraftRef,
  input: { area?: unknown; fromKey: string | null; toKey: string },
): Promise<MutationResult<{ toKey: string; fromKey: string | null; fromDeleted: boolean; areaM2: number; sharedEdgeM: number; neighboursChanged: string[] }>> {
  const area = parsePolygon(input.area);
  const { fromKey, toKey } = input;
  return runEdit(db, ref, 'giveAreaToNeighbour', { fromKey, toKey }, async (ctx) => {
    // Grids in force (`inforce:<code>`) are never rows of the draft: only the draft's own grids take land.
    const [target] = await ctx.tx.query<{ grid_key: string; community_id: number }>(
      'SELECT grid_key, community_id FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2',
      [ctx.draft.id, toKey],
    );
    if (!target) throw new DraftError('GIVE_TARGET_NOT_IN_DRAFT', toKey);
    if (fromKey === toKey) throw new DraftError('NOTHING_TO_GIVE', localized(`${toKey} 已拥有该区域`, `${toKey} already holds the area`));
    // Land never crosses a community border: that would make the target spill.
    if (fromKey != null && (await gridRow(ctx, fromKey)).community_id !== target.community_id) throw new DraftError('GIVE_OTHER_COMMUNITY', `${fromKey} → ${toKey}`);
    const areaWkb = await buildGeometry(ctx.tx, area);

    const candidate = fromKey != null ? await partOfGrid(ctx, fromKey, areaWkb) : await uncoveredPartOfCommunity(ctx, areaWkb, target.community_id);
    if (!(candidate.areaM2 >= DUST_M2)) throw new DraftError('NOTHING_TO_GIVE');
    // Only the pieces that share an edge with the target (or overlap it) go: the stray parts of a
    // multipart grid can lie on different sides, and a piece that does not touch the target would make
    // it multipart in turn. The others stay, and their finding suggests their own neighbour.
    let moved = await piecesTouching(ctx, candidate.wkb, toKey);
    if (moved.areaM2 < DUST_M2) throw new DraftError('GIVE_NOT_ADJACENT', toKey);

    // What the source keeps. If that is dust (the finding's outline is rounded to 1e-7), the whole grid goes.
    let keeps: string | null = null;
    if (fromKey != null) {
      const [r] = await ctx.tx.query<{ wkb: string; area_m2: number; valid: boolean; reason: string; whole: string }>(
        `SELECT encode(ST_AsBinary(s.r), 'hex') AS wkb, ST_Area(s.r::geography) AS area_m2, ST_IsValid(s.r) AS valid,
                ST_IsValidReason(s.r) AS reason, encode(ST_AsBinary(g.geom), 'hex') AS whole
           FROM grid_draft_grid g, LATERAL (SELECT ST_Multi(ST_CollectionExtract(ST_Difference(g.geom, ${FROM_WKB('$3')}, $4::float8), 3)) AS r) s
          WHERE g.draft_id = $1 AND g.grid_key = $2`,
        [ctx.draft.id, fromKey, moved.wkb, GRID_PRECISION],
      );
      if (r!.area_m2 < DUST_M2) moved = { wkb: r!.whole, areaM2: moved.areaM2 + r!.area_m2 };
      else if (!r!.valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', withDetail(localized(fromKey, fromKey), geosReasonText(r!.reason)));
      else keeps = r!.wkb;
    }
    const fromDeleted = fromKey != null && keeps == null;

    const [t] = await ctx.tx.query<{ shared_m: number; valid: boolean; reason: string; wkb: string }>(
      `WITH m AS (SELECT ${FROM_WKB('$3')} AS g),
            t AS (SELECT geom AS g FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2),
            u AS (SELECT ST_Multi(ST_CollectionExtract(ST_Union(t.g, m.g, $4::float8), 3)) AS g FROM t, m)
       SELECT coalesce(ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(m.g), ST_Boundary(t.g), $4::float8), 2)::geography), 0) AS shared_m,
              ST_IsValid(u.g) AS valid, ST_IsValidReason(u.g) AS reason, encode(ST_AsBinary(u.g), 'hex') AS wkb
         FROM m, t, u`,
      [ctx.draft.id, toKey, moved.wkb, GRID_PRECISION],
    );
    if (!t!.valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', withDetail(localized(toKey, toKey), geosReasonText(t!.reason)));

    await ctx.touch(fromKey != null ? [toKey, fromKey] : [toKey]);
    await setGeometry(ctx, toKey, t!.wkb);
    if (fromDeleted) {
      await deleteGridRows(ctx, [fromKey]);
    } else if (fromKey != null && keeps != null) {
      await setGeometry(ctx, fromKey, keeps);
    }
    const changed = fromKey != null && !fromDeleted ? [toKey, fromKey] : [toKey];
    return { toKey, fromKey, fromDeleted, areaM2: moved.areaM2, sharedEdgeM: t!.shared_m, neighboursChanged: await shareVerticesOfAll(ctx, changed) };
  });
}

