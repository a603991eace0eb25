/**
 * Standard addresses: planned as buildings before the grids are drawn (step 5), since the grids are cut
 * by their households; given their codes and written once the territories exist (step 11).
 */
import type { Executor } from '../../db';
import { readingOrder } from '@/geo/codes/reading-order';
import { addressCode } from '@/geo/codes/territory-codes';
import { roadName } from '@/geo/demo-city/names';
import { randomBuilding } from '@/geo/demo-city/plan';
import { samplePoint, samplePointNear } from '@/geo/demo-city/sample-points';
import type { XY } from '@/geo/planar/polygon';
import { pointLonLat } from '../bulk';
import { EDGE_MARGIN, streetPrefix, type AddressPlan, type CommunityPlan, type SeedContext, type StreetPlan } from './state';

/** Step 5. Buildings in every community until its households are housed, clear of its dedicated grids. */
export function planAddresses(ctx: SeedContext, communities: readonly CommunityPlan[], streets: readonly StreetPlan[]): AddressPlan[] {
  ctx.progress('standard addresses', 0.27);
  const addresses: AddressPlan[] = [];
  const addrRng = ctx.root.fork('addresses');
  const streetByCode = new Map(streets.map((s) => [s.code, s]));
  for (const c of communities) {
    const exclude = c.dedicated.map((d) => d.ring);
    const opts = { margin: EDGE_MARGIN, exclude };
    const roads = new Set<string>();
    const prefix = streetPrefix(c, streetByCode);
    let remaining = c.households;
    // Buildings come in clusters: residential compounds (小区) in town, natural villages (自然村) outside.
    let cluster: { center: XY; sigma: number; road: string; number: number; count: number; size: number } | null = null;
    let clusterIndex = 0;
    while (remaining > 0) {
      if (!cluster || cluster.count >= cluster.size) {
        const center = samplePoint(addrRng, c.region, opts);
        if (!center) break;
        clusterIndex++;
        cluster = {
          center,
          sigma: c.kind === 'village' ? 0.12 : 0.07,
          road: c.kind === 'village' ? `${c.name}${clusterIndex}组` : roadName(addrRng, roads),
          number: c.kind === 'village' ? 0 : addrRng.int(1, 60) * 2 - addrRng.int(0, 1),
          count: 0,
          size: c.kind === 'village' ? addrRng.int(25, 90) : addrRng.int(4, 24),
        };
      }
      const p = samplePointNear(addrRng, cluster.center, cluster.sigma, c.region, opts);
      if (!p) break;
      const b = randomBuilding(addrRng, c.kind);
      const households = Math.min(b.households, remaining);
      const residents = Math.max(1, Math.round((b.residents * households) / b.households));
      remaining -= households;
      cluster.count++;
      const text =
        c.kind === 'village'
          ? `${prefix}${cluster.road}${cluster.count}号`
          : `${prefix}${cluster.road}${cluster.number}号${cluster.count}栋`;
      addresses.push({ community: c.code, p, type: b.type, households, residents, text, gridKey: null });
    }
  }
  return addresses;
}

/** Step 11. 18-digit codes in reading order within each community; returns how many were written. */
export async function insertAddresses(
  tx: Executor,
  ctx: SeedContext,
  communities: readonly CommunityPlan[],
  kept: readonly AddressPlan[],
  communityIds: ReadonlyMap<string, number>,
): Promise<number> {
  ctx.progress('standard addresses (insert)', 0.74);
  const keptOf = new Map<string, AddressPlan[]>();
  for (const a of kept) (keptOf.get(a.community) ?? keptOf.set(a.community, []).get(a.community)!).push(a);
  const addressRows: { code: string; a: AddressPlan }[] = [];
  for (const c of communities) {
    const own = keptOf.get(c.code) ?? [];
    const order = readingOrder(own.map((a) => ({ x: a.p[0], y: a.p[1] })), 0.1);
    order.forEach((idx, seq) => addressRows.push({ code: addressCode(c.code, seq + 1), a: own[idx]! }));
  }
  for (let i = 0; i < addressRows.length; i += 20_000) {
    const chunk = addressRows.slice(i, i + 20_000);
    const pts = chunk.map((r) => pointLonLat(r.a.p));
    await tx.execute(
      `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
       SELECT u.code, u.address, u.type, u.households, u.residents, u.community, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::float8[], $8::float8[])
            AS u(code, address, type, households, residents, community, lon, lat)`,
      [
        chunk.map((r) => r.code),
        chunk.map((r) => r.a.text),
        chunk.map((r) => r.a.type),
        chunk.map((r) => r.a.households),
        chunk.map((r) => r.a.residents),
        chunk.map((r) => communityIds.get(r.a.community)!),
        pts.map((p) => p[0]),
        pts.map((p) => p[1]),
      ],
    );
  }
  return addressRows.length;
}
