/**
 * The open data's department read keys (server/ogc/department-keys.ts) and their systems' change-feed
 * subscriptions (server/webhooks/subscriptions.ts): thin procedures for the city administrator's page.
 * Only a city-wide administrator issues, lists and revokes keys, and subscribes, lists and disables webhooks.
 */
import { z } from 'zod';
import type { Scope } from '../auth/policy';
import { issueDepartmentKey, keyUses, listDepartmentKeys, restrictedFields, revokeDepartmentKey } from '../ogc/department-keys';
import { OgcError } from '../ogc/errors';
import { announceChanges } from '../webhooks/outbox';
import { createSubscription, disableSubscription, listSubscriptions, sendTestEvent, subscriptionDeliveries } from '../webhooks/subscriptions';
import { procedure, router } from '../trpc';
import { lineText, serialId } from './inputs';

const cityWide = (scope: Scope | null) => {
  if (!scope?.all) throw new OgcError('KEYS_CITY_ONLY');
};
const identifier = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/);

export const opendataRouter = router({
  /** The collections and the restricted fields of each, for the form that issues a key. */
  restrictedFields: procedure.query(({ ctx }) => {
    cityWide(ctx.scope);
    return restrictedFields();
  }),
  departmentKeys: procedure.query(({ ctx }) => {
    cityWide(ctx.scope);
    return listDepartmentKeys(ctx.db);
  }),
  issueDepartmentKey: procedure
    .input(
      z.object({
        name: lineText(100).pipe(z.string().trim().min(1)),
        departmentCode: identifier,
        collections: z.array(identifier).min(1).max(20),
        fields: z.array(z.string().regex(/^[a-z][a-z0-9_-]{1,39}\.[a-z][a-z0-9_]{0,39}$/)).max(100),
      }).strict(),
    )
    .mutation(({ ctx, input }) => {
      cityWide(ctx.scope);
      return issueDepartmentKey(ctx.db, ctx.actor, input, ctx.at);
    }),
  revokeDepartmentKey: procedure.input(z.object({ id: serialId }).strict()).mutation(async ({ ctx, input }) => {
    cityWide(ctx.scope);
    await revokeDepartmentKey(ctx.db, input.id, ctx.at);
    return { id: input.id };
  }),
  /** A key's latest requests (what was asked, when, the status). */
  departmentKeyUses: procedure.input(z.object({ id: serialId, limit: z.number().int().min(1).max(200).default(50) }).strict()).query(({ ctx, input }) => {
    cityWide(ctx.scope);
    return keyUses(ctx.db, input.id, input.limit);
  }),
  /** The change feed's subscriptions, with their deliveries' counts and the latest one's outcome. */
  webhookSubscriptions: procedure.query(({ ctx }) => {
    cityWide(ctx.scope);
    return listSubscriptions(ctx.db);
  }),
  /** Subscribes a department key's system; the signing secret is in the answer, this once. */
  createWebhookSubscription: procedure
    .input(
      z.object({
        departmentKeyId: serialId,
        // The service checks the URL (≤ 2000 characters, http/https, no credentials) with its own messages.
        url: lineText(4000),
        events: z.array(z.string().max(60)).max(10),
      }).strict(),
    )
    .mutation(({ ctx, input }) => {
      cityWide(ctx.scope);
      return createSubscription(ctx.db, ctx.actor, input, ctx.at);
    }),
  disableWebhookSubscription: procedure.input(z.object({ id: serialId }).strict()).mutation(async ({ ctx, input }) => {
    cityWide(ctx.scope);
    await disableSubscription(ctx.db, input.id, ctx.at);
    return { id: input.id };
  }),
  /** A subscription's latest deliveries, each with its attempts (when, how long, the status or the error). */
  webhookDeliveries: procedure.input(z.object({ id: serialId, limit: z.number().int().min(1).max(100).default(20) }).strict()).query(({ ctx, input }) => {
    cityWide(ctx.scope);
    return subscriptionDeliveries(ctx.db, input.id, input.limit);
  }),
  /** Queues a test event for one subscription; the dispatcher sends it, not this request. */
  sendTestWebhook: procedure.input(z.object({ id: serialId }).strict()).mutation(async ({ ctx, input }) => {
    cityWide(ctx.scope);
    const queued = await sendTestEvent(ctx.db, input.id, ctx.at);
    announceChanges();
    return queued;
  }),
});
