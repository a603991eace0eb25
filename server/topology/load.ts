/**
 * Loading a run of the topology engine: the candidates and their parents into TEMP tables
 * (`ON COMMIT DROP`) of the run's one transaction, validity first, the repaired form of an invalid grid
 * second, and the GiST index last.
 */
import { localized } from '@/geo/text/localized-text';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import { geosReasonText } from '@/geo/topology/geos-reasons';
import type { Executor } from '../db';
import { gridsInForce } from '../data/grids';
import { GRID, type InForceScope, type TopologyParent } from './context';
import { TopologyInputError } from './errors';

export async function createTempTables(tx: Executor): Promise<void> {
  await tx.script(`
    DROP TABLE IF EXISTS topo_cand;
    DROP TABLE IF EXISTS topo_parent;
    CREATE TEMP TABLE topo_cand (
      idx             bigint PRIMARY KEY,
      key             text NOT NULL,
      code            text,
      name            text,
      kind            text NOT NULL,
      community_code  text,
      in_set          boolean NOT NULL,
      raw             geometry,
      valid           boolean,
      reason          text,
      location        geometry,
      -- What the overlays see: the grid itself when valid, else its repaired form (never stored).
      geom            geometry,
      repaired        boolean NOT NULL DEFAULT false,
      parent_id       int
    ) ON COMMIT DROP;
    CREATE TEMP TABLE topo_parent (
      id              int PRIMARY KEY,
      community_id    int,
      code            text,
      name            text,
      street_id       int,
      district_id     int,
      geom            geometry NOT NULL
    ) ON COMMIT DROP;
  `);
}

export async function loadCandidates(tx: Executor, grids: readonly GridCandidate[]): Promise<void> {
  await tx.execute(
    `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, raw)
     SELECT u.i, u.key, u.code, u.name, u.kind, u.community, true, ST_SetSRID(ST_GeomFromGeoJSON(u.gj), 4326)
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
          AS u(i, key, code, name, kind, community, gj)`,
    [
      grids.map((_, i) => i),
      grids.map((g) => g.key),
      grids.map((g) => g.code),
      grids.map((g) => g.name),
      grids.map((g) => g.kind),
      grids.map((g) => g.communityCode),
      grids.map((g) => JSON.stringify(g.geometry)),
    ],
  );
}

/**
 * Validity first: nothing touches a geometry before this says it is valid. Empty geometries and empty
 * parts count as invalid too (an overlay on them proves nothing). An invalid grid then gets its repaired
 * form (grid_repair: ST_MakeValid is safe on invalid input on both engines) for the overlays, when the
 * repair leaves a valid area; a grid that cannot be repaired (a flat ring, an empty part only) stays out.
 */
export async function checkValidity(tx: Executor): Promise<void> {
  await tx.execute(
    `UPDATE topo_cand SET
       valid = NOT ST_IsEmpty(raw) AND ST_IsValid(raw)
               AND GeometryType(raw) IN ('POLYGON', 'MULTIPOLYGON')
               AND ST_NumGeometries(raw) = (SELECT count(*) FROM ST_Dump(raw) d WHERE NOT ST_IsEmpty(d.geom)),
       reason = CASE
         WHEN ST_IsEmpty(raw) THEN 'Empty geometry'
         WHEN GeometryType(raw) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN 'Not a polygon[' || GeometryType(raw) || ']'
         WHEN NOT ST_IsValid(raw) THEN ST_IsValidReason(raw)
         WHEN ST_NumGeometries(raw) <> (SELECT count(*) FROM ST_Dump(raw) d WHERE NOT ST_IsEmpty(d.geom)) THEN 'Empty part'
       END,
       location = CASE WHEN NOT ST_IsEmpty(raw) AND NOT ST_IsValid(raw) THEN (ST_IsValidDetail(raw)).location END
     WHERE in_set`,
  );
  await tx.execute(`UPDATE topo_cand SET geom = ST_Multi(ST_Force2D(raw)) WHERE valid`);
  await tx.execute(
    `UPDATE topo_cand c SET geom = r.g, repaired = true
       FROM (SELECT idx, grid_repair(ST_Force2D(raw)) AS g FROM topo_cand
              WHERE in_set AND NOT valid AND NOT ST_IsEmpty(raw) AND GeometryType(raw) IN ('POLYGON', 'MULTIPOLYGON')) r
      WHERE c.idx = r.idx AND NOT ST_IsEmpty(r.g) AND ST_IsValid(r.g) AND ST_Area(r.g) > 0`,
  );
}

export async function indexCandidates(tx: Executor): Promise<void> {
  await tx.script(`CREATE INDEX topo_cand_geom_idx ON topo_cand USING gist (geom); ANALYZE topo_cand; ANALYZE topo_parent;`);
}

/** A given boundary (a file's) is the one parent of every grid. */
export async function loadBoundaryParent(tx: Executor, parent: Extract<TopologyParent, { kind: 'geometry' }>, name: string): Promise<void> {
  const [p] = await tx.query<{ valid: boolean; reason: string }>(
    `SELECT ST_IsValid(g) AND NOT ST_IsEmpty(g) AS valid, ST_IsValidReason(g) AS reason
     FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
    [JSON.stringify(parent.geometry)],
  );
  if (!p?.valid) throw new TopologyInputError('PARENT_INVALID', p?.reason ? geosReasonText(p.reason) : localized('为空', 'empty'));
  await tx.execute(
    `INSERT INTO topo_parent (id, name, geom) VALUES (1, $2, ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))))`,
    [JSON.stringify(parent.geometry), name],
  );
  await tx.execute(`UPDATE topo_cand SET parent_id = 1`);
}

/**
 * The community of each grid: as given, else the one holding most of its area (repaired or not). A grid
 * that could not be repaired is placed by its bounding-box centre (a point-in-polygon test on the valid
 * community), so that the gap and address checks of that community can be held back instead of
 * reporting the area the broken grid was meant to cover. Returns the grids that lie in no known community.
 */
export async function loadCommunityParents(tx: Executor, communityCodes: readonly string[]): Promise<{ key: string; community_code: string | null }[]> {
  await tx.execute(
    `INSERT INTO topo_parent (id, community_id, code, name, street_id, district_id, geom)
     SELECT cm.id, cm.id, cm.code, cm.name, cm.street_id, st.district_id, cm.geom
     FROM community cm JOIN street st ON st.id = cm.street_id
     WHERE cm.code IN (SELECT community_code FROM topo_cand WHERE community_code IS NOT NULL) OR cm.code = ANY ($1::text[])`,
    [communityCodes],
  );
  await tx.execute(`UPDATE topo_cand c SET parent_id = p.id FROM topo_parent p WHERE p.code = c.community_code`);
  await tx.execute(
    `UPDATE topo_cand c SET parent_id = (
       SELECT cm.id FROM community cm
       WHERE cm.geom && c.geom AND ST_Relate(cm.geom, c.geom, '2********')
       ORDER BY ST_Area(ST_Intersection(cm.geom, c.geom, ${GRID})) DESC, cm.id LIMIT 1)
     WHERE c.community_code IS NULL AND c.geom IS NOT NULL`,
  );
  await tx.execute(
    `UPDATE topo_cand c SET parent_id = (
       SELECT cm.id FROM community cm
       WHERE ST_Covers(cm.geom, ST_SetSRID(ST_MakePoint((ST_XMin(c.raw) + ST_XMax(c.raw)) / 2, (ST_YMin(c.raw) + ST_YMax(c.raw)) / 2), 4326))
       ORDER BY cm.id LIMIT 1)
     WHERE c.community_code IS NULL AND c.geom IS NULL AND NOT ST_IsEmpty(c.raw)`,
  );
  await tx.execute(
    `INSERT INTO topo_parent (id, community_id, code, name, street_id, district_id, geom)
     SELECT cm.id, cm.id, cm.code, cm.name, cm.street_id, st.district_id, cm.geom
     FROM community cm JOIN street st ON st.id = cm.street_id
     WHERE cm.id IN (SELECT parent_id FROM topo_cand WHERE parent_id IS NOT NULL)
     ON CONFLICT (id) DO NOTHING`,
  );
  return tx.query<{ key: string; community_code: string | null }>(
    `SELECT key, community_code FROM topo_cand WHERE parent_id IS NULL AND (community_code IS NOT NULL OR geom IS NOT NULL) ORDER BY idx`,
  );
}

/** Grids in force at `at` that the set does not replace (outside its communities, not the same code): the neighbours. */
export async function loadNeighboursInForce(tx: Executor, at: Date): Promise<number> {
  return tx.execute(
    `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, valid, geom)
     SELECT 1000000 + row_number() OVER (ORDER BY g.code)::int, 'inforce:' || g.code, g.code, g.name, g.kind, NULL, false, true, g.geom
     FROM ${gridsInForce('$1')} g, (SELECT ST_Expand(ST_Extent(geom), 1e-6) AS box FROM topo_cand WHERE in_set AND geom IS NOT NULL) e
     WHERE g.geom && e.box
       AND NOT (g.community_id IN (SELECT community_id FROM topo_parent WHERE community_id IS NOT NULL))
       AND g.code NOT IN (SELECT code FROM topo_cand WHERE code IS NOT NULL)`,
    [at],
  );
}

/** The scope's communities as parents, and its grids in force at `at` as the set (idx = grid.id). */
export async function loadGridsInForce(tx: Executor, scope: InForceScope, at: Date): Promise<{ grids: number; communityIds: number[]; box: string }> {
  const where = scope === 'city' ? 'true' : 'streetId' in scope ? 'cm.street_id = $1::int' : 'st.district_id = $1::int';
  const params = scope === 'city' ? [] : ['streetId' in scope ? scope.streetId : scope.districtId];
  await tx.execute(
    `INSERT INTO topo_parent (id, community_id, code, name, street_id, district_id, geom)
     SELECT cm.id, cm.id, cm.code, cm.name, cm.street_id, st.district_id, cm.geom
     FROM community cm JOIN street st ON st.id = cm.street_id WHERE ${where}`,
    params,
  );
  const grids = await tx.execute(
    `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, valid, geom, parent_id)
     SELECT g.id, g.code, g.code, g.name, g.kind, p.code, true, true, g.geom, p.id
     FROM ${gridsInForce('$1')} g JOIN topo_parent p ON p.community_id = g.community_id`,
    [at],
  );
  const [box] = await tx.query<{ box: string | null }>(
    `SELECT ST_AsEWKT(ST_Expand(ST_Extent(geom), 1e-6)) AS box FROM (SELECT geom FROM topo_parent UNION ALL SELECT geom FROM topo_cand) x`,
  );
  const communityIds = (await tx.query<{ id: number }>(`SELECT community_id AS id FROM topo_parent`)).map((r) => r.id);
  return { grids, communityIds, box: box?.box ?? 'SRID=4326;POLYGON EMPTY' };
}

/** Street or district scope: the grids in force at `at` across its border, as neighbours (not in the set). */
export async function loadInForceNeighboursAround(tx: Executor, box: string, communityIds: readonly number[], at: Date): Promise<number> {
  return tx.execute(
    `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, valid, geom)
     SELECT g.id, 'inforce:' || g.code, g.code, g.name, g.kind, NULL, false, true, g.geom
     FROM ${gridsInForce('$3')} g
     WHERE g.geom && ST_GeomFromEWKT($1) AND NOT (g.community_id = ANY ($2::int[]))`,
    [box, communityIds, at],
  );
}
