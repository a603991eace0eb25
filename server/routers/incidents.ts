/**
 * The incident loop (发现采集、扫码定责、智能派单、处理反馈、考核评估): thin procedures over server/incidents.
 * Which case a caller sees is their incidents scope; which step they may take is the loop's duty rule.
 */
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { INCIDENT_ACTION_NAMES, INCIDENT_STAGES, INCIDENT_STATES } from '@/geo/incidents/incident-states';
import { resolveSession } from '../auth/sessions';
import { now } from '../clock';
import { getDatabase } from '../db';
import { assessment, ASSESSMENT_GROUPS } from '../incidents/assessment';
import { categoryCatalogue, listDepartments, updateCategory } from '../incidents/categories';
import { dispatchIncident, suggestDispatch } from '../incidents/dispatch';
import { IncidentError } from '../incidents/errors';
import { reportIncident } from '../incidents/intake';
import { subscribeFeed } from '../incidents/live';
import { moveIncident } from '../incidents/loop';
import { issuePartnerKey, listPartnerKeys, revokePartnerKey } from '../incidents/partners';
import { placeOfCode } from '../incidents/places';
import { getIncident, incidentKpis, listIncidents } from '../incidents/view';
import { procedure, router } from '../trpc';
import { bigserialId, catalogueCode, latitude, lineText, longitude, MAX_INT4, multiLineText, phoneNumber, serialId, version } from './inputs';
import type { Scope } from '../auth/policy';

const categoryCode = catalogueCode;
const areaCode = z.string().regex(/^[0-9]{6}([0-9]{3}([0-9]{3}([0-9]{3})?)?)?$/);
const phone = phoneNumber;
const photoIds = z.array(bigserialId).max(6).default([]);
const limitMinutes = z.number().int().min(1).max(525_600);

const place = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('point'), lon: longitude, lat: latitude }).strict(),
  z.object({ kind: z.literal('address'), addressId: bigserialId }).strict(),
  z.object({ kind: z.literal('key_site'), keySiteId: serialId }).strict(),
]);

/** Only a city-wide administrator changes the city's catalogue and partner keys. */
const cityWide = (scope: Scope | null, refusal: 'CATALOGUE_CITY_ONLY' | 'PARTNER_KEYS_CITY_ONLY' = 'CATALOGUE_CITY_ONLY') => {
  if (!scope?.all) throw new IncidentError(refusal);
};

export const incidentsRouter = router({
  /** The catalogue: categories with departments, limits and weights, and the departments. */
  categories: procedure.query(async ({ ctx }) => ({ categories: await categoryCatalogue(ctx.db), departments: await listDepartments(ctx.db) })),
  updateCategory: procedure
    .input(
      z.object({
        code: categoryCode,
        expectedVersion: version,
        departmentCode: categoryCode.optional(),
        limits: z.object(Object.fromEntries(INCIDENT_STAGES.map((s) => [s, limitMinutes.optional()])) as Record<(typeof INCIDENT_STAGES)[number], z.ZodOptional<typeof limitMinutes>>).strict().optional(),
        workloadWeight: z.number().positive().max(100).optional(),
        active: z.boolean().optional(),
      }).strict(),
    )
    .mutation(({ ctx, input }) => {
      cityWide(ctx.scope);
      return updateCategory(ctx.db, ctx.actor, input, ctx.at);
    }),

  /** What a scanned code (a standard address or a key site) binds a report to: the place, its grid and worker. */
  placeOfCode: procedure
    .input(z.object({ kind: z.enum(['address', 'key_site']), code: z.string().regex(/^[0-9]{1,18}$/) }).strict())
    .query(({ ctx, input }) => placeOfCode(ctx.db, input, ctx.at)),

  /** A report from the worker's phone (patrol), the hotline desk (hotline) or a scanned code (scan). */
  report: procedure
    .input(
      z.object({
        categoryCode,
        description: multiLineText(4000).pipe(z.string().trim().min(1)),
        severity: z.number().int().min(1).max(4).default(2),
        place,
        source: z.enum(['patrol', 'hotline', 'public_scan']),
        photoIds,
        reporterName: lineText(60).optional(),
        reporterPhone: phone.optional(),
      }).strict(),
    )
    .mutation(({ ctx, input }) => reportIncident(ctx.db, { kind: 'user', actor: ctx.actor, scope: ctx.scope! }, input, ctx.at)),

  get: procedure.input(z.object({ id: bigserialId }).strict()).query(({ ctx, input }) => getIncident(ctx.db, ctx.actor, input.id, ctx.at)),
  list: procedure
    .input(
      z.object({
        states: z.array(z.enum(INCIDENT_STATES)).max(INCIDENT_STATES.length).optional(),
        categories: z.array(categoryCode).max(50).optional(),
        areaCode: areaCode.optional(),
        since: z.date().optional(),
        until: z.date().optional(),
        overdueOnly: z.boolean().optional(),
        mine: z.boolean().optional(),
        before: bigserialId.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      }).strict(),
    )
    .query(({ ctx, input }) => listIncidents(ctx.db, ctx.actor, ctx.scope!, input, ctx.at)),
  kpis: procedure.input(z.object({ areaCode: areaCode.optional() }).strict()).query(({ ctx, input }) => incidentKpis(ctx.db, ctx.scope!, ctx.at, input.areaCode)),

  /** 立案, 不予立案, 开始处置, 处置完毕, 核查通过/不通过, 结案, 评价. */
  move: procedure
    .input(
      z.object({
        incidentId: bigserialId,
        expectedVersion: version,
        action: z.enum(INCIDENT_ACTION_NAMES.filter((a) => a !== 'dispatch') as [Exclude<(typeof INCIDENT_ACTION_NAMES)[number], 'dispatch'>, ...Exclude<(typeof INCIDENT_ACTION_NAMES)[number], 'dispatch'>[]]),
        note: multiLineText(4000).optional(),
        photoIds,
        evaluation: z.number().int().min(1).max(5).optional(),
      }).strict(),
    )
    .mutation(({ ctx, input }) => moveIncident(ctx.db, ctx.actor, input, ctx.at)),
  suggestDispatch: procedure.input(z.object({ incidentId: bigserialId }).strict()).query(({ ctx, input }) => suggestDispatch(ctx.db, ctx.actor, input.incidentId, ctx.at)),
  dispatch: procedure
    .input(
      z.object({
        incidentId: bigserialId,
        expectedVersion: version,
        workerId: z.number().int().positive().max(MAX_INT4).nullable(),
        reason: multiLineText(2000).optional(),
      }).strict(),
    )
    .mutation(({ ctx, input }) => dispatchIncident(ctx.db, ctx.actor, input, ctx.at)),

  /**
   * The live feed (server-sent events): every event of the cases in the caller's scope as it commits.
   * Each carries its event id; a reconnect sends the last one and receives exactly what it missed.
   */
  feed: procedure
    .input(z.object({ lastEventId: z.string().regex(/^[0-9]{1,15}$/).nullish() }).strict())
    .subscription(async function* ({ ctx, input, signal }) {
      const { db } = await getDatabase();
      const token = ctx.sessionToken;
      for await (const e of subscribeFeed({
        db,
        scope: ctx.scope!,
        lastEventId: input.lastEventId ? Number(input.lastEventId) : null,
        clock: now,
        signal,
        stillAllowed: async () => (await resolveSession(db, token, now()).catch(() => null))?.state === 'active',
      })) {
        yield tracked(String(e.eventId), e);
      }
    }),

  /** 考核评估: the period's figures per grid, street, district, department or worker. */
  assessment: procedure
    .input(z.object({ groupBy: z.enum(ASSESSMENT_GROUPS), from: z.date(), to: z.date(), areaCode: areaCode.optional() }).strict())
    .query(({ ctx, input }) => assessment(ctx.db, ctx.scope!, input)),

  partnerKeys: procedure.query(({ ctx }) => {
    cityWide(ctx.scope, 'PARTNER_KEYS_CITY_ONLY');
    return listPartnerKeys(ctx.db);
  }),
  issuePartnerKey: procedure.input(z.object({ name: lineText(100).pipe(z.string().trim().min(1)) }).strict()).mutation(({ ctx, input }) => {
    cityWide(ctx.scope, 'PARTNER_KEYS_CITY_ONLY');
    return issuePartnerKey(ctx.db, ctx.actor, input.name, ctx.at);
  }),
  revokePartnerKey: procedure.input(z.object({ id: serialId }).strict()).mutation(async ({ ctx, input }) => {
    cityWide(ctx.scope, 'PARTNER_KEYS_CITY_ONLY');
    await revokePartnerKey(ctx.db, input.id, ctx.at);
    return { id: input.id };
  }),
});
