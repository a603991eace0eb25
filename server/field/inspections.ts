/**
 * Key-site inspections (重点场所巡查): each category of site has an interval (a hazardous-chemicals site
 * monthly); a site whose last inspection is older than that, or that was never inspected, is overdue.
 * A grid worker records an inspection of a site in their grids; an issue found is filed as a case.
 */
import type { Actor } from '../auth/actor';
import { codeInScope, scopeOf, scopePatterns, type Scope } from '../auth/policy';
import type { Db, Executor } from '../db';
import { gridsInForce } from '../data/grids';
import { reportIncident } from '../incidents/intake';
import { ownWorkerId } from './duty';
import { FieldError } from './errors';

export interface InspectionDue {
  keySiteId: number;
  name: string;
  category: string;
  riskLevel: number;
  gridCode: string | null;
  intervalDays: number;
  lastAt: Date | null;
  /** Null for a site never inspected (overdue from the start). */
  dueAt: Date | null;
  overdue: boolean;
  point: [number, number];
}

/** The key sites of the scope with their next inspection, overdue first. */
export async function inspectionsDue(db: Executor, scope: Scope, at: Date, opts: { overdueOnly?: boolean; limit: number }): Promise<InspectionDue[]> {
  const rows = await db.query<{
    id: number; name: string; category: string; risk_level: number; grid_code: string | null; interval_days: number; last_at: Date | null; due_at: Date | null; lon: number; lat: number;
  }>(
    `WITH s AS (
       SELECT k.id, k.name, k.category, k.risk_level, r.interval_days, ST_PointOnSurface(k.geom) AS p,
              (SELECT max(i.at) FROM key_site_inspection i WHERE i.key_site_id = k.id) AS last_at
         FROM key_site k JOIN key_site_inspection_rule r ON r.category = k.category),
     g AS (
       SELECT s.*, (SELECT g.code FROM ${gridsInForce('$1')} g WHERE g.geom && s.p AND ST_Intersects(g.geom, s.p) ORDER BY g.code LIMIT 1) AS grid_code
         FROM s)
     SELECT id, name, category, risk_level, grid_code, interval_days, last_at,
            last_at + make_interval(days => interval_days) AS due_at, ST_X(p) AS lon, ST_Y(p) AS lat
       FROM g
      WHERE ($2::text[] IS NULL OR grid_code LIKE ANY ($2::text[]))
        AND (NOT $3::bool OR last_at IS NULL OR last_at + make_interval(days => interval_days) < $1::timestamptz)
      -- Never inspected first, then by when the next inspection is due (the most overdue first).
      ORDER BY last_at IS NOT NULL, last_at + make_interval(days => interval_days), id LIMIT $4::int`,
    [at, scopePatterns(scope), opts.overdueOnly ?? false, opts.limit],
  );
  return rows.map((r) => ({
    keySiteId: r.id, name: r.name, category: r.category, riskLevel: r.risk_level, gridCode: r.grid_code, intervalDays: r.interval_days,
    lastAt: r.last_at, dueAt: r.due_at, overdue: r.due_at === null || r.due_at.getTime() < at.getTime(), point: [r.lon, r.lat],
  }));
}

export interface InspectionInput {
  keySiteId: number;
  result: 'ok' | 'issue';
  note: string;
  /** For an issue: the case to file (category and severity). */
  issue?: { categoryCode: string; severity: number };
}

/** Records the caller's inspection (and files the issue found as a case at the site). */
export async function recordInspection(db: Db, actor: Actor, input: InspectionInput, at: Date): Promise<{ id: number; incidentId: number | null }> {
  const workerId = ownWorkerId(actor);
  if (input.result === 'issue' && (!input.note.trim() || !input.issue)) throw new FieldError('INSPECTION_ISSUE_NEEDS_DETAILS');
  const [site] = await db.query<{ grid_code: string | null }>(
    `SELECT (SELECT g.code FROM ${gridsInForce('$2')} g, (SELECT ST_PointOnSurface(geom) AS p FROM key_site WHERE id = $1) k
              WHERE g.geom && k.p AND ST_Intersects(g.geom, k.p) ORDER BY g.code LIMIT 1) AS grid_code
       FROM key_site WHERE id = $1`,
    [input.keySiteId, at],
  );
  if (!site) throw new FieldError('KEY_SITE_NOT_FOUND', String(input.keySiteId));
  const scope = scopeOf(actor, 'incident_handle');
  if (!site.grid_code || !codeInScope(scope, site.grid_code)) throw new FieldError('KEY_SITE_NOT_IN_YOUR_GRIDS');
  return db.transaction(async (tx) => {
    let incidentId: number | null = null;
    if (input.result === 'issue' && input.issue) {
      const reported = await reportIncident(tx, { kind: 'user', actor, scope: scopeOf(actor, 'incident_report')! }, {
        categoryCode: input.issue.categoryCode,
        description: input.note,
        severity: input.issue.severity,
        place: { kind: 'key_site', keySiteId: input.keySiteId },
        source: 'patrol',
      }, at);
      incidentId = reported.id;
    }
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO key_site_inspection (key_site_id, worker_id, author_id, at, result, note, incident_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [input.keySiteId, workerId, actor.userId, at, input.result, input.note, incidentId],
    );
    return { id: row!.id, incidentId };
  });
}
