import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { gridRow, setGeometry, shareVerticesWithNeighbours } from '../draft-grids';
import { buildGeometry, parsePolygon } from '../precision';
import type { DraftRef } from '../store';

/** Replaces a grid's geometry (vertex edits of one grid; its code and attributes stay). */
export async function updateGeometry(db: Executor, ref: DraftRef, input: { key: string; geometry?: unknown }): Promise<MutationResult<{ key: string }>> {
  const geometry = parsePolygon(input.geometry);
  return runEdit(db, ref, 'updateGeometry', { key: input.key }, async (ctx) => {
    await gridRow(ctx, input.key);
    await setGeometry(ctx, input.key, await buildGeometry(ctx.tx, geometry));
    await shareVerticesWithNeighbours(ctx, input.key, { besideOnly: true });
    return { key: input.key };
  });
}
