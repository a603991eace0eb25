/** A draft's grids as a file: GeoJSON, zipped Shapefile, KML or GeoPackage, in WGS84 or (for Gaode/Tencent users) GCJ-02. */
import type { Crs } from '@/geo/interchange/gcj02';
import type { Executor } from '../db';
import { writeGridFileAsync, type GridExportFormat, type WrittenGridFile } from '../interchange/write-grid-file';
import { draftCandidates } from './draft-candidates';
import { DraftError } from './errors';
import { draftStreet } from './store';

/** The draft's grids as a file (WGS84, or GCJ-02 for Gaode/Tencent users when asked). */
export async function exportGrids(db: Executor, draftId: number, format: GridExportFormat, crs: Crs = 'wgs84'): Promise<WrittenGridFile> {
  const street = await draftStreet(db, draftId);
  if (!street) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
  return writeGridFileAsync(await draftCandidates(db, draftId), format, { crs, baseName: `grids-${street.streetCode}-draft${draftId}` });
}
