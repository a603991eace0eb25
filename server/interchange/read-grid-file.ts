import type { Crs } from '@/geo/interchange/gcj02';
import { INPUT_ERRORS, type GridImportResult, type InputError, type InputWarning, issue, msg } from '@/geo/interchange/input-errors';
import { type InputLimits, resolveLimits } from '@/geo/interchange/input-limits';
import {
  type BoundaryFileResult,
  type GridFileResult,
  parseBoundaryFeatureCollection,
  parseGridFeatureCollection,
  type ParseOptions,
} from '@/geo/interchange/parse-grid-feature-collection';
import { readKml } from './read-kml';
import { readShapefileArchive } from './read-shapefile-archive';

export type GridFileFormat = 'geojson' | 'shapefile' | 'kml';

export interface ReadGridFileOptions {
  /** The coordinates are GCJ-02 (Gaode/Tencent); converted to WGS84. Default 'wgs84'. */
  crs?: Crs;
  limits?: Partial<InputLimits>;
  /** Read every layer of a zip holding several shapefiles, one after the other (refused otherwise). */
  allLayers?: boolean;
}

/** The format a file name implies, or null. */
export function gridFileFormat(fileName: string): GridFileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (lower.endsWith('.zip')) return 'shapefile';
  if (lower.endsWith('.kml')) return 'kml';
  return null;
}

/**
 * Reads an uploaded grid file (GeoJSON, zipped Shapefile, KML) into grids for the topology engine.
 * Every format is turned into GeoJSON and goes through parseGridFeatureCollection, so the checks are
 * the same whatever the format. Never throws; nothing is stored here.
 * FILE_TOO_LARGE is the error the HTTP layer maps to 413.
 */
export async function readGridFile(bytes: Uint8Array, fileName: string, opts: ReadGridFileOptions = {}): Promise<GridFileResult> {
  return readGridFileSync(bytes, fileName, opts);
}

/** The same as readGridFile, synchronously (all formats are parsed in memory). */
export function readGridFileSync(bytes: Uint8Array, fileName: string, opts: ReadGridFileOptions = {}): GridFileResult {
  return readFeatureFile(bytes, fileName, opts, parseGridFeatureCollection);
}

/**
 * Reads a file of boundaries (the parent a set of grids is checked against) in any of the same formats,
 * with the same geometry checks; its attributes are taken as labels, never refused.
 */
export function readBoundaryFileSync(bytes: Uint8Array, fileName: string, opts: ReadGridFileOptions = {}): BoundaryFileResult {
  return readFeatureFile(bytes, fileName, opts, parseBoundaryFeatureCollection);
}

type FeatureParser<T> = (json: unknown, limits: InputLimits, options: ParseOptions) => GridImportResult<T>;

function readFeatureFile<T>(bytes: Uint8Array, fileName: string, opts: ReadGridFileOptions, parseFeatures: FeatureParser<T>): GridImportResult<T> {
  const limits = resolveLimits(opts.limits);
  const refuse = (errors: InputError[], warnings: InputWarning[] = []): GridImportResult<T> => ({ ok: false, errors, warnings });
  try {
    if (bytes.length > limits.maxInputBytes) {
      return refuse([issue(INPUT_ERRORS.fileTooLarge, null, '', msg(
        `文件过大：${(bytes.length / 1048576).toFixed(1)} MB，上限 ${(limits.maxInputBytes / 1048576).toFixed(0)} MB`,
        `the file is too large: ${(bytes.length / 1048576).toFixed(1)} MB, the limit is ${(limits.maxInputBytes / 1048576).toFixed(0)} MB`))]);
    }
    const format = gridFileFormat(fileName);
    const parseOptions = { crs: opts.crs ?? 'wgs84' } as const;
    if (format === 'shapefile') {
      const archive = readShapefileArchive(bytes, limits, opts.allLayers ?? false);
      if (!archive.ok) return refuse(archive.errors, archive.warnings);
      const result = parseFeatures(archive.collection, limits, parseOptions);
      return { ...result, warnings: [...archive.warnings, ...result.warnings] };
    }
    if (format === 'geojson' || format === 'kml') {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
      } catch {
        return refuse([issue(INPUT_ERRORS.fileEncodingNotUtf8, null, '', msg(
          '文件不是 UTF-8 编码；请另存为 UTF-8 后再导入', 'the file is not UTF-8 encoded; save it as UTF-8 and try again'))]);
      }
      if (format === 'geojson') return parseFeatures(text, limits, parseOptions);
      const read = readKml(text);
      if (!read.ok) return refuse(read.errors);
      return parseFeatures(read.collection, limits, parseOptions);
    }
    return refuse([issue(INPUT_ERRORS.fileFormatUnsupported, null, '', msg(
      `不支持的文件类型“${fileName.slice(-40)}”：请上传 GeoJSON（.geojson/.json）、压缩的 Shapefile（.zip）或 KML（.kml）`,
      `unsupported file "${fileName.slice(-40)}": upload GeoJSON (.geojson/.json), a zipped Shapefile (.zip) or KML (.kml)`))]);
  } catch {
    // Safety net for a library throwing something unforeseen: the fuzz tests check it is not reached.
    return refuse([issue(INPUT_ERRORS.unreadable, null, '', msg('无法读取该文件', 'the file could not be read'))]);
  }
}
