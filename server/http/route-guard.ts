/**
 * The policy at the door of the plain HTTP routes (tiles, the validate API, sign-out): the session of
 * the request's cookie, the route's entry in ROUTE_POLICY, the cross-site check for anything that changes
 * state. A refusal is an answer in the route's own error shape, with the code and both languages.
 */
import { now } from '../clock';
import type { Actor } from '../auth/actor';
import { authorize, crossSiteRefusal } from '../auth/authorize';
import { clientAddressOf, sessionTokenOf } from '../auth/http';
import { routePolicy, type Capability, type Policy, type Scope } from '../auth/policy';
import { resolveSession, resolveSessionForReading } from '../auth/sessions';
import { getDatabase, type Db } from '../db';
import { requestShare } from '../db/fair-share';
import { DomainError, HTTP_STATUS } from '../errors/domain-error';

export interface Admitted {
  ok: true;
  db: Db;
  actor: Actor;
  scope: Scope | null;
  at: Date;
  address: string;
}

export type Admission = Admitted | { ok: false; error: DomainError; status: number };

/**
 * Admits a request to `route` (a ROUTE_POLICY key) or says why not. `capability` overrides the entry's
 * for routes whose need depends on the request (the tile layer).
 */
export async function admit(request: Request, route: string, capability?: Capability): Promise<Admission> {
  const { db: shared } = await getDatabase();
  const db = requestShare(shared);
  const at = now();
  const address = clientAddressOf(request.headers);
  const refuse = (error: DomainError): Admission => ({ ok: false, error, status: HTTP_STATUS[error.kind] });
  const crossSite = await crossSiteRefusal(db, request, route);
  if (crossSite) return refuse(crossSite);
  // A read (a map's tiles come in dozens) may take a session resolved a moment ago; a change never does.
  const resolve = request.method === 'GET' || request.method === 'HEAD' ? resolveSessionForReading : resolveSession;
  const session = await resolve(db, sessionTokenOf(request.headers), at);
  // No entry, or a 'public' one reaching here, is no policy: refused (public routes never call admit).
  const policy: Policy | undefined = capability ? { capability } : routePolicy(route);
  try {
    const { actor, scope } = await authorize(db, { session, address }, route, policy);
    return { ok: true, db, actor, scope, at, address };
  } catch (err) {
    if (err instanceof DomainError) return refuse(err);
    throw err;
  }
}

/** The plain routes' JSON error: `{ error: { code, message: { zh-CN, en } } }`, never cached; a limit says when to retry. */
export function errorResponse(error: DomainError): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (error.kind === 'too_many') headers['Retry-After'] = '900';
  return Response.json({ error: { code: error.code, message: error.text } }, { status: HTTP_STATUS[error.kind], headers });
}
