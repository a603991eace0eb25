/**
 * The districts and streets the area filter offers: the map's labels of the city (map.labels at a zoom
 * that names both), narrowed to the viewer's incidents jurisdictions, so nobody picks an area whose cases
 * they cannot see. Codes nest (district 320102 ⊃ street 320102008), so the filter is a code prefix.
 */
import { GRANT_CAPABILITIES, jurisdictionPrefix, type ActorView } from '@/server/auth/policy';
import type { MapLabel } from '@/server/services/map-data';

export interface Area {
  code: string;
  name: string;
}

export interface AreaChoices {
  districts: Area[];
  /** Streets by district code. */
  streets: Map<string, Area[]>;
}

/** The code prefixes of the viewer's incidents scope; null for the whole city. */
export function incidentPrefixes(viewer: Pick<ActorView, 'grants'>): string[] | null {
  const prefixes: string[] = [];
  for (const g of viewer.grants) {
    const reach = GRANT_CAPABILITIES[g.role].incidents;
    if (!reach) continue;
    if (reach === 'city' || g.jurisdiction.level === 'city') return null;
    prefixes.push(jurisdictionPrefix(g.jurisdiction));
  }
  return prefixes;
}

/** Whether an area overlaps the scope: inside a prefix, or holding one. */
const overlaps = (code: string, prefixes: readonly string[] | null) => !prefixes || prefixes.some((p) => code.startsWith(p) || p.startsWith(code));

export function areaChoices(labels: readonly MapLabel[], prefixes: readonly string[] | null): AreaChoices {
  const byName = (a: Area, b: Area) => a.code.localeCompare(b.code);
  const districts = labels.filter((l) => l.level === 'district' && overlaps(l.code, prefixes)).map((l) => ({ code: l.code, name: l.name }));
  const streets = new Map<string, Area[]>();
  for (const l of labels) {
    if (l.level !== 'street' || !overlaps(l.code, prefixes)) continue;
    const d = l.code.slice(0, 6);
    streets.set(d, [...(streets.get(d) ?? []), { code: l.code, name: l.name }]);
  }
  for (const list of streets.values()) list.sort(byName);
  return { districts: districts.sort(byName), streets };
}

/** The zoom at which map.labels names districts and streets both (server/services/map-data.ts). */
export const AREA_LABEL_ZOOM = 11;
