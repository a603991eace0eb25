import type { Executor } from '../db';
import { validateGridSet } from '../topology/pipeline';
import type { TopologyReport } from '../topology/finding-codes';
import { draftCandidates } from './draft-candidates';
import { DraftError } from './errors';
import { draftStreet } from './store';

/**
 * The topology report of a street's draft: its grids against ALL of the street's communities (a
 * community left without grids is a gap) and against the grids in force at `at` around it (an overlap
 * with the neighbouring street is found here, not after filing). Read-only: one transaction, nothing written.
 */
export async function validateDraft(db: Executor, draftId: number, at: Date = new Date()): Promise<TopologyReport> {
  return db.transaction(async (tx) => {
    const street = await draftStreet(tx, draftId);
    if (!street) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
    const communities = await tx.query<{ code: string }>('SELECT code FROM community WHERE street_id = $1 ORDER BY code', [street.streetId]);
    return validateGridSet(tx, {
      grids: await draftCandidates(tx, draftId),
      parent: { kind: 'communities', communityCodes: communities.map((c) => c.code) },
      neighbours: 'in-force',
      at,
    });
  });
}
