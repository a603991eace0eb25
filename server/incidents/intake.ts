/**
 * Intake (发现采集): one report becomes a case, from any channel (a grid worker's phone, the hotline desk,
 * a scanned address code, a partner system over Open311). The place decides the grid and its full-time
 * worker: a standard address or key site fixes them by what it is (scan to report, 扫码定责), a point by the
 * grid in force covering it. The category decides the department and the first stage's deadline. The
 * case, its first event and its photos are written in one transaction.
 */
import { chinaDayOf } from '@/geo/time/china-day';
import { stageDueAt, type StageLimits } from '@/geo/incidents/incident-states';
import type { Actor } from '../auth/actor';
import { codeInScope, type Scope } from '../auth/policy';
import type { Db, Executor } from '../db';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { IncidentError } from './errors';
import { attachPhotos } from './photos';
import { announceIncidentEvents, userActor, type EventActor } from './store';
import { recordIncidentStateChange } from '../webhooks/events';

export type ReportPlace =
  | { kind: 'point'; lon: number; lat: number }
  | { kind: 'address'; addressId: number }
  | { kind: 'key_site'; keySiteId: number };

export type ReportSource = 'patrol' | 'hotline' | 'public_scan' | 'partner';

export interface ReportInput {
  categoryCode: string;
  description: string;
  severity: number;
  place: ReportPlace;
  source: ReportSource;
  photoIds?: readonly number[];
  /** The caller of the hotline or the partner's reporter (personal data). */
  reporterName?: string;
  reporterPhone?: string;
  /** The partner system's own reference (Open311 account_id or device_id). */
  partnerReference?: string;
  /** Words for where a reported point is (a partner's address_string); a standard address or key site has its own. */
  addressText?: string;
}

/**
 * Who files: a signed-in user within their incident_report scope, a partner system by its key, or the
 * system itself (the demo's simulator, on behalf of a simulated patrol).
 */
export type Reporter = { kind: 'user'; actor: Actor; scope: Scope } | { kind: 'partner'; keyId: number; name: string } | { kind: 'system'; name: string };

export interface Located {
  point: [number, number];
  gridCode: string | null;
  gridWorkerId: number | null;
  addressId: number | null;
  keySiteId: number | null;
  addressText: string;
}

/** Where a report lies and who is responsible there at `at`. */
export async function locateReport(db: Executor, place: ReportPlace, at: Date): Promise<Located> {
  return (await locateWithCategory(db, place, at, null)).located;
}

/**
 * The place, and in the same statement the active category's department and first-stage limit when a
 * code is given (intake runs this once per report: one round trip fewer at 500 reports a second).
 */
async function locateWithCategory(
  db: Executor,
  place: ReportPlace,
  at: Date,
  categoryCode: string | null,
): Promise<{ located: Located; category: { class: 'component' | 'event'; departmentCode: string; limits: StageLimits } | null }> {
  let point: [number, number];
  let addressText = '';
  let addressId: number | null = null;
  let keySiteId: number | null = null;
  if (place.kind === 'address') {
    const [a] = await db.query<{ lon: number; lat: number; address: string }>(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, address FROM standard_address WHERE id = $1',
      [place.addressId],
    );
    if (!a) throw new IncidentError('ADDRESS_NOT_FOUND', String(place.addressId));
    point = [a.lon, a.lat];
    addressText = a.address;
    addressId = place.addressId;
  } else if (place.kind === 'key_site') {
    const [k] = await db.query<{ lon: number; lat: number; name: string; address: string }>(
      'SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, name, address FROM key_site WHERE id = $1',
      [place.keySiteId],
    );
    if (!k) throw new IncidentError('KEY_SITE_NOT_FOUND', String(place.keySiteId));
    point = [k.lon, k.lat];
    addressText = k.address ? `${k.name}（${k.address}）` : k.name;
    keySiteId = place.keySiteId;
  } else {
    point = [place.lon, place.lat];
  }
  // The grid in force covering the place (the lowest code on a shared edge) and its full-time worker.
  const [r] = await db.query<{
    grid_code: string | null; worker_id: number | null; in_city: boolean; class: 'component' | 'event' | null; department_code: string | null; limits: StageLimits | null;
  }>(
    `WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS geom),
          cat AS (SELECT class, department_code, accept_limit_minutes, dispatch_limit_minutes, handle_limit_minutes, verify_limit_minutes, close_limit_minutes
                  FROM incident_category WHERE code = $4 AND active),
          g AS (SELECT g.code FROM ${gridsInForce('$3')} g, p WHERE g.geom && p.geom AND ST_Intersects(g.geom, p.geom) ORDER BY g.code LIMIT 1)
     SELECT (SELECT code FROM g) AS grid_code,
            (SELECT a.worker_id FROM ${assignmentsInForce('$3')} a JOIN grid_worker w ON w.id = a.worker_id AND w.employment = 'full_time'
              WHERE a.grid_code = (SELECT code FROM g) ORDER BY a.worker_id LIMIT 1) AS worker_id,
            -- The city's outline is large: tested only for a place in no grid (an ungridded area of the city).
            CASE WHEN (SELECT code FROM g) IS NULL
                 THEN EXISTS (SELECT 1 FROM city c, p WHERE c.geom && p.geom AND ST_Intersects(c.geom, p.geom)) ELSE true END AS in_city,
            (SELECT class FROM cat) AS class, (SELECT department_code FROM cat) AS department_code,
            (SELECT json_build_object('accept', accept_limit_minutes, 'dispatch', dispatch_limit_minutes, 'handle', handle_limit_minutes,
                                      'verify', verify_limit_minutes, 'close', close_limit_minutes) FROM cat) AS limits`,
    [point[0], point[1], at, categoryCode],
  );
  if (categoryCode !== null && r!.class === null) throw new IncidentError('CATEGORY_UNKNOWN', categoryCode);
  if (!r!.grid_code && !r!.in_city) throw new IncidentError('LOCATION_OUTSIDE_CITY');
  return {
    located: { point, gridCode: r!.grid_code, gridWorkerId: r!.worker_id, addressId, keySiteId, addressText },
    category: r!.class === null ? null : { class: r!.class, departmentCode: r!.department_code!, limits: r!.limits! },
  };
}

export interface ReportResult {
  id: number;
  code: string;
  gridCode: string | null;
  gridWorkerId: number | null;
  departmentCode: string;
  stageDueAt: Date | null;
  eventId: number;
}

/** Files a report. A user reports only inside their scope (a grid worker in their own grids). */
export async function reportIncident(db: Db | Executor, reporter: Reporter, input: ReportInput, at: Date): Promise<ReportResult> {
  const { located, category } = await locateWithCategory(db, input.place, at, input.categoryCode);
  const cat = category!;
  if (reporter.kind === 'user') {
    const inScope = located.gridCode ? codeInScope(reporter.scope, located.gridCode) : reporter.scope.all;
    if (!inScope) throw new IncidentError('OUTSIDE_YOUR_GRIDS', located.gridCode ?? '');
  }
  if ((input.photoIds?.length ?? 0) > 0 && reporter.kind !== 'user') throw new IncidentError('PHOTO_NOT_FOUND');
  const by: EventActor =
    reporter.kind === 'user' ? userActor(reporter.actor) : reporter.kind === 'partner' ? { kind: 'partner', id: reporter.keyId, name: reporter.name } : { kind: 'system', name: reporter.name };
  const due = stageDueAt(null, 'reported', at, cat.limits, null);
  const photoIds = reporter.kind === 'user' ? (input.photoIds ?? []) : [];
  // The case and its first event in one statement; its photos and its change for the feed beside it.
  const write = async (tx: Executor) => {
    const [row] = await tx.query<{ id: number; code: string; event_id: number }>(
      `WITH n AS (SELECT nextval('incident_id_seq') AS id),
            i AS (
              INSERT INTO incident (id, code, class, category, status, source, description, geom, grid_code, reported_at, severity,
                                    address_id, key_site_id, address_text, reporter_name, reporter_phone, reported_by_id, partner_key_id,
                                    partner_reference, grid_worker_id, department_code, stage_due_at, updated_at)
              SELECT n.id, 'SJ' || $1 || lpad(n.id::text, 6, '0'), $2, $3, 'reported', $4, $5, ST_SetSRID(ST_MakePoint($6::float8, $7::float8), 4326), $8,
                     $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $9
                FROM n RETURNING id, code)
       INSERT INTO incident_event (incident_id, at, action, from_status, to_status, actor_kind, actor_id, actor_name, note, detail)
       SELECT i.id, $9, 'report', NULL, 'reported', $22, $23, $24, $5, $25::jsonb FROM i
       RETURNING incident_id AS id, (SELECT code FROM i) AS code, id AS event_id`,
      [
        chinaDayOf(at).replace(/-/g, ''),
        cat.class,
        input.categoryCode,
        input.source,
        input.description,
        located.point[0],
        located.point[1],
        located.gridCode,
        at,
        input.severity,
        located.addressId,
        located.keySiteId,
        located.addressText || (input.addressText ?? ''),
        input.reporterName ?? '',
        input.reporterPhone ?? '',
        reporter.kind === 'user' ? reporter.actor.userId : null,
        reporter.kind === 'partner' ? reporter.keyId : null,
        input.partnerReference ?? '',
        located.gridWorkerId,
        cat.departmentCode,
        due,
        by.kind,
        'id' in by ? by.id : null,
        by.name,
        JSON.stringify({ source: input.source, place: input.place.kind, gridCode: located.gridCode }),
      ],
    );
    if (reporter.kind === 'user') await attachPhotos(tx, photoIds, reporter.actor.userId, row!.id, row!.event_id);
    // A new case is a change of state (from none to reported) for the partners' change feed.
    await recordIncidentStateChange(tx, { incidentId: row!.id, action: 'report', from: null, to: 'reported', at });
    return { id: row!.id, code: row!.code, eventId: row!.event_id };
  };
  // One transaction, so that the case and its change for the partners' feed commit together.
  const result = await db.transaction(write);
  announceIncidentEvents();
  return { ...result, gridCode: located.gridCode, gridWorkerId: located.gridWorkerId, departmentCode: cat.departmentCode, stageDueAt: due };
}
