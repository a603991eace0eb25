import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { labelsInView, readGridNorm, workersInBbox } from '../services/map-data';
import { latitude, longitude } from './inputs';

const bbox = z
  .tuple([longitude, latitude, longitude, latitude])
  .refine(([w, s, e, n]) => w <= e && s <= n, { params: { text: { 'zh-CN': '范围须为 [西, 南, 东, 北]', en: 'bbox must be [west, south, east, north]' } } });

export const mapRouter = router({
  /** Live grid worker positions in view (small data, polled). */
  workers: publicProcedure
    .input(z.object({ bbox, limit: z.number().int().min(1).max(5000).default(2000) }).strict())
    .query(({ ctx, input }) => workersInBbox(ctx.db, input.bbox, input.limit, ctx.at)),
  /** Area names and label points for the view at a zoom. */
  labels: publicProcedure
    .input(z.object({ bbox, zoom: z.number().min(0).max(24) }).strict())
    .query(({ ctx, input }) => labelsInView(ctx.db, input.bbox, input.zoom, ctx.at)),
  /** The households-per-grid norm, for the legend. */
  norm: publicProcedure.query(({ ctx }) => readGridNorm(ctx.db)),
});
