import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { deleteGridRows, gridRow } from '../draft-grids';
import type { DraftRef } from '../store';

export async function deleteGrid(db: Executor, ref: DraftRef, input: { key: string }): Promise<MutationResult<{ key: string }>> {
  return runEdit(db, ref, 'deleteGrid', { key: input.key }, async (ctx) => {
    await gridRow(ctx, input.key);
    await deleteGridRows(ctx, [input.key]);
    return { key: input.key };
  });
}
