import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDatabase } from './db';
import type { Db } from './db';
import { DomainError, type DomainErrorKind } from './services/errors';

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
        // Stable domain code and both messages for the client; never a parsed message.
        domainCode: error.cause instanceof DomainError ? error.cause.code : null,
        domainMessage: error.cause instanceof DomainError ? { 'zh-CN': error.cause.messageZh, en: error.cause.message } : null,
        zodError: error.cause instanceof ZodError ? error.cause.flatten() : null,
      },
    };
  },
});

const TRPC_CODE: Record<DomainErrorKind, 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST'> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
};

/** Maps the service layer's expected failures to tRPC errors, in one place. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.kind], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(domainErrors);
