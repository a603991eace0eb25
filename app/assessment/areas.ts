/**
 * The districts and streets the area filter offers: those of the period's district and street rows
 * (server-side already narrowed to the reader's incidents scope, so nobody is offered an area whose cases
 * they cannot see). An area named by a link but without rows this period stays offered under its code,
 * so the select still shows what is filtered. Codes nest (district 320104 ⊃ street 320104003).
 */
import { textIn } from '@/geo/text/localized-text';
import type { AssessmentRow } from '@/server/incidents/assessment';

export interface Area {
  code: string;
  name: string;
}

export interface AreaChoices {
  districts: Area[];
  /** Streets by district code. */
  streets: ReadonlyMap<string, Area[]>;
}

export const DISTRICT_CODE_LENGTH = 6;
export const STREET_CODE_LENGTH = 9;

export function areaChoices(
  districtRows: readonly Pick<AssessmentRow, 'key' | 'name'>[],
  streetRows: readonly Pick<AssessmentRow, 'key' | 'name'>[],
  current: string | null,
  locale: string,
  unknownName: (code: string) => string,
): AreaChoices {
  const byCode = (a: Area, b: Area) => a.code.localeCompare(b.code);
  const districts = new Map(districtRows.filter((r) => r.key.length === DISTRICT_CODE_LENGTH).map((r) => [r.key, { code: r.key, name: textIn(r.name, locale) }]));
  const streets = new Map<string, Area[]>();
  const addStreet = (a: Area) => {
    const d = a.code.slice(0, DISTRICT_CODE_LENGTH);
    streets.set(d, [...(streets.get(d) ?? []), a]);
  };
  for (const r of streetRows) if (r.key.length === STREET_CODE_LENGTH) addStreet({ code: r.key, name: textIn(r.name, locale) });
  if (current) {
    const d = current.slice(0, DISTRICT_CODE_LENGTH);
    if (!districts.has(d)) districts.set(d, { code: d, name: unknownName(d) });
    if (current.length === STREET_CODE_LENGTH && !(streets.get(d) ?? []).some((s) => s.code === current)) addStreet({ code: current, name: unknownName(current) });
  }
  for (const list of streets.values()) list.sort(byCode);
  return { districts: [...districts.values()].sort(byCode), streets };
}
