/**
 * Step 13. Key sites: the schools and hospitals of the dedicated grids as polygons, then points of every
 * category where they are typically found, never on a grid edge.
 */
import type { Executor } from '../../db';
import { unitName } from '@/geo/demo-city/names';
import { samplePoint } from '@/geo/demo-city/sample-points';
import { distanceToPowerEdges, nearestPowerSite } from '@/geo/partition/power-cells';
import { areaOf, type Ring, type XY } from '@/geo/planar/polygon';
import { pointLonLat, ringToWkt } from '../bulk';
import { BISECTOR_MARGIN, EDGE_MARGIN, streetPrefix, type CommunityPlan, type SeedContext, type StreetPlan } from './state';

export async function seedKeySites(tx: Executor, ctx: SeedContext, communities: readonly CommunityPlan[], streets: readonly StreetPlan[]): Promise<number> {
  ctx.progress('key sites', 0.85);
  const siteRng = ctx.root.fork('key-sites');
  const streetByCode = new Map(streets.map((s) => [s.code, s]));
  const sites: { name: string; category: string; risk: number; address: string; wkt: string }[] = [];
  const siteNames = new Set<string>();
  const shrink = (ring: Ring, center: XY, f: number): Ring => ring.map(([x, y]) => [center[0] + (x - center[0]) * f, center[1] + (y - center[1]) * f] as XY);
  const riskOf: Record<string, () => number> = {
    school: () => siteRng.int(2, 3),
    hospital: () => siteRng.int(2, 3),
    market: () => siteRng.int(1, 3),
    hazardous_chemicals: () => siteRng.int(3, 4),
    religious: () => siteRng.int(1, 2),
    elderly_home: () => siteRng.int(2, 3),
    construction: () => siteRng.int(2, 4),
  };
  for (const c of communities)
    for (const d of c.dedicated) {
      if (d.type === 'park') continue;
      sites.push({ name: d.name, category: d.type, risk: riskOf[d.type]!(), address: streetPrefix(c, streetByCode), wkt: ringToWkt(shrink(d.ring, d.center, 0.8)) });
    }
  const siteTotal = Math.round(1500 * Math.min(1, Math.max(0.1, ctx.scale)));
  const pointCategories: [Parameters<typeof unitName>[1], number][] = [
    ['school', 12],
    ['hospital', 4],
    ['market', 18],
    ['hazardous_chemicals', 10],
    ['religious', 8],
    ['elderly_home', 20],
    ['construction', 28],
  ];
  const weightsFor = (cat: string) =>
    communities.map((c) => {
      const zone = streetByCode.get(c.streetCode)!.role === 'zone';
      if (cat === 'hazardous_chemicals') return Math.sqrt(areaOf(c.region)) * (zone ? 4 : 1);
      if (cat === 'construction') return Math.sqrt(areaOf(c.region) * (c.households + 1));
      if (cat === 'religious') return Math.sqrt(c.households + 1);
      return c.households + 1;
    });
  const weightCache = new Map<string, number[]>();
  while (sites.length < siteTotal) {
    const cat = pointCategories[siteRng.weightedIndex(pointCategories.map(([, w]) => w))]![0];
    const weights = weightCache.get(cat) ?? weightCache.set(cat, weightsFor(cat)).get(cat)!;
    const c = communities[siteRng.weightedIndex(weights)]!;
    const p = samplePoint(siteRng, c.region, { margin: EDGE_MARGIN, exclude: c.dedicated.map((d) => d.ring) });
    if (!p || (c.gridded && c.sites.length > 1 && distanceToPowerEdges(p, c.sites, nearestPowerSite(p, c.sites)) < BISECTOR_MARGIN)) continue;
    const [lon, lat] = pointLonLat(p);
    sites.push({ name: unitName(siteRng, cat, siteNames), category: cat, risk: riskOf[cat]!(), address: `${streetPrefix(c, streetByCode)}${c.name}`, wkt: `POINT(${lon} ${lat})` });
  }
  await tx.execute(
    `INSERT INTO key_site (name, category, risk_level, address, geom)
     SELECT u.name, u.category, u.risk, u.address, ST_SetSRID(ST_GeomFromText(u.wkt), 4326)
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[]) AS u(name, category, risk, address, wkt)`,
    [sites.map((s) => s.name), sites.map((s) => s.category), sites.map((s) => s.risk), sites.map((s) => s.address), sites.map((s) => s.wkt)],
  );
  return sites.length;
}
