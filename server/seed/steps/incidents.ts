/** Step 14. A year of incidents, more where people live, each with the grid found at its location. */
import type { Executor } from '../../db';
import { draftIncident, incidentAgeHours, type IncidentDraft } from '@/geo/demo-city/incidents';
import { stageDueAt, type IncidentState } from '@/geo/incidents/incident-states';
import { categoryCatalogue } from '../../incidents/categories';
import { acceptable } from '@/geo/demo-city/sample-points';
import { distanceToPowerEdges, nearestPowerSite } from '@/geo/partition/power-cells';
import type { XY } from '@/geo/planar/polygon';
import { pointLonLat } from '../bulk';
import { BISECTOR_MARGIN, DEMO_REFERENCE_TIME, EDGE_MARGIN, comprehensiveKey, type AddressPlan, type CommunityPlan, type SeedContext } from './state';

export async function seedIncidents(
  tx: Executor,
  ctx: SeedContext,
  kept: readonly AddressPlan[],
  communities: readonly CommunityPlan[],
  codeOfGrid: ReadonlyMap<string, string>,
): Promise<number> {
  ctx.progress('incidents', 0.88);
  const incRng = ctx.root.fork('incidents');
  const byCode = new Map(communities.map((c) => [c.code, c]));
  const incidentTotal = Math.max(100, Math.round(40_000 * ctx.scale));
  // The catalogue is data (incident_category): the history takes its classes and time limits from it.
  const catalogue = new Map((await categoryCatalogue(tx)).map((c) => [c.code, c]));
  const catalogueOf = (key: string) => {
    const c = catalogue.get(key);
    if (!c) throw new Error(`the incident catalogue has no category ${key}`);
    return { cls: c.class, handleLimitHours: c.limits.handle / 60 };
  };
  const cumulative: number[] = [];
  let acc = 0;
  for (const a of kept) cumulative.push((acc += Math.pow(a.households, 0.8)));
  const incidents: { p: [number, number]; gridCode: string | null; draft: ReturnType<typeof draftIncident> }[] = [];
  for (let k = 0; k < incidentTotal && kept.length > 0; k++) {
    const r = incRng.next() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    const a = kept[lo]!;
    const c = byCode.get(a.community)!;
    // A point tens of metres from the building, kept clear of every edge so that its grid is known here
    // exactly as PostGIS will find it (the same guarantee as for the addresses); otherwise the doorstep.
    const jittered: XY = [a.p[0] + 0.04 * incRng.normal(), a.p[1] + 0.04 * incRng.normal()];
    let p = a.p;
    let gridKey = a.gridKey;
    if (acceptable(jittered, c.region, { margin: EDGE_MARGIN, exclude: c.dedicated.map((d) => d.ring) })) {
      if (!c.gridded || c.sites.length === 0) {
        p = jittered;
        gridKey = null;
      } else {
        const i = nearestPowerSite(jittered, c.sites);
        if (c.sites.length === 1 || distanceToPowerEdges(jittered, c.sites, i) >= BISECTOR_MARGIN) {
          p = jittered;
          gridKey = comprehensiveKey(c.code, i);
        }
      }
    }
    const place = a.text.replace(/^南京市[^区]+区/, '').replace(/\d+栋$/, '');
    incidents.push({ p: pointLonLat(p), gridCode: gridKey ? (codeOfGrid.get(gridKey) ?? null) : null, draft: draftIncident(incRng, DEMO_REFERENCE_TIME, incidentAgeHours(incRng), place, catalogueOf) });
  }
  incidents.sort((x, y) => x.draft.reportedAt.getTime() - y.draft.reportedAt.getTime());
  const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  // The deadline of the stage each case is in now, by the loop's own rule; an escalated case was
  // escalated for the deadline it missed.
  const stageDue = (d: IncidentDraft) => {
    const start = STAGE_START[d.status](d);
    return start ? stageDueAt(null, d.status, start, catalogue.get(d.category)!.limits, null) : null;
  };
  for (let i = 0; i < incidents.length; i += 20_000) {
    const chunk = incidents.slice(i, i + 20_000);
    await tx.execute(
      `INSERT INTO incident (code, class, category, status, source, description, geom, grid_code, reported_at, accepted_at, dispatched_at, due_at, handled_at, verified_at, closed_at,
                             escalated, stage_due_at, escalated_due_at, escalation_level, department_code)
       SELECT u.code, u.cls, u.category, u.status, u.source, u.description, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.grid,
              u.reported, u.accepted, u.dispatched, u.due, u.handled, u.verified, u.closed, u.escalated, u.stage_due,
              CASE WHEN u.escalated THEN coalesce(u.due, u.stage_due) END, CASE WHEN u.escalated THEN 1 ELSE 0 END,
              (SELECT c.department_code FROM incident_category c WHERE c.code = u.category)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::bool[], $17::text[],
                   $18::timestamptz[])
            AS u(code, cls, category, status, source, description, lon, lat, reported, accepted, dispatched, due, handled, verified, closed, escalated, grid, stage_due)`,
      [
        chunk.map((x, j) => `SJ${dayOf(x.draft.reportedAt)}${String(i + j + 1).padStart(6, '0')}`),
        chunk.map((x) => x.draft.cls),
        chunk.map((x) => x.draft.category),
        chunk.map((x) => x.draft.status),
        chunk.map((x) => x.draft.source),
        chunk.map((x) => x.draft.description),
        chunk.map((x) => x.p[0]),
        chunk.map((x) => x.p[1]),
        chunk.map((x) => iso(x.draft.reportedAt)),
        chunk.map((x) => iso(x.draft.acceptedAt)),
        chunk.map((x) => iso(x.draft.dispatchedAt)),
        chunk.map((x) => iso(x.draft.dueAt)),
        chunk.map((x) => iso(x.draft.handledAt)),
        chunk.map((x) => iso(x.draft.verifiedAt)),
        chunk.map((x) => iso(x.draft.closedAt)),
        chunk.map((x) => x.draft.escalated),
        chunk.map((x) => x.gridCode),
        chunk.map((x) => iso(stageDue(x.draft))),
      ],
    );
  }
  return incidents.length;
}

/** When the stage a case is in began, from its history. */
const STAGE_START: Readonly<Record<IncidentState, (d: IncidentDraft) => Date | null>> = {
  reported: (d) => d.reportedAt,
  accepted: (d) => d.acceptedAt,
  dispatched: (d) => d.dispatchedAt,
  handling: (d) => d.dispatchedAt,
  handled: (d) => d.handledAt,
  verified: (d) => d.verifiedAt,
  rejected: () => null,
  closed: () => null,
  evaluated: () => null,
};
