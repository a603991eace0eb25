/**
 * The scope chooser's choice (a district, one of its streets, optionally some of the street's
 * communities) and what a run is asked for: community codes when any are ticked, else the street's
 * code, else the district's (the server takes one district, one street, or communities). Pure.
 */
import type { PlanningAreas } from '@/server/planner/scope';

export interface ScopeChoice {
  district: string | null;
  street: string | null;
  communities: string[];
}

export const NO_SCOPE: ScopeChoice = { district: null, street: null, communities: [] };

export type ScopeLevel = 'district' | 'street' | 'community';

export function scopeCodes(c: ScopeChoice): string[] {
  if (c.street && c.communities.length > 0) return [...c.communities].sort();
  if (c.street) return [c.street];
  if (c.district) return [c.district];
  return [];
}

export function scopeLevel(c: ScopeChoice): ScopeLevel | null {
  if (c.street && c.communities.length > 0) return 'community';
  if (c.street) return 'street';
  return c.district ? 'district' : null;
}

export const streetsOf = (areas: PlanningAreas, district: string | null) => (district ? areas.streets.filter((s) => s.districtCode === district) : []);

export const communitiesOf = (areas: PlanningAreas, street: string | null) => (street ? areas.communities.filter((c) => c.streetCode === street) : []);

/** A new district clears the street and communities; a new street clears the communities. */
export function chooseDistrict(c: ScopeChoice, district: string | null): ScopeChoice {
  return district === c.district ? c : { district, street: null, communities: [] };
}

export function chooseStreet(c: ScopeChoice, street: string | null): ScopeChoice {
  return street === c.street ? c : { ...c, street, communities: [] };
}

export function toggleCommunity(c: ScopeChoice, code: string, on: boolean): ScopeChoice {
  const rest = c.communities.filter((x) => x !== code);
  return { ...c, communities: on ? [...rest, code].sort() : rest };
}

/** What the choice covers: its name, and the addresses and households of its communities. */
export function scopeSummary(areas: PlanningAreas, c: ScopeChoice): { name: string; communities: number; addresses: number; households: number } | null {
  const level = scopeLevel(c);
  if (!level) return null;
  const communities =
    level === 'community'
      ? areas.communities.filter((x) => c.communities.includes(x.code))
      : level === 'street'
        ? communitiesOf(areas, c.street)
        : areas.communities.filter((x) => x.code.startsWith(c.district!));
  const name =
    level === 'district'
      ? (areas.districts.find((d) => d.code === c.district)?.name ?? c.district!)
      : level === 'street'
        ? (areas.streets.find((s) => s.code === c.street)?.name ?? c.street!)
        : communities.slice(0, 3).map((x) => x.name).join('、') + (communities.length > 3 ? ` (+${communities.length - 3})` : '');
  return {
    name,
    communities: communities.length,
    addresses: communities.reduce((s, x) => s + x.addresses, 0),
    households: communities.reduce((s, x) => s + x.households, 0),
  };
}

/** The choice a scenario was run for, from its scope codes (to show a saved scenario's scope again). */
export function choiceOfCodes(areas: PlanningAreas, codes: readonly string[]): ScopeChoice {
  const first = codes[0];
  if (!first) return NO_SCOPE;
  if (first.length === 6) return { district: first, street: null, communities: [] };
  const street = first.length === 9 ? first : (areas.communities.find((c) => c.code === first)?.streetCode ?? first.slice(0, 9));
  return { district: street.slice(0, 6), street, communities: first.length === 12 ? [...codes].sort() : [] };
}

/**
 * The standard addresses of a scenario's scope, from the areas' counts (the figures count the addresses
 * that change grid, not all of them): for the share of addresses that change grid.
 */
export function addressesIn(areas: PlanningAreas, codes: readonly string[]): number {
  return areas.communities.filter((c) => codes.some((code) => c.code.startsWith(code))).reduce((s, c) => s + c.addresses, 0);
}
