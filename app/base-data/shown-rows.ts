/**
 * How many of a report's rows the page lists. The server sends up to 1000 rejected and 1000 unlinked
 * rows (and counts all of them); a table of thousands of rows makes the page slow to render and to read,
 * and whoever has that many fixes the file by the reason counts, not row by row.
 */
export const SHOWN_ROWS = 200;

/** The first `max` rows, and how many of the `total` (the report's count, beyond its list) are not shown. */
export function firstRows<T>(rows: readonly T[], total: number, max = SHOWN_ROWS): { rows: readonly T[]; more: number } {
  const shown = rows.length > max ? rows.slice(0, max) : rows;
  return { rows: shown, more: Math.max(0, Math.max(total, rows.length) - shown.length) };
}
