import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { getDetails } from '../services/details';

const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid'), code: z.string().regex(/^[0-9]{15}$/) }),
  z.object({
    kind: z.enum(['district', 'street', 'community', 'address', 'keySite', 'incident', 'worker']),
    id: z.number().int().positive(),
  }),
]);

export const detailsRouter = router({
  /** Everything the side panel shows about one thing on the map. */
  get: publicProcedure.input(target).query(({ ctx, input }) => getDetails(ctx.db, input)),
});
