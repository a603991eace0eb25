import type { Executor } from '../db';
import type { Bbox } from './geometry';

/** The city's households-per-grid norm (app_setting 'grid_norm'), the basis of the load colours. */
export interface GridNorm {
  householdsMin: number;
  householdsMax: number;
  residentsMax: number;
}

const DEFAULT_NORM: GridNorm = { householdsMin: 300, householdsMax: 500, residentsMax: 2500 };

export async function readGridNorm(db: Executor): Promise<GridNorm> {
  const [row] = await db.query<{ value: unknown }>(`SELECT value FROM app_setting WHERE key = 'grid_norm'`);
  const v = (typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value) as Partial<GridNorm> | undefined;
  return {
    householdsMin: Number(v?.householdsMin ?? DEFAULT_NORM.householdsMin),
    householdsMax: Number(v?.householdsMax ?? DEFAULT_NORM.householdsMax),
    residentsMax: Number(v?.residentsMax ?? DEFAULT_NORM.residentsMax),
  };
}

export interface WorkerPosition {
  id: number;
  name: string;
  employment: 'full_time' | 'part_time';
  lon: number;
  lat: number;
  positionAt: Date | null;
  /** How many grids the worker holds now (2+ is a supervision flag). */
  grids: number;
}

/** Live positions of grid workers inside a view box; capped, since a city view needs no more. */
export async function workersInBbox(db: Executor, bbox: Bbox, limit: number): Promise<WorkerPosition[]> {
  const rows = await db.query<{
    id: number; name: string; employment: 'full_time' | 'part_time'; lon: number; lat: number; position_at: Date | null; grids: number;
  }>(
    `SELECT w.id, w.name, w.employment, ST_X(w.position) AS lon, ST_Y(w.position) AS lat, w.position_at,
            (SELECT count(*)::int FROM grid_assignment a WHERE a.worker_id = w.id AND a.valid_to IS NULL) AS grids
       FROM grid_worker w
      WHERE w.position && ST_MakeEnvelope($1, $2, $3, $4, 4326)
      ORDER BY w.id
      LIMIT $5::int`,
    [...bbox, limit],
  );
  return rows.map((r) => ({
    id: r.id, name: r.name, employment: r.employment, lon: r.lon, lat: r.lat, positionAt: r.position_at, grids: r.grids,
  }));
}

export type LabelLevel = 'district' | 'street' | 'community' | 'grid';

export interface MapLabel {
  level: LabelLevel;
  code: string;
  name: string;
  lon: number;
  lat: number;
}

/**
 * Which administrative levels are named at a zoom: districts when the city fits the screen, then
 * streets, communities and finally grids as one zooms in. District/street and street/community ranges
 * overlap so that a label never vanishes without the next one appearing.
 */
export function labelLevelsAt(zoom: number): LabelLevel[] {
  const levels: LabelLevel[] = [];
  if (zoom < 12) levels.push('district');
  if (zoom >= 10.5 && zoom < 14) levels.push('street');
  // Communities hand over to grids at one zoom: a community with a single grid would otherwise get two
  // labels at the same point (ST_PointOnSurface of the same shape).
  if (zoom >= 12.5 && zoom < 15) levels.push('community');
  if (zoom >= 15) levels.push('grid');
  return levels;
}

// Identifiers come from this table, never from input. Grids count only while in force.
const LABEL_SOURCES: Record<LabelLevel, string> = {
  district: 'SELECT code, name, geom FROM district',
  street: 'SELECT code, name, geom FROM street',
  community: 'SELECT code, name, geom FROM community',
  grid: 'SELECT code, name, geom FROM grid WHERE valid_to IS NULL',
};

const LABELS_PER_LEVEL = 400;

/**
 * Names and label points of the areas in view. The point is ST_PointOnSurface (always inside the
 * area, unlike a centroid of a crescent-shaped street). Labels are drawn in the browser from local
 * fonts, so no glyph server is needed.
 */
export async function labelsInView(db: Executor, bbox: Bbox, zoom: number): Promise<MapLabel[]> {
  const labels: MapLabel[] = [];
  for (const level of labelLevelsAt(zoom)) {
    const rows = await db.query<{ code: string; name: string; lon: number; lat: number }>(
      `WITH a AS (${LABEL_SOURCES[level]}), p AS (
         SELECT code, name, ST_PointOnSurface(geom) AS pt FROM a
          WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
       )
       SELECT code, name, ST_X(pt) AS lon, ST_Y(pt) AS lat FROM p
        WHERE pt && ST_MakeEnvelope($1, $2, $3, $4, 4326)
        ORDER BY code LIMIT $5::int`,
      [...bbox, LABELS_PER_LEVEL],
    );
    for (const r of rows) labels.push({ level, code: r.code.trim(), name: r.name, lon: r.lon, lat: r.lat });
  }
  return labels;
}
