import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { MAX_BATCH_CALLS } from '@/app/trpc/limits';
import type { LocalizedText } from '@/geo/text/localized-text';
import { getDatabase } from './db';
import type { Db } from './db';
import { requestShare } from './db/fair-share';
import { toDomainError } from './errors/database-errors';
import { DomainError, type DomainErrorKind } from './errors/domain-error';
import { describeZodIssues, INTERNAL_ERROR_TEXT, RequestError, REQUEST_ERRORS } from './errors/request-errors';

export interface Context {
  /** This request's share of the database (server/db/fair-share.ts). */
  db: Db;
  /** When the request arrived: the point in time its reads are "as of". */
  at: Date;
}

/**
 * Builds the context of one request. The database is opened here, inside the handler, never at module
 * top level: `next build` evaluates route modules and must not open (and lock) the embedded data dir.
 * `refusal`: the transport already refused the request (its body is too large); every call fails with it.
 */
export async function createContext(opts?: { info?: { calls: readonly unknown[] } }, refusal?: DomainError): Promise<Context> {
  if (refusal) throw new TRPCError({ code: TRPC_CODE[refusal.kind], message: refusal.message, cause: refusal });
  const calls = opts?.info?.calls.length ?? 0;
  if (calls > MAX_BATCH_CALLS) {
    const e = new RequestError('BATCH_TOO_LARGE', `${calls} > ${MAX_BATCH_CALLS}`);
    throw new TRPCError({ code: 'BAD_REQUEST', message: e.message, cause: e });
  }
  const { db } = await getDatabase();
  return { db: requestShare(db), at: new Date() };
}

const TRPC_CODE: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  invalid: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  too_large: 'PAYLOAD_TOO_LARGE',
  unavailable: 'SERVICE_UNAVAILABLE',
};

/** Errors the transport raises itself (no service ran), by tRPC code. */
const TRANSPORT_ERRORS: Partial<Record<TRPC_ERROR_CODE_KEY, keyof typeof REQUEST_ERRORS>> = {
  PARSE_ERROR: 'REQUEST_NOT_JSON',
  BAD_REQUEST: 'INPUT_INVALID',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  NOT_FOUND: 'PROCEDURE_NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'REQUEST_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'REQUEST_NOT_JSON',
};

/** The stable code and both messages of any error a client receives. Never database or stack text. */
export function describeError(error: TRPCError): { reason: string; text: LocalizedText } {
  const cause = error.cause;
  if (cause instanceof DomainError) return { reason: cause.code, text: cause.text };
  if (cause instanceof ZodError) return { reason: 'INPUT_INVALID', text: describeZodIssues(cause.issues) };
  // tRPC reads the body with JSON.parse: a body that is not JSON arrives as its SyntaxError.
  if (cause instanceof SyntaxError) return { reason: 'REQUEST_NOT_JSON', text: new RequestError('REQUEST_NOT_JSON').text };
  const transport = error.code === 'INTERNAL_SERVER_ERROR' ? undefined : (TRANSPORT_ERRORS[error.code] ?? 'INPUT_INVALID');
  if (!transport) return { reason: 'INTERNAL', text: INTERNAL_ERROR_TEXT };
  const e = new RequestError(transport);
  return { reason: e.code, text: e.text };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // No stack traces in answers, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const { reason, text } = describeError(error);
    return {
      ...shape,
      // The envelope's message is the English text; `data.text` carries both languages.
      message: text.en,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, reason, text },
    };
  },
});

/**
 * Maps the services' expected failures, and database failures known by SQLSTATE or constraint, to tRPC
 * errors with the matching status, in one place. Anything else stays an internal error (logged by the
 * route, answered with a generic text).
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const domain = toDomainError(result.error.cause);
    if (domain) throw new TRPCError({ code: TRPC_CODE[domain.kind], message: domain.message, cause: domain });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors);
