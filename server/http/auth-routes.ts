/** POST /api/auth/sign-in and /api/auth/sign-out: the only routes that set or clear the session cookie. */
import { z } from 'zod';
import { crossSiteRefusal } from '../auth/authorize';
import { clearedSessionCookie, clientAddressOf, isHttps, sessionCookie, sessionTokenOf } from '../auth/http';
import { PASSWORD_MAX_LENGTH, signIn, signOut } from '../auth/sign-in';
import { getDatabase } from '../db';
import { DomainError } from '../errors/domain-error';
import { INTERNAL_ERROR_TEXT, RequestError } from '../errors/request-errors';
import { lineText } from '../routers/inputs';
import { readBodyWithin } from './body';
import { errorResponse } from './route-guard';

const SIGN_IN_BODY_LIMIT = 16 * 1024;
// The name is one line of text (no NUL or control characters: it is logged); the password only hashed.
const credentials = z.object({ username: lineText(100).pipe(z.string().min(1)), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }).strict();

const NO_STORE = { 'Cache-Control': 'no-store' };

const client = (request: Request) => ({ address: clientAddressOf(request.headers), userAgent: request.headers.get('user-agent') ?? '' });

async function refuseCrossSite(request: Request, route: string): Promise<Response | null> {
  const error = await crossSiteRefusal((await getDatabase()).db, request, route);
  return error && errorResponse(error);
}

/** `{ username, password }` as JSON → 200 `{ username, mustChangePassword }` with the session cookie. */
export async function handleSignIn(request: Request): Promise<Response> {
  const crossSite = await refuseCrossSite(request, 'POST /api/auth/sign-in');
  if (crossSite) return crossSite;
  const body = await readBodyWithin(request, SIGN_IN_BODY_LIMIT);
  if (!body.ok) return errorResponse(new RequestError('REQUEST_TOO_LARGE'));
  let input: z.infer<typeof credentials>;
  try {
    const parsed = credentials.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes)));
    if (!parsed.success) return errorResponse(new RequestError('INPUT_INVALID', 'username, password'));
    input = parsed.data;
  } catch {
    return errorResponse(new RequestError('REQUEST_NOT_JSON'));
  }
  try {
    const { db } = await getDatabase();
    const signedIn = await signIn(db, input, client(request));
    return Response.json(
      { username: signedIn.username, mustChangePassword: signedIn.mustChangePassword },
      { headers: { ...NO_STORE, 'Set-Cookie': sessionCookie(signedIn.token, signedIn.expiresAt, isHttps(request)) } },
    );
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(err);
    console.error('[auth/sign-in]', err);
    return Response.json({ error: { code: 'INTERNAL', message: INTERNAL_ERROR_TEXT } }, { status: 500, headers: NO_STORE });
  }
}

/** Ends the session server-side and clears the cookie; 200 whether or not a session was open. */
export async function handleSignOut(request: Request): Promise<Response> {
  const crossSite = await refuseCrossSite(request, 'POST /api/auth/sign-out');
  if (crossSite) return crossSite;
  const { db } = await getDatabase();
  await signOut(db, sessionTokenOf(request.headers), client(request));
  return Response.json({ signedOut: true }, { headers: { ...NO_STORE, 'Set-Cookie': clearedSessionCookie(isHttps(request)) } });
}
