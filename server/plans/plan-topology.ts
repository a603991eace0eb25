/**
 * A plan's topology at a move: the report of its grids (server/drafts/validate-draft.ts), the warnings
 * the editor has given a reason for, the jurisdiction arrangements it touches, and the digest the plan
 * log records, so a reviewer can tell which grids and findings a step was taken on.
 */
import { createHash } from 'node:crypto';
import { findingKey } from '@/geo/plans/finding-key';
import { isEditable } from '@/geo/plans/plan-states';
import type { Actor } from '../auth/actor';
import type { Db, Executor } from '../db';
import { validateDraft } from '../drafts/validate-draft';
import type { TopologyReport } from '../topology/finding-codes';
import { PlanError } from './errors';
import { bumpPlan, lockPlan } from './store';

export interface WarningReason {
  findingKey: string;
  reason: string;
  authorName: string;
  updatedAt: string;
}

export async function warningReasons(db: Executor, draftId: number): Promise<WarningReason[]> {
  const rows = await db.query<{ finding_key: string; reason: string; author_name: string; updated_at: Date }>(
    'SELECT finding_key, reason, author_name, updated_at FROM plan_warning_reason WHERE draft_id = $1 ORDER BY finding_key',
    [draftId],
  );
  return rows.map((r) => ({ findingKey: r.finding_key, reason: r.reason, authorName: r.author_name, updatedAt: r.updated_at.toISOString() }));
}

export interface PlanTopology {
  report: TopologyReport;
  digest: string;
  blocking: number;
  /** Warnings listed in the report with no reason from the editor. */
  unexplained: string[];
  /** Jurisdiction arrangements the plan's grids reach into that are not yet recorded or resolved. */
  arrangementIds: number[];
}

/** The plan's grids as one digest, bit-exact (geometry as WKB), in key order. */
async function gridsDigest(db: Executor, draftId: number): Promise<string> {
  const [r] = await db.query<{ h: string | null }>(
    `SELECT md5(string_agg(concat_ws('|', grid_key, code, name, kind, dedicated_type, community_id, responsible_unit, notes, md5(ST_AsBinary(geom))), E'\\n' ORDER BY grid_key)) AS h
       FROM grid_draft_grid WHERE draft_id = $1`,
    [draftId],
  );
  return r?.h ?? '';
}

export async function planTopology(tx: Executor, draftId: number, at: Date): Promise<PlanTopology> {
  const report = await validateDraft(tx, draftId, at);
  const reasons = new Set((await warningReasons(tx, draftId)).map((r) => r.findingKey));
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  const unexplained = warnings.map(findingKey).filter((k) => !reasons.has(k));
  // Warnings found but not listed (more of one code than a report lists) cannot be given a reason: they
  // count as unexplained, so such a plan must be fixed, not explained.
  const unlisted = report.warnings - warnings.length;
  if (unlisted > 0) unexplained.push(`+${unlisted}`);
  const arrangementIds = [
    ...new Set(warnings.filter((f) => f.arrangement && f.arrangement.status === 'flagged').map((f) => f.arrangement!.id)),
  ];
  const findings = report.findings.map((f) => `${f.severity}:${findingKey(f)}`).sort();
  const digest = createHash('sha256').update(`${await gridsDigest(tx, draftId)}\n${findings.join('\n')}`).digest('hex');
  return { report, digest, blocking: report.blocking, unexplained, arrangementIds };
}

/** The digest alone, for the moves that need no clean topology (a return, a filing) but still record it. */
export async function planDigest(tx: Executor, draftId: number, at: Date): Promise<Pick<PlanTopology, 'digest' | 'blocking'> & { warnings: number }> {
  const t = await planTopology(tx, draftId, at);
  return { digest: t.digest, blocking: t.blocking, warnings: t.report.warnings };
}

/**
 * The editor writes (or, with an empty text, withdraws) the reason for one of the plan's current
 * warnings. A write of the plan: it bumps the version, and a frozen plan refuses it.
 */
export async function setWarningReason(
  db: Db,
  actor: Actor,
  input: { draftId: number; expectedVersion: number; findingKey: string; reason: string },
  at: Date,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.draftId, input.expectedVersion);
    if (!isEditable(plan.status)) throw new PlanError('PLAN_FROZEN', plan.status);
    const reason = input.reason.trim();
    if (reason) {
      const report = await validateDraft(tx, plan.id, at);
      const current = report.findings.some((f) => f.severity === 'warning' && findingKey(f) === input.findingKey);
      if (!current) throw new PlanError('FINDING_NOT_A_WARNING', input.findingKey.slice(0, 80));
      await tx.execute(
        `INSERT INTO plan_warning_reason (draft_id, finding_key, reason, author_id, author_name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (draft_id, finding_key) DO UPDATE SET reason = EXCLUDED.reason, author_id = EXCLUDED.author_id,
           author_name = EXCLUDED.author_name, updated_at = now()`,
        [plan.id, input.findingKey, reason, actor.userId, actor.username],
      );
    } else {
      await tx.execute('DELETE FROM plan_warning_reason WHERE draft_id = $1 AND finding_key = $2', [plan.id, input.findingKey]);
    }
    return { version: await bumpPlan(tx, plan.id) };
  });
}
