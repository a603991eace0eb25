/**
 * Where workers went: recent trails for the live map, a worker's track of a day, and patrol coverage
 * (巡查覆盖率) — for a worker and period, the share of their grids' standard addresses the track passed
 * within a set distance. Tracks are personal data: the callers check the worker is in their scope.
 */
import { endOfChinaDay, startOfChinaDay } from '@/geo/time/china-day';
import { scopePatterns, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { codeMatchesSql } from '../data/sql';
import { FieldError } from './errors';

/** At most this many points per worker in a trail (evenly thinned). */
const TRAIL_POINTS = 240;

export interface Trail {
  workerId: number;
  /** [lon, lat, epoch ms], oldest first. */
  path: [number, number, number][];
}

/** The trails of the last `minutes` of the scope's workers (or of those listed). */
export async function recentTrails(db: Executor, scope: Scope, minutes: number, at: Date, workerIds?: readonly number[]): Promise<Trail[]> {
  const rows = await db.query<{ worker_id: number; path: [number, number, number][] }>(
    `WITH p AS (
       SELECT wp.worker_id, wp.at, wp.geom, row_number() OVER (PARTITION BY wp.worker_id ORDER BY wp.at) AS k,
              count(*) OVER (PARTITION BY wp.worker_id) AS n
         FROM worker_position wp JOIN grid_worker w ON w.id = wp.worker_id JOIN community c ON c.id = w.community_id
        WHERE wp.at > $1::timestamptz - make_interval(mins => $2::int) AND wp.at <= $1::timestamptz
          AND (${codeMatchesSql('c.code', '$3')} OR w.id = ANY ($4::int[]))
          AND ($5::int[] IS NULL OR wp.worker_id = ANY ($5::int[])))
     SELECT worker_id, json_agg(json_build_array(ST_X(geom), ST_Y(geom), (extract(epoch FROM at) * 1000)::bigint) ORDER BY at) AS path
       FROM p WHERE n <= $6::int OR k % ceil(n::float8 / $6::int)::int = 0 OR k = n
      GROUP BY worker_id ORDER BY worker_id`,
    [at, minutes, scopePatterns(scope), scope.all ? [] : scope.workerIds, workerIds ?? null, TRAIL_POINTS],
  );
  return rows.map((r) => ({ workerId: r.worker_id, path: r.path }));
}

export interface DayTrack {
  workerId: number;
  day: string;
  points: number;
  /** Metres walked along the track. */
  lengthM: number;
  path: [number, number, number][];
}

/** A worker's track of one China day (all its points, oldest first). */
export async function dayTrack(db: Executor, workerId: number, day: string): Promise<DayTrack> {
  const [r] = await db.query<{ points: number; length_m: number | null; path: [number, number, number][] | null }>(
    `SELECT count(*)::int AS points,
            CASE WHEN count(*) > 1 THEN ST_Length(ST_MakeLine(geom ORDER BY at)::geography) END AS length_m,
            json_agg(json_build_array(ST_X(geom), ST_Y(geom), (extract(epoch FROM at) * 1000)::bigint) ORDER BY at) AS path
       FROM worker_position WHERE worker_id = $1 AND at >= $2 AND at <= $3`,
    [workerId, startOfChinaDay(day), endOfChinaDay(day)],
  );
  return { workerId, day, points: r!.points, lengthM: Math.round(r!.length_m ?? 0), path: r!.path ?? [] };
}

export interface Coverage {
  workerId: number;
  from: Date;
  to: Date;
  distanceM: number;
  /** Standard addresses of the grids the worker holds at `to`. */
  addresses: number;
  /** Of those, the ones the track passed within distanceM. */
  passed: number;
  /** passed / addresses (null when the grids hold none). */
  share: number | null;
}

const MAX_PERIOD_DAYS = 31;

/** The patrol coverage of a worker over a period. */
export async function patrolCoverage(db: Executor, workerId: number, from: Date, to: Date, distanceM: number): Promise<Coverage> {
  if (!(from < to) || to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw new FieldError('PERIOD_INVALID');
  const [r] = await db.query<{ addresses: number; passed: number }>(
    `WITH track AS (
       SELECT CASE WHEN count(*) > 1 THEN ST_MakeLine(geom ORDER BY at) ELSE ST_Collect(geom) END AS geom
         FROM worker_position WHERE worker_id = $1 AND at >= $2 AND at <= $3),
     mine AS (
       SELECT DISTINCT a.id, a.geom FROM ${assignmentsInForce('$3')} ga
         JOIN ${gridsInForce('$3')} g ON g.code = ga.grid_code
         JOIN standard_address a ON a.geom && g.geom AND ST_Intersects(g.geom, a.geom)
        WHERE ga.worker_id = $1)
     SELECT (SELECT count(*)::int FROM mine) AS addresses,
            (SELECT count(*)::int FROM mine, track
              WHERE track.geom IS NOT NULL
                AND mine.geom && ST_Expand(track.geom, $4::float8 / (111320.0 * cos(radians(least(ST_YMax(track.geom), 89)))))
                AND ST_DWithin(mine.geom::geography, track.geom::geography, $4::float8)) AS passed`,
    [workerId, from, to, distanceM],
  );
  return { workerId, from, to, distanceM, addresses: r!.addresses, passed: r!.passed, share: r!.addresses > 0 ? r!.passed / r!.addresses : null };
}
