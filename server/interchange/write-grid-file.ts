import type { Crs } from '@/geo/interchange/gcj02';
import { gridsToFeatureCollection } from '@/geo/interchange/grids-to-feature-collection';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import type { GridFileFormat } from './read-grid-file';
import { writeFeatureFile, writeFeatureFileAsync, type WritableCollection, type WrittenFile } from './write-feature-file';

export type WrittenGridFile = WrittenFile;
/** What grids are exported as: the formats the importer reads, or a GeoPackage (written, not read). */
export type GridExportFormat = GridFileFormat | 'geopackage';

export interface WriteGridFileOptions {
  /** 'gcj02' converts on the way out, for Gaode/Tencent users. Default 'wgs84'. */
  crs?: Crs;
  /** File name without extension. Default 'grids'. */
  baseName?: string;
  /**
   * More attributes of each grid (by its index), written after the importer's own: numbers and short
   * names (at most 10 characters, so the Shapefile keeps them as they are).
   */
  extra?: (index: number) => Record<string, number | string | boolean | null>;
}

/** The importer's aliases for the Shapefile's fields (dBase names hold 10 characters). */
const GRID_FIELDS = { dedicated_type: 'ded_type', community_code: 'comm_code' } as const;

function gridCollection(grids: readonly GridCandidate[], opts: WriteGridFileOptions): WritableCollection {
  const plain = gridsToFeatureCollection(grids, opts.crs ?? 'wgs84');
  const extra = opts.extra;
  const collection = extra ? { ...plain, features: plain.features.map((f, i) => ({ ...f, properties: { ...f.properties, ...extra(i) } })) } : plain;
  return collection as unknown as WritableCollection;
}

/**
 * Writes grids as GeoJSON, a zipped Shapefile (one POLYGON layer, WGS84 .prj, UTF-8 .cpg) or KML.
 * The grids passed in are not modified.
 */
export function writeGridFile(grids: readonly GridCandidate[], format: GridFileFormat, opts: WriteGridFileOptions = {}): WrittenGridFile {
  return writeFeatureFile(gridCollection(grids, opts), format, opts.baseName ?? 'grids', { fieldNames: GRID_FIELDS });
}

/** As writeGridFile, or as a GeoPackage (one layer named `grids`, the importer's property names whole). */
export function writeGridFileAsync(grids: readonly GridCandidate[], format: GridExportFormat, opts: WriteGridFileOptions = {}): Promise<WrittenGridFile> {
  return writeFeatureFileAsync(gridCollection(grids, opts), format, opts.baseName ?? 'grids', { fieldNames: GRID_FIELDS, layerName: 'grids' });
}
