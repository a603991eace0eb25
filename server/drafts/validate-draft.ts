import type { Db } from '../db';
import { validateGridSet } from '../topology/engine';
import type { TopologyReport } from '../topology/finding-codes';
import { draftCandidates } from './draft-candidates';
import { DraftError } from './errors';

/**
 * The topology report of a street's draft: its grids against ALL of the street's communities (a
 * community left without grids is a gap) and against the grids in force around it (an overlap with the
 * neighbouring street is found here, not after filing). Read-only: one transaction, nothing written.
 */
export async function validateDraft(db: Db, draftId: number): Promise<TopologyReport> {
  return db.transaction(async (tx) => {
    const [draft] = await tx.query<{ street_id: number }>('SELECT street_id FROM grid_draft WHERE id = $1', [draftId]);
    if (!draft) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
    const communities = await tx.query<{ code: string }>('SELECT code FROM community WHERE street_id = $1 ORDER BY code', [draft.street_id]);
    return validateGridSet(tx, {
      grids: await draftCandidates(tx, draftId),
      parent: { kind: 'communities', communityCodes: communities.map((c) => c.code) },
      neighbours: 'in-force',
    });
  });
}
