/** Step 3. Communities: 5-15 per street (the enclave's own four), Voronoi territories within each street part. */
import type { Executor } from '../../db';
import { readingOrder } from '@/geo/codes/reading-order';
import { communityCode } from '@/geo/codes/territory-codes';
import { communityName } from '@/geo/demo-city/names';
import { spreadSeeds } from '@/geo/demo-city/placement';
import { DISTRICTS, allocate, communityCount } from '@/geo/demo-city/plan';
import { voronoiCells } from '@/geo/partition/voronoi-cells';
import { bboxOf, type MultiPolygon, type XY } from '@/geo/planar/polygon';
import { geoJsonToLocal, ringToWkt } from '../bulk';
import { GRID_SIZE } from '../clean-districts';
import { ENCLAVE, type CommunityPlan, type SeedContext, type StreetPlan } from './state';

/** The communities that kept some territory in temp table seed_community_piece, with their regions. */
export async function seedCommunities(tx: Executor, ctx: SeedContext, streets: readonly StreetPlan[]): Promise<CommunityPlan[]> {
  ctx.progress('communities', 0.15);
  const streetParts = await tx.query<{ street: string; part: string; gj: string }>(
    `SELECT street, part, ST_AsGeoJSON(geom, 7) AS gj FROM seed_street_piece ORDER BY street, part`,
  );
  const communities: CommunityPlan[] = [];
  const commRng = ctx.root.fork('communities');
  await tx.script(`CREATE TEMP TABLE seed_community_piece (community text PRIMARY KEY, street text NOT NULL, district text NOT NULL, geom geometry) ON COMMIT DROP;`);
  const communityCells: { community: string; street: string; district: string; part: string; wkt: string }[] = [];
  for (const s of streets) {
    const profile = DISTRICTS.find((d) => d.code === s.districtCode)!;
    const parts = streetParts.filter((p) => p.street === s.code);
    const drafts: { part: string; seed: XY; kind: 'community' | 'village'; enclave: boolean }[] = [];
    for (const part of parts) {
      const region = geoJsonToLocal(part.gj);
      const enclave = part.part === 'enclave';
      const count = enclave ? ENCLAVE.communities : communityCount(commRng, s.householdsBase, s.role);
      const villageShare = Math.min(0.95, profile.villageShare * (s.role === 'town' ? 1.3 : s.role === 'zone' ? 0.5 : 1));
      for (const seed of spreadSeeds(commRng, region, count)) {
        drafts.push({ part: part.part, seed, kind: !enclave && commRng.chance(villageShare) ? 'village' : 'community', enclave });
      }
    }
    // Codes in reading order: communities (居委会) from 001, villages (村委会) from 201 (GB/T 10114 habit).
    const order = readingOrder(drafts.map((d) => ({ x: d.seed[0], y: d.seed[1] })), 1.5);
    let nextCommunity = 1;
    let nextVillage = 201;
    const taken = new Set<string>();
    const codeOf = new Map<number, string>();
    for (const i of order) {
      const d = drafts[i]!;
      codeOf.set(i, communityCode(s.code, d.kind === 'village' ? nextVillage++ : nextCommunity++));
    }
    for (const part of parts) {
      const idx = drafts.map((d, i) => (d.part === part.part ? i : -1)).filter((i) => i >= 0);
      const region = geoJsonToLocal(part.gj);
      const cells = voronoiCells(idx.map((i) => drafts[i]!.seed), bboxOf(region));
      idx.forEach((i, k) => {
        const cell = cells[k];
        if (!cell) throw new Error(`degenerate Voronoi cell in street ${s.code}`);
        communityCells.push({ community: codeOf.get(i)!, street: s.code, district: s.districtCode, part: part.part, wkt: ringToWkt(cell) });
      });
    }
    const weights = drafts.map((d) => commRng.logNormal(0, 0.45) * (d.kind === 'village' ? 0.55 : 1));
    const households = allocate(s.households, weights);
    drafts.forEach((d, i) => {
      communities.push({
        code: codeOf.get(i)!,
        name: d.enclave ? `${communityName(commRng, 'community', taken).replace(/社区$/, '')}厂矿社区` : communityName(commRng, d.kind, taken),
        kind: d.kind,
        streetCode: s.code,
        districtCode: s.districtCode,
        enclave: d.enclave,
        households: households[i]!,
        gridded: s.gridded && !d.enclave,
        region: [],
        sites: [],
        dedicated: [],
      });
    });
  }
  await tx.execute(
    `INSERT INTO seed_community_piece (community, street, district, geom)
     SELECT u.community, u.street, u.district, ST_CollectionExtract(ST_Intersection(p.geom, ST_SetSRID(ST_GeomFromText(u.wkt), 4326), ${GRID_SIZE}), 3)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(community, street, district, part, wkt)
     JOIN seed_street_piece p ON p.street = u.street AND p.part = u.part`,
    [communityCells.map((c) => c.community), communityCells.map((c) => c.street), communityCells.map((c) => c.district), communityCells.map((c) => c.part), communityCells.map((c) => c.wkt)],
  );
  await tx.execute(`DELETE FROM seed_community_piece WHERE geom IS NULL OR ST_IsEmpty(geom)`);
  const regions = new Map<string, MultiPolygon>();
  for (const r of await tx.query<{ community: string; gj: string }>(`SELECT community, ST_AsGeoJSON(geom, 7) AS gj FROM seed_community_piece ORDER BY community`)) {
    regions.set(r.community, geoJsonToLocal(r.gj));
  }
  const liveCommunities = communities.filter((c) => regions.has(c.code));
  for (const c of liveCommunities) c.region = regions.get(c.code)!;
  return liveCommunities;
}
