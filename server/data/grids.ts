/**
 * The grids' query home. "The grids in force at time t" has one definition, the SQL function
 * grids_in_force(t) (migration 0009); every query that reads grids as they stand at a moment (tiles,
 * details, search, labels, topology, the editor) selects FROM gridsInForce(param), and the functions
 * below take the moment as an argument. Today the app asks about now; a map "as of" a filing date asks
 * about that date through the same code.
 */
import type { Executor } from '../db';
import { normArguments, type GridNorm } from '../settings';
import { bboxOf, extentColumns, type Bbox } from './sql';

/** The grid rows in force at the timestamptz bound as `param` (e.g. '$2'), as a FROM item. */
export const gridsInForce = (param: string) => `grids_in_force(${param}::timestamptz)`;
/** The worker-to-grid assignments in force at `param`, as a FROM item. */
export const assignmentsInForce = (param: string) => `grid_assignments_in_force(${param}::timestamptz)`;

/** The SQL expression of a grid's load status (grid_load_status, migration 0010) with the norm bound at $n.. */
export const loadStatusSql = (households: string, residents: string, firstNormParam: number) =>
  `grid_load_status(${households}, ${residents}, $${firstNormParam}::int, $${firstNormParam + 1}::int, $${firstNormParam + 2}::int)`;

export type GridKind = 'comprehensive' | 'dedicated';
export type GridLoadStatus = 'under' | 'within' | 'over';

export interface AreaRef {
  id: number;
  code: string;
  name: string;
}

export interface GridInForce {
  id: number;
  code: string;
  name: string;
  kind: GridKind;
  dedicatedType: string | null;
  responsibleUnit: string;
  validFrom: Date;
  areaKm2: number;
  community: AreaRef;
  street: AreaRef;
  district: AreaRef;
  households: number;
  residents: number;
  addresses: number;
  load: GridLoadStatus;
  arrangement: { kind: 'enclave' | 'pending_transfer'; name: string; status: string } | null;
  bbox: Bbox | null;
}

/** The grid in force at `at` with this code, with its place in the hierarchy and its load; null if none. */
export async function gridInForceByCode(db: Executor, code: string, at: Date, norm: GridNorm): Promise<GridInForce | null> {
  const [g] = await db.query<{
    id: number; code: string; name: string; kind: GridKind; dedicated_type: string | null; responsible_unit: string; valid_from: Date;
    area_km2: number; community_id: number; community_code: string; community_name: string; street_id: number; street_code: string;
    street_name: string; district_id: number; district_code: string; district_name: string; households: number; residents: number;
    addresses: number; load: GridLoadStatus; arrangement_kind: 'enclave' | 'pending_transfer' | null; arrangement_name: string | null;
    arrangement_status: string | null; xmin: number; ymin: number; xmax: number; ymax: number;
  }>(
    `SELECT g.id, g.code, g.name, g.kind, g.dedicated_type, g.responsible_unit, g.valid_from,
            ST_Area(g.geom::geography) / 1e6 AS area_km2,
            c.id AS community_id, c.code AS community_code, c.name AS community_name,
            s.id AS street_id, s.code AS street_code, s.name AS street_name,
            d.id AS district_id, d.code AS district_code, d.name AS district_name,
            coalesce(l.households, 0) AS households, coalesce(l.residents, 0) AS residents, coalesce(l.addresses, 0) AS addresses,
            ${loadStatusSql('l.households', 'l.residents', 3)} AS load,
            ja.kind AS arrangement_kind, ja.name AS arrangement_name, ja.status AS arrangement_status,
            ${extentColumns('g.geom')}
       FROM ${gridsInForce('$2')} g
       JOIN community c ON c.id = g.community_id
       JOIN street s ON s.id = c.street_id
       JOIN district d ON d.id = s.district_id
       LEFT JOIN grid_load l ON l.grid_id = g.id
       LEFT JOIN jurisdiction_arrangement ja ON ja.id = g.arrangement_id
      WHERE g.code = $1`,
    [code, at, ...normArguments(norm)],
  );
  if (!g) return null;
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    kind: g.kind,
    dedicatedType: g.dedicated_type,
    responsibleUnit: g.responsible_unit,
    validFrom: g.valid_from,
    areaKm2: g.area_km2,
    community: { id: g.community_id, code: g.community_code, name: g.community_name },
    street: { id: g.street_id, code: g.street_code, name: g.street_name },
    district: { id: g.district_id, code: g.district_code, name: g.district_name },
    households: g.households,
    residents: g.residents,
    addresses: g.addresses,
    load: g.load,
    arrangement: g.arrangement_kind ? { kind: g.arrangement_kind, name: g.arrangement_name ?? '', status: g.arrangement_status ?? '' } : null,
    bbox: bboxOf(g),
  };
}

export interface GridRef {
  code: string;
  name: string;
}

/**
 * The responsible grid of a place at `at`: the grid in force covering the point (the lowest code when a
 * point lies on a shared edge), or null.
 */
export async function gridCoveringPoint(db: Executor, point: [number, number], at: Date): Promise<GridRef | null> {
  const [g] = await db.query<GridRef>(
    `SELECT g.code, g.name FROM ${gridsInForce('$3')} g, (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS p) x
      WHERE g.geom && x.p AND ST_Intersects(g.geom, x.p)
      ORDER BY g.code LIMIT 1`,
    [point[0], point[1], at],
  );
  return g ?? null;
}

/** The name a grid code had at `at`, else its latest version's (a code no longer in force keeps its last name). */
export async function gridName(db: Executor, code: string, at: Date): Promise<string | null> {
  const [g] = await db.query<{ name: string }>(
    `SELECT name FROM (
       SELECT name, 0 AS rank FROM ${gridsInForce('$2')} WHERE code = $1
       UNION ALL
       SELECT name, 1 FROM (SELECT name FROM grid WHERE code = $1 ORDER BY valid_from DESC LIMIT 1) latest
     ) n ORDER BY rank LIMIT 1`,
    [code, at],
  );
  return g?.name ?? null;
}

/** How many grids are in force at `at` in these communities. */
export async function countGridsInForce(db: Executor, communityIds: readonly number[], at: Date): Promise<number> {
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${gridsInForce('$2')} g WHERE g.community_id = ANY ($1::int[])`, [
    communityIds,
    at,
  ]);
  return r!.n;
}
