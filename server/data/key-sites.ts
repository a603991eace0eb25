/** The key sites' query home. */
import type { Executor } from '../db';
import { gridCoveringPoint, type GridRef } from './grids';
import { openIncidentSql } from './incidents';

/** How far around a key site its open incidents are counted, in metres. */
export const KEY_SITE_NEARBY_M = 200;

export interface KeySiteRow {
  id: number;
  name: string;
  category: string;
  riskLevel: number;
  address: string;
  grid: GridRef | null;
  openIncidentsNearby: number;
  point: [number, number];
}

/**
 * One key site, its responsible grid at `at` and the open incidents within KEY_SITE_NEARBY_M of it.
 * The incidents are found through the GiST index on incident.geom with a box in degrees around the site
 * (the metres as degrees of longitude at the site's northern edge, which is wider than a degree of
 * latitude), then tested exactly on the spheroid: ST_DWithin on geography alone reads every incident.
 */
export async function keySiteById(db: Executor, id: number, at: Date): Promise<KeySiteRow | null> {
  const [k] = await db.query<{ id: number; name: string; category: string; risk_level: number; address: string; open_nearby: number; lon: number; lat: number }>(
    `WITH k AS (SELECT *, ST_Expand(geom, $2::float8 / (111320.0 * cos(radians(least(ST_YMax(geom), 89))))) AS near FROM key_site WHERE id = $1)
     SELECT k.id, k.name, k.category, k.risk_level, k.address,
            (SELECT count(*)::int FROM incident i
              WHERE i.geom && k.near AND ST_DWithin(i.geom::geography, k.geom::geography, $2::float8) AND ${openIncidentSql('i')}) AS open_nearby,
            ST_X(ST_PointOnSurface(k.geom)) AS lon, ST_Y(ST_PointOnSurface(k.geom)) AS lat
       FROM k`,
    [id, KEY_SITE_NEARBY_M],
  );
  if (!k) return null;
  const point: [number, number] = [k.lon, k.lat];
  return {
    id: k.id,
    name: k.name,
    category: k.category,
    riskLevel: k.risk_level,
    address: k.address,
    grid: await gridCoveringPoint(db, point, at),
    openIncidentsNearby: k.open_nearby,
    point,
  };
}

/** How many key sites touch the grid version `gridId`. */
export async function keySitesInGrid(db: Executor, gridId: number): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM key_site k, grid g WHERE g.id = $1 AND k.geom && g.geom AND ST_Intersects(g.geom, k.geom)`,
    [gridId],
  );
  return r!.n;
}
