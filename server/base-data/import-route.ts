/**
 * POST /api/addresses/import: a file of standard addresses as the request body, checked and (unless
 * `mode=check`) written. Query: `format` csv|geojson (else from the Content-Type or the name's
 * extension), `crs` wgs84 (default)|gcj02, `mode` import (default)|check, `name` the file's name.
 *
 * Answers JSON: 200 with the report when no row was rejected, 422 with the report when some were
 * (nothing written), 4xx `{ error }` when the file itself is refused. A caller that accepts
 * application/x-ndjson (the page) gets one JSON object per line instead: `{ progress }` while the file
 * is read and placed, then `{ report, status }` or `{ error, status }`.
 */
import type { Crs } from '@/geo/interchange/gcj02';
import { toDomainError } from '../errors/database-errors';
import { DomainError, HTTP_STATUS } from '../errors/domain-error';
import type { Admitted } from '../http/route-guard';
import { readAddressFile, type AddressFileFormat } from '../interchange/read-address-file';
import { ADDRESS_IMPORT_LIMITS, importAddresses, type AddressImportReport, type ImportMode, type ImportProgress } from './address-import';
import { AddressImportError } from './errors';

interface ImportQuery {
  format: AddressFileFormat;
  crs: Crs;
  mode: ImportMode;
  fileName: string;
}

// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\u0000-\u001f\u007f/\\]/;

export function importQuery(request: Request): ImportQuery {
  const q = new URL(request.url).searchParams;
  const fileName = (q.get('name') ?? 'addresses').trim();
  if (fileName.length === 0 || [...fileName].length > 200 || BAD_NAME.test(fileName)) throw new AddressImportError('IMPORT_FILE_NAME_INVALID');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format =
    q.get('format') ??
    (type === 'text/csv' ? 'csv' : type === 'application/geo+json' || type === 'application/json' ? 'geojson' : null) ??
    (/\.csv$/i.test(fileName) ? 'csv' : /\.(geo)?json$/i.test(fileName) ? 'geojson' : null);
  if (format !== 'csv' && format !== 'geojson') throw new AddressImportError('IMPORT_FORMAT_UNKNOWN');
  const crs = q.get('crs') ?? 'wgs84';
  if (crs !== 'wgs84' && crs !== 'gcj02') throw new AddressImportError('IMPORT_CRS_UNKNOWN');
  const mode = q.get('mode') ?? 'import';
  if (mode !== 'import' && mode !== 'check') throw new AddressImportError('IMPORT_MODE_UNKNOWN');
  return { format, crs, mode, fileName };
}

export type ImportEvent =
  | { progress: { phase: 'reading'; bytes: number; total: number | null } | ImportProgress }
  | { report: AddressImportReport; status: number }
  | { error: { code: string; message: DomainError['text'] }; status: number };

/** One file read and imported at a time in this process: a second would double the memory a large file takes. */
let importing = false;

/** Runs an import for an admitted request, telling `emit` how it goes; the last event is the outcome. */
export async function runImport(request: Request, admitted: Admitted, emit: (e: ImportEvent) => void): Promise<void> {
  const fail = (e: DomainError) => emit({ error: { code: e.code, message: e.text }, status: HTTP_STATUS[e.kind] });
  if (importing) {
    await request.body?.cancel().catch(() => undefined);
    return fail(new AddressImportError('IMPORT_BUSY'));
  }
  importing = true;
  try {
    const query = importQuery(request);
    const maxBytes = query.format === 'csv' ? ADDRESS_IMPORT_LIMITS.csvMaxBytes : ADDRESS_IMPORT_LIMITS.geojsonMaxBytes;
    const declared = Number(request.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(declared) ? declared : null;
    let lastShown = 0;
    const read = await readAddressFile(
      (request.body ?? new ReadableStream<Uint8Array>()) as unknown as AsyncIterable<Uint8Array>,
      query.format,
      { maxBytes, maxRows: ADDRESS_IMPORT_LIMITS.maxRows },
      (bytes) => {
        // A line at most every 2 MB: the page needs a moving bar, not a line per network packet.
        if (bytes - lastShown >= 2 * 1024 * 1024) {
          lastShown = bytes;
          emit({ progress: { phase: 'reading', bytes, total } });
        }
      },
    );
    const report = await importAddresses(
      admitted.db,
      read,
      { mode: query.mode, crs: query.crs, fileName: query.fileName, by: { userId: admitted.actor.userId }, scope: admitted.scope ?? { all: false, prefixes: [], workerIds: [] } },
      admitted.at,
      (p) => emit({ progress: p }),
    );
    emit({ report, status: report.ok ? 200 : 422 });
  } catch (e) {
    const known = e instanceof DomainError ? e : toDomainError(e);
    if (!known) throw e;
    await request.body?.cancel().catch(() => undefined);
    fail(known);
  } finally {
    importing = false;
  }
}
