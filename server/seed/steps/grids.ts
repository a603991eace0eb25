/**
 * Comprehensive grids: their sites are balanced over the planned addresses' households before the
 * coverage is built (step 6); once it is, every grid gets its code and is written (step 10).
 */
import type { Executor } from '../../db';
import { readingOrder, typicalRowHeight } from '@/geo/codes/reading-order';
import { gridCode } from '@/geo/codes/territory-codes';
import { gridTarget } from '@/geo/demo-city/plan';
import { acceptable, samplePoint } from '@/geo/demo-city/sample-points';
import { balancePowerSites, distanceToPowerEdges, nearestPowerSite } from '@/geo/partition/power-cells';
import { weightedKMeans } from '@/geo/partition/weighted-kmeans';
import type { XY } from '@/geo/planar/polygon';
import { BISECTOR_MARGIN, EDGE_MARGIN, comprehensiveKey, type AddressPlan, type CommunityPlan, type DedicatedPlan, type SeedContext } from './state';

const GRIDS_VALID_FROM = new Date('2024-07-01T00:00:00+08:00');

/**
 * Step 6. Grid sites from the addresses (weighted k-means, then balanced power cells), addresses kept
 * off grid edges: sets each gridded community's `sites` and each address's `gridKey`, and returns the
 * addresses kept (a building too close to an edge to be nudged clear of it is dropped).
 */
export function placeGridSites(ctx: SeedContext, communities: readonly CommunityPlan[], addresses: readonly AddressPlan[]): AddressPlan[] {
  ctx.progress('grids', 0.35);
  const seedRng = ctx.root.fork('grid-seeds');
  const addressesOf = new Map<string, AddressPlan[]>();
  for (const a of addresses) (addressesOf.get(a.community) ?? addressesOf.set(a.community, []).get(a.community)!).push(a);
  const dropped = new Set<AddressPlan>();
  for (const c of communities.filter((x) => x.gridded)) {
    const own = addressesOf.get(c.code) ?? [];
    const target = gridTarget(seedRng, c.kind);
    const k = Math.max(1, Math.min(999 - c.dedicated.length - 1, Math.round(c.households / target)));
    const weighted = own.map((a) => ({ p: a.p, w: a.households }));
    // Balancing costs points x sites per iteration: fewer iterations for the few huge communities of big scales.
    const iterations = Math.max(10, Math.min(100, Math.round(2e7 / Math.max(1, weighted.length * k))));
    c.sites = balancePowerSites(weighted, weightedKMeans(seedRng, weighted, k), iterations);
    if (c.sites.length === 0) {
      const p = samplePoint(seedRng, c.region, { margin: EDGE_MARGIN, exclude: c.dedicated.map((d) => d.ring) });
      if (p) c.sites = [{ p, w: 0 }];
    }
    for (const a of own) {
      let i = nearestPowerSite(a.p, c.sites);
      if (c.sites.length > 1 && distanceToPowerEdges(a.p, c.sites, i) < BISECTOR_MARGIN) {
        // Nudge the building a few metres towards its grid's site, or drop it if that does not help.
        const s = c.sites[i]!.p;
        const len = Math.hypot(s[0] - a.p[0], s[1] - a.p[1]) || 1;
        const moved: XY = [a.p[0] + ((s[0] - a.p[0]) / len) * 3 * BISECTOR_MARGIN, a.p[1] + ((s[1] - a.p[1]) / len) * 3 * BISECTOR_MARGIN];
        i = nearestPowerSite(moved, c.sites);
        if (distanceToPowerEdges(moved, c.sites, i) < BISECTOR_MARGIN || !acceptable(moved, c.region, { margin: EDGE_MARGIN, exclude: c.dedicated.map((d) => d.ring) })) {
          dropped.add(a);
          continue;
        }
        a.p = moved;
      }
      a.gridKey = comprehensiveKey(c.code, i);
    }
  }
  return addresses.filter((a) => !dropped.has(a));
}

export interface SeededGrids {
  /** Generator key (community:cN / community:dN) -> grid code. */
  codeOfGrid: Map<string, string>;
  /** The grid keys of each owning community, in key order (the order staffing draws in). */
  gridKeysByOwner: Map<string, string[]>;
  dedicatedByKey: Map<string, DedicatedPlan>;
  grids: number;
  dedicatedGrids: number;
}

/** Step 10. Grids: codes numbered west->east, north->south within each community. */
export async function insertGrids(
  tx: Executor,
  ctx: SeedContext,
  communities: readonly CommunityPlan[],
  communityIds: ReadonlyMap<string, number>,
  transferId: number | null,
): Promise<SeededGrids> {
  ctx.progress('grid codes', 0.7);
  const byCode = new Map(communities.map((c) => [c.code, c]));
  const finalGrids = await tx.query<{ key: string; x: number; y: number; area: number }>(
    `SELECT key, ST_X(pt) AS x, ST_Y(pt) AS y, ST_Area(geom) AS area FROM (SELECT key, geom, ST_PointOnSurface(geom) AS pt FROM seed_final WHERE level = 'grid') g ORDER BY key`,
  );
  const dedicatedByKey = new Map(communities.flatMap((c) => c.dedicated.map((d) => [d.key, d] as const)));
  const ownerOf = (key: string) => dedicatedByKey.get(key)?.ownerCommunity ?? key.split(':')[0]!;
  const gridsByOwner = new Map<string, typeof finalGrids>();
  for (const g of finalGrids) (gridsByOwner.get(ownerOf(g.key)) ?? gridsByOwner.set(ownerOf(g.key), []).get(ownerOf(g.key))!).push(g);
  const codeOfGrid = new Map<string, string>();
  const gridRows: { key: string; code: string; name: string; kind: string; type: string | null; community: number; unit: string; notes: string; arrangement: number | null }[] = [];
  for (const [owner, list] of gridsByOwner) {
    const c = byCode.get(owner)!;
    const area = list.reduce((s, g) => s + g.area, 0);
    const order = readingOrder(list, typicalRowHeight(area, list.length));
    let comprehensiveNo = 0;
    order.forEach((idx, seq) => {
      const g = list[idx]!;
      const code = gridCode(owner, seq + 1);
      codeOfGrid.set(g.key, code);
      const d = dedicatedByKey.get(g.key);
      gridRows.push({
        key: g.key,
        code,
        name: d ? `${d.name}专属网格` : `${c.name}第${++comprehensiveNo}网格`,
        kind: d ? 'dedicated' : 'comprehensive',
        type: d?.type ?? null,
        community: communityIds.get(owner)!,
        unit: d?.name ?? '',
        notes: d?.transfer ? '用地仍属原街道，待移交' : '',
        arrangement: d?.transfer ? transferId : null,
      });
    });
  }
  await tx.execute(
    `INSERT INTO grid (code, name, kind, dedicated_type, community_id, responsible_unit, notes, geom, valid_from, arrangement_id)
     SELECT u.code, u.name, u.kind, u.type, u.community, u.unit, u.notes, f.geom, $10, u.arrangement
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[])
          AS u(key, code, name, kind, type, community, unit, notes, arrangement)
     JOIN seed_final f ON f.level = 'grid' AND f.key = u.key ORDER BY u.code`,
    [
      gridRows.map((g) => g.key),
      gridRows.map((g) => g.code),
      gridRows.map((g) => g.name),
      gridRows.map((g) => g.kind),
      gridRows.map((g) => g.type),
      gridRows.map((g) => g.community),
      gridRows.map((g) => g.unit),
      gridRows.map((g) => g.notes),
      gridRows.map((g) => g.arrangement),
      GRIDS_VALID_FROM.toISOString(),
    ],
  );
  return {
    codeOfGrid,
    gridKeysByOwner: new Map([...gridsByOwner].map(([owner, list]) => [owner, list.map((g) => g.key)])),
    dedicatedByKey,
    grids: gridRows.length,
    dedicatedGrids: gridRows.filter((g) => g.kind === 'dedicated').length,
  };
}
