/**
 * Read-only look-ups for the street editor: which streets there are to edit, and the communities of one
 * street (for "fill the rest" of a community that has no grid yet, and as snapping targets).
 * The list holds only the streets the caller may edit (the scope of their draft_edit capability).
 */
import type { Executor } from '../db';
import { scopePatterns, type Scope } from '../auth/policy';
import { communitiesOfStreet, listStreets, streetById, type CommunityBoundary, type StreetRow } from '../data/territory';
import { openDraftsByStreet } from '../drafts/store';

export type StreetCommunity = CommunityBoundary;

export interface EditableStreet extends StreetRow {
  /** The street's plan on its way (its draft), if one is open. */
  draftId: number | null;
}

/** The streets of `scope`, in code order (which is district order). */
export async function listEditableStreets(db: Executor, scope: Scope): Promise<EditableStreet[]> {
  const drafts = await openDraftsByStreet(db);
  return (await listStreets(db, scopePatterns(scope))).map((s) => ({ ...s, draftId: drafts.get(s.id) ?? null }));
}

/** The street's communities in code order with their boundaries, and the street's own code and name. */
export async function streetCommunities(
  db: Executor,
  streetId: number,
): Promise<{ street: { id: number; code: string; name: string } | null; communities: StreetCommunity[] }> {
  const street = await streetById(db, streetId);
  if (!street) return { street: null, communities: [] };
  return { street, communities: await communitiesOfStreet(db, streetId) };
}
