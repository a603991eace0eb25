/**
 * The change feed's events as the domain makes them: a plan filed (its street's grids in force from a
 * moment), an incident moving from one state to another. Each reads what it sends in the caller's
 * transaction and hands it to the outbox. An incident's fields are those of the open data's `incidents`
 * collection (server/ogc/collections.ts), read through its own definitions: a partner gets the same
 * names and the same public / restricted split over the feed as over /ogc.
 */
import type { IncidentState } from '@/geo/incidents/incident-states';
import type { Executor } from '../db';
import { collectionById } from '../ogc/collections';
import { recordChange } from './outbox';

const incidents = collectionById('incidents')!;
const INCIDENT_FIELDS = Object.entries(incidents.properties);
// The collection's own SQL over its own FROM (alias t). None of the incidents' properties reads the
// request's moment ($1 in the collections' SQL), so the case's id can take that place.
const INCIDENT_SQL = `SELECT ${INCIDENT_FIELDS.map(([name, p]) => `${p.sql} AS "${name}"`).join(', ')} FROM ${incidents.from} WHERE t.id = $1::bigint`;

export interface IncidentStateChange {
  incidentId: number;
  /** The loop's step (report, accept, dispatch, verify_fail…). */
  action: string;
  /** null when the case was just reported. */
  from: IncidentState | null;
  to: IncidentState;
  at: Date;
}

/** Records an incident's change of state; a step that leaves the state as it was (an escalation) is no change. */
export async function recordIncidentStateChange(tx: Executor, e: IncidentStateChange): Promise<void> {
  if (e.from === e.to) return;
  const [row] = await tx.query<Record<string, unknown>>(INCIDENT_SQL, [e.incidentId]);
  if (!row) return;
  const incident: Record<string, unknown> = {};
  const restricted: Record<string, unknown> = {};
  for (const [name, p] of INCIDENT_FIELDS) {
    if (p.restricted) restricted[`incidents.${name}`] = row[name];
    else incident[name] = row[name];
  }
  await recordChange(tx, 'incident.state_changed', { data: { incident, from: e.from, to: e.to, action: e.action }, restricted }, e.at);
}

export interface GridsFiled {
  planId: number;
  filingNumber: string;
  streetCode: string;
  streetName: string;
  districtCode: string;
  /** The plan's grids, in force from `validFrom`. */
  gridCodes: string[];
  /** The street's grids that end at `validFrom` and have no successor of the same code. */
  retiredGridCodes: string[];
  validFrom: Date;
  at: Date;
}

/** Records a filed plan: the street, the grids in force from its moment and those that end there. */
export async function recordGridsFiled(tx: Executor, e: GridsFiled): Promise<void> {
  await recordChange(
    tx,
    'grids.filed',
    {
      data: {
        plan: { id: e.planId, filing_number: e.filingNumber },
        street: { code: e.streetCode, name: e.streetName, district_code: e.districtCode },
        grid_codes: [...e.gridCodes].sort(),
        retired_grid_codes: [...e.retiredGridCodes].sort(),
        valid_from: e.validFrom,
      },
    },
    e.at,
  );
}
