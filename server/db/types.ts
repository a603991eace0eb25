/**
 * How values arrive from the database, the same on both engines. `pg` and PGlite each ship their own
 * text parsers, and they disagree (numeric and date, int8 arrays, char(n) padding); this table is the
 * one set both engines are given, so no service ever sees an engine difference:
 * - int8 and numeric arrive as JS numbers (an int8 beyond 2^53 is an error, never a silent rounding);
 * - json and jsonb arrive parsed;
 * - timestamptz and timestamp arrive as Date (a timestamp without time zone is read as UTC);
 * - date arrives as its calendar text, 'YYYY-MM-DD' (a date is not an instant);
 * - char(n) arrives without its padding (codes are char(n) columns).
 * Arrays of these types arrive as arrays of the same values.
 */
import { parse as parseArrayLiteral } from 'postgres-array';
import parsePostgresDate from 'postgres-date';

/** PostgreSQL type OIDs (pg_type.oid), stable across versions. */
export const OID = {
  int8: 20,
  json: 114,
  jsonArray: 199,
  bpchar: 1042,
  bpcharArray: 1014,
  int8Array: 1016,
  date: 1082,
  dateArray: 1182,
  timestamp: 1114,
  timestampArray: 1115,
  timestamptz: 1184,
  timestamptzArray: 1185,
  numeric: 1700,
  numericArray: 1231,
  jsonb: 3802,
  jsonbArray: 3807,
} as const;

type TextParser = (text: string) => unknown;

function safeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} does not fit a JS number exactly`);
  return n;
}

function timestamptz(text: string): Date {
  const d = parsePostgresDate(text);
  if (!(d instanceof Date)) throw new RangeError(`unreadable timestamp ${text}`);
  return d;
}

/** A timestamp without time zone names a wall-clock time; the app reads it as UTC on both engines. */
function timestampAsUtc(text: string): Date {
  return timestamptz(/[+-]\d\d(:\d\d)?$|Z$/.test(text) ? text : `${text}+00`);
}

/** Parsers of the scalar types, by OID. */
export const SCALAR_PARSERS: Readonly<Record<number, TextParser>> = {
  [OID.int8]: safeInteger,
  [OID.numeric]: Number,
  [OID.json]: JSON.parse,
  [OID.jsonb]: JSON.parse,
  [OID.timestamptz]: timestamptz,
  [OID.timestamp]: timestampAsUtc,
  [OID.date]: (text) => text,
  [OID.bpchar]: (text) => text.trimEnd(),
};

/** Array types whose elements take one of the scalar parsers above. */
export const ARRAY_ELEMENT: Readonly<Record<number, number>> = {
  [OID.int8Array]: OID.int8,
  [OID.numericArray]: OID.numeric,
  [OID.jsonArray]: OID.json,
  [OID.jsonbArray]: OID.jsonb,
  [OID.timestamptzArray]: OID.timestamptz,
  [OID.timestampArray]: OID.timestamp,
  [OID.dateArray]: OID.date,
  [OID.bpcharArray]: OID.bpchar,
};

/** Every parser by OID, arrays included (for `pg`, which parses array literals itself only for its own defaults). */
export function allTextParsers(): Record<number, TextParser> {
  const parsers: Record<number, TextParser> = { ...SCALAR_PARSERS };
  for (const [arrayOid, elementOid] of Object.entries(ARRAY_ELEMENT)) {
    const element = SCALAR_PARSERS[elementOid]!;
    parsers[Number(arrayOid)] = (text) => parseArrayLiteral(text, element);
  }
  return parsers;
}
