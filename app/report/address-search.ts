/**
 * The hotline desk's address finder: which text is searched (search.places), which results it offers (the
 * standard addresses only: a report is filed at one), and how the arrow keys move through them.
 */
import type { SearchResult } from '@/server/services/search';

/** Characters typed before a search runs: one character matches nearly every address. */
export const ADDRESS_QUERY_MIN = 2;
/** Asked of search.places; it gives addresses at most half of them, the rest go to areas. */
export const ADDRESS_SEARCH_LIMIT = 30;

/** The text to search, or null while it is too short. */
export function addressQuery(text: string): string | null {
  const q = text.trim();
  return [...q].length >= ADDRESS_QUERY_MIN ? q : null;
}

export interface AddressChoice {
  addressId: number;
  /** The 18-digit doorplate code (placeOfCode takes it). */
  code: string;
  address: string;
  /** "district · street · community". */
  context: string;
}

export function addressChoices(results: readonly SearchResult[]): AddressChoice[] {
  return results.flatMap((r) => {
    const id = Number(r.key);
    return r.kind === 'address' && Number.isSafeInteger(id) && id > 0 ? [{ addressId: id, code: r.code.trim(), address: r.name, context: r.context }] : [];
  });
}

/** The active option after a key (-1: none): down and up stop at the ends, Home and End jump to them. */
export function moveActive(active: number, key: string, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, active + 1);
    case 'ArrowUp':
      return active <= 0 ? 0 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return active;
  }
}
