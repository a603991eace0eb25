/**
 * The street editor's draft: thin procedures over server/drafts. Geometry arrives as plain JSON and is
 * checked structurally by geo/grid inside the services (the same checks the editor runs), so zod here
 * bounds the ids, numbers and text of the scalar inputs and refuses unknown fields.
 *
 * Access (server/auth/policy.ts): a street's editors change its draft; its district's reviewers and the
 * city filers read it; a draft of another street answers as not found. Who edits is the session's user.
 */
import { z } from 'zod';
import { procedure, router, scopedProcedure, type AuthorizedContext } from '../trpc';
import { redo, undo } from '../drafts/edit';
import { exportGrids } from '../drafts/export-draft';
import { clipToCommunity } from '../drafts/operations/clip-to-community';
import { createGrid } from '../drafts/operations/create-grid';
import { deleteGrid } from '../drafts/operations/delete-grid';
import { fillRest } from '../drafts/operations/fill-rest';
import { giveAreaToNeighbour } from '../drafts/operations/give-area-to-neighbour';
import { importGrids } from '../drafts/operations/import-grids';
import { mergeGrids } from '../drafts/operations/merge-grids';
import { moveSharedVertex } from '../drafts/operations/move-shared-vertex';
import { reshapeSharedBoundary } from '../drafts/operations/reshape-shared-boundary';
import { setAttributes } from '../drafts/operations/set-attributes';
import { snapToNeighbours } from '../drafts/operations/snap-to-neighbours';
import { splitGrid } from '../drafts/operations/split-grid';
import { updateGeometry } from '../drafts/operations/update-geometry';
import { MAX_SNAP_TOLERANCE_M } from '../drafts/precision';
import { getDraft, openDraft } from '../drafts/store';
import { validateDraft } from '../drafts/validate-draft';
import { listEditableStreets, streetCommunities } from '../services/editor-streets';
import { bigserialId, lineText, lonLat, multiLineText, serialId, version } from './inputs';

const ref = { draftId: bigserialId, expectedVersion: version };
const crs = z.enum(['wgs84', 'gcj02']);
const key = z.string().regex(/^g[0-9]{1,9}$/);
/** Geometry is validated by geo/grid in the service; here only "some JSON value". */
const geometry = z.unknown();
const dedicatedType = z.enum(['park', 'school', 'hospital', 'enterprise', 'market', 'government']);
const attributeFields = {
  name: lineText(100),
  kind: z.enum(['comprehensive', 'dedicated']),
  dedicatedType: dedicatedType.nullable(),
  responsibleUnit: lineText(200),
  notes: multiLineText(2000),
};
const attributes = z.object(attributeFields).partial().strict();
const edit = <T extends z.ZodRawShape>(shape: T) => z.object({ ...ref, ...shape }).strict();

/** The session's user, as drafts record who acted. */
const by = (ctx: AuthorizedContext) => ({ id: ctx.actor.userId, username: ctx.actor.username });
/** The draft reference of an edit: the draft and version from the input, the author from the session. */
const acting = (ctx: AuthorizedContext, input: { draftId: number; expectedVersion: number }) => ({
  draftId: input.draftId,
  expectedVersion: input.expectedVersion,
  by: by(ctx),
});

export const draftsRouter = router({
  /** Streets to choose from in the editor (read-only). */
  streets: procedure.query(({ ctx }) => listEditableStreets(ctx.db, ctx.scope!)),
  /** A street's code and name and its communities (read-only), for the editor's "fill the rest". */
  streetCommunities: scopedProcedure(z.object({ streetId: serialId }).strict())
    .query(({ ctx, input }) => streetCommunities(ctx.db, input.streetId)),
  /** The street's draft being edited (created from the grids in force on first open). */
  open: scopedProcedure(z.object({ streetId: serialId }).strict())
    .mutation(({ ctx, input }) => openDraft(ctx.db, input.streetId, by(ctx), ctx.at)),
  get: scopedProcedure(z.object({ draftId: bigserialId }).strict()).query(({ ctx, input }) => getDraft(ctx.db, input.draftId)),
  createGrid: scopedProcedure(edit({ geometry, attributes: z.object({ ...attributeFields, communityId: serialId }).partial().strict().optional() }))
    .mutation(({ ctx, input }) => createGrid(ctx.db, acting(ctx, input), input)),
  updateGeometry: scopedProcedure(edit({ key, geometry })).mutation(({ ctx, input }) => updateGeometry(ctx.db, acting(ctx, input), input)),
  moveSharedVertex: scopedProcedure(edit({ from: lonLat, to: lonLat })).mutation(({ ctx, input }) => moveSharedVertex(ctx.db, acting(ctx, input), input)),
  splitGrid: scopedProcedure(edit({ key, line: geometry })).mutation(({ ctx, input }) => splitGrid(ctx.db, acting(ctx, input), input)),
  mergeGrids: scopedProcedure(edit({ keys: z.array(key).min(2).max(50) })).mutation(({ ctx, input }) => mergeGrids(ctx.db, acting(ctx, input), input)),
  deleteGrid: scopedProcedure(edit({ key })).mutation(({ ctx, input }) => deleteGrid(ctx.db, acting(ctx, input), input)),
  fillRest: scopedProcedure(edit({ communityId: serialId, attributes: attributes.optional() }))
    .mutation(({ ctx, input }) => fillRest(ctx.db, acting(ctx, input), input)),
  setAttributes: scopedProcedure(edit({ key, attributes })).mutation(({ ctx, input }) => setAttributes(ctx.db, acting(ctx, input), input)),
  snapToNeighbours: scopedProcedure(edit({ key, toleranceMetres: z.number().positive().max(MAX_SNAP_TOLERANCE_M) }))
    .mutation(({ ctx, input }) => snapToNeighbours(ctx.db, acting(ctx, input), input)),
  /** Moves the common boundary of two adjacent grids to a newly drawn line: both grids change together. */
  reshapeSharedBoundary: scopedProcedure(edit({ keys: z.tuple([key, key]), line: geometry }))
    .mutation(({ ctx, input }) => reshapeSharedBoundary(ctx.db, acting(ctx, input), input)),
  /** Fix helpers for the topology findings' suggested fixes; each is one edit and one undo step. */
  clipToCommunity: scopedProcedure(edit({ key })).mutation(({ ctx, input }) => clipToCommunity(ctx.db, acting(ctx, input), input)),
  giveAreaToNeighbour: scopedProcedure(edit({ area: geometry, fromKey: key.nullable(), toKey: key }))
    .mutation(({ ctx, input }) => giveAreaToNeighbour(ctx.db, acting(ctx, input), input)),
  undo: scopedProcedure(edit({})).mutation(({ ctx, input }) => undo(ctx.db, acting(ctx, input))),
  redo: scopedProcedure(edit({})).mutation(({ ctx, input }) => redo(ctx.db, acting(ctx, input))),
  /** The topology report of the draft (the server is the authority; the editor also pre-checks in the browser). */
  validate: scopedProcedure(z.object({ draftId: bigserialId }).strict())
    .query(({ ctx, input }) => validateDraft(ctx.db, input.draftId, ctx.at)),
  /**
   * Replaces the draft's grids by a file's (GeoJSON, zipped Shapefile or KML, sent base64): one undo step.
   * With repairInvalid, OGC-invalid grids of the file are repaired (grid_repair) instead of refusing it.
   */
  importFile: scopedProcedure(
      edit({
        fileName: lineText(255).pipe(z.string().min(1)),
        // 50 MiB of file (the reader's own limit) is about 67 MiB of base64.
        contentBase64: z.string().max(70 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/),
        crs: crs.default('wgs84'),
        repairInvalid: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) =>
      importGrids(ctx.db, acting(ctx, input), {
        bytes: Buffer.from(input.contentBase64, 'base64'),
        fileName: input.fileName,
        crs: input.crs,
        repairInvalid: input.repairInvalid,
        at: ctx.at,
      }),
    ),
  /** The draft's grids as a file, base64, in WGS84 or (for Gaode/Tencent users) GCJ-02. */
  exportFile: scopedProcedure(z.object({ draftId: bigserialId, format: z.enum(['geojson', 'shapefile', 'kml', 'geopackage']), crs: crs.default('wgs84') }).strict())
    .query(async ({ ctx, input }) => {
      const file = await exportGrids(ctx.db, input.draftId, input.format, input.crs);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    }),
});
