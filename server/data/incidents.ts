/**
 * The incidents' query home, and the SQL forms of the incident rules of geo/incidents/incident-states.ts
 * (the only definition of which states are closed and when a case is overdue).
 */
import { CLOSED_STATES, CLOSED_WORKLOAD_WEIGHT, STAGED_STATES, type IncidentState } from '@/geo/incidents/incident-states';
import type { Executor } from '../db';
import { gridName, gridsInForce } from './grids';
import { literalList } from './sql';

/** SQL predicate: the incident aliased `alias` is over (closed, evaluated or rejected). */
export const closedIncidentSql = (alias: string) => `${alias}.status IN (${literalList(CLOSED_STATES)})`;

/** SQL predicate: the incident aliased `alias` is still open. */
export const openIncidentSql = (alias: string) => `NOT ${closedIncidentSql(alias)}`;

/**
 * SQL predicate: the incident is overdue at the timestamptz `atParam`: the deadline of the stage it is in
 * (stage_due_at, set by the loop from its category's limits) has passed, and the case is not over.
 */
export const overdueIncidentSql = (alias: string, atParam: string) =>
  `(${alias}.stage_due_at IS NOT NULL AND ${alias}.stage_due_at < ${atParam}::timestamptz AND ${alias}.status IN (${literalList(STAGED_STATES)}))`;

/** SQL expression: the incident's weight in the density view. */
export const workloadWeightSql = (alias: string) =>
  `(CASE WHEN ${closedIncidentSql(alias)} THEN ${CLOSED_WORKLOAD_WEIGHT} ELSE 1 END)`;

export interface IncidentSummary {
  id: number;
  code: string;
  class: 'component' | 'event';
  category: string;
  status: IncidentState;
  reportedAt: Date;
  overdue: boolean;
}

/** Open and overdue cases of a grid code at `at`. */
export async function incidentCountsOfGrid(db: Executor, gridCode: string, at: Date): Promise<{ open: number; overdue: number }> {
  const [r] = await db.query<{ open: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE ${openIncidentSql('i')})::int AS open,
            count(*) FILTER (WHERE ${overdueIncidentSql('i', '$2')})::int AS overdue
       FROM incident i WHERE i.grid_code = $1`,
    [gridCode, at],
  );
  return r!;
}

/** The latest cases of a grid code, newest first. */
export async function recentIncidentsOfGrid(db: Executor, gridCode: string, at: Date, limit: number): Promise<IncidentSummary[]> {
  const rows = await db.query<{
    id: number; code: string; class: 'component' | 'event'; category: string; status: IncidentState; reported_at: Date; overdue: boolean;
  }>(
    `SELECT i.id, i.code, i.class, i.category, i.status, i.reported_at, ${overdueIncidentSql('i', '$2')} AS overdue
       FROM incident i WHERE i.grid_code = $1
      ORDER BY i.reported_at DESC LIMIT $3::int`,
    [gridCode, at, limit],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, class: r.class, category: r.category, status: r.status, reportedAt: r.reported_at, overdue: r.overdue }));
}

/** Open cases whose grid (at `at`) lies in these communities. */
export async function openIncidentsInCommunities(db: Executor, communityIds: readonly number[], at: Date): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM incident i JOIN ${gridsInForce('$2')} g ON g.code = i.grid_code
      WHERE g.community_id = ANY ($1::int[]) AND ${openIncidentSql('i')}`,
    [communityIds, at],
  );
  return r!.n;
}

export interface IncidentRow {
  id: number;
  code: string;
  class: 'component' | 'event';
  category: string;
  status: IncidentState;
  source: string;
  description: string;
  grid: { code: string; name: string } | null;
  reportedAt: Date;
  dispatchedAt: Date | null;
  dueAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  escalated: boolean;
  point: [number, number];
}

/** One case, with the name its grid had when it was reported. */
export async function incidentById(db: Executor, id: number, at: Date): Promise<IncidentRow | null> {
  const [i] = await db.query<{
    id: number; code: string; class: 'component' | 'event'; category: string; status: IncidentState; source: string; description: string;
    grid_code: string | null; reported_at: Date; dispatched_at: Date | null; due_at: Date | null; closed_at: Date | null; overdue: boolean;
    escalated: boolean; lon: number; lat: number;
  }>(
    `SELECT i.id, i.code, i.class, i.category, i.status, i.source, i.description, i.grid_code,
            i.reported_at, i.dispatched_at, i.due_at, i.closed_at, ${overdueIncidentSql('i', '$2')} AS overdue, i.escalated,
            ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
       FROM incident i WHERE i.id = $1`,
    [id, at],
  );
  if (!i) return null;
  const name = i.grid_code ? await gridName(db, i.grid_code, i.reported_at) : null;
  return {
    id: i.id,
    code: i.code,
    class: i.class,
    category: i.category,
    status: i.status,
    source: i.source,
    description: i.description,
    grid: i.grid_code ? { code: i.grid_code, name: name ?? '' } : null,
    reportedAt: i.reported_at,
    dispatchedAt: i.dispatched_at,
    dueAt: i.due_at,
    closedAt: i.closed_at,
    overdue: i.overdue,
    escalated: i.escalated,
    point: [i.lon, i.lat],
  };
}
