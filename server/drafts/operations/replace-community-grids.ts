import type { DedicatedType, GridKind } from '@/geo/topology/grid-candidate';
import type { Executor } from '../../db';
import { communityOfStreet } from '../../data/territory';
import { runEdit, type MutationResult } from '../edit';
import { addGrid, deleteGridRows } from '../draft-grids';
import { DraftError } from '../errors';
import type { DraftRef } from '../store';

export interface ReplacementGrid {
  communityId: number;
  /** Hex WKB on the drafts' 1e-8 grid. */
  wkb: string;
  /** Kept when given (a grid carrying on its code); otherwise the community's next free code. */
  code?: string;
  name?: string;
  kind: GridKind;
  dedicatedType: DedicatedType | null;
  responsibleUnit?: string;
  notes?: string;
  sourceGridId: number | null;
}

/**
 * Replaces every grid of these communities of the draft's street by the given ones, as ONE edit (one
 * undo brings the old ones back): how a planner's scenario becomes the street's draft plan. The grids of
 * the street's other communities stay as they are.
 */
export async function replaceCommunityGrids(
  db: Executor,
  ref: DraftRef,
  input: { communityIds: readonly number[]; grids: readonly ReplacementGrid[]; params: Record<string, unknown> },
): Promise<MutationResult<{ replaced: number; added: { key: string; code: string }[] }>> {
  return runEdit(db, ref, 'replaceCommunityGrids', input.params, async (ctx) => {
    const communities = new Map<number, NonNullable<Awaited<ReturnType<typeof communityOfStreet>>>>();
    for (const id of input.communityIds) {
      const c = await communityOfStreet(ctx.tx, ctx.draft.streetId, { id });
      if (!c) throw new DraftError('COMMUNITY_NOT_IN_STREET', String(id));
      communities.set(id, c);
    }
    const existing = await ctx.tx.query<{ grid_key: string }>(
      'SELECT grid_key FROM grid_draft_grid WHERE draft_id = $1 AND community_id = ANY ($2::int[])',
      [ctx.draft.id, [...communities.keys()]],
    );
    await deleteGridRows(ctx, existing.map((r) => r.grid_key));
    const added: { key: string; code: string }[] = [];
    for (const g of input.grids) {
      const community = communities.get(g.communityId);
      if (!community) throw new DraftError('COMMUNITY_NOT_IN_STREET', String(g.communityId));
      added.push(await addGrid(ctx, community, g));
    }
    return { replaced: existing.length, added };
  });
}
