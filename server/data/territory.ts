/**
 * The territory's query home: districts, streets and communities (their boundaries do not change with
 * the plans, so these reads take no time argument; the grids counted under them do).
 */
import type { MultiPolygon } from 'geojson';
import type { Executor } from '../db';
import type { AreaRef } from './grids';
import { bboxOf, codeMatchesSql, extentColumns, type Bbox, type CodePatterns } from './sql';

export type AreaLevel = 'district' | 'street' | 'community';

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  /** street/town or community/village; the district's is always 'district'. */
  areaKind: string;
  areaKm2: number;
  /** Streets of a district, communities of a street (a community's grids are counted by the caller). */
  children: number;
  bbox: Bbox | null;
  /** The districts and streets above it, top first. */
  parents: AreaRef[];
  /** The communities it is made of (itself, for a community). */
  communityIds: number[];
}

// Identifiers below come from this table, never from input.
const AREA_SQL: Record<AreaLevel, { select: string; parents: string; communities: string }> = {
  district: {
    select: `SELECT d.id, d.code, d.name, 'district' AS area_kind, ST_Area(d.geom::geography) / 1e6 AS area_km2,
                    ${extentColumns('d.geom')}, (SELECT count(*)::int FROM street s WHERE s.district_id = d.id) AS children
               FROM district d WHERE d.id = $1`,
    // A district has no parent below the city.
    parents: `SELECT d.id, d.code, d.name FROM district d WHERE false AND d.id = $1`,
    communities: `SELECT c.id FROM community c JOIN street s ON s.id = c.street_id WHERE s.district_id = $1 ORDER BY c.id`,
  },
  street: {
    select: `SELECT s.id, s.code, s.name, s.kind AS area_kind, ST_Area(s.geom::geography) / 1e6 AS area_km2,
                    ${extentColumns('s.geom')}, (SELECT count(*)::int FROM community c WHERE c.street_id = s.id) AS children
               FROM street s WHERE s.id = $1`,
    parents: `SELECT d.id, d.code, d.name FROM street s JOIN district d ON d.id = s.district_id WHERE s.id = $1`,
    communities: `SELECT c.id FROM community c WHERE c.street_id = $1 ORDER BY c.id`,
  },
  community: {
    select: `SELECT c.id, c.code, c.name, c.kind AS area_kind, ST_Area(c.geom::geography) / 1e6 AS area_km2,
                    ${extentColumns('c.geom')}, 0 AS children
               FROM community c WHERE c.id = $1`,
    parents: `SELECT d.id, d.code, d.name FROM community c JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id WHERE c.id = $1
              UNION ALL
              SELECT s.id, s.code, s.name FROM community c JOIN street s ON s.id = c.street_id WHERE c.id = $1`,
    communities: `SELECT c.id FROM community c WHERE c.id = $1`,
  },
};

/** A district, street or community with its parents and the communities under it; null if none. */
export async function areaById(db: Executor, level: AreaLevel, id: number): Promise<AreaRow | null> {
  const sql = AREA_SQL[level];
  const [a] = await db.query<{
    id: number; code: string; name: string; area_kind: string; area_km2: number; children: number;
    xmin: number; ymin: number; xmax: number; ymax: number;
  }>(sql.select, [id]);
  if (!a) return null;
  const parents = await db.query<AreaRef>(sql.parents, [id]);
  const communities = await db.query<{ id: number }>(sql.communities, [id]);
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    areaKind: a.area_kind,
    areaKm2: a.area_km2,
    children: a.children,
    bbox: bboxOf(a),
    parents,
    communityIds: communities.map((c) => c.id),
  };
}

export interface StreetRow {
  id: number;
  code: string;
  name: string;
  districtName: string;
}

/** Every street of the city, in code order (which is district order). */
/** The streets whose codes match `within` (all of them for null), in code order. */
export async function listStreets(db: Executor, within: CodePatterns = null): Promise<StreetRow[]> {
  const rows = await db.query<{ id: number; code: string; name: string; district_name: string }>(
    `SELECT s.id, s.code, s.name, d.name AS district_name FROM street s JOIN district d ON d.id = s.district_id
      WHERE ${codeMatchesSql('s.code', '$1')} ORDER BY s.code`,
    [within],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, districtName: r.district_name }));
}

export async function streetById(db: Executor, id: number): Promise<AreaRef | null> {
  const [s] = await db.query<AreaRef>('SELECT id, code, name FROM street WHERE id = $1', [id]);
  return s ?? null;
}

export interface CommunityBoundary extends AreaRef {
  /** Full precision, like the draft grids, so a shared vertex is the same double. */
  geometry: MultiPolygon;
}

/** A street's communities in code order, with their boundaries. */
export async function communitiesOfStreet(db: Executor, streetId: number): Promise<CommunityBoundary[]> {
  return db.query<CommunityBoundary>(
    'SELECT id, code, name, ST_AsGeoJSON(geom, 15)::json AS geometry FROM community WHERE street_id = $1 ORDER BY code',
    [streetId],
  );
}

/** A community if it belongs to the street (by id or by code), else null. */
export async function communityOfStreet(db: Executor, streetId: number, community: { id: number } | { code: string }): Promise<AreaRef | null> {
  const [c] =
    'id' in community
      ? await db.query<AreaRef>('SELECT id, code, name FROM community WHERE id = $1 AND street_id = $2', [community.id, streetId])
      : await db.query<AreaRef>('SELECT id, code, name FROM community WHERE code = $1 AND street_id = $2', [community.code, streetId]);
  return c ?? null;
}

/** The city's extent (all its districts): every feature of every layer lies inside it; null before a city is loaded. */
export async function cityBounds(db: Executor): Promise<Bbox | null> {
  const [row] = await db.query<{ xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null }>(
    `SELECT ${extentColumns('e')} FROM (SELECT ST_Extent(geom)::geometry AS e FROM district) x`,
  );
  return row ? bboxOf(row) : null;
}
