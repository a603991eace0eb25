/**
 * Promoting a scenario (转为草稿方案): its grids become the draft plan of each street concerned, one
 * undoable edit per draft (the grids of the scenario's communities replaced, the street's others left),
 * all streets in one transaction. From there the plan goes through the approval workflow unchanged:
 * the street submits it, the district reviews, the city files. A grid carrying on a grid in force keeps
 * its code, name and responsible unit; a new grid gets its community's next free code.
 */
import { isEditable, type PlanState } from '@/geo/plans/plan-states';
import type { DedicatedType } from '@/geo/topology/grid-candidate';
import type { Actor } from '../auth/actor';
import type { Scope } from '../auth/policy';
import type { Executor } from '../db';
import { replaceCommunityGrids } from '../drafts/operations/replace-community-grids';
import { openDraft } from '../drafts/store';
import { GRID_PRECISION } from '../drafts/precision';
import { PlannerError } from './errors';
import { getScenario } from './scenarios';

export interface PromotedDraft {
  draftId: number;
  streetId: number;
  streetCode: string;
  streetName: string;
  grids: number;
}

export async function promoteScenario(db: Executor, actor: Actor, scope: Scope, id: number, at: Date): Promise<PromotedDraft[]> {
  const scenario = await getScenario(db, actor, scope, id);
  if (!scenario.mine) throw new PlannerError('SCENARIO_NOT_FOUND', String(id));
  if (scenario.status !== 'done') throw new PlannerError('SCENARIO_NOT_DONE');
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ promoted_at: Date | null }>(`SELECT promoted_at FROM rebalance_scenario WHERE id = $1 FOR UPDATE`, [id]);
    if (row?.promoted_at) throw new PlannerError('SCENARIO_ALREADY_PROMOTED');
    const grids = await tx.query<{
      street_id: number; street_code: string; street_name: string; community_id: number; source_grid_id: number | null; code: string | null; name: string | null;
      responsible_unit: string | null; notes: string | null; kind: 'comprehensive' | 'dedicated'; dedicated_type: DedicatedType | null; wkb: string;
    }>(
      `SELECT s.id AS street_id, s.code AS street_code, s.name AS street_name, sg.community_id, sg.source_grid_id, g.code, g.name, g.responsible_unit, g.notes,
              sg.kind, sg.dedicated_type, encode(ST_AsBinary(ST_Multi(ST_CollectionExtract(ST_ReducePrecision(sg.geom, $2::float8), 3))), 'hex') AS wkb
         FROM rebalance_scenario_grid sg JOIN community c ON c.id = sg.community_id JOIN street s ON s.id = c.street_id
         LEFT JOIN grid g ON g.id = sg.source_grid_id
        WHERE sg.scenario_id = $1 ORDER BY s.code, sg.grid_no`,
      [id, GRID_PRECISION],
    );
    // The scenario's communities, grids or none (a community without addresses keeps its grids).
    const communities = await tx.query<{ id: number; street_id: number }>(
      `SELECT DISTINCT c.id, c.street_id FROM community c JOIN rebalance_scenario_grid sg ON sg.community_id = c.id WHERE sg.scenario_id = $1`,
      [id],
    );
    const streets = [...new Map(grids.map((g) => [g.street_id, g])).values()];
    const by = { id: actor.userId, username: actor.username };
    const promoted: PromotedDraft[] = [];
    for (const street of streets) {
      const draft = await openDraft(tx, street.street_id, by, at);
      if (!isEditable(draft.status as PlanState)) throw new PlannerError('STREET_PLAN_OPEN', street.street_name);
      const mine = grids.filter((g) => g.street_id === street.street_id);
      await replaceCommunityGrids(tx, { draftId: draft.draftId, expectedVersion: draft.version, by }, {
        communityIds: communities.filter((c) => c.street_id === street.street_id).map((c) => c.id),
        params: { scenarioId: id, scenario: scenario.name },
        grids: mine.map((g) => ({
          communityId: g.community_id,
          wkb: g.wkb,
          code: g.code ?? undefined,
          name: g.name ?? undefined,
          kind: g.kind,
          dedicatedType: g.dedicated_type,
          responsibleUnit: g.responsible_unit ?? undefined,
          notes: g.notes ?? undefined,
          sourceGridId: g.source_grid_id,
        })),
      });
      promoted.push({ draftId: draft.draftId, streetId: street.street_id, streetCode: street.street_code, streetName: street.street_name, grids: mine.length });
    }
    await tx.execute(
      `UPDATE rebalance_scenario SET promoted_at = $2, promoted_by = $3, promoted_drafts = $4::bigint[], saved = true, updated_at = now() WHERE id = $1`,
      [id, at, actor.userId, promoted.map((p) => p.draftId)],
    );
    return promoted;
  });
}
