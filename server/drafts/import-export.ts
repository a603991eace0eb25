/**
 * Importing a file of grids into a street's draft, and exporting a draft as a file (issue 3: GeoJSON,
 * zipped Shapefile, KML; GCJ-02 declared on the way in or asked for on the way out). The file formats
 * and the sanitation of untrusted input live in server/interchange; this joins them to the draft.
 */
import type { MultiPolygon } from 'geojson';
import type { Db } from '../db';
import { parseGridCode } from '@/geo/codes/territory-codes';
import type { Crs } from '@/geo/interchange/gcj02';
import type { InputIssue } from '@/geo/interchange/input-errors';
import { readGridFile, type GridFileFormat } from '../interchange/read-grid-file';
import { writeGridFile, type WrittenGridFile } from '../interchange/write-grid-file';
import { draftCandidates } from './draft-candidates';
import { runEdit, type DraftRef, type MutationResult } from './draft-service';
import { DraftError } from './errors';
import { addGrid, buildGeometry, buildRepairedGeometry, communityOfStreet, communityOverlappingMost, usedCodes } from './grid-operations';

export interface ImportResult {
  imported: number;
  /** Grids whose file code could not be kept (malformed, of another community, taken): they got a new one. */
  recoded: { key: string; fileCode: string | null; code: string }[];
  /** Grids that were not valid and were repaired (only with repairInvalid): the file's key, ST_IsValidReason before. */
  repaired: { key: string; reason: string }[];
  warnings: InputIssue[];
}

/** A file refused before anything was changed: its errors, each with a code and both messages. */
export class ImportRefusedError extends DraftError {
  constructor(readonly errors: readonly InputIssue[]) {
    super('IMPORT_REFUSED', errors.slice(0, 3).map((e) => e.message.en).join('; '));
    (this as { messageZh: string }).messageZh = `文件未导入：${errors.slice(0, 3).map((e) => e.message['zh-CN']).join('；')}`;
  }
}

/**
 * Replaces the draft's grids by the grids of a file, as ONE edit (one undo step brings the old set back).
 * Each grid keeps its file code when the code is well-formed, belongs to the community the grid lies in
 * and is free, or is the code of a grid in force there or of a grid of the draft (a re-import of an
 * export); otherwise it gets the next free code.
 * A grid goes to the community named by its community code when that community is of this street,
 * else to the street's community it overlaps most. Invalid geometry refuses the whole file, unless
 * `repairInvalid` (the editor's "make valid" option) asks to repair it (buildRepairedGeometry): the repair
 * is part of this one edit, so undoing the import undoes it too.
 */
export async function importGrids(
  db: Db,
  ref: DraftRef,
  input: { bytes: Uint8Array; fileName: string; crs?: Crs; repairInvalid?: boolean },
): Promise<MutationResult<ImportResult>> {
  const file = await readGridFile(input.bytes, input.fileName, { crs: input.crs ?? 'wgs84' });
  if (!file.ok) throw new ImportRefusedError(file.errors);
  const repairInvalid = input.repairInvalid ?? false;
  return runEdit(db, ref, 'importGrids', { fileName: input.fileName, grids: file.grids.length, repairInvalid }, async (ctx) => {
    const existing = await ctx.tx.query<{ grid_key: string; code: string | null }>(
      'SELECT grid_key, code FROM grid_draft_grid WHERE draft_id = $1',
      [ctx.draft.id],
    );
    // Re-importing the draft's own export keeps its codes, new grids' codes included.
    const draftCodes = new Set(existing.map((r) => r.code).filter((c): c is string => c != null));
    await ctx.touch(existing.map((r) => r.grid_key));
    await ctx.tx.execute('DELETE FROM grid_draft_grid WHERE draft_id = $1', [ctx.draft.id]);

    const recoded: ImportResult['recoded'] = [];
    const repaired: ImportResult['repaired'] = [];
    const takenInFile = new Set<string>();
    for (const grid of file.grids) {
      const geometry: MultiPolygon = grid.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [grid.geometry.coordinates] } : grid.geometry;
      let wkb: string;
      try {
        if (repairInvalid) {
          const built = await buildRepairedGeometry(ctx.tx, geometry);
          wkb = built.wkb;
          if (built.reason != null) repaired.push({ key: grid.key, reason: built.reason });
        } else {
          wkb = await buildGeometry(ctx.tx, geometry);
        }
      } catch (err) {
        if (err instanceof DraftError) throw new DraftError(err.code as 'GRID_GEOMETRY_INVALID', `${grid.key}: ${err.detail ?? ''}`);
        throw err;
      }
      const [named] = grid.communityCode
        ? await ctx.tx.query<{ id: number }>('SELECT id FROM community WHERE code = $1 AND street_id = $2', [grid.communityCode, ctx.draft.streetId])
        : [];
      const community = await communityOfStreet(ctx, named?.id ?? (await communityOverlappingMost(ctx, wkb, grid.key)));

      // The grid in force that already carries the file's code, if the file code is this community's.
      const fileCode = grid.code && parseGridCode(grid.code).valid && grid.code.startsWith(community.code) ? grid.code : null;
      const [inForce] = fileCode
        ? await ctx.tx.query<{ id: number }>('SELECT id FROM grid WHERE code = $1 AND valid_to IS NULL AND community_id = $2', [fileCode, community.id])
        : [];
      const used = new Set([...(await usedCodes(ctx, community.id)), ...takenInFile]);
      const keep = fileCode && !takenInFile.has(fileCode) && (inForce || draftCodes.has(fileCode) || !used.has(fileCode));
      const added = await addGrid(ctx, community, {
        wkb,
        code: keep ? fileCode : undefined,
        name: grid.name,
        kind: grid.kind,
        dedicatedType: grid.dedicatedType,
        sourceGridId: keep && inForce ? inForce.id : null,
      });
      takenInFile.add(added.code);
      if (!keep) recoded.push({ key: added.key, fileCode: grid.code, code: added.code });
    }
    return { imported: file.grids.length, recoded, repaired, warnings: file.warnings };
  });
}

/** The draft's grids as a file (WGS84, or GCJ-02 for Gaode/Tencent users when asked). */
export async function exportGrids(db: Db, draftId: number, format: GridFileFormat, crs: Crs = 'wgs84'): Promise<WrittenGridFile> {
  const grids = await draftCandidates(db, draftId);
  const [draft] = await db.query<{ code: string }>(
    'SELECT s.code FROM grid_draft d JOIN street s ON s.id = d.street_id WHERE d.id = $1',
    [draftId],
  );
  if (!draft) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
  return writeGridFile(grids, format, { crs, baseName: `grids-${draft.code}-draft${draftId}` });
}
