/**
 * The run form's numbers as typed, checked before anything is sent: whole households from 1 to
 * 100,000 with the minimum not above the maximum, whole residents, a scope, a name of at most 100
 * characters (an empty one gets a default from the scope and the range). The server checks again;
 * these reasons only say it sooner, in the form. Pure.
 */
export interface ParamsDraft {
  householdsMin: string;
  householdsMax: string;
  residentsMax: string;
  name: string;
}

export const PARAM_REASONS = ['SCOPE_REQUIRED', 'HOUSEHOLDS_NOT_WHOLE', 'RANGE_INVALID', 'RESIDENTS_NOT_WHOLE', 'NAME_TOO_LONG', 'NAME_INVALID'] as const;
export type ParamReason = (typeof PARAM_REASONS)[number];
export type ParamField = 'scope' | 'householdsMin' | 'householdsMax' | 'residentsMax' | 'name';

export const NAME_MAX = 100;

const CONTROL = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type ParamsCheck =
  | { valid: true; value: { householdsMin: number; householdsMax: number; residentsMax: number; name: string } }
  | { valid: false; reason: ParamReason; field: ParamField };

const whole = (s: string, max: number): number | null => {
  const t = s.trim();
  if (!/^[0-9]+$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= max ? n : null;
};

/** The default name: the scope's and the range's, e.g. "新街口街道 100–200 户". */
export function defaultScenarioName(scopeName: string, min: number, max: number, householdsWord: string): string {
  return `${scopeName} ${min}–${max} ${householdsWord}`.slice(0, NAME_MAX);
}

export function checkParams(d: ParamsDraft, scope: readonly string[], defaultName: (min: number, max: number) => string): ParamsCheck {
  if (scope.length === 0) return { valid: false, reason: 'SCOPE_REQUIRED', field: 'scope' };
  const min = whole(d.householdsMin, 100_000);
  if (min === null) return { valid: false, reason: 'HOUSEHOLDS_NOT_WHOLE', field: 'householdsMin' };
  const max = whole(d.householdsMax, 100_000);
  if (max === null) return { valid: false, reason: 'HOUSEHOLDS_NOT_WHOLE', field: 'householdsMax' };
  if (min > max) return { valid: false, reason: 'RANGE_INVALID', field: 'householdsMin' };
  const residents = whole(d.residentsMax, 1_000_000);
  if (residents === null) return { valid: false, reason: 'RESIDENTS_NOT_WHOLE', field: 'residentsMax' };
  const name = d.name.trim();
  // Control characters and lone surrogates are refused by the server's text inputs.
  if (CONTROL.test(name) || LONE_SURROGATE.test(name)) return { valid: false, reason: 'NAME_INVALID', field: 'name' };
  // The server counts UTF-16 units, as String.length does.
  if (name.length > NAME_MAX) return { valid: false, reason: 'NAME_TOO_LONG', field: 'name' };
  return { valid: true, value: { householdsMin: min, householdsMax: max, residentsMax: residents, name: name || defaultName(min, max) } };
}
