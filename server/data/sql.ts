/** Small helpers for writing SQL from constants of the code (never from input). */

/** A list of SQL string literals from constants, e.g. for `status IN (...)`. Refuses anything but [a-z_]. */
export function literalList(values: readonly string[]): string {
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`not a constant identifier: ${v}`);
  return values.map((v) => `'${v}'`).join(', ');
}

/** A lon/lat box: [west, south, east, north] in degrees (SRID 4326). */
export type Bbox = [number, number, number, number];

/** Escapes LIKE wildcards so that user text matches literally (the pattern itself is still bound). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Turns the `ST_XMin..ST_YMax` columns of a row into a Bbox, or null for a missing geometry. */
export function bboxOf(row: { xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null }): Bbox | null {
  if (row.xmin == null || row.ymin == null || row.xmax == null || row.ymax == null) return null;
  return [row.xmin, row.ymin, row.xmax, row.ymax];
}

/** SQL fragment selecting the extent of `expr` as xmin/ymin/xmax/ymax columns. */
export const extentColumns = (expr: string) =>
  `ST_XMin(${expr}) AS xmin, ST_YMin(${expr}) AS ymin, ST_XMax(${expr}) AS xmax, ST_YMax(${expr}) AS ymax`;

/**
 * Code patterns: which areas a read covers, as LIKE patterns of code prefixes ('320102%' is a district and
 * everything in it), or null for everything. Made from an actor's scope by server/auth/policy.ts.
 */
export type CodePatterns = string[] | null;

/** SQL: `column` (a code) matches the CodePatterns bound at `param`. */
export const codeMatchesSql = (column: string, param: string) => `(${param}::text[] IS NULL OR ${column} LIKE ANY (${param}::text[]))`;
