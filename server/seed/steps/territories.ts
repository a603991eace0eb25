/** Step 8. The territory hierarchy: city, districts, streets and communities, each its union of coverage faces. */
import type { Executor } from '../../db';
import { CITY, type DistrictProfile } from '@/geo/demo-city/plan';
import type { CommunityPlan, SeedContext, StreetPlan } from './state';

/** Code -> id of the rows written, per level. */
export interface TerritoryIds {
  districtIds: Map<string, number>;
  streetIds: Map<string, number>;
  communityIds: Map<string, number>;
}

export async function insertTerritories(
  tx: Executor,
  ctx: SeedContext,
  selectedDistricts: readonly DistrictProfile[],
  streets: readonly StreetPlan[],
  communities: readonly CommunityPlan[],
): Promise<TerritoryIds> {
  ctx.progress('territories', 0.65);
  const [cityRow] = await tx.query<{ id: number }>(
    `INSERT INTO city (code, name, geom) SELECT $1, $2, geom FROM seed_final WHERE level = 'city' AND key = 'city' RETURNING id`,
    [CITY.code, CITY.name],
  );
  const districtIds = idMap(
    await tx.query<{ id: number; code: string }>(
      `INSERT INTO district (city_id, code, name, geom)
       SELECT $1, u.code, u.name, f.geom FROM unnest($2::text[], $3::text[]) AS u(code, name)
       JOIN seed_final f ON f.level = 'district' AND f.key = u.code ORDER BY u.code RETURNING id, code`,
      [cityRow!.id, selectedDistricts.map((d) => d.code), selectedDistricts.map((d) => d.name)],
    ),
  );
  const streetIds = idMap(
    await tx.query<{ id: number; code: string }>(
      `INSERT INTO street (district_id, code, name, kind, geom)
       SELECT d.id, u.code, u.name, u.kind, f.geom FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(code, name, kind, district)
       JOIN district d ON d.code = u.district JOIN seed_final f ON f.level = 'street' AND f.key = u.code ORDER BY u.code RETURNING id, code`,
      [streets.map((s) => s.code), streets.map((s) => s.name), streets.map((s) => (s.role === 'town' ? 'town' : 'street')), streets.map((s) => s.districtCode)],
    ),
  );
  const communityIds = idMap(
    await tx.query<{ id: number; code: string }>(
      `INSERT INTO community (street_id, code, name, kind, geom)
       SELECT s.id, u.code, u.name, u.kind, f.geom FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(code, name, kind, street)
       JOIN street s ON s.code = u.street JOIN seed_final f ON f.level = 'community' AND f.key = u.code ORDER BY u.code RETURNING id, code`,
      [communities.map((c) => c.code), communities.map((c) => c.name), communities.map((c) => c.kind), communities.map((c) => c.streetCode)],
    ),
  );
  if (districtIds.size !== selectedDistricts.length || streetIds.size !== streets.length || communityIds.size !== communities.length) {
    throw new Error('a territory lost its geometry in the coverage');
  }
  return { districtIds, streetIds, communityIds };
}

function idMap(rows: { id: number; code: string }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.code.trim(), r.id]));
}
