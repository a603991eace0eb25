import type { LineString } from 'geojson';
import { typicalRowHeight } from '@/geo/codes/reading-order';
import { nextGridCodes, splitCodeOrder } from '@/geo/grid/assign-codes';
import { checkLineInput } from '@/geo/grid/check-geometry-input';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { communityOfStreet, defaultName, gridRow, insertGrid, setGeometry, shareVerticesOfAll, usedCodes } from '../draft-grids';
import { DraftError, geometryInputError } from '../errors';
import { GRID_PRECISION } from '../precision';
import type { DraftRef } from '../store';

/**
 * Splits a grid along a line (ST_Split). The largest part keeps the key, code and attributes; the
 * other parts become new grids with the next free sequences, in reading order (DOMAIN.md). The cut
 * points are rounded onto the GRID_PRECISION grid (the same point in every part) and then shared with
 * the neighbours across the cut edges.
 */
export async function splitGrid(db: Executor, ref: DraftRef, input: { key: string; line?: unknown }): Promise<MutationResult<{ keys: string[]; codes: string[] }>> {
  const line = checkLineInput(input.line);
  if (!line.valid) throw geometryInputError(line.reason);
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
    const community = await communityOfStreet(ctx, { id: grid.community_id });
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
    await shareVerticesOfAll(ctx, keys);
    return { keys, codes };
  });
}
