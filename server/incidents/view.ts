/**
 * Reading cases: one case with its whole history (for the command centre's panel and the worker's
 * phone), the lists behind the map's feed and the worker's "my cases", and the KPI tiles. Every read is
 * narrowed to the caller's incidents scope; the reporter's name and phone and the photos only to those
 * holding personal data over the case's grid, or handling it.
 */
import { actionsFrom, CLOSED_STATES, INCIDENT_ACTIONS, INCIDENT_STATES, type IncidentAction, type IncidentState } from '@/geo/incidents/incident-states';
import { startOfChinaDay, chinaDayOf } from '@/geo/time/china-day';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import type { Actor } from '../auth/actor';
import { codeInScope, scopeOf, scopePatterns, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { gridName } from '../data/grids';
import { closedIncidentSql, overdueIncidentSql } from '../data/incidents';
import { codeMatchesSql, literalList } from '../data/sql';
import { holdsDuty } from './duties';
import { IncidentError } from './errors';
import { incidentFacts, incidentInScope, workerIdsOf } from './store';

/** SQL predicate: the case aliased `i` lies in the scope given as code patterns ($p) and worker ids ($w). */
export const incidentScopeSql = (alias: string, patterns: string, workers: string) =>
  `(${patterns}::text[] IS NULL OR ${alias}.grid_code LIKE ANY (${patterns}::text[])
    OR EXISTS (SELECT 1 FROM incident_assignment sa WHERE sa.incident_id = ${alias}.id AND sa.ended_at IS NULL AND sa.worker_id = ANY (${workers}::int[])))`;

export const scopeParams = (scope: Scope): [string[] | null, number[]] => [scopePatterns(scope), scope.all ? [] : scope.workerIds];

export interface IncidentEventView {
  id: number;
  at: Date;
  action: string;
  from: IncidentState | null;
  to: IncidentState | null;
  actorKind: 'user' | 'partner' | 'public' | 'system';
  actorName: string;
  note: string;
  detail: Record<string, unknown>;
  photoIds: number[];
}

export interface IncidentView {
  id: number;
  code: string;
  version: number;
  class: 'component' | 'event';
  category: { code: string; name: LocalizedText };
  department: { code: string; name: LocalizedText } | null;
  status: IncidentState;
  severity: number;
  source: string;
  description: string;
  addressText: string;
  addressId: number | null;
  keySiteId: number | null;
  grid: { code: string; name: string } | null;
  gridWorker: { id: number; name: string } | null;
  handler: { workerId: number | null; name: string | null; rule: string; reason: string; assignedAt: Date } | null;
  point: [number, number];
  reportedAt: Date;
  dispatchedAt: Date | null;
  dueAt: Date | null;
  stageDueAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
  reopenedCount: number;
  evaluation: number | null;
  notAcceptedReason: string;
  /** Personal data: null unless the caller may see it. */
  reporter: { name: string; phone: string } | null;
  /** Whether the caller may see the photos (their ids are in the history). */
  photosVisible: boolean;
  history: IncidentEventView[];
  /** The moves this caller can make now (the server re-checks each). */
  actions: IncidentAction[];
}

export async function getIncident(db: Executor, actor: Actor, id: number, at: Date): Promise<IncidentView> {
  const lock = await incidentFacts(db, id);
  if (!incidentInScope(scopeOf(actor, 'incidents'), lock)) throw new IncidentError('INCIDENT_NOT_FOUND', String(id));
  const [i] = await db.query<{
    id: number; code: string; version: number; class: 'component' | 'event'; category: string; cat_zh: string; cat_en: string;
    department_code: string | null; dept_zh: string | null; dept_en: string | null; status: IncidentState; severity: number; source: string;
    description: string; address_text: string; address_id: number | null; key_site_id: number | null; grid_code: string | null;
    grid_worker_id: number | null; grid_worker_name: string | null; lon: number; lat: number; reported_at: Date; dispatched_at: Date | null;
    due_at: Date | null; stage_due_at: Date | null; closed_at: Date | null; overdue: boolean; escalation_level: number; reopened_count: number;
    evaluation: number | null; not_accepted_reason: string; reporter_name: string; reporter_phone: string;
  }>(
    `SELECT i.id, i.code, i.version, i.class, i.category, c.name_zh AS cat_zh, c.name_en AS cat_en, i.department_code,
            d.name_zh AS dept_zh, d.name_en AS dept_en, i.status, i.severity, i.source, i.description, i.address_text, i.address_id,
            i.key_site_id, i.grid_code, i.grid_worker_id, w.name AS grid_worker_name, ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat,
            i.reported_at, i.dispatched_at, i.due_at, i.stage_due_at, i.closed_at, ${overdueIncidentSql('i', '$2')} AS overdue,
            i.escalation_level, i.reopened_count, i.evaluation, i.not_accepted_reason, i.reporter_name, i.reporter_phone
       FROM incident i JOIN incident_category c ON c.code = i.category
       LEFT JOIN department d ON d.code = i.department_code
       LEFT JOIN grid_worker w ON w.id = i.grid_worker_id
      WHERE i.id = $1`,
    [id, at],
  );
  const [assignment] = await db.query<{ worker_id: number | null; name: string | null; rule: string; reason: string; assigned_at: Date }>(
    `SELECT a.worker_id, w.name, a.rule, a.reason, a.assigned_at FROM incident_assignment a LEFT JOIN grid_worker w ON w.id = a.worker_id
      WHERE a.incident_id = $1 ORDER BY a.ended_at IS NULL DESC, a.id DESC LIMIT 1`,
    [id],
  );
  const events = await db.query<{
    id: number; at: Date; action: string; from_status: IncidentState | null; to_status: IncidentState | null; actor_kind: IncidentEventView['actorKind'];
    actor_name: string; note: string; detail: Record<string, unknown>; photo_ids: number[] | null;
  }>(
    `SELECT e.id, e.at, e.action, e.from_status, e.to_status, e.actor_kind, e.actor_name, e.note, e.detail,
            (SELECT array_agg(p.id ORDER BY p.id) FROM incident_photo p WHERE p.event_id = e.id) AS photo_ids
       FROM incident_event e WHERE e.incident_id = $1 ORDER BY e.id`,
    [id],
  );
  const personal = mayReadPersonal(actor, lock);
  const actions = actionsFrom(i!.status).filter((a) => holdsDuty(actor, INCIDENT_ACTIONS[a].duty, lock));
  return {
    id: i!.id,
    code: i!.code,
    version: i!.version,
    class: i!.class,
    category: { code: i!.category, name: localized(i!.cat_zh, i!.cat_en) },
    department: i!.department_code ? { code: i!.department_code, name: localized(i!.dept_zh!, i!.dept_en!) } : null,
    status: i!.status,
    severity: i!.severity,
    source: i!.source,
    description: i!.description,
    addressText: i!.address_text,
    addressId: i!.address_id,
    keySiteId: i!.key_site_id,
    grid: i!.grid_code ? { code: i!.grid_code, name: (await gridName(db, i!.grid_code, i!.reported_at)) ?? '' } : null,
    gridWorker: i!.grid_worker_id ? { id: i!.grid_worker_id, name: i!.grid_worker_name ?? '' } : null,
    handler: assignment ? { workerId: assignment.worker_id, name: assignment.name, rule: assignment.rule, reason: assignment.reason, assignedAt: assignment.assigned_at } : null,
    point: [i!.lon, i!.lat],
    reportedAt: i!.reported_at,
    dispatchedAt: i!.dispatched_at,
    dueAt: i!.due_at,
    stageDueAt: i!.stage_due_at,
    closedAt: i!.closed_at,
    overdue: i!.overdue,
    escalationLevel: i!.escalation_level,
    reopenedCount: i!.reopened_count,
    evaluation: i!.evaluation,
    notAcceptedReason: i!.not_accepted_reason,
    reporter: personal ? { name: i!.reporter_name, phone: i!.reporter_phone } : null,
    photosVisible: personal,
    history: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      actorKind: e.actor_kind,
      actorName: e.actor_name,
      note: e.note,
      detail: e.detail,
      photoIds: personal ? (e.photo_ids ?? []) : [],
    })),
    actions,
  };
}

/** Personal data of a case (reporter, photos): over its grid by the personal-data scope, or to its handler and verifier. */
export function mayReadPersonal(actor: Actor, c: { gridCode: string | null; handlerWorkerId: number | null; gridWorkerId: number | null }): boolean {
  const scope = scopeOf(actor, 'personal_data');
  if (!scope) return false;
  if (scope.all || (c.gridCode && codeInScope(scope, c.gridCode))) return true;
  const mine = workerIdsOf(actor);
  return (c.handlerWorkerId !== null && mine.includes(c.handlerWorkerId)) || (c.gridWorkerId !== null && mine.includes(c.gridWorkerId));
}

export interface IncidentListItem {
  id: number;
  code: string;
  category: string;
  status: IncidentState;
  severity: number;
  gridCode: string | null;
  addressText: string;
  description: string;
  reportedAt: Date;
  stageDueAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
  handlerWorkerId: number | null;
  point: [number, number];
}

export interface ListFilter {
  states?: readonly IncidentState[];
  categories?: readonly string[];
  /** Only cases under this area code (district, street, community or grid). */
  areaCode?: string;
  since?: Date;
  until?: Date;
  overdueOnly?: boolean;
  /** Only cases dispatched to, or to be verified by, the caller's own worker record. */
  mine?: boolean;
  /** Cases with an id below this (paging, newest first). */
  before?: number;
  limit: number;
}

export async function listIncidents(db: Executor, actor: Actor, scope: Scope, f: ListFilter, at: Date): Promise<IncidentListItem[]> {
  const [patterns, workers] = scopeParams(scope);
  const mine = workerIdsOf(actor);
  const rows = await db.query<{
    id: number; code: string; category: string; status: IncidentState; severity: number; grid_code: string | null; address_text: string;
    description: string; reported_at: Date; stage_due_at: Date | null; overdue: boolean; escalation_level: number; handler: number | null; lon: number; lat: number;
  }>(
    `SELECT i.id, i.code, i.category, i.status, i.severity, i.grid_code, i.address_text, i.description, i.reported_at, i.stage_due_at,
            ${overdueIncidentSql('i', '$1')} AS overdue, i.escalation_level,
            (SELECT a.worker_id FROM incident_assignment a WHERE a.incident_id = i.id AND a.ended_at IS NULL) AS handler,
            ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
       FROM incident i
      WHERE ${incidentScopeSql('i', '$2', '$3')}
        AND ($4::text[] IS NULL OR i.status = ANY ($4::text[]))
        AND ($5::text[] IS NULL OR i.category = ANY ($5::text[]))
        AND ($6::text IS NULL OR i.grid_code LIKE $6::text || '%')
        AND ($7::timestamptz IS NULL OR i.reported_at >= $7::timestamptz)
        AND ($8::timestamptz IS NULL OR i.reported_at < $8::timestamptz)
        AND (NOT $9::bool OR ${overdueIncidentSql('i', '$1')})
        AND ($10::int[] IS NULL OR i.grid_worker_id = ANY ($10::int[])
             OR EXISTS (SELECT 1 FROM incident_assignment m WHERE m.incident_id = i.id AND m.ended_at IS NULL AND m.worker_id = ANY ($10::int[])))
        AND ($11::bigint IS NULL OR i.id < $11::bigint)
      ORDER BY i.id DESC LIMIT $12::int`,
    [
      at, patterns, workers, f.states ?? null, f.categories ?? null, f.areaCode ?? null, f.since ?? null, f.until ?? null, f.overdueOnly ?? false,
      f.mine ? mine : null, f.before ?? null, f.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id, code: r.code, category: r.category, status: r.status, severity: r.severity, gridCode: r.grid_code, addressText: r.address_text,
    description: r.description, reportedAt: r.reported_at, stageDueAt: r.stage_due_at, overdue: r.overdue, escalationLevel: r.escalation_level,
    handlerWorkerId: r.handler, point: [r.lon, r.lat],
  }));
}

export interface IncidentKpis {
  day: string;
  newToday: number;
  closedToday: number;
  openNow: number;
  overdueNow: number;
  /** Of the cases handled today, the share handled within their time limit (null when none). */
  onTimeRate: number | null;
}

/** The KPI tiles of the command centre, for the China day of `at`, within the scope. */
export async function incidentKpis(db: Executor, scope: Scope, at: Date, areaCode?: string): Promise<IncidentKpis> {
  const [patterns, workers] = scopeParams(scope);
  const day = chinaDayOf(at);
  const start = startOfChinaDay(day);
  const [r] = await db.query<{ new_today: number; closed_today: number; open_now: number; overdue_now: number; handled: number; on_time: number }>(
    `SELECT count(*) FILTER (WHERE i.reported_at >= $2 AND i.reported_at <= $1)::int AS new_today,
            count(*) FILTER (WHERE i.closed_at >= $2 AND i.closed_at <= $1 AND i.status IN (${literalList(CLOSED_STATES)}))::int AS closed_today,
            count(*) FILTER (WHERE NOT ${closedIncidentSql('i')})::int AS open_now,
            count(*) FILTER (WHERE ${overdueIncidentSql('i', '$1')})::int AS overdue_now,
            count(*) FILTER (WHERE i.handled_at >= $2 AND i.handled_at <= $1 AND i.due_at IS NOT NULL)::int AS handled,
            count(*) FILTER (WHERE i.handled_at >= $2 AND i.handled_at <= $1 AND i.due_at IS NOT NULL AND i.handled_at <= i.due_at)::int AS on_time
       FROM incident i
      WHERE ${incidentScopeSql('i', '$3', '$4')} AND ${codeMatchesSql('i.grid_code', '$5')}
        AND (i.reported_at >= $2 OR i.closed_at >= $2 OR i.handled_at >= $2 OR NOT ${closedIncidentSql('i')})`,
    [at, start, patterns, workers, areaCode ? [`${areaCode}%`] : null],
  );
  return {
    day,
    newToday: r!.new_today,
    closedToday: r!.closed_today,
    openNow: r!.open_now,
    overdueNow: r!.overdue_now,
    onTimeRate: r!.handled > 0 ? r!.on_time / r!.handled : null,
  };
}

/** The states a list may filter by (for the router's input). */
export const LISTABLE_STATES = INCIDENT_STATES;
