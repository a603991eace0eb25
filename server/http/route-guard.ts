/**
 * The policy at the door of the plain HTTP routes (tiles, the validate API, sign-out): the session of
 * the request's cookie, the route's entry in ROUTE_POLICY, the cross-site check for anything that changes
 * state. A refusal is an answer in the route's own error shape, with the code and both languages.
 */
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/authorize';
import { AuthError } from '../auth/errors';
import { clientAddressOf, isSameOriginRequest, sessionTokenOf } from '../auth/http';
import { ROUTE_POLICY, type Capability, type Policy, type Scope } from '../auth/policy';
import { logSecurityEvent } from '../auth/security-log';
import { resolveSession } from '../auth/sessions';
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
  const entry = ROUTE_POLICY[route];
  const { db: shared } = await getDatabase();
  const db = requestShare(shared);
  const at = new Date();
  const address = clientAddressOf(request.headers);
  const refuse = (error: DomainError): Admission => ({ ok: false, error, status: HTTP_STATUS[error.kind] });
  if (!isSameOriginRequest(request)) {
    const error = new AuthError('CROSS_SITE_REQUEST', request.headers.get('origin') ?? '');
    await logSecurityEvent(db, { action: 'denied', target: route, reason: error.code, address });
    return refuse(error);
  }
  const session = await resolveSession(db, sessionTokenOf(request.headers), at);
  // No entry, or a 'public' one reaching here, is no policy: refused (public routes never call admit).
  const policy: Policy | undefined = capability ? { capability } : typeof entry === 'object' && !('byTileLayer' in entry) ? entry : undefined;
  try {
    const { actor, scope } = await authorize(db, { session, address }, route, policy);
    return { ok: true, db, actor, scope, at, address };
  } catch (err) {
    if (err instanceof DomainError) return refuse(err);
    throw err;
  }
}

/** The usual JSON refusal: `{ error: { code, message: { zh-CN, en } } }`. */
export const refusalResponse = (a: { error: DomainError; status: number }) =>
  Response.json({ error: { code: a.error.code, message: a.error.text } }, { status: a.status, headers: { 'Cache-Control': 'no-store' } });
