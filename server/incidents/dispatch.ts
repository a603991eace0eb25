/**
 * Smart dispatch (智能派单). The rules, each shown to the operator as the reason of a suggestion:
 * 1. the category decides the department;
 * 2. the case's place decides the grid, and the grid's full-time worker handles it when on duty and not
 *    overloaded;
 * 3. otherwise the nearest available workers by live position (on duty, position fresh, under the load
 *    limit), nearest first;
 * 4. with nobody available, the case goes to the department alone.
 * The operator accepts the first suggestion or chooses another handler with a reason. One case is
 * dispatched once: the case row is locked, the state checked, and a second live assignment is refused
 * by a unique index (20 dispatches at once end with one assignment).
 */
import { CLOCK_RUNNING_STATES, stageDueAt } from '@/geo/incidents/incident-states';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import type { Actor } from '../auth/actor';
import { codeInScope, scopeOf } from '../auth/policy';
import type { Db, Executor } from '../db';
import { workerLoadSql } from '../field/positions';
import { readSettings, type DispatchSettings } from '../settings';
import { categoryByCode } from './categories';
import { commandsCase } from './duties';
import { IncidentError } from './errors';
import { announceIncidentEvents, incidentFacts, lockIncident, recordEvent, userActor, type IncidentLock } from './store';

export type DispatchRule = 'grid_worker' | 'nearest_available' | 'department' | 'override';

export interface Suggestion {
  workerId: number | null;
  workerName: string | null;
  rule: DispatchRule;
  /** Cases in hand now (dispatched or being handled). */
  load: number | null;
  distanceM: number | null;
  reason: LocalizedText;
}

export interface DispatchAdvice {
  department: { code: string; name: LocalizedText; reason: LocalizedText };
  /** Best first; the first is what accepting the suggestion dispatches to. */
  suggestions: Suggestion[];
  /** Why the grid's own worker is not the first suggestion, when they are not. */
  gridWorkerNote: LocalizedText | null;
}

const IN_HAND = workerLoadSql('w');

interface WorkerState {
  id: number;
  name: string;
  on_duty: boolean;
  load: number;
  distance_m: number | null;
  position_fresh: boolean;
  community_code: string;
}

async function gridWorkerState(db: Executor, workerId: number, incidentId: number, at: Date, s: DispatchSettings): Promise<WorkerState | null> {
  const [w] = await db.query<WorkerState>(
    `SELECT w.id, w.name, w.on_duty, ${IN_HAND} AS load, c.code AS community_code,
            CASE WHEN w.position IS NULL THEN NULL ELSE ST_Distance(w.position::geography, i.geom::geography) END AS distance_m,
            coalesce(w.position_at > $3::timestamptz - make_interval(mins => $4::int), false) AS position_fresh
       FROM grid_worker w JOIN community c ON c.id = w.community_id, incident i
      WHERE w.id = $1 AND i.id = $2`,
    [workerId, incidentId, at, s.positionFreshMinutes],
  );
  return w ?? null;
}

/** The nearest available workers to the case, by live position, within the radius. */
async function nearestAvailable(db: Executor, incidentId: number, at: Date, s: DispatchSettings, exclude: number | null, limit: number): Promise<WorkerState[]> {
  return db.query<WorkerState>(
    `WITH i AS (SELECT geom, ST_Expand(geom, $3::float8 / (111320.0 * cos(radians(ST_Y(geom))))) AS near FROM incident WHERE id = $1)
     SELECT * FROM (
       SELECT w.id, w.name, w.on_duty, ${IN_HAND} AS load, c.code AS community_code,
              ST_Distance(w.position::geography, i.geom::geography) AS distance_m, true AS position_fresh
         FROM grid_worker w JOIN community c ON c.id = w.community_id, i
        WHERE w.position && i.near AND w.on_duty AND w.position_at > $2::timestamptz - make_interval(mins => $4::int)
          AND w.id IS DISTINCT FROM $5::int
     ) n
     WHERE n.distance_m <= $3::float8 AND n.load < $6::int
     ORDER BY n.distance_m, n.load, n.id LIMIT $7::int`,
    [incidentId, at, s.nearestRadiusM, s.positionFreshMinutes, exclude, s.maxOpenCases, limit],
  );
}

const metres = (m: number) => `${Math.round(m)}`;

/** The dispatch advice for a case, as the operator reads it. */
export async function dispatchAdvice(db: Executor, c: IncidentLock, at: Date): Promise<DispatchAdvice> {
  const { dispatch: s } = await readSettings(db);
  const category = await categoryByCode(db, c.category, { activeOnly: false });
  const department = {
    code: category.department.code,
    name: category.department.name,
    reason: localized(
      `类别「${category.name['zh-CN']}」由${category.department.name['zh-CN']}处置`,
      `${category.name.en} cases are handled by ${category.department.name.en}`,
    ),
  };
  const suggestions: Suggestion[] = [];
  let gridWorkerNote: LocalizedText | null = null;
  const own = c.gridWorkerId !== null ? await gridWorkerState(db, c.gridWorkerId, c.id, at, s) : null;
  if (own) {
    const available = own.on_duty && own.load < s.maxOpenCases;
    if (available) {
      suggestions.push({
        workerId: own.id,
        workerName: own.name,
        rule: 'grid_worker',
        load: own.load,
        distanceM: own.distance_m,
        reason: localized(
          `事件位于网格 ${c.gridCode}，专职网格员${own.name}在岗，在办 ${own.load} 件`,
          `The case lies in grid ${c.gridCode}; its full-time worker ${own.name} is on duty with ${own.load} case(s) in hand`,
        ),
      });
    } else {
      gridWorkerNote = own.on_duty
        ? localized(`网格员${own.name}在办 ${own.load} 件，已达上限 ${s.maxOpenCases} 件`, `Grid worker ${own.name} has ${own.load} cases in hand, at the limit of ${s.maxOpenCases}`)
        : localized(`网格员${own.name}不在岗`, `Grid worker ${own.name} is off duty`);
    }
  } else {
    gridWorkerNote = c.gridCode
      ? localized(`网格 ${c.gridCode} 没有专职网格员`, `Grid ${c.gridCode} has no full-time worker`)
      : localized('事件不在任何网格内', 'The case lies in no grid');
  }
  for (const w of await nearestAvailable(db, c.id, at, s, suggestions[0]?.workerId ?? null, suggestions.length > 0 ? 2 : 3)) {
    suggestions.push({
      workerId: w.id,
      workerName: w.name,
      rule: 'nearest_available',
      load: w.load,
      distanceM: w.distance_m,
      reason: localized(
        `距事件 ${metres(w.distance_m!)} 米的在岗网格员，在办 ${w.load} 件`,
        `On duty ${metres(w.distance_m!)} m from the case, ${w.load} case(s) in hand`,
      ),
    });
  }
  suggestions.push({
    workerId: null,
    workerName: null,
    rule: 'department',
    load: null,
    distanceM: null,
    reason: suggestions.length === 0
      ? localized(`${s.nearestRadiusM} 米内无可用网格员，直接派至${category.department.name['zh-CN']}`, `No worker available within ${s.nearestRadiusM} m: dispatch to ${category.department.name.en} alone`)
      : localized(`直接派至${category.department.name['zh-CN']}`, `Dispatch to ${category.department.name.en} alone`),
  });
  return { department, suggestions, gridWorkerNote };
}

/** The advice for a case the actor commands. */
export async function suggestDispatch(db: Executor, actor: Actor, incidentId: number, at: Date): Promise<DispatchAdvice & { version: number }> {
  const c = await incidentFacts(db, incidentId);
  if (!commandsCase(actor, c)) throw new IncidentError('INCIDENT_NOT_FOUND', String(incidentId));
  return { ...(await dispatchAdvice(db, c, at)), version: c.version };
}

export interface DispatchInput {
  incidentId: number;
  expectedVersion: number;
  /** The handler: a worker, or null for the department alone. */
  workerId: number | null;
  /** Needed when the handler is not the first suggestion. */
  reason?: string;
}

export interface DispatchResult {
  incidentId: number;
  version: number;
  assignmentId: number;
  workerId: number | null;
  rule: DispatchRule;
  dueAt: Date;
  eventId: number;
}

export async function dispatchIncident(db: Db, actor: Actor, input: DispatchInput, at: Date): Promise<DispatchResult> {
  const reason = (input.reason ?? '').trim();
  const result = await db.transaction(async (tx) => {
    const c = await lockIncident(tx, input.incidentId);
    if (!commandsCase(actor, c)) throw new IncidentError('INCIDENT_NOT_FOUND', String(input.incidentId));
    if (CLOCK_RUNNING_STATES.includes(c.status)) throw new IncidentError('ALREADY_DISPATCHED');
    if (c.status !== 'accepted') throw new IncidentError('NOT_FROM_THIS_STATE');
    if (c.version !== input.expectedVersion) throw new IncidentError('INCIDENT_STALE_VERSION');
    const advice = await dispatchAdvice(tx, c, at);
    const top = advice.suggestions[0]!;
    const offered = advice.suggestions.find((x) => x.workerId === input.workerId);
    let rule: DispatchRule;
    if (top.workerId === input.workerId) rule = top.rule;
    else {
      if (!reason) throw new IncidentError('OVERRIDE_REASON_REQUIRED');
      rule = 'override';
    }
    if (input.workerId !== null && !offered) {
      // A handler the advice did not list: a worker of the operator's jurisdiction, by their community.
      const [w] = await tx.query<{ code: string }>('SELECT c.code FROM grid_worker w JOIN community c ON c.id = w.community_id WHERE w.id = $1', [input.workerId]);
      if (!w) throw new IncidentError('WORKER_NOT_FOUND', String(input.workerId));
      if (!codeInScope(scopeOf(actor, 'incident_command'), w.code)) throw new IncidentError('WORKER_OUT_OF_JURISDICTION');
    }
    const category = await categoryByCode(tx, c.category, { activeOnly: false });
    const dueAt = stageDueAt('accepted', 'dispatched', at, category.limits, null)!;
    const why = rule === 'override' ? reason : (offered ?? top).reason['zh-CN'];
    const [assignment] = await tx.query<{ id: number }>(
      `INSERT INTO incident_assignment (incident_id, worker_id, department_code, assigned_at, assigned_by_id, rule, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [c.id, input.workerId, advice.department.code, at, actor.userId, rule, why],
    );
    const [row] = await tx.query<{ version: number }>(
      `UPDATE incident SET status = 'dispatched', dispatched_at = $2, due_at = $3, stage_due_at = $3, department_code = $4,
                           version = version + 1, updated_at = $2
        WHERE id = $1 RETURNING version`,
      [c.id, at, dueAt, advice.department.code],
    );
    const eventId = await recordEvent(tx, {
      incidentId: c.id,
      at,
      action: 'dispatch',
      from: 'accepted',
      to: 'dispatched',
      by: userActor(actor),
      note: rule === 'override' ? reason : '',
      detail: { workerId: input.workerId, workerName: offered?.workerName ?? null, rule, department: advice.department.code, suggested: top.workerId, reason: why },
    });
    return { incidentId: c.id, version: row!.version, assignmentId: assignment!.id, workerId: input.workerId, rule, dueAt, eventId };
  });
  announceIncidentEvents();
  return result;
}
