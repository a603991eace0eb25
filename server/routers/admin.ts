/** The administrator's page: users, their roles over jurisdictions, and the security log. */
import { z } from 'zod';
import { DATA_LAYERS, ROLES } from '../auth/roles';
import { readSecurityLog, SECURITY_ACTIONS } from '../auth/security-log';
import { PASSWORD_MAX_LENGTH } from '../auth/sign-in';
import { procedure, router, scopedProcedure } from '../trpc';
import { createUser, jurisdictions, listUsers, resetPassword, setDisabled, setGrants, updateUser, workersOfStreet } from '../users/service';
import { bigserialId, lineText, serialId, version } from './inputs';

const grant = z
  .object({
    role: z.enum(ROLES),
    level: z.enum(['city', 'district', 'street']),
    jurisdictionId: serialId,
    workerId: serialId.nullable().optional(),
    layers: z.array(z.enum(DATA_LAYERS)).max(DATA_LAYERS.length).nullable().optional(),
  })
  .strict();
const grants = z.array(grant).min(1).max(20);
const change = { userId: serialId, expectedVersion: version };
const displayName = lineText(100).pipe(z.string().trim().min(1));
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const adminRouter = router({
  users: procedure.query(({ ctx }) => listUsers(ctx.db, ctx.actor, ctx.at)),
  jurisdictions: procedure.query(({ ctx }) => jurisdictions(ctx.db, ctx.actor)),
  workers: scopedProcedure(z.object({ streetId: serialId }).strict()).query(({ ctx, input }) => workersOfStreet(ctx.db, input.streetId)),
  createUser: procedure
    .input(z.object({ username: lineText(40).pipe(z.string().min(1)), displayName, password, grants }).strict())
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input, ctx.at)),
  updateUser: procedure.input(z.object({ ...change, displayName }).strict()).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.actor, input, ctx.at)),
  setDisabled: procedure
    .input(z.object({ ...change, disabled: z.boolean() }).strict())
    .mutation(({ ctx, input }) => setDisabled(ctx.db, ctx.actor, input, ctx.at)),
  setGrants: procedure.input(z.object({ ...change, grants }).strict()).mutation(({ ctx, input }) => setGrants(ctx.db, ctx.actor, input, ctx.at)),
  resetPassword: procedure
    .input(z.object({ ...change, newPassword: password }).strict())
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input, ctx.at)),
  securityLog: procedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100), beforeId: bigserialId.optional(), action: z.enum(SECURITY_ACTIONS).optional() }).strict())
    .query(({ ctx, input }) => readSecurityLog(ctx.db, input)),
});
