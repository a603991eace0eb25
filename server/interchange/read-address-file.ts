/**
 * Reading a file of standard addresses: CSV with coordinate columns (streamed, so a file of a million rows
 * is never held whole), or a GeoJSON FeatureCollection of points. CSV may be UTF-8 or GB18030/GBK, as
 * spreadsheets on government desktops save it, with commas, tabs or semicolons between cells. Each row is
 * checked on its own (address-rows.ts); the rows that pass come back as columns, ready to be sent to the
 * database in batches, and the rest as rejections with their row numbers (a CSV's line, a GeoJSON
 * feature's position from 1).
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RowRejectionCode } from '../base-data/errors';
import { AddressImportError } from '../base-data/errors';
import { megabytes } from '../http/body';
import {
  COORDINATE_FIELDS,
  checkAddressRow,
  fieldOfHeading,
  FIELD_NAMES,
  REQUIRED_FIELDS,
  type AddressField,
  type AddressRowValues,
} from './address-rows';

export type AddressFileFormat = 'csv' | 'geojson';

/** The rows that passed, one array per field (the n-th entry of each is the n-th row). */
export interface AddressColumns {
  row: number[];
  code: (string | null)[];
  address: string[];
  buildingType: string[];
  households: number[];
  residents: number[];
  lon: number[];
  lat: number[];
}

export interface RowRejection {
  row: number;
  reason: RowRejectionCode;
  value?: string;
}

export interface AddressFileRead {
  format: AddressFileFormat;
  encoding: 'utf-8' | 'gb18030';
  columns: AddressColumns;
  /** Address rows in the file (the heading not counted), taken or not. */
  rowsRead: number;
  rejections: RowRejection[];
  /** Columns or properties that name no address field: left out, and said so. */
  ignoredColumns: string[];
}

export interface AddressFileLimits {
  maxBytes: number;
  maxRows: number;
}

const emptyColumns = (): AddressColumns => ({ row: [], code: [], address: [], buildingType: [], households: [], residents: [], lon: [], lat: [] });

/** Collects rows, rejecting a code seen before in the same file. */
class RowSink {
  readonly columns = emptyColumns();
  readonly rejections: RowRejection[] = [];
  private readonly firstRowOfCode = new Map<string, number>();
  rowsRead = 0;

  constructor(private readonly maxRows: number) {}

  private counted(): void {
    if (++this.rowsRead > this.maxRows) {
      throw new AddressImportError('IMPORT_TOO_MANY_ROWS', { 'zh-CN': `最多 ${this.maxRows} 行`, en: `at most ${this.maxRows} rows` });
    }
  }

  /** A row refused before its values are looked at (a feature that is not a point). */
  reject(row: number, reason: RowRejectionCode): void {
    this.counted();
    this.rejections.push({ row, reason });
  }

  add(row: number, values: Partial<Record<AddressField, unknown>>): void {
    this.counted();
    const check = checkAddressRow(values);
    if (!check.ok) {
      this.rejections.push({ row, reason: check.reason, ...(check.value !== undefined ? { value: check.value } : {}) });
      return;
    }
    const r: AddressRowValues = check.row;
    if (r.code !== null) {
      const first = this.firstRowOfCode.get(r.code);
      if (first !== undefined) {
        this.rejections.push({ row, reason: 'CODE_REPEATED', value: `${r.code} (${first})` });
        return;
      }
      this.firstRowOfCode.set(r.code, row);
    }
    const c = this.columns;
    c.row.push(row);
    c.code.push(r.code);
    c.address.push(r.address);
    c.buildingType.push(r.buildingType);
    c.households.push(r.households);
    c.residents.push(r.residents);
    c.lon.push(r.lon);
    c.lat.push(r.lat);
  }
}

const tooLarge = (bytes: number, max: number) =>
  new AddressImportError('IMPORT_FILE_TOO_LARGE', {
    'zh-CN': `${megabytes(bytes)} MB 以上，上限 ${megabytes(max)} MB`,
    en: `over ${megabytes(bytes)} MB, the limit is ${megabytes(max)} MB`,
  });

/** The bytes of a body as they arrive, cut off past the limit. */
async function* within(chunks: AsyncIterable<Uint8Array>, maxBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(size, maxBytes);
    onBytes?.(size);
    yield chunk;
  }
}

/** The first 64 KB decide the encoding: UTF-8 if they are valid UTF-8 (a cut character at the end allowed), else GB18030. */
const SNIFF_BYTES = 64 * 1024;

async function* decoded(chunks: AsyncIterable<Uint8Array>, found: (encoding: 'utf-8' | 'gb18030') => void): AsyncGenerator<string> {
  let head: Uint8Array[] = [];
  let headSize = 0;
  let decoder: TextDecoder | null = null;
  const decide = () => {
    const bytes = Buffer.concat(head);
    let encoding: 'utf-8' | 'gb18030' = 'utf-8';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      encoding = 'gb18030';
    }
    found(encoding);
    decoder = new TextDecoder(encoding, { fatal: true });
    return bytes;
  };
  const decode = (bytes: Uint8Array, stream: boolean) => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw new AddressImportError('IMPORT_NOT_TEXT');
    }
  };
  for await (const chunk of chunks) {
    if (!decoder) {
      head.push(chunk);
      headSize += chunk.byteLength;
      if (headSize < SNIFF_BYTES) continue;
      const text = decode(decide(), true);
      head = [];
      if (text) yield text;
      continue;
    }
    const text = decode(chunk, true);
    if (text) yield text;
  }
  const rest = decoder ? decode(new Uint8Array(0), false) : decode(decide(), false);
  if (rest) yield rest;
}

/** Commas unless the heading line has more tabs or semicolons (a sheet saved as "Unicode text", or in a European locale). */
function delimiterOf(headingLine: string): string {
  const counts = [',', '\t', ';'].map((d) => [d, headingLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

interface Headings {
  fieldOfColumn: (AddressField | undefined)[];
  ignored: string[];
}

function readHeadings(cells: readonly string[], needed: readonly AddressField[]): Headings {
  const fieldOfColumn = cells.map((h) => fieldOfHeading(h));
  const ignored = cells.filter((h, i) => !fieldOfColumn[i] && h.trim() !== '').map((h) => h.trim().slice(0, 60));
  const seen = new Set<AddressField>();
  fieldOfColumn.forEach((f, i) => {
    if (!f) return;
    if (seen.has(f)) throw new AddressImportError('IMPORT_COLUMN_REPEATED', cells[i]!.trim().slice(0, 60));
    seen.add(f);
  });
  const missing = needed.filter((f) => !seen.has(f));
  if (missing.length > 0) {
    const list = missing.map((f) => FIELD_NAMES[f].filter((n) => n !== 'x' && n !== 'y').slice(0, 3).join('/')).join(', ');
    throw new AddressImportError('IMPORT_COLUMNS_MISSING', list);
  }
  return { fieldOfColumn, ignored };
}

/** csv-parse's complaint as the user reads it: where, and what. */
function malformed(e: CsvError): InstanceType<typeof AddressImportError> {
  const line = (e as CsvError & { lines?: number }).lines;
  const what: Record<string, [string, string]> = {
    CSV_QUOTE_NOT_CLOSED: ['引号未闭合', 'a quote is not closed'],
    CSV_INVALID_CLOSING_QUOTE: ['引号后有多余字符', 'characters follow a closing quote'],
    CSV_MAX_RECORD_SIZE: ['一行过长', 'a row is too long'],
  };
  const [zhWhat, enWhat] = what[e.code] ?? ['无法解析', 'cannot be read'];
  return new AddressImportError('IMPORT_CSV_MALFORMED', {
    'zh-CN': line ? `第 ${line} 行${zhWhat}` : zhWhat,
    en: line ? `line ${line}: ${enWhat}` : enWhat,
  });
}

async function readCsv(text: AsyncIterable<string>, sink: RowSink): Promise<string[]> {
  // The heading line comes first, to choose the delimiter; it is then parsed with the rest.
  const iterator = text[Symbol.asyncIterator]();
  let pending = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    pending += next.value;
    if (/\r?\n/.test(pending) || pending.length > 65536) break;
  }
  const delimiter = delimiterOf(pending.split(/\r?\n/, 1)[0]!);
  async function* all() {
    if (pending) yield pending;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const parser = Readable.from(all()).pipe(
    parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, max_record_size: 65536, info: true }),
  );
  let headings: Headings | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headings) {
        headings = readHeadings(record, [...REQUIRED_FIELDS, ...COORDINATE_FIELDS]);
        continue;
      }
      const values: Partial<Record<AddressField, unknown>> = {};
      headings.fieldOfColumn.forEach((f, i) => {
        if (f) values[f] = record[i];
      });
      sink.add(info.lines, values);
    }
  } catch (e) {
    if (e instanceof CsvError) throw malformed(e);
    throw e;
  }
  if (!headings) throw new AddressImportError('IMPORT_EMPTY');
  return headings.ignored;
}

async function readGeoJson(text: AsyncIterable<string>, sink: RowSink): Promise<string[]> {
  let whole = '';
  for await (const t of text) whole += t;
  let doc: unknown;
  try {
    doc = JSON.parse(whole.replace(/^\uFEFF/, ''));
  } catch {
    throw new AddressImportError('IMPORT_GEOJSON_MALFORMED');
  }
  const features = (doc as { type?: unknown; features?: unknown })?.type === 'FeatureCollection' ? (doc as { features: unknown }).features : null;
  if (!Array.isArray(features)) throw new AddressImportError('IMPORT_GEOJSON_INVALID');
  const ignored = new Set<string>();
  const fieldOfKey = new Map<string, AddressField | undefined>();
  features.forEach((f: unknown, i) => {
    const row = i + 1;
    const feature = f as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown } | null;
    const coords = feature?.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    if (!Array.isArray(coords) || coords.length < 2) {
      sink.reject(row, 'GEOMETRY_NOT_POINT');
      return;
    }
    const values: Partial<Record<AddressField, unknown>> = { lon: coords[0], lat: coords[1] };
    const props = feature?.properties;
    if (props && typeof props === 'object') {
      for (const [key, value] of Object.entries(props)) {
        if (!fieldOfKey.has(key)) fieldOfKey.set(key, fieldOfHeading(key));
        const field = fieldOfKey.get(key);
        // The point is the geometry; coordinate-like properties are the file's own business.
        if (field && field !== 'lon' && field !== 'lat') values[field] = value;
        else if (!field && ignored.size < 100) ignored.add(key.slice(0, 60));
      }
    }
    sink.add(row, values);
  });
  return [...ignored];
}

/**
 * Reads a file of addresses from its bytes as they arrive. Refuses the whole file (AddressImportError)
 * when it is too large, has too many rows, is not text, is not CSV/GeoJSON as described, or lacks a
 * required column; a bad row is only rejected.
 */
export async function readAddressFile(
  chunks: AsyncIterable<Uint8Array>,
  format: AddressFileFormat,
  limits: AddressFileLimits,
  onBytes?: (bytes: number) => void,
): Promise<AddressFileRead> {
  let encoding: 'utf-8' | 'gb18030' = 'utf-8';
  const text = decoded(within(chunks, limits.maxBytes, onBytes), (e) => (encoding = e));
  const sink = new RowSink(limits.maxRows);
  const ignoredColumns = format === 'csv' ? await readCsv(text, sink) : await readGeoJson(text, sink);
  if (sink.rowsRead === 0) throw new AddressImportError('IMPORT_EMPTY');
  return { format, encoding, columns: sink.columns, rowsRead: sink.rowsRead, rejections: sink.rejections, ignoredColumns };
}
