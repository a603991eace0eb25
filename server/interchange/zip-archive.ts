import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A minimal zip reader and writer for shapefile archives, written here rather than taken from a library
 * because an uploaded archive is hostile until proven otherwise: every entry is inspected from the
 * central directory (names, sizes, permissions) before a single byte is inflated, inflation is capped at
 * the size the directory declares (a zip bomb cannot lie its way past it), and the CRC is checked.
 * Not supported, refused as such: zip64, encryption, compression other than stored/deflate, multi-disk.
 */

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  crc32: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  /** Unix mode bits when the archive was made on Unix (0 otherwise). */
  unixMode: number;
  encrypted: boolean;
}

export type ZipProblem =
  | { kind: 'corrupt'; detail: string }
  | { kind: 'unsupported'; detail: string }
  | { kind: 'tooManyEntries'; count: number }
  | { kind: 'tooLarge'; bytes: number };

export type ZipListing = { ok: true; entries: ZipEntryInfo[] } | { ok: false; problem: ZipProblem };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
  // Without the UTF-8 flag, Windows tools in China write names in GBK; try UTF-8 strictly first.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** Lists the entries of a zip archive from its central directory, without inflating anything. */
export function listZipEntries(bytes: Uint8Array, maxEntries: number, maxUncompressedBytes: number): ZipListing {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (detail: string): ZipListing => ({ ok: false, problem: { kind: 'corrupt', detail } });
  if (bytes.length < 22) return corrupt('too short to be a zip archive');
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return corrupt('no end of central directory');
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    return { ok: false, problem: { kind: 'unsupported', detail: 'zip64' } };
  }
  if (disk !== 0 || cdDisk !== 0) return { ok: false, problem: { kind: 'unsupported', detail: 'multi-disk archive' } };
  if (count > maxEntries) return { ok: false, problem: { kind: 'tooManyEntries', count } };
  if (cdOffset + cdSize > eocd) return corrupt('central directory out of bounds');

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return corrupt('bad central directory entry');
    const madeBy = view.getUint16(p + 4, true);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const externalAttributes = view.getUint32(p + 38, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > eocd) return corrupt('entry name out of bounds');
    const name = decodeName(bytes.subarray(p + 46, p + 46 + nameLength), (flags & 0x0800) !== 0);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      return { ok: false, problem: { kind: 'unsupported', detail: 'zip64' } };
    }
    total += uncompressedSize;
    if (total > maxUncompressedBytes) return { ok: false, problem: { kind: 'tooLarge', bytes: total } };
    entries.push({
      name,
      compressedSize,
      uncompressedSize,
      method,
      crc32: crc,
      localHeaderOffset,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
      unixMode: madeBy >> 8 === 3 ? externalAttributes >>> 16 : 0,
      encrypted: (flags & 0x0001) !== 0,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

export type Extracted = { ok: true; bytes: Uint8Array } | { ok: false; problem: ZipProblem };

/** Inflates one entry listed by listZipEntries, never beyond its declared size, and checks its CRC. */
export function extractZipEntry(archive: Uint8Array, entry: ZipEntryInfo): Extracted {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const corrupt = (detail: string): Extracted => ({ ok: false, problem: { kind: 'corrupt', detail: `${entry.name}: ${detail}` } });
  if (entry.encrypted) return { ok: false, problem: { kind: 'unsupported', detail: `${entry.name}: encrypted` } };
  const h = entry.localHeaderOffset;
  if (h + 30 > archive.length || view.getUint32(h, true) !== LOCAL_SIGNATURE) return corrupt('bad local header');
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const end = start + entry.compressedSize;
  if (end > archive.length) return corrupt('data out of bounds');
  const data = archive.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) return corrupt('stored size mismatch');
    out = data;
  } else if (entry.method === 8) {
    try {
      // maxOutputLength makes zlib stop (and throw) instead of inflating past the declared size.
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch {
      return corrupt('inflates beyond its declared size or is not valid deflate data');
    }
    if (out.length !== entry.uncompressedSize) return corrupt('size differs from the central directory');
  } else {
    return { ok: false, problem: { kind: 'unsupported', detail: `${entry.name}: compression method ${entry.method}` } };
  }
  if (crc32(out) !== entry.crc32) return corrupt('CRC mismatch');
  return { ok: true, bytes: out };
}

/** Writes a deflated zip with UTF-8 names and a fixed timestamp, so the same grids give the same bytes. */
export function writeZipArchive(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const compressed = new Uint8Array(deflateRawSync(file.bytes));
    const crc = crc32(file.bytes);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIGNATURE, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, 8, true);
    lv.setUint16(10, 0, true);
    lv.setUint16(12, DOS_DATE_1980_01_01, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, file.bytes.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL_SIGNATURE, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(14, DOS_DATE_1980_01_01, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, file.bytes.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, compressed);
    centrals.push(central);
    offset += local.length + compressed.length;
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, EOCD_SIGNATURE, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, eocd]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
