/**
 * The details panel of anything on the map, composed from the data layer (server/data). Every read is
 * "as of" the moment `at`: the grids in force then, the workers assigned then, overdue then.
 */
import { localized } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { addressById, householdTotals, type AddressRow } from '../data/addresses';
import { countGridsInForce, gridInForceByCode, type AreaRef, type GridInForce } from '../data/grids';
import { incidentById, incidentCountsOfGrid, openIncidentsInCommunities, recentIncidentsOfGrid, type IncidentRow, type IncidentSummary } from '../data/incidents';
import { keySiteById, keySitesInGrid, type KeySiteRow } from '../data/key-sites';
import type { Bbox } from '../data/sql';
import { areaById, type AreaLevel } from '../data/territory';
import { workerById, workersOfGrid, type WorkerRow, type WorkerSummary } from '../data/workers';
import { notFound } from '../errors/domain-error';
import { readSettings, type GridNorm } from '../settings';

export type { IncidentSummary };

export type DetailsTarget =
  | { kind: 'grid'; code: string }
  | { kind: 'district' | 'street' | 'community' | 'address' | 'keySite' | 'incident' | 'worker'; id: number };

export interface GridDetails extends Omit<GridInForce, 'kind'> {
  kind: 'grid';
  gridKind: GridInForce['kind'];
  norm: GridNorm;
  workers: WorkerSummary[];
  keySites: number;
  openIncidents: number;
  overdueIncidents: number;
  recentIncidents: IncidentSummary[];
}

export interface AreaDetails {
  kind: AreaLevel;
  id: number;
  code: string;
  name: string;
  /** street/town or community/village; the district's is always 'district'. */
  areaKind: string;
  parents: AreaRef[];
  /** Streets of a district, communities of a street, grids in force of a community. */
  children: number;
  gridsInForce: number;
  households: number;
  residents: number;
  areaKm2: number;
  openIncidents: number;
  bbox: Bbox | null;
}

export type AddressDetails = AddressRow & { kind: 'address' };
export type KeySiteDetails = KeySiteRow & { kind: 'keySite' };
export type IncidentDetails = IncidentRow & { kind: 'incident' };
export type WorkerDetails = WorkerRow & { kind: 'worker' };

export type Details = GridDetails | AreaDetails | AddressDetails | KeySiteDetails | IncidentDetails | WorkerDetails;

const RECENT_INCIDENTS = 5;

/** What the not-found error names, in both languages. */
const WHAT = {
  grid: localized('网格', 'grid'),
  district: localized('区', 'district'),
  street: localized('街道', 'street'),
  community: localized('社区', 'community'),
  address: localized('标准地址', 'standard address'),
  keySite: localized('重点场所', 'key site'),
  incident: localized('事件', 'incident'),
  worker: localized('网格员', 'grid worker'),
} as const;

function found<T>(row: T | null, what: keyof typeof WHAT, key: string | number): T {
  if (row === null) throw notFound(WHAT[what], key);
  return row;
}

/** The details of one thing as of `at`. Throws a not-found error when it does not exist (or is not in force then). */
export async function getDetails(db: Executor, target: DetailsTarget, at: Date): Promise<Details> {
  switch (target.kind) {
    case 'grid':
      return gridDetails(db, target.code, at);
    case 'district':
    case 'street':
    case 'community':
      return areaDetails(db, target.kind, target.id, at);
    case 'address':
      return { kind: 'address', ...found(await addressById(db, target.id, at), 'address', target.id) };
    case 'keySite':
      return { kind: 'keySite', ...found(await keySiteById(db, target.id, at), 'keySite', target.id) };
    case 'incident':
      return { kind: 'incident', ...found(await incidentById(db, target.id, at), 'incident', target.id) };
    case 'worker':
      return { kind: 'worker', ...found(await workerById(db, target.id, at), 'worker', target.id) };
  }
}

async function gridDetails(db: Executor, code: string, at: Date): Promise<GridDetails> {
  const { norm } = await readSettings(db);
  const { kind, ...grid } = found(await gridInForceByCode(db, code, at, norm), 'grid', code);
  const [workers, counts, recentIncidents, keySites] = [
    await workersOfGrid(db, code, at),
    await incidentCountsOfGrid(db, code, at),
    await recentIncidentsOfGrid(db, code, at, RECENT_INCIDENTS),
    await keySitesInGrid(db, grid.id),
  ];
  return {
    kind: 'grid',
    gridKind: kind,
    ...grid,
    norm,
    workers,
    keySites,
    openIncidents: counts.open,
    overdueIncidents: counts.overdue,
    recentIncidents,
  };
}

async function areaDetails(db: Executor, level: AreaLevel, id: number, at: Date): Promise<AreaDetails> {
  const a = found(await areaById(db, level, id), level, id);
  // Households are counted from the addresses (the anchor), grids and incidents from the grids in force.
  const grids = await countGridsInForce(db, a.communityIds, at);
  const totals = await householdTotals(db, a.communityIds);
  return {
    kind: level,
    id: a.id,
    code: a.code,
    name: a.name,
    areaKind: a.areaKind,
    parents: a.parents,
    children: level === 'community' ? grids : a.children,
    gridsInForce: grids,
    households: totals.households,
    residents: totals.residents,
    areaKm2: a.areaKm2,
    openIncidents: await openIncidentsInCommunities(db, a.communityIds, at),
    bbox: a.bbox,
  };
}
