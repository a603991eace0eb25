/**
 * The name a key is issued under (the partner system's, or the department system's), checked as the
 * server does (incidents.issuePartnerKey, opendata.issueDepartmentKey: one line of at most 100
 * characters, not blank once trimmed).
 */
import type { Checked } from './reasons';

export const KEY_NAME_MAX = 100;

// C0 controls (line breaks and tabs among them) and DEL, and lone surrogates: what lineText in
// server/routers/inputs.ts refuses.
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function parseKeyName(typed: string): Checked<string> {
  const name = typed.trim();
  if (name === '') return { valid: false, reason: 'NAME_REQUIRED' };
  if (name.length > KEY_NAME_MAX) return { valid: false, reason: 'NAME_TOO_LONG' };
  if (CONTROL_OR_BREAK.test(name) || LONE_SURROGATE.test(name)) return { valid: false, reason: 'NAME_INVALID' };
  return { valid: true, value: name };
}
