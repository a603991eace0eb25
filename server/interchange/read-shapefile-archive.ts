import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import {
  INPUT_ERRORS,
  INPUT_WARNINGS,
  type InputError,
  type InputWarning,
  issue,
  located,
  msg,
} from '@/geo/interchange/input-errors';
import type { InputLimits } from '@/geo/interchange/input-limits';
import { extractZipEntry, listZipEntries, type ZipEntryInfo, type ZipProblem } from './zip-archive';

/**
 * Opens a zipped Shapefile into a GeoJSON FeatureCollection (WGS84 lon/lat, reprojected from its .prj),
 * refusing archives that are not plainly a shapefile: unsafe paths, executables, nested archives, other
 * files, several layers (unless `allLayers`), or more uncompressed bytes than the limit.
 * The collection then goes through parseGridFeatureCollection like any other format.
 */

export type ArchiveRead =
  | { ok: true; collection: FeatureCollection<Geometry | null>; warnings: InputWarning[] }
  | { ok: false; errors: InputError[]; warnings: InputWarning[] };

/** The files a shapefile may come with (ESRI and QGIS sidecars); anything else in the archive is refused. */
const SHAPEFILE_PARTS = new Set([
  'shp', 'shx', 'dbf', 'prj', 'cpg', 'sbn', 'sbx', 'fbn', 'fbx', 'ain', 'aih', 'atx', 'ixs', 'mxs', 'qix',
  'qmd', 'qpj', 'fix', 'xml',
]);
const NESTED_ARCHIVES = new Set(['zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'bz2', 'xz', 'kmz', 'jar', 'cab']);
const EXECUTABLES = new Set([
  'exe', 'dll', 'com', 'bat', 'cmd', 'msi', 'scr', 'ps1', 'vbs', 'js', 'jse', 'wsf', 'sh', 'bash', 'so',
  'dylib', 'app', 'elf', 'bin', 'py', 'pl', 'php', 'lnk', 'hta', 'cpl',
]);
/** Clutter that archivers add by themselves: skipped, with a warning. */
const isClutter = (path: string) =>
  path.startsWith('__MACOSX/') || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(path);

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function archiveProblem(problem: ZipProblem, limits: InputLimits): InputError {
  switch (problem.kind) {
    case 'corrupt':
      return issue(INPUT_ERRORS.archiveCorrupt, null, '', msg(`压缩包已损坏（${problem.detail}）`, `the zip archive is corrupt (${problem.detail})`));
    case 'unsupported':
      return issue(INPUT_ERRORS.archiveUnsupported, null, '', msg(
        `不支持的压缩包格式（${problem.detail}），请用普通 zip 重新压缩`, `unsupported zip feature (${problem.detail}); re-create it as a plain zip`));
    case 'tooManyEntries':
      return issue(INPUT_ERRORS.archiveTooManyEntries, null, '', msg(
        `压缩包内文件过多：${problem.count} 个，上限 ${limits.maxArchiveEntries}`,
        `the archive holds too many files: ${problem.count}, the limit is ${limits.maxArchiveEntries}`));
    case 'tooLarge':
      return issue(INPUT_ERRORS.archiveTooLargeUncompressed, null, '', msg(
        `压缩包解压后超过 ${Math.round(limits.maxUncompressedBytes / 1048576)} MB`,
        `the archive expands to more than ${Math.round(limits.maxUncompressedBytes / 1048576)} MB`));
  }
}

export function readShapefileArchive(bytes: Uint8Array, limits: InputLimits, allLayers = false): ArchiveRead {
  const warnings: InputWarning[] = [];
  const refuse = (...errors: InputError[]): ArchiveRead => ({ ok: false, errors, warnings });
  const listing = listZipEntries(bytes, limits.maxArchiveEntries, limits.maxUncompressedBytes);
  if (!listing.ok) return refuse(archiveProblem(listing.problem, limits));

  // Security: judge every entry by its name and mode before reading any of them.
  const layers = new Map<string, Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg', ZipEntryInfo>>>();
  const errors: InputError[] = [];
  let ignored = 0;
  for (const entry of listing.entries) {
    const path = entry.name.replace(/\\/g, '/');
    const entryError = (code: (typeof INPUT_ERRORS)[keyof typeof INPUT_ERRORS], zh: string, en: string) =>
      errors.push(issue(code, null, entry.name, msg(`压缩包内的“${entry.name}”${zh}`, `archive entry "${entry.name}" ${en}`)));
    if (
      path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.split('/').includes('..') || path.includes('\0') ||
      (entry.unixMode & S_IFMT) === S_IFLNK
    ) {
      entryError(INPUT_ERRORS.archiveUnsafePath, '路径不安全（绝对路径、“..”或符号链接），已拒绝整个压缩包',
        'has an unsafe path (absolute, "..", or a symbolic link); the archive is refused');
      continue;
    }
    if (entry.isDirectory) continue;
    if (isClutter(path)) {
      ignored++;
      continue;
    }
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    const dot = fileName.lastIndexOf('.');
    const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
    if (EXECUTABLES.has(ext)) {
      entryError(INPUT_ERRORS.archiveExecutable, '是可执行文件或脚本，已拒绝整个压缩包', 'is an executable or script; the archive is refused');
    } else if (NESTED_ARCHIVES.has(ext)) {
      entryError(INPUT_ERRORS.archiveNestedArchive, '是嵌套的压缩包，请解开后只上传 Shapefile 文件',
        'is an archive inside the archive; upload only the shapefile\'s own files');
    } else if (!SHAPEFILE_PARTS.has(ext)) {
      entryError(INPUT_ERRORS.archiveUnexpectedEntry, '不是 Shapefile 的组成文件（.shp .shx .dbf .prj .cpg 等）',
        'is not part of a shapefile (.shp .shx .dbf .prj .cpg ...)');
    } else if (ext === 'shp' || ext === 'dbf' || ext === 'prj' || ext === 'cpg') {
      const base = path.slice(0, path.length - ext.length - 1).toLowerCase();
      const layer = layers.get(base) ?? {};
      if (layer[ext]) {
        entryError(INPUT_ERRORS.archiveUnexpectedEntry, '与另一个文件重名', 'duplicates another entry');
      }
      layer[ext] = entry;
      layers.set(base, layer);
    }
  }
  if (errors.length > 0) return refuse(...errors);
  if (ignored > 0) {
    warnings.push(issue(INPUT_WARNINGS.archiveEntryIgnored, null, '', msg(
      `已忽略 ${ignored} 个系统附带文件（__MACOSX、.DS_Store 等）`, `${ignored} system file(s) (__MACOSX, .DS_Store ...) were ignored`)));
  }
  const shapefiles = [...layers.entries()].filter(([, l]) => l.shp).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (shapefiles.length === 0) {
    return refuse(issue(INPUT_ERRORS.archiveNoShapefile, null, '', msg('压缩包中没有 .shp 文件', 'the archive contains no .shp file')));
  }
  if (shapefiles.length > 1 && !allLayers) {
    const names = shapefiles.map(([, l]) => l.shp!.name).join(', ');
    return refuse(issue(INPUT_ERRORS.archiveMultipleShapefiles, null, '', msg(
      `压缩包中有 ${shapefiles.length} 个图层（${names}），一次只能导入一个`,
      `the archive holds ${shapefiles.length} layers (${names}); import one at a time`)));
  }

  const features: Feature<Geometry | null>[] = [];
  let verticesInFile = 0;
  for (const [, layer] of shapefiles) {
    const read = (entry: ZipEntryInfo) => {
      const r = extractZipEntry(bytes, entry);
      if (!r.ok) throw new ArchiveRefused(archiveProblem(r.problem, limits));
      return r.bytes;
    };
    try {
      const shp = read(layer.shp!);
      const counted = prescanShp(shp, limits, features.length, verticesInFile);
      if (!counted.ok) return refuse(counted.error);
      verticesInFile += counted.vertices;
      let prj: string | false = false;
      if (layer.prj) {
        prj = new TextDecoder('utf-8').decode(read(layer.prj)).trim();
        try {
          proj4(prj);
        } catch {
          return refuse(issue(INPUT_ERRORS.shapefilePrjUnsupported, null, layer.prj.name, msg(
            `无法识别坐标系文件 ${layer.prj.name}，请导出为 WGS84（EPSG:4326）后再导入`,
            `the projection file ${layer.prj.name} is not understood; export the layer as WGS84 (EPSG:4326) and try again`)));
        }
      } else {
        warnings.push(issue(INPUT_WARNINGS.shapefilePrjMissing, null, layer.shp!.name, msg(
          `${layer.shp!.name} 没有 .prj 坐标系文件，按 WGS84 经纬度读取`, `${layer.shp!.name} has no .prj file; read as WGS84 lon/lat`)));
      }
      let rows: Record<string, unknown>[] = [];
      if (layer.dbf) {
        const dbf = read(layer.dbf);
        let cpg = layer.cpg ? new TextDecoder('utf-8').decode(read(layer.cpg)).trim() : undefined;
        if (cpg === undefined && !dbfRecordsAreUtf8(dbf)) {
          // Chinese desktop GIS writes attribute tables in GBK and often omits the .cpg.
          cpg = 'gbk';
          warnings.push(issue(INPUT_WARNINGS.shapefileEncodingAssumedGbk, null, layer.dbf.name, msg(
            `${layer.dbf.name} 没有 .cpg 编码文件且不是 UTF-8，按 GBK 读取属性`, `${layer.dbf.name} has no .cpg and is not UTF-8; attributes read as GBK`)));
        }
        rows = parseDbf(dbf, cpg);
      } else {
        warnings.push(issue(INPUT_WARNINGS.shapefileDbfMissing, null, layer.shp!.name, msg(
          `${layer.shp!.name} 没有 .dbf 属性表，网格将没有编码和名称`, `${layer.shp!.name} has no .dbf attribute table; the grids will have no codes or names`)));
      }
      const geometries = parseShp(shp, prj);
      geometries.forEach((geometry, i) => {
        features.push({ type: 'Feature', geometry: geometry ? rewindToRfc7946(geometry) : null, properties: rows[i] ?? {} });
      });
    } catch (e) {
      if (e instanceof ArchiveRefused) return refuse(e.error);
      return refuse(issue(INPUT_ERRORS.shapefileUnreadable, null, layer.shp!.name, msg(
        `无法读取 Shapefile ${layer.shp!.name}：文件内容不完整或已损坏`, `the shapefile ${layer.shp!.name} could not be read: it is incomplete or corrupt`)));
    }
  }
  return { ok: true, collection: { type: 'FeatureCollection', features }, warnings };
}

class ArchiveRefused extends Error {
  constructor(readonly error: InputError) {
    super(error.code);
  }
}

/**
 * Counts records and vertices from the .shp record headers before shpjs parses anything: its ring
 * grouping is quadratic in the number of rings, so an oversized record must be refused unread.
 */
function prescanShp(
  shp: Uint8Array,
  limits: InputLimits,
  firstIndex: number,
  verticesBefore: number,
): { ok: true; vertices: number } | { ok: false; error: InputError } {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const unreadable = (): { ok: false; error: InputError } => ({ ok: false, error: issue(INPUT_ERRORS.shapefileUnreadable, null, '', msg(
    'Shapefile 文件头不正确或文件已损坏', 'the .shp file has a bad header or is corrupt')) });
  if (shp.length < 100 || view.getInt32(0, false) !== 9994) return unreadable();
  let offset = 100;
  let records = 0;
  let vertices = 0;
  while (offset + 8 <= shp.length) {
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    if (contentBytes < 4 || offset + 8 + contentBytes > shp.length) return unreadable();
    const type = view.getInt32(offset + 8, true);
    // Polygon/PolyLine (and their Z and M forms) share the layout: box, numParts, numPoints.
    if ([3, 5, 13, 15, 23, 25].includes(type) && contentBytes >= 44) {
      const points = view.getInt32(offset + 8 + 40, true);
      const index = firstIndex + records;
      if (points < 0) return unreadable();
      if (points > limits.maxVerticesPerGrid) {
        return { ok: false, error: issue(INPUT_ERRORS.gridTooManyVertices, index, `features[${index}]`, located(index, msg(
          `网格顶点数 ${points} 超过上限 ${limits.maxVerticesPerGrid}`, `the grid has ${points} vertices, more than the limit of ${limits.maxVerticesPerGrid}`))) };
      }
      vertices += points;
      if (verticesBefore + vertices > limits.maxVerticesPerFile) {
        return { ok: false, error: issue(INPUT_ERRORS.fileTooManyVertices, null, '', msg(
          `整个文件的顶点数超过上限 ${limits.maxVerticesPerFile}`, `the file has more than ${limits.maxVerticesPerFile} vertices in all`)) };
      }
    }
    records++;
    if (firstIndex + records > limits.maxFeatures) {
      return { ok: false, error: issue(INPUT_ERRORS.tooManyFeatures, null, '', msg(
        `要素过多，上限 ${limits.maxFeatures}`, `too many features; the limit is ${limits.maxFeatures}`)) };
    }
    offset += 8 + contentBytes;
  }
  return { ok: true, vertices };
}

/** The attribute records (not the binary header) decode as strict UTF-8. */
function dbfRecordsAreUtf8(dbf: Uint8Array): boolean {
  if (dbf.length < 32) return true;
  const headerLength = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint16(8, true);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(Math.min(headerLength, dbf.length)));
    return true;
  } catch {
    return false;
  }
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[i]![0]! - ring[j]![0]!) * (ring[i]![1]! + ring[j]![1]!);
  }
  return sum; // > 0 clockwise, < 0 counterclockwise (y up)
}

/** Shapefiles wind outer rings clockwise; GeoJSON (RFC 7946) counterclockwise. Only the order changes. */
function rewindToRfc7946(geometry: Geometry): Geometry {
  const rewind = (rings: Position[][]) =>
    rings.map((ring, r) => ((r === 0 ? signedArea(ring) > 0 : signedArea(ring) < 0) ? [...ring].reverse() : ring));
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rewind(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewind) };
  return geometry;
}
