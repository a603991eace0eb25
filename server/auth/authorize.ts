/**
 * Applies the policy (policy.ts) to one call: the session, the capability, the jurisdiction of the thing
 * the input names. Every refusal of a signed-in user is written to the security log with who, what and
 * why; a request without a session is simply asked to sign in.
 */
import type { Executor } from '../db';
import { DraftError } from '../drafts/errors';
import { draftStreet } from '../drafts/store';
import { streetById } from '../data/territory';
import { bigserialId, serialId } from '../routers/inputs';
import { RequestError } from '../errors/request-errors';
import type { DomainError } from '../errors/domain-error';
import type { Actor } from './actor';
import { AuthError } from './errors';
import { clientAddressOf, isSameOriginRequest } from './http';
import { codeInScope, scopeOf, type Capability, type Policy, type Scope } from './policy';
import { logSecurityEvent } from './security-log';
import type { SessionState } from './sessions';

export interface Caller {
  session: SessionState;
  address: string;
}

/** The actor of an active session, or the error that asks to sign in (again). */
export function signedInActor(session: SessionState): Actor {
  if (session.state === 'active') return session.actor;
  throw new AuthError(session.state === 'ended' ? 'SESSION_EXPIRED' : 'SIGN_IN_REQUIRED');
}

/**
 * The refusal of a state-changing request from another site (isSameOriginRequest), logged; null when the
 * request may go on. One check for tRPC, the plain routes and sign-in.
 */
export async function crossSiteRefusal(db: Executor, request: Request, target: string): Promise<AuthError | null> {
  if (isSameOriginRequest(request)) return null;
  const error = new AuthError('CROSS_SITE_REQUEST', request.headers.get('origin') ?? request.headers.get('sec-fetch-site') ?? '');
  await logSecurityEvent(db, { action: 'denied', target, reason: error.code, address: clientAddressOf(request.headers) });
  return error;
}

/** Logs a refusal of a signed-in actor, then returns the error to throw. */
export async function denied(db: Executor, actor: Actor, target: string, error: DomainError, address: string): Promise<DomainError> {
  await logSecurityEvent(db, { action: 'denied', userId: actor.userId, username: actor.username, target, reason: error.code, address });
  return error;
}

/**
 * The actor, when `policy` lets them call `target` at all (session, password state, capability);
 * throws the refusal otherwise. The jurisdiction of what the input names is checked separately, once
 * the input is validated (checkJurisdiction).
 */
export async function authorize(db: Executor, caller: Caller, target: string, policy: Policy | undefined): Promise<{ actor: Actor; scope: Scope | null }> {
  const actor = signedInActor(caller.session);
  const refuse = async (error: DomainError) => {
    throw await denied(db, actor, target, error, caller.address);
  };
  if (!policy) return refuse(new AuthError('NO_POLICY', target));
  if (actor.mustChangePassword && !('signedInOnly' in policy && policy.whilePasswordChangeRequired)) {
    return refuse(new AuthError('PASSWORD_CHANGE_REQUIRED'));
  }
  if ('signedInOnly' in policy) return { actor, scope: null };
  const scope = scopeOf(actor, policy.capability);
  // The target is in the log; the user reads the reason alone.
  if (!scope) return refuse(new AuthError('ACCESS_DENIED'));
  return { actor, scope };
}

/**
 * Whether the street or draft a validated input names lies in `scope` (policy.jurisdiction says which
 * field). A street outside is refused as out of jurisdiction; a draft outside answers exactly as a
 * missing one: its existence is not the caller's business. Refusals are logged.
 */
export async function checkJurisdiction(
  db: Executor,
  who: { actor: Actor; address: string },
  target: string,
  jurisdiction: 'street' | 'draft',
  scope: Scope,
  input: unknown,
): Promise<void> {
  const refuse = async (error: DomainError) => {
    throw await denied(db, who.actor, target, error, who.address);
  };
  if (jurisdiction === 'street') {
    const streetId = idOf(serialId, field(input, 'streetId'));
    if (streetId === null) throw new RequestError('INPUT_INVALID', 'streetId');
    const street = await streetById(db, streetId);
    if (!street) throw new DraftError('STREET_NOT_FOUND', String(streetId));
    if (!codeInScope(scope, street.code)) await refuse(new AuthError('OUT_OF_JURISDICTION', street.name));
    return;
  }
  const draftId = idOf(bigserialId, field(input, 'draftId'));
  if (draftId === null) throw new RequestError('INPUT_INVALID', 'draftId');
  const street = await draftStreet(db, draftId);
  if (!street) throw new DraftError('DRAFT_NOT_FOUND', String(draftId));
  if (!codeInScope(scope, street.streetCode)) await refuse(new DraftError('DRAFT_NOT_FOUND', String(draftId)));
}

const idOf = (schema: typeof serialId, value: unknown): number | null => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

const field = (input: unknown, name: string): unknown =>
  typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;

/** The scope of `capability` for the actor, or the logged refusal. For services that narrow by kind. */
export async function requireScope(db: Executor, actor: Actor, capability: Capability, target: string, address = ''): Promise<Scope> {
  const scope = scopeOf(actor, capability);
  if (!scope) throw await denied(db, actor, target, new AuthError('ACCESS_DENIED'), address);
  return scope;
}
