import { localized, withDetail } from '@/geo/text/localized-text';
import { geosReasonText } from '@/geo/topology/geos-reasons';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { gridRow, setGeometry, shareVerticesOfAll } from '../draft-grids';
import { DraftError } from '../errors';
import { DUST_M2, GRID_PRECISION } from '../precision';
import type { DraftRef } from '../store';

/**
 * The clip-to-parent fix: cuts a grid back to its community (a spill into a neighbouring community,
 * or out of the street). Deletes nothing: a grid with no area left in its community is refused, since
 * which grid should hold that land is the editor's call, not the clip's.
 */
export async function clipToCommunity(db: Executor, ref: DraftRef, input: { key: string }): Promise<MutationResult<{ key: string; removedM2: number; neighboursChanged: string[] }>> {
  return runEdit(db, ref, 'clipToCommunity', { key: input.key }, async (ctx) => {
    await gridRow(ctx, input.key);
    const [r] = await ctx.tx.query<{ outside_m2: number; empty: boolean; valid: boolean; reason: string; wkb: string }>(
      `SELECT coalesce(ST_Area(ST_Difference(g.geom, c.geom, $3::float8)::geography), 0) AS outside_m2,
              ST_IsEmpty(s.r) AS empty, ST_IsValid(s.r) AS valid, ST_IsValidReason(s.r) AS reason, encode(ST_AsBinary(s.r), 'hex') AS wkb
         FROM grid_draft_grid g JOIN community c ON c.id = g.community_id,
              LATERAL (SELECT ST_Multi(ST_CollectionExtract(ST_Intersection(g.geom, c.geom, $3::float8), 3)) AS r) s
        WHERE g.draft_id = $1 AND g.grid_key = $2`,
      [ctx.draft.id, input.key, GRID_PRECISION],
    );
    if (!(r!.outside_m2 >= DUST_M2)) throw new DraftError('NOTHING_TO_CLIP', input.key);
    if (r!.empty) throw new DraftError('GEOMETRY_OPERATION_FAILED', localized(`${input.key}：网格没有任何部分在其社区内`, `${input.key}: no part of the grid lies in its community`));
    if (!r!.valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', withDetail(localized(input.key, input.key), geosReasonText(r!.reason)));
    await setGeometry(ctx, input.key, r!.wkb);
    return { key: input.key, removedM2: r!.outside_m2, neighboursChanged: await shareVerticesOfAll(ctx, [input.key]) };
  });
}
