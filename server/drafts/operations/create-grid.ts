import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { addGrid, checkAttributes, communityOfStreet, communityOverlappingMost, shareVerticesWithNeighbours, type GridAttributes } from '../draft-grids';
import { buildGeometry, parsePolygon } from '../precision';
import type { DraftRef } from '../store';

/** Draws a new grid. Its community is the given one, else the street's community it overlaps most. */
export async function createGrid(
  db: Executor,
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
    const community = a.communityId !== undefined ? await communityOfStreet(ctx, { id: a.communityId }) : await communityOverlappingMost(ctx, wkb);
    const added = await addGrid(ctx, community, { wkb, name: a.name, kind, dedicatedType, responsibleUnit: a.responsibleUnit, notes: a.notes });
    // Points snapped onto a neighbour's edge while drawing become vertices of that neighbour too.
    await shareVerticesWithNeighbours(ctx, added.key, { besideOnly: true });
    return added;
  });
}
