/**
 * What a grid worker reports about themself from the phone: positions (into the buffer) and whether
 * they are on duty (在岗). Only for the worker record of the caller's own grid worker grant.
 */
import { inChinaLat, inChinaLon } from '@/geo/extent/china-extent';
import { IN_POST_STAGES, type WorkerStage } from '@/geo/staffing/worker-stages';
import type { Actor } from '../auth/actor';
import { now } from '../clock';
import { getDatabase, type Executor } from '../db';
import { requestShare } from '../db/fair-share';
import { gridInForceByCode } from '../data/grids';
import { readSettings } from '../settings';
import { workerIdsOf } from '../incidents/store';
import { FieldError } from './errors';
import { positionBuffer, type PositionReport } from './positions';

/** How old a reported position may be (a phone that was offline sends what it kept). */
const MAX_AGE_MS = 6 * 3_600_000;
/** A phone's clock may run ahead: up to this much, its positions count as taken now. */
const MAX_AHEAD_MS = 10 * 60_000;

export function ownWorkerId(actor: Actor): number {
  const [id] = workerIdsOf(actor);
  if (id === undefined) throw new FieldError('NOT_A_WORKER');
  return id;
}

export interface ReportedPosition {
  lon: number;
  lat: number;
  at?: Date;
  accuracyM?: number;
}

/** Accepts the caller's positions (all or none); they reach the map with the next flush. */
export function reportPositions(db: Executor, actor: Actor, positions: readonly ReportedPosition[], at: Date): { accepted: number } {
  const workerId = ownWorkerId(actor);
  const reports: PositionReport[] = positions.map((p) => {
    if (!inChinaLon(p.lon) || !inChinaLat(p.lat)) throw new FieldError('POSITION_OUTSIDE_CHINA');
    const given = p.at ?? at;
    if (given.getTime() < at.getTime() - MAX_AGE_MS || given.getTime() > at.getTime() + MAX_AHEAD_MS) throw new FieldError('POSITION_TIME_INVALID');
    const when = given > at ? at : given;
    return { workerId, lon: p.lon, lat: p.lat, at: when, accuracyM: p.accuracyM ?? null, source: 'device' };
  });
  positionBuffer(db).add(reports);
  return { accepted: reports.length };
}

export async function setOnDuty(db: Executor, actor: Actor, onDuty: boolean, at: Date): Promise<{ onDuty: boolean }> {
  const workerId = ownWorkerId(actor);
  if (onDuty) {
    // A shift is for a worker in post (the staffing register's stage): not a recruit, nor one who left.
    const [row] = await db.query<{ stage: WorkerStage | null }>('SELECT stage FROM worker_stages_at($2) WHERE worker_id = $1', [workerId, at]);
    if (!row?.stage || !IN_POST_STAGES.includes(row.stage)) throw new FieldError('WORKER_NOT_IN_POST');
  }
  await db.execute('UPDATE grid_worker SET on_duty = $2, on_duty_since = $3 WHERE id = $1 AND on_duty IS DISTINCT FROM $2', [workerId, onDuty, at]);
  return { onDuty };
}

/**
 * The grids the actor holds as a grid worker, in force now (at most 20), with their extents: the phone
 * page's map frames them and links their QR sheets. For the page itself (its own share of the database).
 */
export async function gridsHeldNow(actor: Actor): Promise<{ code: string; name: string; bbox: [number, number, number, number] | null }[]> {
  const codes = [...new Set(actor.grants.flatMap((g) => g.gridCodes))];
  if (codes.length === 0) return [];
  const db = requestShare((await getDatabase()).db);
  const at = now();
  const { norm } = await readSettings(db);
  const grids = await Promise.all(codes.slice(0, 20).map((code) => gridInForceByCode(db, code, at, norm)));
  return grids.flatMap((g) => (g ? [{ code: g.code, name: g.name, bbox: g.bbox }] : []));
}
