/**
 * The details panel of anything on the map, composed from the data layer (server/data). Every read is
 * "as of" the moment `at`: the grids in force then, the workers assigned then, overdue then.
 *
 * What the actor sees is narrowed here by the scopes of server/auth/policy.ts: a grid outside their
 * personal-data scope lists its workers as counts only, outside their incidents scope no incident is
 * listed (the counts stay); an incident, a worker or a key site outside their scope is refused.
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
import type { Actor } from '../auth/actor';
import { denied } from '../auth/authorize';
import { AuthError } from '../auth/errors';
import { codeInScope, scopeOf, type Capability, type Scope } from '../auth/policy';
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
  /** By name only for a grid inside the actor's personal-data scope; empty otherwise (see workerCounts). */
  workers: WorkerSummary[];
  workerCounts: { fullTime: number; partTime: number };
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

/** Who asks, and where from (for the security log of a refusal). */
export interface Viewer {
  actor: Actor;
  address: string;
}

/** The scope of `capability`, or the logged refusal to show a `target.kind` at all. */
async function scopeFor(db: Executor, viewer: Viewer, capability: Capability, target: DetailsTarget): Promise<Scope> {
  const scope = scopeOf(viewer.actor, capability);
  if (!scope) throw await denied(db, viewer.actor, `details.get:${target.kind}`, new AuthError('ACCESS_DENIED'), viewer.address);
  return scope;
}

async function outside(db: Executor, viewer: Viewer, target: DetailsTarget): Promise<never> {
  const key = 'code' in target ? target.code : target.id;
  throw await denied(db, viewer.actor, `details.get:${target.kind}:${key}`, new AuthError('OUT_OF_JURISDICTION'), viewer.address);
}

/**
 * The details of one thing as of `at`, as far as the viewer may see it. Throws a not-found error when it
 * does not exist (or is not in force then), a refusal when it lies outside the viewer's scope.
 */
export async function getDetails(db: Executor, viewer: Viewer, target: DetailsTarget, at: Date): Promise<Details> {
  switch (target.kind) {
    case 'grid':
      return gridDetails(db, viewer.actor, target.code, at);
    case 'district':
    case 'street':
    case 'community':
      return areaDetails(db, target.kind, target.id, at);
    case 'address':
      await scopeFor(db, viewer, 'addresses', target);
      return { kind: 'address', ...found(await addressById(db, target.id, at), 'address', target.id) };
    case 'keySite':
      await scopeFor(db, viewer, 'key_sites', target);
      return { kind: 'keySite', ...found(await keySiteById(db, target.id, at), 'keySite', target.id) };
    case 'incident': {
      const scope = await scopeFor(db, viewer, 'incidents', target);
      const incident = found(await incidentById(db, target.id, at), 'incident', target.id);
      if (!codeInScope(scope, incident.grid?.code)) return outside(db, viewer, target);
      return { kind: 'incident', ...incident };
    }
    case 'worker': {
      const scope = await scopeFor(db, viewer, 'personal_data', target);
      const worker = found(await workerById(db, target.id, at), 'worker', target.id);
      const self = !scope.all && scope.workerIds.includes(worker.id);
      if (!self && !codeInScope(scope, worker.community.code) && !worker.grids.some((g) => codeInScope(scope, g.code))) {
        return outside(db, viewer, target);
      }
      // A grid worker sees a colleague of their grid, but only their own position.
      const positions = scopeOf(viewer.actor, 'worker_positions');
      const seesPosition = codeInScope(positions, worker.community.code) || (!!positions && !positions.all && positions.workerIds.includes(worker.id));
      return { kind: 'worker', ...worker, ...(seesPosition ? {} : { point: null, positionAt: null }) };
    }
  }
}

async function gridDetails(db: Executor, actor: Actor, code: string, at: Date): Promise<GridDetails> {
  const { norm } = await readSettings(db);
  const { kind, ...grid } = found(await gridInForceByCode(db, code, at, norm), 'grid', code);
  const [workers, counts, recentIncidents, keySites] = [
    await workersOfGrid(db, code, at),
    await incidentCountsOfGrid(db, code, at),
    codeInScope(scopeOf(actor, 'incidents'), code) ? await recentIncidentsOfGrid(db, code, at, RECENT_INCIDENTS) : [],
    await keySitesInGrid(db, grid.id),
  ];
  const named = codeInScope(scopeOf(actor, 'personal_data'), code);
  return {
    kind: 'grid',
    gridKind: kind,
    ...grid,
    norm,
    workers: named ? workers : [],
    workerCounts: {
      fullTime: workers.filter((w) => w.employment === 'full_time').length,
      partTime: workers.filter((w) => w.employment === 'part_time').length,
    },
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
