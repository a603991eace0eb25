/** Step 1. Districts: the real boundaries cleaned into a coverage, less the enclave's land. */
import type { Executor } from '../../db';
import { placeEnclave } from '@/geo/demo-city/placement';
import { DISTRICTS, type DistrictProfile } from '@/geo/demo-city/plan';
import type { MultiPolygon, Ring } from '@/geo/planar/polygon';
import { geoJsonToLocal, ringToWkt } from '../bulk';
import { GRID_SIZE, cleanDistricts } from '../clean-districts';
import { loadRawDistricts } from '../sources';
import { ENCLAVE, type SeedContext } from './state';

export interface SeededDistricts {
  selectedDistricts: DistrictProfile[];
  /** Each selected district's land outside the enclave (temp table seed_district_main), local km. */
  mainGeoms: Map<string, MultiPolygon>;
  /** The enclave's ring, when both its home and host districts are selected. */
  enclaveRing: Ring | null;
}

export async function seedDistricts(tx: Executor, ctx: SeedContext): Promise<SeededDistricts> {
  ctx.progress('cleaning district boundaries', 0.01);
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
  if (withEnclave) enclaveRing = placeEnclave(ctx.root.fork('enclave'), districtGeoms.get(ENCLAVE.hostDistrict)!, districtGeoms.get(ENCLAVE.homeDistrict)!);
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
  return { selectedDistricts, mainGeoms, enclaveRing };
}
