import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDatabase } from './db';
import type { Db } from './db';
import { NotFoundError } from './services/errors';

export interface Context {
  db: Db;
}

/**
 * Builds the context of one request. The database is opened here, inside the handler, never at module
 * top level: `next build` evaluates route modules and must not open (and lock) the embedded data dir.
 */
export async function createContext(): Promise<Context> {
  const { db } = await getDatabase();
  return { db };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Stable domain code for the client to translate; never a parsed message.
        domainCode: error.cause instanceof NotFoundError ? error.cause.code : null,
        zodError: error.cause instanceof ZodError ? error.cause.flatten() : null,
      },
    };
  },
});

/** Maps the service layer's expected failures to tRPC errors, in one place. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof NotFoundError) {
    throw new TRPCError({ code: 'NOT_FOUND', message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(domainErrors);
