import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { labelsInView, readGridNorm, workersInBbox } from '../services/map-data';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const bbox = z.tuple([lon, lat, lon, lat]).refine(([w, s, e, n]) => w <= e && s <= n, 'bbox must be [west, south, east, north]');

export const mapRouter = router({
  /** Live grid worker positions in view (small data, polled). */
  workers: publicProcedure
    .input(z.object({ bbox, limit: z.number().int().min(1).max(5000).default(2000) }))
    .query(({ ctx, input }) => workersInBbox(ctx.db, input.bbox, input.limit)),
  /** Area names and label points for the view at a zoom. */
  labels: publicProcedure
    .input(z.object({ bbox, zoom: z.number().min(0).max(24) }))
    .query(({ ctx, input }) => labelsInView(ctx.db, input.bbox, input.zoom)),
  /** The households-per-grid norm, for the legend. */
  norm: publicProcedure.query(({ ctx }) => readGridNorm(ctx.db)),
});
