import type { Executor } from '../db';
import { NotFoundError } from './errors';
import { bboxOf, extentColumns, type Bbox } from './geometry';
import { openIncidentSql, overdueIncidentSql } from './incident-status';
import { readGridNorm, type GridNorm } from './map-data';

export type DetailsTarget =
  | { kind: 'grid'; code: string }
  | { kind: 'district' | 'street' | 'community' | 'address' | 'keySite' | 'incident' | 'worker'; id: number };

export interface WorkerSummary {
  id: number;
  name: string;
  employment: 'full_time' | 'part_time';
}

export interface IncidentSummary {
  id: number;
  code: string;
  class: 'component' | 'event';
  category: string;
  status: string;
  reportedAt: Date;
  overdue: boolean;
}

export interface AreaRef {
  id: number;
  code: string;
  name: string;
}

export type GridLoad = 'under' | 'within' | 'over';

export interface GridDetails {
  kind: 'grid';
  id: number;
  code: string;
  name: string;
  gridKind: 'comprehensive' | 'dedicated';
  dedicatedType: string | null;
  responsibleUnit: string;
  community: AreaRef;
  street: AreaRef;
  district: AreaRef;
  households: number;
  residents: number;
  addresses: number;
  load: GridLoad;
  norm: GridNorm;
  areaKm2: number;
  validFrom: Date;
  workers: WorkerSummary[];
  keySites: number;
  openIncidents: number;
  overdueIncidents: number;
  recentIncidents: IncidentSummary[];
  arrangement: { kind: 'enclave' | 'pending_transfer'; name: string; status: string } | null;
  bbox: Bbox | null;
}

export interface AreaDetails {
  kind: 'district' | 'street' | 'community';
  id: number;
  code: string;
  name: string;
  /** street/town or community/village; the district's is always 'district'. */
  areaKind: string;
  parents: AreaRef[];
  children: number;
  gridsInForce: number;
  households: number;
  residents: number;
  areaKm2: number;
  openIncidents: number;
  bbox: Bbox | null;
}

export interface AddressDetails {
  kind: 'address';
  id: number;
  code: string;
  address: string;
  buildingType: string;
  households: number;
  residents: number;
  community: AreaRef;
  grid: { code: string; name: string } | null;
  point: [number, number];
}

export interface KeySiteDetails {
  kind: 'keySite';
  id: number;
  name: string;
  category: string;
  riskLevel: number;
  address: string;
  grid: { code: string; name: string } | null;
  openIncidentsNearby: number;
  point: [number, number];
}

export interface IncidentDetails {
  kind: 'incident';
  id: number;
  code: string;
  class: 'component' | 'event';
  category: string;
  status: string;
  source: string;
  description: string;
  grid: { code: string; name: string } | null;
  reportedAt: Date;
  dispatchedAt: Date | null;
  dueAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  escalated: boolean;
  point: [number, number];
}

export interface WorkerDetails {
  kind: 'worker';
  id: number;
  name: string;
  employment: 'full_time' | 'part_time';
  community: AreaRef;
  grids: { code: string; name: string }[];
  positionAt: Date | null;
  point: [number, number] | null;
}

export type Details = GridDetails | AreaDetails | AddressDetails | KeySiteDetails | IncidentDetails | WorkerDetails;

const RECENT_INCIDENTS = 5;

/** The details panel of anything on the map. Throws NotFoundError when it does not exist. */
export async function getDetails(db: Executor, target: DetailsTarget): Promise<Details> {
  switch (target.kind) {
    case 'grid':
      return gridDetails(db, target.code);
    case 'district':
    case 'street':
    case 'community':
      return areaDetails(db, target.kind, target.id);
    case 'address':
      return addressDetails(db, target.id);
    case 'keySite':
      return keySiteDetails(db, target.id);
    case 'incident':
      return incidentDetails(db, target.id);
    case 'worker':
      return workerDetails(db, target.id);
  }
}

export function loadAgainstNorm(households: number, norm: GridNorm): GridLoad {
  if (households < norm.householdsMin) return 'under';
  if (households > norm.householdsMax) return 'over';
  return 'within';
}

async function gridDetails(db: Executor, code: string): Promise<GridDetails> {
  const [g] = await db.query<{
    id: number; code: string; name: string; kind: 'comprehensive' | 'dedicated'; dedicated_type: string | null;
    responsible_unit: string; valid_from: Date; area_km2: number;
    community_id: number; community_code: string; community_name: string;
    street_id: number; street_code: string; street_name: string;
    district_id: number; district_code: string; district_name: string;
    households: number | null; residents: number | null; addresses: number | null;
    arrangement_kind: 'enclave' | 'pending_transfer' | null; arrangement_name: string | null; arrangement_status: string | null;
    xmin: number; ymin: number; xmax: number; ymax: number;
  }>(
    `SELECT g.id, g.code, g.name, g.kind, g.dedicated_type, g.responsible_unit, g.valid_from,
            ST_Area(g.geom::geography) / 1e6 AS area_km2,
            c.id AS community_id, c.code AS community_code, c.name AS community_name,
            s.id AS street_id, s.code AS street_code, s.name AS street_name,
            d.id AS district_id, d.code AS district_code, d.name AS district_name,
            l.households, l.residents, l.addresses,
            ja.kind AS arrangement_kind, ja.name AS arrangement_name, ja.status AS arrangement_status,
            ${extentColumns('g.geom')}
       FROM grid g
       JOIN community c ON c.id = g.community_id
       JOIN street s ON s.id = c.street_id
       JOIN district d ON d.id = s.district_id
       LEFT JOIN grid_load l ON l.grid_id = g.id
       LEFT JOIN jurisdiction_arrangement ja ON ja.id = g.arrangement_id
      WHERE g.code = $1 AND g.valid_to IS NULL`,
    [code],
  );
  if (!g) throw new NotFoundError('grid', code);

  const workers = await db.query<WorkerSummary>(
    `SELECT w.id, w.name, w.employment
       FROM grid_assignment a JOIN grid_worker w ON w.id = a.worker_id
      WHERE a.grid_code = $1 AND a.valid_to IS NULL
      ORDER BY w.employment, w.name`,
    [code],
  );
  const [counts] = await db.query<{ open: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE ${openIncidentSql('i')})::int AS open,
            count(*) FILTER (WHERE ${overdueIncidentSql('i')})::int AS overdue
       FROM incident i WHERE i.grid_code = $1`,
    [code],
  );
  const recent = await recentIncidents(db, 'i.grid_code = $1', [code]);
  const [sites] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM key_site k, grid g
      WHERE g.id = $1 AND k.geom && g.geom AND ST_Intersects(g.geom, k.geom)`,
    [g.id],
  );
  const norm = await readGridNorm(db);
  const households = g.households ?? 0;
  return {
    kind: 'grid',
    id: g.id,
    code: g.code.trim(),
    name: g.name,
    gridKind: g.kind,
    dedicatedType: g.dedicated_type,
    responsibleUnit: g.responsible_unit,
    community: { id: g.community_id, code: g.community_code.trim(), name: g.community_name },
    street: { id: g.street_id, code: g.street_code.trim(), name: g.street_name },
    district: { id: g.district_id, code: g.district_code.trim(), name: g.district_name },
    households,
    residents: g.residents ?? 0,
    addresses: g.addresses ?? 0,
    load: loadAgainstNorm(households, norm),
    norm,
    areaKm2: g.area_km2,
    validFrom: g.valid_from,
    workers,
    keySites: sites.n,
    openIncidents: counts.open,
    overdueIncidents: counts.overdue,
    recentIncidents: recent,
    arrangement: g.arrangement_kind
      ? { kind: g.arrangement_kind, name: g.arrangement_name ?? '', status: g.arrangement_status ?? '' }
      : null,
    bbox: bboxOf(g),
  };
}

async function recentIncidents(db: Executor, where: string, params: unknown[]): Promise<IncidentSummary[]> {
  const rows = await db.query<{
    id: number; code: string; class: 'component' | 'event'; category: string; status: string; reported_at: Date; overdue: boolean;
  }>(
    `SELECT i.id, i.code, i.class, i.category, i.status, i.reported_at, ${overdueIncidentSql('i')} AS overdue
       FROM incident i WHERE ${where}
      ORDER BY i.reported_at DESC LIMIT ${RECENT_INCIDENTS}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id, code: r.code, class: r.class, category: r.category, status: r.status, reportedAt: r.reported_at, overdue: r.overdue,
  }));
}

// Identifiers below come from this table, never from input.
const AREA_SQL = {
  district: {
    select: `SELECT d.id, d.code, d.name, 'district' AS area_kind, ST_Area(d.geom::geography) / 1e6 AS area_km2,
                    ${extentColumns('d.geom')},
                    (SELECT count(*)::int FROM street s WHERE s.district_id = d.id) AS children
               FROM district d WHERE d.id = $1`,
    // A district has no parent below the city.
    parents: `SELECT d.id, d.code, d.name FROM district d WHERE false AND d.id = $1`,
    communities: `SELECT c.id FROM community c JOIN street s ON s.id = c.street_id WHERE s.district_id = $1`,
  },
  street: {
    select: `SELECT s.id, s.code, s.name, s.kind AS area_kind, ST_Area(s.geom::geography) / 1e6 AS area_km2,
                    ${extentColumns('s.geom')},
                    (SELECT count(*)::int FROM community c WHERE c.street_id = s.id) AS children
               FROM street s WHERE s.id = $1`,
    parents: `SELECT d.id, d.code, d.name FROM street s JOIN district d ON d.id = s.district_id WHERE s.id = $1`,
    communities: `SELECT c.id FROM community c WHERE c.street_id = $1`,
  },
  community: {
    select: `SELECT c.id, c.code, c.name, c.kind AS area_kind, ST_Area(c.geom::geography) / 1e6 AS area_km2,
                    ${extentColumns('c.geom')},
                    (SELECT count(*)::int FROM grid g WHERE g.community_id = c.id AND g.valid_to IS NULL) AS children
               FROM community c WHERE c.id = $1`,
    parents: `SELECT d.id, d.code, d.name FROM community c JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id WHERE c.id = $1
              UNION ALL
              SELECT s.id, s.code, s.name FROM community c JOIN street s ON s.id = c.street_id WHERE c.id = $1`,
    communities: `SELECT c.id FROM community c WHERE c.id = $1`,
  },
} as const;

async function areaDetails(db: Executor, kind: 'district' | 'street' | 'community', id: number): Promise<AreaDetails> {
  const sql = AREA_SQL[kind];
  const [a] = await db.query<{
    id: number; code: string; name: string; area_kind: string; area_km2: number; children: number;
    xmin: number; ymin: number; xmax: number; ymax: number;
  }>(sql.select, [id]);
  if (!a) throw new NotFoundError(kind, id);
  const parents = await db.query<AreaRef>(sql.parents, [id]);
  // Households are counted from addresses (the anchor), grids and incidents from the grids in force.
  const [stats] = await db.query<{ grids: number; households: number; residents: number; open_incidents: number }>(
    `WITH cs AS (${sql.communities})
     SELECT (SELECT count(*)::int FROM grid g WHERE g.valid_to IS NULL AND g.community_id IN (SELECT id FROM cs)) AS grids,
            (SELECT coalesce(sum(households), 0)::int FROM standard_address WHERE community_id IN (SELECT id FROM cs)) AS households,
            (SELECT coalesce(sum(residents), 0)::int FROM standard_address WHERE community_id IN (SELECT id FROM cs)) AS residents,
            (SELECT count(*)::int FROM incident i JOIN grid g ON g.code = i.grid_code AND g.valid_to IS NULL
              WHERE g.community_id IN (SELECT id FROM cs) AND ${openIncidentSql('i')}) AS open_incidents`,
    [id],
  );
  return {
    kind,
    id: a.id,
    code: a.code.trim(),
    name: a.name,
    areaKind: a.area_kind,
    parents: parents.map((p) => ({ ...p, code: p.code.trim() })),
    children: a.children,
    gridsInForce: stats.grids,
    households: stats.households,
    residents: stats.residents,
    areaKm2: a.area_km2,
    openIncidents: stats.open_incidents,
    bbox: bboxOf(a),
  };
}

/** The grid in force covering a point (or touching a polygon): the responsible grid. */
const GRID_AT = (geomExpr: string) =>
  `(SELECT json_build_object('code', g.code, 'name', g.name) FROM grid g
     WHERE g.valid_to IS NULL AND g.geom && ${geomExpr} AND ST_Intersects(g.geom, ${geomExpr})
     ORDER BY g.code LIMIT 1)`;

function gridRef(value: unknown): { code: string; name: string } | null {
  if (!value) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as { code: string; name: string };
  return { code: v.code.trim(), name: v.name };
}

async function addressDetails(db: Executor, id: number): Promise<AddressDetails> {
  const [a] = await db.query<{
    id: number; code: string; address: string; building_type: string; households: number; residents: number;
    community_id: number; community_code: string; community_name: string; grid: unknown; lon: number; lat: number;
  }>(
    `SELECT a.id, a.code, a.address, a.building_type, a.households, a.residents,
            c.id AS community_id, c.code AS community_code, c.name AS community_name,
            ${GRID_AT('a.geom')} AS grid, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat
       FROM standard_address a JOIN community c ON c.id = a.community_id
      WHERE a.id = $1`,
    [id],
  );
  if (!a) throw new NotFoundError('address', id);
  return {
    kind: 'address',
    id: a.id,
    code: a.code.trim(),
    address: a.address,
    buildingType: a.building_type,
    households: a.households,
    residents: a.residents,
    community: { id: a.community_id, code: a.community_code.trim(), name: a.community_name },
    grid: gridRef(a.grid),
    point: [a.lon, a.lat],
  };
}

async function keySiteDetails(db: Executor, id: number): Promise<KeySiteDetails> {
  const [k] = await db.query<{
    id: number; name: string; category: string; risk_level: number; address: string; grid: unknown; open_nearby: number; lon: number; lat: number;
  }>(
    `SELECT k.id, k.name, k.category, k.risk_level, k.address, ${GRID_AT('ST_PointOnSurface(k.geom)')} AS grid,
            (SELECT count(*)::int FROM incident i
              WHERE ST_DWithin(i.geom::geography, k.geom::geography, 200) AND ${openIncidentSql('i')}) AS open_nearby,
            ST_X(ST_PointOnSurface(k.geom)) AS lon, ST_Y(ST_PointOnSurface(k.geom)) AS lat
       FROM key_site k WHERE k.id = $1`,
    [id],
  );
  if (!k) throw new NotFoundError('key site', id);
  return {
    kind: 'keySite',
    id: k.id,
    name: k.name,
    category: k.category,
    riskLevel: k.risk_level,
    address: k.address,
    grid: gridRef(k.grid),
    openIncidentsNearby: k.open_nearby,
    point: [k.lon, k.lat],
  };
}

async function incidentDetails(db: Executor, id: number): Promise<IncidentDetails> {
  const [i] = await db.query<{
    id: number; code: string; class: 'component' | 'event'; category: string; status: string; source: string; description: string;
    grid_code: string | null; grid_name: string | null; reported_at: Date; dispatched_at: Date | null; due_at: Date | null;
    closed_at: Date | null; overdue: boolean; escalated: boolean; lon: number; lat: number;
  }>(
    `SELECT i.id, i.code, i.class, i.category, i.status, i.source, i.description, i.grid_code,
            (SELECT g.name FROM grid g WHERE g.code = i.grid_code ORDER BY g.valid_to DESC NULLS FIRST LIMIT 1) AS grid_name,
            i.reported_at, i.dispatched_at, i.due_at, i.closed_at, ${overdueIncidentSql('i')} AS overdue, i.escalated,
            ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
       FROM incident i WHERE i.id = $1`,
    [id],
  );
  if (!i) throw new NotFoundError('incident', id);
  return {
    kind: 'incident',
    id: i.id,
    code: i.code,
    class: i.class,
    category: i.category,
    status: i.status,
    source: i.source,
    description: i.description,
    grid: i.grid_code ? { code: i.grid_code.trim(), name: i.grid_name ?? '' } : null,
    reportedAt: i.reported_at,
    dispatchedAt: i.dispatched_at,
    dueAt: i.due_at,
    closedAt: i.closed_at,
    overdue: i.overdue,
    escalated: i.escalated,
    point: [i.lon, i.lat],
  };
}

async function workerDetails(db: Executor, id: number): Promise<WorkerDetails> {
  const [w] = await db.query<{
    id: number; name: string; employment: 'full_time' | 'part_time'; community_id: number; community_code: string;
    community_name: string; position_at: Date | null; lon: number | null; lat: number | null;
  }>(
    `SELECT w.id, w.name, w.employment, c.id AS community_id, c.code AS community_code, c.name AS community_name,
            w.position_at, ST_X(w.position) AS lon, ST_Y(w.position) AS lat
       FROM grid_worker w JOIN community c ON c.id = w.community_id WHERE w.id = $1`,
    [id],
  );
  if (!w) throw new NotFoundError('worker', id);
  const grids = await db.query<{ code: string; name: string }>(
    `SELECT a.grid_code AS code, coalesce(g.name, a.grid_code) AS name
       FROM grid_assignment a LEFT JOIN grid g ON g.code = a.grid_code AND g.valid_to IS NULL
      WHERE a.worker_id = $1 AND a.valid_to IS NULL ORDER BY a.grid_code`,
    [id],
  );
  return {
    kind: 'worker',
    id: w.id,
    name: w.name,
    employment: w.employment,
    community: { id: w.community_id, code: w.community_code.trim(), name: w.community_name },
    grids: grids.map((g) => ({ code: g.code.trim(), name: g.name })),
    positionAt: w.position_at,
    point: w.lon != null && w.lat != null ? [w.lon, w.lat] : null,
  };
}
