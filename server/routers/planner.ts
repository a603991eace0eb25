/**
 * The planner (网格优化测算): thin procedures over server/planner. Every scenario is checked against the
 * caller's planning scope there (a scenario outside it answers as missing); the pricing is a city
 * administrator's setting.
 */
import { z } from 'zod';
import type { Scope } from '../auth/policy';
import { importBarrierLayer, listBarrierLayers } from '../planner/barriers';
import { PlannerError } from '../planner/errors';
import { scenarioFile } from '../planner/export';
import { promoteScenario } from '../planner/promote';
import { planningAreas } from '../planner/scope';
import { deleteScenario, getScenario, listScenarios, saveScenario, scenarioGrids, startScenario } from '../planner/scenarios';
import { readSettings, writePricing } from '../settings';
import { procedure, router } from '../trpc';
import { bigserialId, lineText, serialId } from './inputs';

const scenario = { id: bigserialId };
const areaCode = z.string().regex(/^([0-9]{6}|[0-9]{9}|[0-9]{12})$/);
const name = lineText(100).pipe(z.string().trim().min(1));
const households = z.number().int().min(1).max(100_000);
const money = z.number().min(0).max(1_000_000).multipleOf(0.01);
const perGrid = z.number().min(0).max(20).multipleOf(0.01);
/** A GeoJSON file of lines, at most 6 MB of text (inside the 8 MB request body). */
const geojsonText = z.string().min(2).max(6 * 1024 * 1024);

const cityWide = (scope: Scope | null) => {
  if (!scope?.all) throw new PlannerError('PRICING_CITY_ONLY');
};

export const plannerRouter = router({
  /** The defaults of a scenario's parameters and the pricing a run will use (from the settings). */
  settings: procedure.query(async ({ ctx }) => {
    const s = await readSettings(ctx.db);
    return { norm: s.norm, pricing: s.pricing };
  }),
  /** The districts, streets and communities the caller may plan (with each community's addresses and households). */
  areas: procedure.query(({ ctx }) => planningAreas(ctx.db, ctx.scope!)),
  barrierLayers: procedure.query(({ ctx }) => listBarrierLayers(ctx.db)),
  importBarriers: procedure
    .input(z.object({ name, geojson: geojsonText }).strict())
    .mutation(({ ctx, input }) => importBarrierLayer(ctx.db, ctx.actor, input.name, input.geojson)),
  run: procedure
    .input(
      z.object({
        name,
        scope: z.array(areaCode).min(1).max(200),
        householdsMin: households,
        householdsMax: households,
        residentsMax: z.number().int().min(1).max(1_000_000),
        keepDedicated: z.boolean(),
        barrierLayerId: serialId.nullable(),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
      }).strict(),
    )
    .mutation(async ({ ctx, input }) => ({ id: (await startScenario(ctx.db, ctx.actor, ctx.scope!, input, ctx.at)).id })),
  list: procedure.query(({ ctx }) => listScenarios(ctx.db, ctx.actor, ctx.scope!)),
  get: procedure.input(z.object(scenario).strict()).query(({ ctx, input }) => getScenario(ctx.db, ctx.actor, ctx.scope!, input.id)),
  grids: procedure.input(z.object(scenario).strict()).query(({ ctx, input }) => scenarioGrids(ctx.db, ctx.actor, ctx.scope!, input.id)),
  save: procedure.input(z.object({ ...scenario, name }).strict()).mutation(({ ctx, input }) => saveScenario(ctx.db, ctx.actor, ctx.scope!, input.id, input.name)),
  delete: procedure.input(z.object(scenario).strict()).mutation(async ({ ctx, input }) => {
    await deleteScenario(ctx.db, ctx.actor, ctx.scope!, input.id);
    return { deleted: input.id };
  }),
  /** The figures (CSV) or the grids (GeoJSON, zipped Shapefile, GeoPackage) as a file. */
  exportFile: procedure
    .input(z.object({ ...scenario, format: z.enum(['csv', 'geojson', 'shapefile', 'geopackage']), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict())
    .query(async ({ ctx, input }) => {
      const file = await scenarioFile(ctx.db, ctx.actor, ctx.scope!, input.id, input.format, input.locale);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
    }),
  /** The scenario becomes the draft plan of each street concerned (then the approval workflow). */
  promote: procedure.input(z.object(scenario).strict()).mutation(({ ctx, input }) => promoteScenario(ctx.db, ctx.actor, ctx.scope!, input.id, ctx.at)),
  pricing: procedure.query(async ({ ctx }) => {
    cityWide(ctx.scope);
    return (await readSettings(ctx.db)).pricing;
  }),
  setPricing: procedure
    .input(z.object({ fullTimePerGrid: perGrid, partTimePerGrid: perGrid, fullTimeMonthlyYuan: money, partTimeMonthlyYuan: money }).strict())
    .mutation(async ({ ctx, input }) => {
      cityWide(ctx.scope);
      await writePricing(ctx.db, input);
      return (await readSettings(ctx.db)).pricing;
    }),
});
