/**
 * Step 2. Streets: real names and codes, Voronoi territories. Also picks the two streets of the pending
 * transfer and the few streets left without grids.
 */
import type { Executor } from '../../db';
import { spreadSeeds } from '@/geo/demo-city/placement';
import { ROLE_HOUSEHOLD_WEIGHT, allocate } from '@/geo/demo-city/plan';
import type { TownRow } from '@/geo/demo-city/towns';
import { voronoiCells } from '@/geo/partition/voronoi-cells';
import { bboxOf } from '@/geo/planar/polygon';
import { ringToWkt } from '../bulk';
import { GRID_SIZE } from '../clean-districts';
import { loadNanjingTowns } from '../sources';
import type { SeededDistricts } from './districts';
import { ENCLAVE, TRANSFER, type SeedContext, type StreetPlan } from './state';

export interface SeededStreets {
  streets: StreetPlan[];
  /** The home street of the enclave, when both its districts are selected. */
  enclaveStreet: StreetPlan | undefined;
  /** The pending transfer's street B (the science park's owner) and C (where its land lies). */
  transferTo: StreetPlan | undefined;
  transferFrom: StreetPlan | undefined;
  ungridded: StreetPlan[];
}

export async function seedStreets(tx: Executor, ctx: SeedContext, districts: SeededDistricts): Promise<SeededStreets> {
  const { selectedDistricts, mainGeoms, enclaveRing } = districts;
  ctx.progress('streets', 0.08);
  const towns = loadNanjingTowns();
  const streets: StreetPlan[] = [];
  const streetRng = ctx.root.fork('streets');
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
  const enclaveStreet = enclaveRing ? streets.find((s) => s.districtCode === ENCLAVE.homeDistrict && s.name === ENCLAVE.homeStreetName) : undefined;
  if (enclaveRing && !enclaveStreet) throw new Error(`${ENCLAVE.homeStreetName} not found`);
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
  const gridRng = ctx.root.fork('ungridded');
  const reserved = new Set([enclaveStreet?.code, transferTo?.code, transferFrom?.code]);
  const outer = ['320116', '320111', '320115', '320117', '320118', '320113'];
  const candidates = gridRng.shuffle(streets.filter((s) => (s.role === 'street' || s.role === 'town') && !reserved.has(s.code) && outer.includes(s.districtCode)));
  const fallback = gridRng.shuffle(streets.filter((s) => (s.role === 'street' || s.role === 'town') && !reserved.has(s.code)));
  const ungridded = [...candidates, ...fallback].filter((s, i, all) => all.indexOf(s) === i).slice(0, streets.length > 6 ? 3 : 0);
  for (const s of ungridded) s.gridded = false;

  return { streets, enclaveStreet, transferTo, transferFrom, ungridded };
}

function streetPlan(t: TownRow, householdsBase: number, households: number): StreetPlan {
  return { code: t.code, name: t.name, role: t.role, districtCode: t.districtCode, householdsBase, households, gridded: true };
}
