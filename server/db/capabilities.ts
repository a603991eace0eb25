import type { Db } from './engine';

export interface PostgisCapabilities {
  postgisVersion: string;
  geosVersion: string;
  /** ST_AsMVT works (the embedded build has no protobuf, so tiles are encoded in JS there). */
  asMvt: boolean;
  /** ST_CoverageInvalidEdges and friends exist (PostGIS >= 3.4). */
  coverageFunctions: boolean;
}

/** Detects once what this PostGIS can do; every feature keeps a path for both answers. */
export async function detectCapabilities(db: Db): Promise<PostgisCapabilities> {
  const [v] = await db.query<{ postgis: string; geos: string; coverage: boolean }>(
    `SELECT postgis_lib_version() AS postgis, postgis_geos_version() AS geos,
            to_regproc('st_coverageinvalidedges') IS NOT NULL AS coverage`,
  );
  let asMvt = false;
  try {
    await db.query(
      `SELECT ST_AsMVT(q, 'probe') AS tile FROM (
         SELECT ST_AsMVTGeom(ST_Point(1, 1), ST_MakeEnvelope(0, 0, 4096, 4096)) AS geom) q`,
    );
    asMvt = true;
  } catch {
    asMvt = false;
  }
  return { postgisVersion: v.postgis, geosVersion: v.geos, asMvt, coverageFunctions: v.coverage };
}
