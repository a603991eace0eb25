/**
 * The file chosen on the page and the request it becomes: its format from the name's extension (.csv
 * and .txt are CSV, a spreadsheet's "text" export; .geojson and .json GeoJSON), its size against the
 * server's limit for that format (checked here first, so a file that will be refused is not sent for
 * minutes), and the route's query.
 */
export type ImportFormat = 'csv' | 'geojson';
export type ImportCrs = 'wgs84' | 'gcj02';
export type ImportMode = 'check' | 'import';

export const IMPORT_URL = '/api/addresses/import';
/** What the file input offers (the server decides by the content in the end). */
export const ACCEPTED_FILES = '.csv,.txt,.geojson,.json,text/csv,text/plain,application/geo+json,application/json';

/** The limits the server enforces (ADDRESS_IMPORT_LIMITS, passed down by the page). */
export interface ImportLimits {
  csvMaxBytes: number;
  geojsonMaxBytes: number;
  maxRows: number;
}

export const formatOfName = (name: string): ImportFormat => (/\.(geo)?json$/i.test(name.trim()) ? 'geojson' : 'csv');

export type FileProblem = { problem: 'empty' } | { problem: 'too_large'; format: ImportFormat; limitBytes: number };

/** Why a file cannot be sent, or null. */
export function fileProblem(file: { name: string; size: number }, limits: ImportLimits): FileProblem | null {
  if (file.size === 0) return { problem: 'empty' };
  const format = formatOfName(file.name);
  const limitBytes = format === 'csv' ? limits.csvMaxBytes : limits.geojsonMaxBytes;
  return file.size > limitBytes ? { problem: 'too_large', format, limitBytes } : null;
}

/** The route's URL for a file: the format said outright (the server would not take .txt for CSV). */
export function importUrl(fileName: string, crs: ImportCrs, mode: ImportMode): string {
  // The history keeps at most 200 characters of the name (the server refuses longer ones).
  const name = [...fileName.trim()].slice(0, 200).join('') || 'addresses';
  const q = new URLSearchParams({ format: formatOfName(fileName), crs, mode, name });
  return `${IMPORT_URL}?${q.toString()}`;
}

export const contentTypeOf = (format: ImportFormat) => (format === 'csv' ? 'text/csv' : 'application/geo+json');
