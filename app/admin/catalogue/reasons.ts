/**
 * Why a value typed on the catalogue page cannot be sent, in one place: the helpers return these codes,
 * the page shows `catalogue.problems.<code>` (a test checks every code has its message in both languages).
 * The server checks the same bounds again (incidents.updateCategory, incidents.issuePartnerKey,
 * opendata.issueDepartmentKey).
 */
export const CATALOGUE_REASONS = [
  'LIMIT_REQUIRED',
  'LIMIT_NOT_A_NUMBER',
  'LIMIT_TOO_SHORT',
  'LIMIT_NOT_WHOLE_MINUTES',
  'LIMIT_TOO_LONG',
  'WEIGHT_REQUIRED',
  'WEIGHT_NOT_A_NUMBER',
  'WEIGHT_TOO_SMALL',
  'WEIGHT_TOO_LARGE',
  'WEIGHT_PRECISION',
  'DEPARTMENT_REQUIRED',
  'NAME_REQUIRED',
  'NAME_TOO_LONG',
  'NAME_INVALID',
  'KEY_DEPARTMENT_REQUIRED',
  'COLLECTION_REQUIRED',
  'PRICING_REQUIRED',
  'PRICING_NOT_A_NUMBER',
  'PER_GRID_OUT_OF_RANGE',
  'MONTHLY_OUT_OF_RANGE',
  'PRICING_PRECISION',
] as const;
export type CatalogueReason = (typeof CATALOGUE_REASONS)[number];

/** A check's answer: the value to send, or why there is none. */
export type Checked<T> = { valid: true; value: T } | { valid: false; reason: CatalogueReason };

/**
 * Digits and the decimal point as a Chinese input method may type them (full width: "４．５") turned
 * into ASCII, and the spaces around removed.
 */
export function normalizeNumber(text: string): string {
  return text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF0E\u3002]/g, '.');
}
