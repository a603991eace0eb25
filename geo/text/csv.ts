/**
 * CSV as spreadsheet programs on government desktops read it: UTF-8 with a byte-order mark (so Chinese
 * names survive), CRLF lines, quoted where needed, and no cell that a spreadsheet would run as a formula.
 */
export type CsvValue = string | number | null;

export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  const s = String(v);
  // A leading = + - @ in text would be a formula in a spreadsheet (numbers keep their sign).
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${[header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}
