/**
 * The data a scenario runs on, read per community: its standard addresses with the grid in force
 * covering each (the nearest grid of the community for an address in a gap), today's grids, the
 * compactness, and the barrier lines that touch it. As of one moment, like every read of the grids.
 */
import type { CommunityInput } from '@/geo/rebalance/community-scenario';
import type { Executor } from '../db';
import { gridsInForce } from '../data/grids';
import { polsbyPopperSql } from './shapes';

export interface TodayGrid {
  id: number;
  code: string;
  kind: 'comprehensive' | 'dedicated';
  dedicatedType: string | null;
  polsbyPopper: number;
}

export type LoadedCommunity = Omit<CommunityInput, 'range' | 'keepDedicated'> & {
  communityId: number;
  todayGrids: Map<number, TodayGrid>;
  /** The community's own compactness: today's when it has no grids. */
  polsbyPopper: number;
};

type LinesJson = { type: 'MultiLineString'; coordinates: [number, number][][] };

export async function loadCommunities(db: Executor, communityIds: readonly number[], at: Date, barrierLayerId: number | null): Promise<LoadedCommunity[]> {
  const ids = [...communityIds];
  const [origins, grids, addresses, barriers] = await Promise.all([
    db.query<{ id: number; lon: number; lat: number; pp: number }>(
      `SELECT id, ST_X(p) AS lon, ST_Y(p) AS lat, ${polsbyPopperSql('geom')} AS pp
         FROM (SELECT id, geom, ST_PointOnSurface(geom) AS p FROM community WHERE id = ANY ($1::int[])) c ORDER BY id`,
      [ids],
    ),
    db.query<{ id: number; code: string; kind: TodayGrid['kind']; dedicated_type: string | null; community_id: number; pp: number }>(
      `SELECT g.id, g.code, g.kind, g.dedicated_type, g.community_id, ${polsbyPopperSql('g.geom')} AS pp
         FROM ${gridsInForce('$2')} g WHERE g.community_id = ANY ($1::int[]) ORDER BY g.code`,
      [ids, at],
    ),
    db.query<{ id: number; community_id: number; lon: number; lat: number; households: number; residents: number; grid: number | null }>(
      `SELECT a.id, a.community_id, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat, a.households, a.residents, g.id AS grid
         FROM standard_address a
         LEFT JOIN LATERAL (SELECT g.id FROM ${gridsInForce('$2')} g WHERE g.community_id = a.community_id
                             ORDER BY g.geom <-> a.geom, g.id LIMIT 1) g ON true
        WHERE a.community_id = ANY ($1::int[]) ORDER BY a.id`,
      [ids, at],
    ),
    barrierLayerId == null
      ? Promise.resolve([])
      : db.query<{ community_id: number; geom: string }>(
          `SELECT c.id AS community_id, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_ClipByBox2D(b.geom, c.geom::box2d), 2))) AS geom
             FROM barrier_line b JOIN community c ON ST_Intersects(b.geom, c.geom)
            WHERE b.layer_id = $1 AND c.id = ANY ($2::int[])`,
          [barrierLayerId, ids],
        ),
  ]);
  const byCommunity = new Map<number, LoadedCommunity>();
  for (const b of origins) {
    byCommunity.set(b.id, {
      communityId: b.id,
      origin: [b.lon, b.lat],
      polsbyPopper: b.pp,
      addresses: [],
      grids: [],
      barriers: [],
      todayGrids: new Map(),
    });
  }
  for (const g of grids) {
    const c = byCommunity.get(g.community_id)!;
    (c.grids as CommunityInput['grids'][number][]).push({ id: g.id, dedicated: g.kind === 'dedicated' });
    c.todayGrids.set(g.id, { id: g.id, code: g.code, kind: g.kind, dedicatedType: g.dedicated_type, polsbyPopper: g.pp });
  }
  for (const a of addresses) {
    (byCommunity.get(a.community_id)!.addresses as CommunityInput['addresses'][number][]).push({
      id: a.id, lon: a.lon, lat: a.lat, households: a.households, residents: a.residents, grid: a.grid,
    });
  }
  for (const b of barriers) {
    const lines = (JSON.parse(b.geom) as LinesJson).coordinates;
    (byCommunity.get(b.community_id)!.barriers as [number, number][][]).push(...lines);
  }
  return [...byCommunity.values()];
}
