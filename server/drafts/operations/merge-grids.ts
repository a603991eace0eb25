import { mergeSurvivor } from '@/geo/grid/assign-codes';
import { isConnected } from '@/geo/grid/is-connected';
import { localized } from '@/geo/text/localized-text';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { deleteGridRows, setGeometry } from '../draft-grids';
import { DraftError } from '../errors';
import { GRID_PRECISION } from '../precision';
import type { DraftRef } from '../store';

/**
 * Merges adjacent grids of one community (sharing an edge, not just a point) into the largest one,
 * whose key, code and attributes survive. Union at fixed precision.
 */
export async function mergeGrids(db: Executor, ref: DraftRef, input: { keys: string[] }): Promise<MutationResult<{ key: string; code: string | null; removed: string[] }>> {
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
    if (!u!.valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', localized('合并结果几何无效', 'merge result is not valid'));
    const removed = keys.filter((k) => k !== survivor);
    await deleteGridRows(ctx, removed);
    await setGeometry(ctx, survivor, u!.wkb);
    return { key: survivor, code: rows.find((r) => r.grid_key === survivor)!.code, removed };
  });
}
