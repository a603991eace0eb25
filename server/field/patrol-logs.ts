/**
 * The day's patrol log (民情日志): a grid worker writes what they saw and the places they visited, for
 * today or yesterday; the log is linked to that day's track (the same worker and day). Photos are the
 * incident photos' kind of upload, attached to the log.
 */
import { addChinaDays, chinaDayOf } from '@/geo/time/china-day';
import type { Actor } from '../auth/actor';
import type { Db, Executor } from '../db';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { PHOTOS_PER_STEP } from '../incidents/photos';
import { IncidentError } from '../incidents/errors';
import { ownWorkerId } from './duty';
import { FieldError } from './errors';
import { dayTrack, type DayTrack } from './tracks';

export interface PatrolLog {
  id: number;
  workerId: number;
  day: string;
  body: string;
  visited: { id: number; address: string }[];
  photoIds: number[];
  version: number;
  updatedAt: Date;
  track: Pick<DayTrack, 'points' | 'lengthM'>;
}

export async function patrolLogOf(db: Executor, workerId: number, day: string): Promise<PatrolLog | null> {
  const [r] = await db.query<{ id: number; body: string; visited: number[]; version: number; updated_at: Date }>(
    'SELECT id, body, visited, version, updated_at FROM patrol_log WHERE worker_id = $1 AND day = $2::date',
    [workerId, day],
  );
  if (!r) return null;
  const visited = await db.query<{ id: number; address: string }>(
    'SELECT a.id, a.address FROM unnest($1::bigint[]) WITH ORDINALITY u(id, k) JOIN standard_address a ON a.id = u.id ORDER BY u.k',
    [r.visited],
  );
  const photos = await db.query<{ id: number }>('SELECT id FROM incident_photo WHERE patrol_log_id = $1 ORDER BY id', [r.id]);
  const track = await dayTrack(db, workerId, day);
  return { id: r.id, workerId, day, body: r.body, visited, photoIds: photos.map((p) => p.id), version: r.version, updatedAt: r.updated_at, track: { points: track.points, lengthM: track.lengthM } };
}

export interface SaveLogInput {
  day: string;
  body: string;
  visitedAddressIds: readonly number[];
  photoIds: readonly number[];
  /** The version seen; absent for a new log. */
  expectedVersion?: number;
}

/** Writes the caller's log of a day (today or yesterday), in one transaction with its photos. */
export async function savePatrolLog(db: Db, actor: Actor, input: SaveLogInput, at: Date): Promise<PatrolLog> {
  const workerId = ownWorkerId(actor);
  const today = chinaDayOf(at);
  if (input.day !== today && input.day !== addChinaDays(today, -1)) throw new FieldError('PATROL_LOG_DAY_CLOSED');
  const visited = [...new Set(input.visitedAddressIds)];
  if (input.photoIds.length > PHOTOS_PER_STEP) throw new IncidentError('TOO_MANY_PHOTOS');
  await db.transaction(async (tx) => {
    if (visited.length > 0) {
      // Every visited address lies in a grid the worker holds now.
      const [r] = await tx.query<{ n: number }>(
        `SELECT count(DISTINCT a.id)::int AS n FROM standard_address a
           JOIN ${gridsInForce('$3')} g ON a.geom && g.geom AND ST_Intersects(g.geom, a.geom)
           JOIN ${assignmentsInForce('$3')} ga ON ga.grid_code = g.code AND ga.worker_id = $2
          WHERE a.id = ANY ($1::bigint[])`,
        [visited, workerId, at],
      );
      if (r!.n !== visited.length) throw new FieldError('ADDRESS_NOT_IN_YOUR_GRIDS');
    }
    const [existing] = await tx.query<{ id: number; version: number }>('SELECT id, version FROM patrol_log WHERE worker_id = $1 AND day = $2::date FOR UPDATE', [workerId, input.day]);
    let id: number;
    if (existing) {
      if (input.expectedVersion !== existing.version) throw new FieldError('PATROL_LOG_STALE_VERSION');
      await tx.execute('UPDATE patrol_log SET body = $2, visited = $3, updated_at = $4, author_id = $5, version = version + 1 WHERE id = $1', [existing.id, input.body, visited, at, actor.userId]);
      id = existing.id;
    } else {
      if (input.expectedVersion !== undefined) throw new FieldError('PATROL_LOG_STALE_VERSION');
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO patrol_log (worker_id, day, body, visited, author_id, created_at, updated_at) VALUES ($1, $2::date, $3, $4, $5, $6, $6) RETURNING id`,
        [workerId, input.day, input.body, visited, actor.userId, at],
      );
      id = row!.id;
    }
    const ids = [...new Set(input.photoIds)];
    if (ids.length > 0) {
      const n = await tx.execute(
        'UPDATE incident_photo SET patrol_log_id = $1 WHERE id = ANY ($2::bigint[]) AND uploaded_by_id = $3 AND incident_id IS NULL AND patrol_log_id IS NULL',
        [id, ids, actor.userId],
      );
      if (n !== ids.length) throw new IncidentError('PHOTO_NOT_FOUND');
    }
  });
  return (await patrolLogOf(db, workerId, input.day))!;
}
