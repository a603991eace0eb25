import { z } from 'zod';
import { scopePatterns } from '../auth/policy';
import { procedure, router } from '../trpc';
import { labelsInView, readGridNorm, workersInBbox } from '../services/map-data';
import { asOfMoment, chinaDay, latitude, longitude } from './inputs';

const bbox = z
  .tuple([longitude, latitude, longitude, latitude])
  .refine(([w, s, e, n]) => w <= e && s <= n, { params: { text: { 'zh-CN': '范围须为 [西, 南, 东, 北]', en: 'bbox must be [west, south, east, north]' } } });

export const mapRouter = router({
  /** Live grid worker positions in view (small data, polled): those of the caller's jurisdiction. */
  workers: procedure
    .input(z.object({ bbox, limit: z.number().int().min(1).max(5000).default(2000) }).strict())
    .query(({ ctx, input }) => {
      const scope = ctx.scope!;
      return workersInBbox(ctx.db, input.bbox, input.limit, ctx.at, { patterns: scopePatterns(scope), workerIds: scope.all ? [] : scope.workerIds });
    }),
  /** Area names and label points for the view at a zoom. */
  labels: procedure
    .input(z.object({ bbox, zoom: z.number().min(0).max(24), asOf: chinaDay.optional() }).strict())
    .query(({ ctx, input }) => labelsInView(ctx.db, input.bbox, input.zoom, asOfMoment(input.asOf, ctx.at))),
  /** The households-per-grid norm, for the legend. */
  norm: procedure.query(({ ctx }) => readGridNorm(ctx.db)),
});
