/** Small map data besides the tiles: labels of the areas in view, worker positions, the norm. */
import type { Executor } from '../db';
import { gridsInForce } from '../data/grids';
import type { Bbox } from '../data/sql';
import { workersInBbox, type WorkerPosition } from '../data/workers';
import { readSettings, type GridNorm } from '../settings';

export type { GridNorm, WorkerPosition };
export { workersInBbox };

/** The city's households-per-grid norm, the basis of the load colours (for the legend). */
export async function readGridNorm(db: Executor): Promise<GridNorm> {
  return (await readSettings(db)).norm;
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

// Identifiers come from this table, never from input. Grids count only while in force (at $6).
const LABEL_SOURCES: Record<LabelLevel, string> = {
  district: 'SELECT code, name, geom FROM district',
  street: 'SELECT code, name, geom FROM street',
  community: 'SELECT code, name, geom FROM community',
  grid: `SELECT code, name, geom FROM ${gridsInForce('$6')}`,
};

const LABELS_PER_LEVEL = 400;

/**
 * Names and label points of the areas in view at `at`. The point is ST_PointOnSurface (always inside the
 * area, unlike a centroid of a crescent-shaped street). Labels are drawn in the browser from local
 * fonts, so no glyph server is needed.
 */
export async function labelsInView(db: Executor, bbox: Bbox, zoom: number, at: Date): Promise<MapLabel[]> {
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
      [...bbox, LABELS_PER_LEVEL, ...(level === 'grid' ? [at] : [])],
    );
    for (const r of rows) labels.push({ level, ...r });
  }
  return labels;
}
