/** The grid workers' query home: workers and their assignments to grids (by code) over time. */
import type { Executor } from '../db';
import { assignmentsInForce, gridsInForce, type AreaRef, type GridRef } from './grids';
import { codeMatchesSql, type Bbox, type CodePatterns } from './sql';

export type Employment = 'full_time' | 'part_time';

export interface WorkerSummary {
  id: number;
  name: string;
  employment: Employment;
}

/** The workers assigned to a grid code at `at`, full-time first. */
export async function workersOfGrid(db: Executor, gridCode: string, at: Date): Promise<WorkerSummary[]> {
  return db.query<WorkerSummary>(
    `SELECT w.id, w.name, w.employment
       FROM ${assignmentsInForce('$2')} a JOIN grid_worker w ON w.id = a.worker_id
      WHERE a.grid_code = $1
      ORDER BY w.employment, w.name`,
    [gridCode, at],
  );
}

export interface WorkerRow {
  id: number;
  name: string;
  employment: Employment;
  /** Personal data: served only inside the personal-data scope (server/services/details.ts). */
  phone: string;
  community: AreaRef;
  /** The grids the worker holds at `at` (a code no longer in force is listed by its code). */
  grids: GridRef[];
  positionAt: Date | null;
  point: [number, number] | null;
}

export async function workerById(db: Executor, id: number, at: Date): Promise<WorkerRow | null> {
  const [w] = await db.query<{
    id: number; name: string; employment: Employment; phone: string; community_id: number; community_code: string; community_name: string;
    position_at: Date | null; lon: number | null; lat: number | null;
  }>(
    `SELECT w.id, w.name, w.employment, w.phone, c.id AS community_id, c.code AS community_code, c.name AS community_name,
            w.position_at, ST_X(w.position) AS lon, ST_Y(w.position) AS lat
       FROM grid_worker w JOIN community c ON c.id = w.community_id WHERE w.id = $1`,
    [id],
  );
  if (!w) return null;
  const grids = await db.query<GridRef>(
    `SELECT a.grid_code AS code, coalesce(g.name, a.grid_code) AS name
       FROM ${assignmentsInForce('$2')} a LEFT JOIN ${gridsInForce('$2')} g ON g.code = a.grid_code
      WHERE a.worker_id = $1 ORDER BY a.grid_code`,
    [id, at],
  );
  return {
    id: w.id,
    name: w.name,
    employment: w.employment,
    phone: w.phone,
    community: { id: w.community_id, code: w.community_code, name: w.community_name },
    grids,
    positionAt: w.position_at,
    point: w.lon != null && w.lat != null ? [w.lon, w.lat] : null,
  };
}

export interface WorkerPosition {
  id: number;
  name: string;
  employment: Employment;
  lon: number;
  lat: number;
  positionAt: Date | null;
  /** How many grids the worker holds at `at` (2+ is a supervision flag). */
  grids: number;
}

/** Which workers a read covers: those of communities matching `patterns`, and the ones listed by id. */
export interface WorkerFilter {
  patterns: CodePatterns;
  workerIds: readonly number[];
}

/**
 * Last known positions of grid workers inside a view box, of those `within` covers; capped, since a city
 * view needs no more.
 */
export async function workersInBbox(db: Executor, bbox: Bbox, limit: number, at: Date, within: WorkerFilter): Promise<WorkerPosition[]> {
  const rows = await db.query<{ id: number; name: string; employment: Employment; lon: number; lat: number; position_at: Date | null; grids: number }>(
    `SELECT w.id, w.name, w.employment, ST_X(w.position) AS lon, ST_Y(w.position) AS lat, w.position_at,
            (SELECT count(*)::int FROM ${assignmentsInForce('$6')} a WHERE a.worker_id = w.id) AS grids
       FROM grid_worker w JOIN community c ON c.id = w.community_id
      WHERE w.position && ST_MakeEnvelope($1, $2, $3, $4, 4326)
        AND (${codeMatchesSql('c.code', '$7')} OR w.id = ANY ($8::int[]))
      ORDER BY w.id
      LIMIT $5::int`,
    [...bbox, limit, at, within.patterns, within.workerIds],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, employment: r.employment, lon: r.lon, lat: r.lat, positionAt: r.position_at, grids: r.grids }));
}
