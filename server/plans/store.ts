/**
 * The plans' query home: a plan is a street's draft (grid_draft) once it enters the workflow, so its
 * row, its lock and its lists are read here, and nowhere else.
 */
import { localized } from '@/geo/text/localized-text';
import { effectiveState, isPlanState, type EffectivePlanState, type PlanState } from '@/geo/plans/plan-states';
import type { Executor } from '../db';
import type { Scope } from '../auth/policy';
import { scopePatterns } from '../auth/policy';
import { codeMatchesSql } from '../data/sql';
import { PlanError } from './errors';

export interface PlanRow {
  id: number;
  streetId: number;
  streetCode: string;
  streetName: string;
  districtId: number;
  districtCode: string;
  districtName: string;
  cityId: number;
  status: PlanState;
  version: number;
  authorId: number | null;
  authorName: string;
  basedOn: Date | null;
  submittedAt: Date | null;
  filingNumber: string | null;
  filedAt: Date | null;
  effectiveFrom: Date | null;
  updatedAt: Date;
}

const PLAN_COLUMNS = `d.id, d.street_id, s.code::text AS street_code, s.name AS street_name, s.district_id,
  di.code::text AS district_code, di.name AS district_name, di.city_id, d.status, d.version, d.author_id, d.author,
  d.based_on, d.submitted_at, d.filing_number, d.filed_at, d.effective_from, d.updated_at`;
const PLAN_FROM = `grid_draft d JOIN street s ON s.id = d.street_id JOIN district di ON di.id = s.district_id`;

interface RawPlan {
  id: number; street_id: number; street_code: string; street_name: string; district_id: number; district_code: string;
  district_name: string; city_id: number; status: string; version: number; author_id: number | null; author: string;
  based_on: Date | null; submitted_at: Date | null; filing_number: string | null; filed_at: Date | null;
  effective_from: Date | null; updated_at: Date;
}

function toPlan(r: RawPlan): PlanRow {
  if (!isPlanState(r.status)) throw new Error(`unknown plan state ${r.status}`);
  return {
    id: r.id, streetId: r.street_id, streetCode: r.street_code, streetName: r.street_name, districtId: r.district_id,
    districtCode: r.district_code, districtName: r.district_name, cityId: r.city_id, status: r.status, version: r.version,
    authorId: r.author_id, authorName: r.author, basedOn: r.based_on, submittedAt: r.submitted_at, filingNumber: r.filing_number,
    filedAt: r.filed_at, effectiveFrom: r.effective_from, updatedAt: r.updated_at,
  };
}

export async function planById(db: Executor, draftId: number): Promise<PlanRow | null> {
  const [r] = await db.query<RawPlan>(`SELECT ${PLAN_COLUMNS} FROM ${PLAN_FROM} WHERE d.id = $1`, [draftId]);
  return r ? toPlan(r) : null;
}

/**
 * Locks the plan for a write and checks the version the caller saw: of 50 writers who all saw version
 * n, the first to take the lock writes n+1, the other 49 find n+1 and are refused as stale.
 */
export async function lockPlan(tx: Executor, draftId: number, expectedVersion: number): Promise<PlanRow> {
  const [r] = await tx.query<RawPlan>(`SELECT ${PLAN_COLUMNS} FROM ${PLAN_FROM} WHERE d.id = $1 FOR UPDATE OF d`, [draftId]);
  if (!r) throw new PlanError('PLAN_NOT_FOUND', String(draftId));
  if (r.version !== expectedVersion) {
    throw new PlanError('PLAN_STALE_VERSION', localized(`您看到的是第 ${expectedVersion} 版，当前为第 ${r.version} 版`, `expected ${expectedVersion}, current ${r.version}`));
  }
  return toPlan(r);
}

/** Bumps the plan's version (every write does), setting the given columns too. */
export async function bumpPlan(tx: Executor, draftId: number, set: Record<string, unknown> = {}): Promise<number> {
  const columns = Object.keys(set);
  const assignments = columns.map((c, i) => `${c} = $${i + 2}`);
  const [row] = await tx.query<{ version: number }>(
    `UPDATE grid_draft SET ${['version = version + 1', 'updated_at = now()', ...assignments].join(', ')} WHERE id = $1 RETURNING version`,
    [draftId, ...columns.map((c) => set[c])],
  );
  return row!.version;
}

/**
 * The users who shaped the plan: who opened it, who edited it, who submitted it. The reviewer and the
 * filer must be none of them.
 */
export async function isPlanAuthor(db: Executor, draftId: number, userId: number): Promise<boolean> {
  const [r] = await db.query<{ yes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM grid_draft WHERE id = $1 AND author_id = $2)
         OR EXISTS (SELECT 1 FROM grid_draft_edit WHERE draft_id = $1 AND author_id = $2)
         OR EXISTS (SELECT 1 FROM plan_log WHERE draft_id = $1 AND actor_id = $2 AND action = 'submit') AS yes`,
    [draftId, userId],
  );
  return r!.yes;
}

/** What every view of a plan says about it: which street's, where it stands, who drew it. */
export interface PlanIdentity {
  draftId: number;
  streetId: number;
  streetCode: string;
  streetName: string;
  districtName: string;
  state: PlanState;
  effectiveState: EffectivePlanState;
  version: number;
  authorName: string;
  submittedAt: string | null;
}

export interface PlanSummary extends PlanIdentity {
  updatedAt: string;
  filingNumber: string | null;
  effectiveFrom: string | null;
  grids: number;
  openComments: number;
}

export interface PlanQueueFilter {
  states?: PlanState[];
  streetId?: number;
}

/** The plans of the streets in `scope`, newest first, with a count per state (before the state filter). */
export async function listPlans(
  db: Executor,
  scope: Scope,
  filter: PlanQueueFilter,
  at: Date,
): Promise<{ plans: PlanSummary[]; counts: Partial<Record<PlanState, number>> }> {
  const within = scope.all ? null : scopePatterns(scope);
  // Drafts never submitted are the street's own business: a queue lists plans that entered the workflow.
  const base = `FROM ${PLAN_FROM} WHERE ${codeMatchesSql('s.code', '$1')} AND (d.status <> 'editing' OR d.submitted_at IS NOT NULL)
                AND ($2::int IS NULL OR d.street_id = $2)`;
  const counted = await db.query<{ status: PlanState; n: number }>(`SELECT d.status, count(*)::int AS n ${base} GROUP BY d.status`, [within, filter.streetId ?? null]);
  const rows = await db.query<RawPlan & { grids: number; open_comments: number }>(
    `SELECT ${PLAN_COLUMNS},
            (SELECT count(*)::int FROM grid_draft_grid g WHERE g.draft_id = d.id) AS grids,
            (SELECT count(*)::int FROM plan_comment c WHERE c.draft_id = d.id AND c.parent_id IS NULL AND c.resolved_at IS NULL) AS open_comments
       ${base} AND ($3::text[] IS NULL OR d.status = ANY ($3::text[]))
      ORDER BY d.updated_at DESC, d.id DESC LIMIT 500`,
    [within, filter.streetId ?? null, filter.states?.length ? filter.states : null],
  );
  return {
    counts: Object.fromEntries(counted.map((c) => [c.status, c.n])),
    plans: rows.map((r) => {
      const p = toPlan(r);
      return {
        draftId: p.id, streetId: p.streetId, streetCode: p.streetCode, streetName: p.streetName, districtName: p.districtName,
        state: p.status, effectiveState: effectiveState(p.status, p.effectiveFrom, at), version: p.version, authorName: p.authorName,
        submittedAt: p.submittedAt?.toISOString() ?? null, updatedAt: p.updatedAt.toISOString(), filingNumber: p.filingNumber,
        effectiveFrom: p.effectiveFrom?.toISOString() ?? null, grids: r.grids, openComments: r.open_comments,
      };
    }),
  };
}
