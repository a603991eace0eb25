import { z } from 'zod';
import { procedure, router } from '../trpc';
import { getDetails } from '../services/details';
import { asOfMoment, bigserialId, chinaDay, serialId } from './inputs';

const gridCode = z.string().regex(/^[0-9]{15}$/);
// asOf: the map's "as of" day; the grid (and its load) in force at the end of that day.
const asOf = { asOf: chinaDay.optional() };
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid'), code: gridCode, ...asOf }).strict(),
  z.object({ kind: z.enum(['district', 'street', 'community', 'keySite', 'worker']), id: serialId, ...asOf }).strict(),
  z.object({ kind: z.enum(['address', 'incident']), id: bigserialId, ...asOf }).strict(),
]);

export const detailsRouter = router({
  /** Everything the side panel shows about one thing on the map, as it stands now, as far as the caller may see. */
  get: procedure.input(target).query(({ ctx, input: { asOf: day, ...input } }) =>
    getDetails(ctx.db, { actor: ctx.actor, address: ctx.address }, input, asOfMoment(day, ctx.at))),
});
