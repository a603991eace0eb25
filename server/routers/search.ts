import { z } from 'zod';
import { scopeOf } from '../auth/policy';
import { procedure, router } from '../trpc';
import { searchPlaces } from '../services/search';
import { lineText } from './inputs';

export const searchRouter = router({
  /** Grids by code or name, communities, streets, districts and addresses by text. */
  places: procedure
    .input(z.object({ query: lineText(100).pipe(z.string().trim().min(1)), limit: z.number().int().min(1).max(50).default(12) }).strict())
    .query(({ ctx, input }) => searchPlaces(ctx.db, { ...input, addresses: scopeOf(ctx.actor, 'addresses') !== null }, ctx.at)),
});
