/** The caller's own account: who they are (for the browser to show what it may) and their password. */
import { z } from 'zod';
import { actorView } from '../auth/policy';
import { changeOwnPassword, PASSWORD_MAX_LENGTH } from '../auth/sign-in';
import { procedure, router } from '../trpc';

export const sessionRouter = router({
  me: procedure.query(({ ctx }) => actorView(ctx.actor)),
  /** Also the only thing a user whose password was reset may do. */
  changePassword: procedure
    .input(z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH) }).strict())
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(ctx.db, ctx.actor, input, { address: ctx.address, userAgent: '' });
      return { changed: true };
    }),
});
