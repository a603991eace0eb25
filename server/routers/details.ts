import { z } from 'zod';
import { procedure, router } from '../trpc';
import { getDetails } from '../services/details';
import { bigserialId, serialId } from './inputs';

const gridCode = z.string().regex(/^[0-9]{15}$/);
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid'), code: gridCode }).strict(),
  z.object({ kind: z.enum(['district', 'street', 'community', 'keySite', 'worker']), id: serialId }).strict(),
  z.object({ kind: z.enum(['address', 'incident']), id: bigserialId }).strict(),
]);

export const detailsRouter = router({
  /** Everything the side panel shows about one thing on the map, as it stands now, as far as the caller may see. */
  get: procedure.input(target).query(({ ctx, input }) => getDetails(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
});
