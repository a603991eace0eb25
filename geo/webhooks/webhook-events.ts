/**
 * The change feed's events and the rule a subscription's URL follows, shared by the server (which
 * decides) and the administrator's page (which says so before sending).
 */

/** The events a department's system can subscribe to, each with the open-data collection its key must open. */
export const WEBHOOK_EVENTS = {
  'grids.filed': { collection: 'grids' },
  'incident.state_changed': { collection: 'incidents' },
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_KINDS = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

export const isWebhookEvent = (s: string): s is WebhookEvent => Object.prototype.hasOwnProperty.call(WEBHOOK_EVENTS, s);

/** The events a key that opens `collections` may subscribe to. */
export const eventsOpenedBy = (collections: readonly string[]): WebhookEvent[] =>
  WEBHOOK_EVENT_KINDS.filter((e) => collections.includes(WEBHOOK_EVENTS[e].collection));

export const WEBHOOK_URL_MAX = 2000;

export type WebhookUrlProblem = 'WEBHOOK_URL_REQUIRED' | 'WEBHOOK_URL_TOO_LONG' | 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_SCHEME' | 'WEBHOOK_URL_CREDENTIALS';

/**
 * The URL as it is stored and called (WHATWG-normalised: an IDN host in punycode), or why it cannot be
 * one. Only http and https; no user or password in it (they would be sent to, and logged by, whatever
 * sits in between: the receiver checks the signature instead). Private addresses are allowed: the
 * departments' systems mostly live on the government intranet, and only a city administrator subscribes.
 */
export function checkWebhookUrl(typed: string): { valid: true; url: string } | { valid: false; reason: WebhookUrlProblem } {
  const text = typed.trim();
  if (text === '') return { valid: false, reason: 'WEBHOOK_URL_REQUIRED' };
  if (text.length > WEBHOOK_URL_MAX) return { valid: false, reason: 'WEBHOOK_URL_TOO_LONG' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { valid: false, reason: 'WEBHOOK_URL_INVALID' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { valid: false, reason: 'WEBHOOK_URL_SCHEME' };
  if (url.username !== '' || url.password !== '') return { valid: false, reason: 'WEBHOOK_URL_CREDENTIALS' };
  if (url.hostname === '') return { valid: false, reason: 'WEBHOOK_URL_INVALID' };
  // A fragment is never sent; keeping it would only mislead whoever reads the list.
  url.hash = '';
  const href = url.href;
  if (href.length > WEBHOOK_URL_MAX) return { valid: false, reason: 'WEBHOOK_URL_TOO_LONG' };
  return { valid: true, url: href };
}
