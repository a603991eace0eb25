/**
 * The access fixture's small city (server/testing/access-fixture.ts) with 25 more standard addresses in a
 * row across 新街口街道's two grids, to page through and to export.
 */
import type { Db } from '../../db';
import { seedAccessFixture, type AccessFixture } from '../../testing/access-fixture';

/** The community the 25 addresses are in: 118.8–118.895°E, west half in its first grid, east half in its second. */
export const PAGED_COMMUNITY = '320102003001';

export async function seedOgcFixture(db: Db): Promise<AccessFixture> {
  const fx = await seedAccessFixture(db);
  await db.execute(
    `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
     SELECT $1 || lpad((100 + i)::text, 6, '0'), '新街口街道测试路' || i || '号', 'mid_rise', 40, 90, $2, ST_Point(118.8 + i * 0.0038, 32.04, 4326)
       FROM generate_series(1, 25) AS i`,
    [PAGED_COMMUNITY, fx.streets['320102003'].communityId],
  );
  return fx;
}
