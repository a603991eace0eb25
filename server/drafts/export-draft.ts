/** A draft's grids as a file: GeoJSON, zipped Shapefile or KML, in WGS84 or (for Gaode/Tencent users) GCJ-02. */
import type { Crs } from '@/geo/interchange/gcj02';
import type { Executor } from '../db';
import type { GridFileFormat } from '../interchange/read-grid-file';
import { writeGridFile, type WrittenGridFile } from '../interchange/write-grid-file';
import { draftCandidates } from './draft-candidates';
import { DraftError } from './errors';
import { draftStreet } from './store';

/** The draft's grids as a file (WGS84, or GCJ-02 for Gaode/Tencent users when asked). */
export async function exportGrids(db: Executor, draftId: number, format: GridFileFormat, crs: Crs = 'wgs84'): Promise<WrittenGridFile> {
  const street = await draftStreet(db, draftId);
  if (!street) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
  return writeGridFile(await draftCandidates(db, draftId), format, { crs, baseName: `grids-${street.streetCode}-draft${draftId}` });
}
