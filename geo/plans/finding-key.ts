/**
 * A topology finding's key inside one plan: its code and the grids it names (a draft's grid keys never
 * change), plus the arrangement it concerns. The editor's reason for a warning is stored under it, so the
 * server (which checks every warning has one) and the browser (which shows them) compute it alike.
 */

export interface FindingIdentity {
  code: string;
  gridKeys: readonly string[];
  arrangement?: { id: number } | null;
}

/** Keys longer than this list the first grids and how many more (a gap along very many grids). */
const MAX_KEY_LENGTH = 600;

export function findingKey(f: FindingIdentity): string {
  const grids = [...f.gridKeys].sort();
  const suffix = f.arrangement ? `#${f.arrangement.id}` : '';
  const key = `${f.code}:${grids.join(',')}${suffix}`;
  if (key.length <= MAX_KEY_LENGTH) return key;
  const shown: string[] = [];
  let length = f.code.length + 1;
  for (const g of grids) {
    if (length + g.length + 1 > MAX_KEY_LENGTH - 20) break;
    shown.push(g);
    length += g.length + 1;
  }
  return `${f.code}:${shown.join(',')}+${grids.length - shown.length}${suffix}`;
}
