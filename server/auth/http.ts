/**
 * The HTTP side of sessions: the cookie, the client's address, and the cross-site request check every
 * state-changing request passes.
 */
import { now } from '../clock';

export const SESSION_COOKIE_NAME = 'gridatlas_session';

/** The session token from a Cookie header, if any. */
export function sessionTokenOf(headers: Headers): string | null {
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE_NAME) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

const trustProxy = () => process.env.GRIDATLAS_TRUST_PROXY === 'on';

/**
 * Whether the browser reached us over HTTPS: the request's own URL, or, behind a reverse proxy the
 * operator declared (GRIDATLAS_TRUST_PROXY=on), its X-Forwarded-Proto. GRIDATLAS_SECURE_COOKIES=on forces it.
 */
export function isHttps(request: Request): boolean {
  if (process.env.GRIDATLAS_SECURE_COOKIES === 'on') return true;
  if (new URL(request.url).protocol === 'https:') return true;
  return trustProxy() && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests), Secure over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now().getTime()) / 1000));
  return `${SESSION_COOKIE_NAME}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean) =>
  `${SESSION_COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;

/**
 * The header the app's own server (scripts/start.ts) sets to the connection's peer address, replacing
 * whatever a client sent under that name. Route code never reads X-Forwarded-For itself.
 */
export const CLIENT_ADDRESS_HEADER = 'x-gridatlas-client-address';

export function clientAddressOf(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.slice(0, 100) || 'unknown';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change state, judged like Go's net/http CrossOriginProtection: a browser
 * always sends Sec-Fetch-Site (current ones) or Origin (all ones since 2020) on a cross-site POST, so
 * either must say "this site"; a request with neither is not from a browser (curl, a partner system)
 * and cannot carry a victim's cookie by accident. GRIDATLAS_TRUSTED_ORIGINS lists other origins allowed
 * (comma-separated), e.g. the intranet portal that embeds the app.
 */
export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (origin) {
    const trusted = (process.env.GRIDATLAS_TRUSTED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (trusted.includes(origin)) return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    const ownHost = (trustProxy() && request.headers.get('x-forwarded-host')) || request.headers.get('host') || new URL(request.url).host;
    return host === ownHost;
  }
  if (site) return site === 'same-origin' || site === 'none';
  return true;
}
