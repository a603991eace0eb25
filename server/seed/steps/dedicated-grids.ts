/**
 * Step 4. Dedicated grids: the science park of the pending transfer first, then parks, schools and
 * hospitals, as rectangles inside their host communities (added to each CommunityPlan's `dedicated`).
 */
import type { Executor } from '../../db';
import { unitName } from '@/geo/demo-city/names';
import { fitRect } from '@/geo/demo-city/placement';
import { areaOf, distanceToBoundary, pointInMultiPolygon } from '@/geo/planar/polygon';
import type { Rng } from '@/geo/random/prng';
import { GRID_SIZE } from '../clean-districts';
import type { SeededStreets } from './streets';
import type { CommunityPlan, DedicatedPlan, DedicatedType, SeedContext, StreetPlan } from './state';

/** Returns the science park's plan, or null when its streets are not selected or it found no room. */
export async function seedDedicatedGrids(
  tx: Executor,
  ctx: SeedContext,
  { streets, transferTo, transferFrom }: SeededStreets,
  communities: readonly CommunityPlan[],
): Promise<DedicatedPlan | null> {
  ctx.progress('dedicated grids', 0.22);
  const dedRng = ctx.root.fork('dedicated');
  const unitNames = new Set<string>();
  let transferPlan: DedicatedPlan | null = null;
  if (transferTo && transferFrom) transferPlan = await placeSciencePark(tx, dedRng, transferTo, transferFrom, communities);
  const gridded = communities.filter((c) => c.gridded);
  const urban = gridded.filter((c) => c.kind === 'community');
  const counts: Record<DedicatedType, number> = {
    school: Math.max(6, Math.round(260 * ctx.scale)),
    hospital: Math.max(3, Math.round(70 * ctx.scale)),
    park: Math.max(3, Math.round(45 * ctx.scale)),
  };
  const parkHosts = gridded.filter((c) => streets.find((s) => s.code === c.streetCode)!.role === 'zone');
  for (const type of ['park', 'school', 'hospital'] as const) {
    const pool = type === 'park' ? (parkHosts.length > 0 ? parkHosts : gridded) : urban.length > 0 ? urban : gridded;
    if (pool.length === 0) continue;
    const weights = pool.map((c) => (type === 'park' ? Math.sqrt(areaOf(c.region)) : c.households + 1));
    for (let k = 0; k < counts[type]; k++) {
      const host = pool[dedRng.weightedIndex(weights)]!;
      const size: [number, number] = type === 'park' ? [dedRng.float(0.5, 1.2), dedRng.float(0.4, 0.8)] : type === 'school' ? [dedRng.float(0.18, 0.3), dedRng.float(0.14, 0.24)] : [dedRng.float(0.12, 0.22), dedRng.float(0.12, 0.2)];
      const ring = fitRect(dedRng, host.region, host.dedicated, size);
      if (!ring) continue;
      host.dedicated.push({
        key: `${host.code}:d${host.dedicated.length}`,
        type,
        name: unitName(dedRng, type, unitNames),
        ring: ring.ring,
        center: ring.center,
        ownerCommunity: host.code,
        transfer: false,
      });
    }
  }
  return transferPlan;
}

/**
 * The pending transfer: 研创园 placed on the land of street C next to street B, and given to B as a
 * dedicated grid of B's community nearest to it.
 */
async function placeSciencePark(tx: Executor, rng: Rng, to: StreetPlan, from: StreetPlan, communities: readonly CommunityPlan[]): Promise<DedicatedPlan | null> {
  const near = await tx.query<{ community: string }>(
    `SELECT c.community FROM seed_community_piece c, (SELECT ST_Union(geom, ${GRID_SIZE}) AS g FROM seed_street_piece WHERE street = $1) b
     WHERE c.street = $2 ORDER BY ST_Distance(c.geom, b.g), ST_Area(c.geom) DESC, c.community`,
    [to.code, from.code],
  );
  for (const { community } of near.slice(0, 4)) {
    const land = communities.find((c) => c.code === community);
    if (!land || !land.gridded) continue;
    const fit = fitRect(rng, land.region, land.dedicated, [1.3, 0.9]);
    if (!fit) continue;
    const owners = communities.filter((c) => c.streetCode === to.code && c.gridded);
    if (owners.length === 0) return null;
    const dist = (c: CommunityPlan) => (pointInMultiPolygon(fit.center, c.region) ? 0 : distanceToBoundary(fit.center, c.region));
    const owner = owners.reduce((best, c) => (dist(c) < dist(best) ? c : best));
    const plan: DedicatedPlan = {
      key: `${land.code}:d${land.dedicated.length}`,
      type: 'park',
      name: '南京江北新区研创园',
      ring: fit.ring,
      center: fit.center,
      ownerCommunity: owner.code,
      transfer: true,
    };
    land.dedicated.push(plan);
    return plan;
  }
  return null;
}
