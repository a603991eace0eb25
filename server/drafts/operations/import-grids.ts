/**
 * Importing a file of grids into a street's draft (GeoJSON, zipped Shapefile, KML; GCJ-02 declared on the
 * way in). The file formats and the sanitation of untrusted input live in server/interchange; this joins
 * them to the draft. Exporting is ../export-draft.ts.
 */
import type { MultiPolygon } from 'geojson';
import { parseGridCode } from '@/geo/codes/territory-codes';
import type { Crs } from '@/geo/interchange/gcj02';
import type { InputIssue } from '@/geo/interchange/input-errors';
import { localized, withDetail } from '@/geo/text/localized-text';
import type { Executor } from '../../db';
import { gridsInForce } from '../../data/grids';
import { communityOfStreet as findCommunityOfStreet } from '../../data/territory';
import { readGridFile } from '../../interchange/read-grid-file';
import { runEdit, type MutationResult } from '../edit';
import { addGrid, communityOverlappingMost, deleteGridRows, usedCodes } from '../draft-grids';
import { DraftError } from '../errors';
import { buildGeometry, buildRepairedGeometry } from '../precision';
import type { DraftRef } from '../store';

export interface ImportResult {
  imported: number;
  /** Grids whose file code could not be kept (malformed, of another community, taken): they got a new one. */
  recoded: { key: string; fileCode: string | null; code: string }[];
  /** Grids that were not valid and were repaired (only with repairInvalid): the file's key, ST_IsValidReason before. */
  repaired: { key: string; reason: string }[];
  warnings: InputIssue[];
}

/** A file refused before anything was changed: its first errors in the message, each with a code and both messages. */
export function importRefused(errors: readonly InputIssue[]): DraftError & { errors: readonly InputIssue[] } {
  const first = errors.slice(0, 3);
  const detail = localized(first.map((e) => e.message['zh-CN']).join('；'), first.map((e) => e.message.en).join('; '));
  return Object.assign(new DraftError('IMPORT_REFUSED', detail), { errors });
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
  db: Executor,
  ref: DraftRef,
  input: { bytes: Uint8Array; fileName: string; crs?: Crs; repairInvalid?: boolean; at?: Date },
): Promise<MutationResult<ImportResult>> {
  const file = await readGridFile(input.bytes, input.fileName, { crs: input.crs ?? 'wgs84' });
  if (!file.ok) throw importRefused(file.errors);
  const repairInvalid = input.repairInvalid ?? false;
  return runEdit(db, ref, 'importGrids', { fileName: input.fileName, grids: file.grids.length, repairInvalid }, async (ctx) => {
    const existing = await ctx.tx.query<{ grid_key: string; code: string | null }>(
      'SELECT grid_key, code FROM grid_draft_grid WHERE draft_id = $1',
      [ctx.draft.id],
    );
    // Re-importing the draft's own export keeps its codes, new grids' codes included.
    const draftCodes = new Set(existing.map((r) => r.code).filter((c): c is string => c != null));
    await deleteGridRows(ctx, existing.map((r) => r.grid_key));

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
        // Name the file's grid the refusal is about.
        if (err instanceof DraftError) throw new DraftError(err.code, withDetail(localized(grid.key, grid.key), err.detail));
        throw err;
      }
      // The community named by the file if it is one of this street's, else the one the grid overlaps most.
      const named = grid.communityCode ? await findCommunityOfStreet(ctx.tx, ctx.draft.streetId, { code: grid.communityCode }) : null;
      const community = named ?? (await communityOverlappingMost(ctx, wkb, grid.key));

      // The grid in force that already carries the file's code, if the file code is this community's.
      const fileCode = grid.code && parseGridCode(grid.code).valid && grid.code.startsWith(community.code) ? grid.code : null;
      const [inForce] = fileCode
        ? await ctx.tx.query<{ id: number }>(`SELECT id FROM ${gridsInForce('$3')} WHERE code = $1 AND community_id = $2`, [fileCode, community.id, input.at ?? new Date()])
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

