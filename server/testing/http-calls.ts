/**
 * Calls to the real route handlers as a browser (or a partner system) makes them: tRPC over HTTP with
 * superjson envelopes, the session cookie, and the Origin a same-site page sends.
 */
import { SESSION_COOKIE_NAME } from '../auth/http';
import { handleTrpcRequest } from '../http/trpc-handler';

export const TEST_ORIGIN = 'http://127.0.0.1';

export interface TrpcErrorShape {
  message: string;
  data: { code: string; httpStatus: number; reason: string; text: { 'zh-CN': string; en: string }; stack?: unknown };
}

export interface TrpcAnswer {
  status: number;
  result?: unknown;
  error?: TrpcErrorShape;
}

export interface CallOptions {
  /** The session token for the cookie; none for an anonymous call. */
  token?: string | null;
  /** The Origin header of a POST (default: the app's own). */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** Headers of a request from a page of the app, signed in with `token`. */
export function browserHeaders(opts: CallOptions = {}, post = false): Record<string, string> {
  const h: Record<string, string> = { host: '127.0.0.1', ...opts.headers };
  if (opts.token) h.cookie = `${SESSION_COOKIE_NAME}=${opts.token}`;
  if (post && opts.origin !== null) h.origin = opts.origin ?? TEST_ORIGIN;
  if (post) h['content-type'] = 'application/json';
  return h;
}

/** One tRPC call: GET for a query, POST for a mutation. */
export async function trpcCall(path: string, input: unknown, method: 'GET' | 'POST', opts: CallOptions = {}): Promise<TrpcAnswer> {
  const envelope = input === undefined ? {} : { json: input };
  const res =
    method === 'GET'
      ? await handleTrpcRequest(
          new Request(`${TEST_ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(envelope))}`, { headers: browserHeaders(opts) }),
        )
      : await handleTrpcRequest(
          new Request(`${TEST_ORIGIN}/api/trpc/${path}`, { method: 'POST', body: JSON.stringify(envelope), headers: browserHeaders(opts, true) }),
        );
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: TrpcErrorShape } };
  return { status: res.status, result: body.result?.data.json, error: body.error?.json };
}
