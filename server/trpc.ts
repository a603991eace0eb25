import { now } from './clock';
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, type ZodTypeAny } from 'zod';
import { MAX_BATCH_CALLS } from '@/app/trpc/limits';
import type { LocalizedText } from '@/geo/text/localized-text';
import { authorize, checkJurisdiction, denied } from './auth/authorize';
import { AuthError } from './auth/errors';
import type { Actor } from './auth/actor';
import { clientAddressOf, sessionTokenOf } from './auth/http';
import { PROCEDURE_POLICY, type Scope } from './auth/policy';
import { resolveSession, type SessionState } from './auth/sessions';
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
  /** The session of the request's cookie (resolved once per request, batch or not). */
  session: SessionState;
  /** The client's address (server/auth/http.ts), for the security log and sign-in limits. */
  address: string;
  /** The session cookie's token: a long-lived subscription re-checks that its session is still on. */
  sessionToken: string | null;
}

/** What a procedure's resolver sees once the policy let the call through. */
export interface AuthorizedContext extends Context {
  actor: Actor;
  /** The scope of the procedure's capability (null for the caller's own account procedures). */
  scope: Scope | null;
}

/**
 * Builds the context of one request. The database is opened here, inside the handler, never at module
 * top level: `next build` evaluates route modules and must not open (and lock) the embedded data dir.
 * `refusal`: the transport already refused the request (its body is too large, or it came from another
 * site); every call fails with it. The session is resolved once here, for all the calls of a batch.
 */
export async function createContext(
  opts: { req: Request; info?: { calls: readonly unknown[] } },
  refusal?: DomainError,
): Promise<Context> {
  if (refusal) throw new TRPCError({ code: TRPC_CODE[refusal.kind], message: refusal.message, cause: refusal });
  const calls = opts.info?.calls.length ?? 0;
  if (calls > MAX_BATCH_CALLS) {
    const e = new RequestError('BATCH_TOO_LARGE', `${calls} > ${MAX_BATCH_CALLS}`);
    throw new TRPCError({ code: 'BAD_REQUEST', message: e.message, cause: e });
  }
  const { db } = await getDatabase();
  const share = requestShare(db);
  const at = now();
  const sessionToken = sessionTokenOf(opts.req.headers);
  const session = await resolveSession(share, sessionToken, at);
  return { db: share, at, session, address: clientAddressOf(opts.req.headers), sessionToken };
}

const TRPC_CODE: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  invalid: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  too_large: 'PAYLOAD_TOO_LARGE',
  too_many: 'TOO_MANY_REQUESTS',
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

/** What a procedure declares about itself to the middlewares. */
interface ProcedureMeta {
  /** Built by scopedProcedure: checks the jurisdiction its policy names, after validating the input. */
  checksJurisdiction?: boolean;
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
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

/**
 * Deny by default: the call goes on only when PROCEDURE_POLICY (server/auth/policy.ts) has an entry for
 * its path and the caller passes it (session, capability). A policy that names a jurisdiction also
 * needs the procedure to check it after its input is validated (scopedProcedure): one built without
 * that check is refused before it runs.
 */
const authorizeCall = t.middleware(async ({ ctx, path, meta, next }) => {
  const policy = PROCEDURE_POLICY[path];
  const { actor, scope } = await authorize(ctx.db, ctx, path, policy);
  if (policy && 'jurisdiction' in policy && policy.jurisdiction && !meta?.checksJurisdiction) {
    throw await denied(ctx.db, actor, path, new AuthError('NO_POLICY', `${path} does not check its jurisdiction`), ctx.address);
  }
  return next({ ctx: { ...ctx, actor, scope } satisfies AuthorizedContext });
});

/** The jurisdiction check of scopedProcedure, on the validated input. */
const checkInputJurisdiction = t.middleware(async ({ ctx, path, input, next }) => {
  const policy = PROCEDURE_POLICY[path];
  const { actor, scope } = ctx as AuthorizedContext;
  if (policy && 'jurisdiction' in policy && policy.jurisdiction && scope) {
    await checkJurisdiction(ctx.db, { actor, address: ctx.address }, path, policy.jurisdiction, scope, input);
  }
  return next();
});

export const router = t.router;
/** Every procedure is built from this: errors mapped, then the policy applied. */
export const procedure = t.procedure.use(mapErrors).use(authorizeCall);

/**
 * A procedure about one street or one draft (its policy names the jurisdiction): the input is
 * validated first, so a malformed one gets the validation's message, then its street is checked.
 */
export const scopedProcedure = <T extends ZodTypeAny>(input: T) =>
  procedure.meta({ checksJurisdiction: true }).input(input).use(checkInputJurisdiction);
