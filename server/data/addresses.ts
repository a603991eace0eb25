/** The standard addresses' query home (一标三实: the anchor every household and resident is counted from). */
import type { Executor } from '../db';
import { gridCoveringPoint, type AreaRef, type GridRef } from './grids';

export interface AddressRow {
  id: number;
  code: string;
  address: string;
  buildingType: string;
  households: number;
  residents: number;
  community: AreaRef;
  /** The grid in force at the time asked about that holds the address (地址关联), if any. */
  grid: GridRef | null;
  point: [number, number];
}

export async function addressById(db: Executor, id: number, at: Date): Promise<AddressRow | null> {
  const [a] = await db.query<{
    id: number; code: string; address: string; building_type: string; households: number; residents: number;
    community_id: number; community_code: string; community_name: string; lon: number; lat: number;
  }>(
    `SELECT a.id, a.code, a.address, a.building_type, a.households, a.residents,
            c.id AS community_id, c.code AS community_code, c.name AS community_name,
            ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat
       FROM standard_address a JOIN community c ON c.id = a.community_id
      WHERE a.id = $1`,
    [id],
  );
  if (!a) return null;
  const point: [number, number] = [a.lon, a.lat];
  return {
    id: a.id,
    code: a.code,
    address: a.address,
    buildingType: a.building_type,
    households: a.households,
    residents: a.residents,
    community: { id: a.community_id, code: a.community_code, name: a.community_name },
    grid: await gridCoveringPoint(db, point, at),
    point,
  };
}

/** Households and residents of the standard addresses of these communities. */
export async function householdTotals(db: Executor, communityIds: readonly number[]): Promise<{ households: number; residents: number }> {
  const [r] = await db.query<{ households: number; residents: number }>(
    `SELECT coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents
       FROM standard_address WHERE community_id = ANY ($1::int[])`,
    [communityIds],
  );
  return r!;
}
