/**
 * Calls to the real route handlers as a browser (or a partner system) makes them: tRPC over HTTP with
 * superjson envelopes, the session cookie, and the Origin a same-site page sends.
 */
import superjson from 'superjson';
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
  // superjson's envelope, as the app's client sends it (dates keep their type).
  const envelope = input === undefined ? {} : superjson.serialize(input);
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

export interface SubscriptionAnswer {
  status: number;
  /** The data of the first messages (with their ids), until the count, an error or the time is up. */
  messages: { id: string | null; data: unknown }[];
  error?: TrpcErrorShape;
}

/**
 * Opens a tRPC subscription (server-sent events) as a browser does and reads it until `count` messages
 * arrived, an error event came, or `timeoutMs` passed; then closes it and waits for the server's
 * generator to end (so that nothing keeps running after the test).
 */
export async function trpcSubscribe(
  path: string,
  input: unknown,
  opts: CallOptions & { count?: number; timeoutMs?: number; onMessage?: (data: unknown) => void } = {},
): Promise<SubscriptionAnswer> {
  const abort = new AbortController();
  const envelope = input === undefined ? {} : superjson.serialize(input);
  const res = await handleTrpcRequest(
    new Request(`${TEST_ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(envelope))}`, { headers: browserHeaders(opts), signal: abort.signal }),
  );
  const answer: SubscriptionAnswer = { status: res.status, messages: [] };
  if (!res.body || !res.headers.get('content-type')?.includes('text/event-stream')) {
    const body = (await res.json().catch(() => null)) as { error?: { json: TrpcErrorShape } } | null;
    answer.error = body?.error?.json;
    return answer;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs ?? 5000);
  try {
    while (answer.messages.length < (opts.count ?? 1) && !answer.error) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
        const event = field('event');
        const data = field('data');
        if (event === 'serialized-error' && data) answer.error = (JSON.parse(data) as { json?: TrpcErrorShape }).json ?? (JSON.parse(data) as TrpcErrorShape);
        else if (!event && data) {
          const message = { id: field('id'), data: (JSON.parse(data) as { json: unknown }).json };
          answer.messages.push(message);
          opts.onMessage?.(message.data);
        }
      }
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    // The server's generator ends on the abort; give it its turn.
    await new Promise((r) => setTimeout(r, 50));
  }
  return answer;
}

/** The status of one batched GET of `count` calls of the query `path` (the batch limit answers before any runs). */
export async function batchedQueryStatus(path: string, count: number, token: string): Promise<number> {
  const paths = Array.from({ length: count }, () => path).join(',');
  const input = Object.fromEntries(Array.from({ length: count }, (_, i) => [i, { json: {} }]));
  const res = await handleTrpcRequest(new Request(`${TEST_ORIGIN}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { headers: browserHeaders({ token }) }));
  return res.status;
}
