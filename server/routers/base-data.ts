/**
 * Base data (一标三实): the history of bulk address imports for the import page. The import itself is a
 * plain route (a file as the body, with progress): POST /api/addresses/import.
 */
import { recentAddressImports } from '../base-data/address-import';
import { procedure, router } from '../trpc';

export const baseDataRouter = router({
  /** The latest imports written into the caller's jurisdiction. */
  imports: procedure.query(({ ctx }) => recentAddressImports(ctx.db, ctx.scope!)),
});
