import { localized } from '@/geo/text/localized-text';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { checkAttributes, gridRow, type GridAttributes } from '../draft-grids';
import { DraftError } from '../errors';
import type { DraftRef } from '../store';

/** Changes a grid's name, kind, dedicated type, responsible unit or notes (what is not given stays). */
export async function setAttributes(db: Executor, ref: DraftRef, input: { key: string; attributes: GridAttributes }): Promise<MutationResult<{ key: string }>> {
  return runEdit(db, ref, 'setAttributes', input, async (ctx) => {
    const g = await gridRow(ctx, input.key);
    const a = input.attributes;
    const kind = a.kind ?? g.kind;
    // Switching to comprehensive drops the dedicated type unless one is given explicitly.
    const dedicatedType = a.dedicatedType !== undefined ? a.dedicatedType : kind === 'comprehensive' ? null : g.dedicated_type;
    checkAttributes({ kind, dedicatedType });
    const name = a.name !== undefined ? a.name.trim() : g.name;
    if (name.length === 0) throw new DraftError('GRID_ATTRIBUTES_INVALID', localized('名称为空', 'name is empty'));
    await ctx.touch([input.key]);
    await ctx.tx.execute(
      `UPDATE grid_draft_grid SET name = $3, kind = $4, dedicated_type = $5, responsible_unit = $6, notes = $7
        WHERE draft_id = $1 AND grid_key = $2`,
      [ctx.draft.id, input.key, name, kind, dedicatedType, a.responsibleUnit ?? g.responsible_unit, a.notes ?? g.notes],
    );
    return { key: input.key };
  });
}
