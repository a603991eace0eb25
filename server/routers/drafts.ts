/**
 * The street editor's draft: thin procedures over server/drafts. Geometry arrives as plain JSON and is
 * checked structurally by geo/grid inside the services (the same checks the editor runs), so zod here
 * only bounds sizes and shapes of the scalar inputs.
 *
 * Security: no authentication exists yet. The next issue (users and jurisdictions) must scope every
 * procedure to the caller's own street: openDraft to that street, every mutation to a draft of it.
 */
import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { getDraft, openDraft, redo, undo } from '../drafts/draft-service';
import { clipToCommunity, giveAreaToNeighbour } from '../drafts/fix-helpers';
import { exportGrids, importGrids } from '../drafts/import-export';
import { reshapeSharedBoundary } from '../drafts/shared-boundary';
import { validateDraft } from '../drafts/validate-draft';
import { listEditableStreets, streetCommunities } from '../services/editor-streets';
import {
  MAX_SNAP_TOLERANCE_M,
  createGrid,
  deleteGrid,
  fillRest,
  mergeGrids,
  moveSharedVertex,
  setAttributes,
  snapToNeighbours,
  splitGrid,
  updateGeometry,
} from '../drafts/grid-operations';

const ref = { draftId: z.number().int().positive(), expectedVersion: z.number().int().positive(), author: z.string().max(100).optional() };
const crs = z.enum(['wgs84', 'gcj02']);
const key = z.string().regex(/^g[0-9]{1,9}$/);
/** Geometry is validated by geo/grid in the service; here only "some JSON value". */
const geometry = z.unknown();
const position = z.tuple([z.number(), z.number()]);
const dedicatedType = z.enum(['park', 'school', 'hospital', 'enterprise', 'market', 'government']);
const attributes = z
  .object({
    name: z.string().max(100),
    kind: z.enum(['comprehensive', 'dedicated']),
    dedicatedType: dedicatedType.nullable(),
    responsibleUnit: z.string().max(200),
    notes: z.string().max(2000),
  })
  .partial();

export const draftsRouter = router({
  /** Streets to choose from in the editor (read-only). */
  streets: publicProcedure.query(({ ctx }) => listEditableStreets(ctx.db)),
  /** A street's code and name and its communities (read-only), for the editor's "fill the rest". */
  streetCommunities: publicProcedure
    .input(z.object({ streetId: z.number().int().positive() }))
    .query(({ ctx, input }) => streetCommunities(ctx.db, input.streetId)),
  /** The street's draft being edited (created from the grids in force on first open). */
  open: publicProcedure
    .input(z.object({ streetId: z.number().int().positive(), author: z.string().max(100).optional() }))
    .mutation(({ ctx, input }) => openDraft(ctx.db, input.streetId, input.author)),
  get: publicProcedure.input(z.object({ draftId: z.number().int().positive() })).query(({ ctx, input }) => getDraft(ctx.db, input.draftId)),
  createGrid: publicProcedure
    .input(z.object({ ...ref, geometry, attributes: attributes.extend({ communityId: z.number().int().positive() }).partial().optional() }))
    .mutation(({ ctx, input }) => createGrid(ctx.db, input, input)),
  updateGeometry: publicProcedure
    .input(z.object({ ...ref, key, geometry }))
    .mutation(({ ctx, input }) => updateGeometry(ctx.db, input, input)),
  moveSharedVertex: publicProcedure
    .input(z.object({ ...ref, from: position, to: position }))
    .mutation(({ ctx, input }) => moveSharedVertex(ctx.db, input, input)),
  splitGrid: publicProcedure
    .input(z.object({ ...ref, key, line: geometry }))
    .mutation(({ ctx, input }) => splitGrid(ctx.db, input, input)),
  mergeGrids: publicProcedure
    .input(z.object({ ...ref, keys: z.array(key).min(2).max(50) }))
    .mutation(({ ctx, input }) => mergeGrids(ctx.db, input, input)),
  deleteGrid: publicProcedure.input(z.object({ ...ref, key })).mutation(({ ctx, input }) => deleteGrid(ctx.db, input, input)),
  fillRest: publicProcedure
    .input(z.object({ ...ref, communityId: z.number().int().positive(), attributes: attributes.optional() }))
    .mutation(({ ctx, input }) => fillRest(ctx.db, input, input)),
  setAttributes: publicProcedure
    .input(z.object({ ...ref, key, attributes }))
    .mutation(({ ctx, input }) => setAttributes(ctx.db, input, input)),
  snapToNeighbours: publicProcedure
    .input(z.object({ ...ref, key, toleranceMetres: z.number().positive().max(MAX_SNAP_TOLERANCE_M) }))
    .mutation(({ ctx, input }) => snapToNeighbours(ctx.db, input, input)),
  /** Moves the common boundary of two adjacent grids to a newly drawn line: both grids change together. */
  reshapeSharedBoundary: publicProcedure
    .input(z.object({ ...ref, keys: z.tuple([key, key]), line: geometry }))
    .mutation(({ ctx, input }) => reshapeSharedBoundary(ctx.db, input, input)),
  /** Fix helpers for the topology findings' suggested fixes; each is one edit and one undo step. */
  clipToCommunity: publicProcedure.input(z.object({ ...ref, key })).mutation(({ ctx, input }) => clipToCommunity(ctx.db, input, input)),
  giveAreaToNeighbour: publicProcedure
    .input(z.object({ ...ref, area: geometry, fromKey: key.nullable(), toKey: key }))
    .mutation(({ ctx, input }) => giveAreaToNeighbour(ctx.db, input, input)),
  undo: publicProcedure.input(z.object(ref)).mutation(({ ctx, input }) => undo(ctx.db, input)),
  redo: publicProcedure.input(z.object(ref)).mutation(({ ctx, input }) => redo(ctx.db, input)),
  /** The topology report of the draft (the server is the authority; the editor also pre-checks in the browser). */
  validate: publicProcedure
    .input(z.object({ draftId: ref.draftId }))
    .query(({ ctx, input }) => validateDraft(ctx.db, input.draftId)),
  /**
   * Replaces the draft's grids by a file's (GeoJSON, zipped Shapefile or KML, sent base64): one undo step.
   * With repairInvalid, OGC-invalid grids of the file are repaired (ST_MakeValid) instead of refusing it.
   */
  importFile: publicProcedure
    .input(
      z.object({
        ...ref,
        fileName: z.string().min(1).max(255),
        // 50 MiB of file (the reader's own limit) is about 67 MiB of base64.
        contentBase64: z.string().max(70 * 1024 * 1024),
        crs: crs.default('wgs84'),
        repairInvalid: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) =>
      importGrids(ctx.db, input, {
        bytes: Buffer.from(input.contentBase64, 'base64'),
        fileName: input.fileName,
        crs: input.crs,
        repairInvalid: input.repairInvalid,
      }),
    ),
  /** The draft's grids as a file, base64, in WGS84 or (for Gaode/Tencent users) GCJ-02. */
  exportFile: publicProcedure
    .input(z.object({ draftId: ref.draftId, format: z.enum(['geojson', 'shapefile', 'kml']), crs: crs.default('wgs84') }))
    .query(async ({ ctx, input }) => {
      const file = await exportGrids(ctx.db, input.draftId, input.format, input.crs);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    }),
});
