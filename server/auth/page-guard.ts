/**
 * The policy at the door of each page (server components): no session → the sign-in page (coming back
 * here afterwards); a password reset pending → the password page; a policy refusal → the page shows
 * "no access" with the reason instead of its content.
 */
import { now } from '../clock';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getDatabase } from '../db';
import { requestShare } from '../db/fair-share';
import { DomainError } from '../errors/domain-error';
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Actor } from './actor';
import { authorize, checkJurisdiction } from './authorize';
import { CLIENT_ADDRESS_HEADER, SESSION_COOKIE_NAME } from './http';
import { actorView, routePolicy, type ActorView, type Policy } from './policy';
import { safeNextPath } from './next-path';
import { resolveSession } from './sessions';

export type PageAccess = { allowed: true; actor: Actor; view: ActorView } | { allowed: false; view: ActorView; code: string; reason: LocalizedText };

/**
 * The actor of the page `route` (a ROUTE_POLICY key) at `here` (path and query, to come back to), or a
 * refusal to show. `input` names what the page is about (the editor's street) for the jurisdiction check.
 */
export async function pageAccess(route: string, here: string, policyOverride?: Policy, input?: unknown): Promise<PageAccess> {
  const { db } = await getDatabase();
  const share = requestShare(db);
  const token = (await cookies()).get(SESSION_COOKIE_NAME)?.value ?? null;
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  const session = await resolveSession(share, token, now());
  if (session.state !== 'active') redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(here))}${session.state === 'ended' ? '&ended=1' : ''}`);
  const policy = policyOverride ?? routePolicy(route);
  if (session.actor.mustChangePassword && route !== 'GET /account/password') redirect('/account/password');
  try {
    const { actor, scope } = await authorize(share, { session, address }, route, policy);
    if (policy && 'jurisdiction' in policy && policy.jurisdiction && scope) {
      await checkJurisdiction(share, { actor, address }, route, policy.jurisdiction, scope, input);
    }
    return { allowed: true, actor, view: actorView(actor) };
  } catch (err) {
    // What the page is about does not exist (an unknown street): the page's own 404, not "no access".
    if (err instanceof DomainError && err.kind === 'not_found') notFound();
    if (err instanceof DomainError) return { allowed: false, view: actorView(session.actor), code: err.code, reason: err.text };
    throw err;
  }
}
