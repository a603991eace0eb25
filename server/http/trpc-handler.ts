/**
 * The tRPC endpoint with the limits a careless or hostile client meets before any procedure runs:
 * the request body is read within a size limit (a 20 MB body to a search never reaches JSON.parse),
 * a batch holds at most MAX_BATCH_CALLS calls (app/trpc/limits.ts, enforced in server/trpc.ts), and every request gets only its share of
 * the database connections (server/db/fair-share.ts), and a state-changing request from another site is
 * refused (server/auth/http.ts). Refusals come back as ordinary tRPC errors, with a
 * code and both languages.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { localized } from '@/geo/text/localized-text';
import { appRouter } from '../routers/_app';
import { createContext } from '../trpc';
import { RequestError } from '../errors/request-errors';
import type { DomainError } from '../errors/domain-error';
import { crossSiteRefusal } from '../auth/authorize';
import { getDatabase } from '../db';
import { megabytes, readBodyWithin } from './body';

export const TRPC_ENDPOINT = '/api/trpc';
/** Every procedure but the file import: geometry of at most 10,000 vertices per call, a batch of them. */
export const TRPC_BODY_LIMIT = 8 * 1024 * 1024;
/** drafts.importFile carries a file of up to 50 MiB as base64 (~67 MiB). */
export const TRPC_IMPORT_BODY_LIMIT = 72 * 1024 * 1024;

function bodyLimit(url: URL): number {
  let paths: string[];
  try {
    paths = decodeURIComponent(url.pathname.slice(TRPC_ENDPOINT.length + 1)).split(',');
  } catch {
    // A malformed path names no procedure (tRPC refuses it); the ordinary limit applies meanwhile.
    return TRPC_BODY_LIMIT;
  }
  return paths.includes('drafts.importFile') ? TRPC_IMPORT_BODY_LIMIT : TRPC_BODY_LIMIT;
}

export async function handleTrpcRequest(req: Request): Promise<Response> {
  let forwarded = req;
  // A cross-site request is refused before its body is read; the calls get the refusal in tRPC's own shape.
  let refusal: DomainError | undefined = (await crossSiteRefusal((await getDatabase()).db, req, new URL(req.url).pathname)) ?? undefined;
  if (refusal) {
    forwarded = new Request(req.url, { method: req.method, headers: { 'content-type': 'application/json' } });
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    const limit = bodyLimit(new URL(req.url));
    const body = await readBodyWithin(req, limit);
    const init = { method: req.method, headers: req.headers };
    if (body.ok) forwarded = new Request(req.url, { ...init, body: body.bytes as BodyInit });
    else {
      // tRPC still answers (one error per call, the shape its clients read); no procedure runs. An
      // empty JSON request gets that far whatever the refused one declared.
      forwarded = new Request(req.url, { method: req.method, headers: { 'content-type': 'application/json' } });
      refusal = new RequestError(
        'REQUEST_TOO_LARGE',
        localized(`${megabytes(body.bytes)} MB，上限 ${megabytes(limit)} MB`, `${megabytes(body.bytes)} MB, the limit is ${megabytes(limit)} MB`),
      );
    }
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: forwarded,
    router: appRouter,
    createContext: (opts) => createContext(opts, refusal),
    onError({ error, path }) {
      // The detail of an unexpected failure is for the log; the client got a generic text.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path}:`, error.cause ?? error);
    },
  });
}
