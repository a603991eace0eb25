import type { CheckContext } from '../context';
import { FINDING_CODES as F } from '../finding-codes';
import { messages } from '../messages';

/**
 * Grids in force: a community with none is "not gridded yet" (its plan is still to come), reported once
 * as a warning, and its gaps and addresses are not checked. Returns those parents.
 */
export async function reportUngridded(ctx: CheckContext): Promise<Set<number>> {
  const rows = await ctx.tx.query<{ id: number; code: string; name: string; addresses: number; households: number }>(
    `SELECT p.id, p.code, p.name,
            (SELECT count(*) FROM standard_address a WHERE a.community_id = p.community_id)::int AS addresses,
            (SELECT coalesce(sum(a.households), 0) FROM standard_address a WHERE a.community_id = p.community_id)::int AS households
     FROM topo_parent p WHERE NOT EXISTS (SELECT 1 FROM topo_cand c WHERE c.parent_id = p.id)
     ORDER BY p.code`,
  );
  for (const r of rows) {
    ctx.out.add({
      code: F.communityUngridded, severity: 'warning', gridKeys: [], geometry: null, communityCode: r.code, households: r.households,
      message: messages.communityUngridded(r.name, r.code, r.addresses, r.households),
    });
  }
  return new Set(rows.map((r) => r.id));
}
