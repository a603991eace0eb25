import { localized } from '@/geo/text/localized-text';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { addGrid, checkAttributes, communityOfStreet, shareVerticesWithNeighbours, type GridAttributes } from '../draft-grids';
import { DraftError } from '../errors';
import { FILL_MIN_PART_M2, GRID_PRECISION } from '../precision';
import type { DraftRef } from '../store';

/**
 * "Fill the rest": a new grid from what is left of a community after every draft grid that touches it
 * (its own and neighbours' spilling in), at fixed precision; dust parts below FILL_MIN_PART_M2 dropped.
 */
export async function fillRest(
  db: Executor,
  ref: DraftRef,
  input: { communityId: number; attributes?: GridAttributes },
): Promise<MutationResult<{ key: string; code: string; areaM2: number }>> {
  const a = input.attributes ?? {};
  const kind = a.kind ?? 'comprehensive';
  const dedicatedType = a.dedicatedType ?? null;
  checkAttributes({ kind, dedicatedType });
  return runEdit(db, ref, 'fillRest', { communityId: input.communityId, attributes: a }, async (ctx) => {
    const community = await communityOfStreet(ctx, { id: input.communityId });
    const [u] = await ctx.tx.query<{ valid: boolean | null }>(
      `SELECT ST_IsValid(ST_Union(g.geom, $3::float8)) AS valid
         FROM grid_draft_grid g, community c WHERE g.draft_id = $1 AND c.id = $2 AND g.geom && c.geom`,
      [ctx.draft.id, community.id, GRID_PRECISION],
    );
    if (u!.valid === false) throw new DraftError('GEOMETRY_OPERATION_FAILED', localized('草稿网格合并后几何无效', 'union of the draft grids is not valid'));
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
