/**
 * Why the server rejected a row, as the page words it: each reason code of the report has a message key
 * (baseData.reasons.<code>). The codes are the server's (server/base-data/errors.ts, imported for its
 * type only); a code this page does not know yet (a newer server) falls back to the text the report
 * carries in both languages.
 */
import type { RowRejectionCode } from '@/server/base-data/errors';

export const ROW_REJECTION_CODES = [
  'CODE_INVALID',
  'CODE_REPEATED',
  'ADDRESS_INVALID',
  'BUILDING_TYPE_INVALID',
  'COUNT_INVALID',
  'COORDINATES_INVALID',
  'GEOMETRY_NOT_POINT',
  'OUTSIDE_CITY',
  'OUTSIDE_JURISDICTION',
  'CODE_COMMUNITY_MISMATCH',
  'COMMUNITY_FULL',
] as const satisfies readonly RowRejectionCode[];

// Fails to compile when the server gains a reason this list lacks.
type Unlisted = Exclude<RowRejectionCode, (typeof ROW_REJECTION_CODES)[number]>;
const everyReasonListed: [Unlisted] extends [never] ? true : never = true;
void everyReasonListed;

const KNOWN = new Set<string>(ROW_REJECTION_CODES);

/** The message key (under baseData) of a reason code, or null for one the page does not know. */
export const reasonKey = (code: string): `reasons.${RowRejectionCode}` | null => (KNOWN.has(code) ? `reasons.${code as RowRejectionCode}` : null);
