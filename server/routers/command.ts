/**
 * The command centre's own reads (the live map's replay and views), thin procedures over
 * server/incidents. The loop's moves are the incidents router's.
 */
import { z } from 'zod';
import { localized } from '@/geo/text/localized-text';
import { REPLAY_MAX_WINDOW_MS, replayIncidents } from '../incidents/replay';
import { procedure, router } from '../trpc';

const replayWindow = z
  .object({ since: z.date(), until: z.date() })
  .strict()
  .refine(({ since, until }) => since.getTime() < until.getTime() && until.getTime() - since.getTime() <= REPLAY_MAX_WINDOW_MS, {
    params: { text: localized('回放时段须为开始早于结束、不超过 7 天', 'The replay window must start before it ends and span at most 7 days') },
  });

export const commandRouter = router({
  /**
   * The cases of a past window as the map showed them: each case of the caller's incidents scope with an
   * event in the window or open at its start, its state then and its changes (server/incidents/replay.ts).
   */
  replay: procedure.input(replayWindow).query(({ ctx, input }) => replayIncidents(ctx.db, ctx.scope!, input)),
});
