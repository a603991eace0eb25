/**
 * A change-feed subscription as the form holds it, checked as the server checks it
 * (opendata.createWebhookSubscription): a live key, a URL by the shared rule, events the key opens.
 */
import { checkWebhookUrl, eventsOpenedBy, type WebhookEvent, type WebhookUrlProblem } from '@/geo/webhooks/webhook-events';

export interface WebhookDraft {
  departmentKeyId: number | null;
  url: string;
  events: readonly WebhookEvent[];
}

export const EMPTY_WEBHOOK: WebhookDraft = { departmentKeyId: null, url: '', events: [] };

export type WebhookProblem = WebhookUrlProblem | 'WEBHOOK_KEY_REQUIRED' | 'WEBHOOK_EVENTS_REQUIRED';

export interface WebhookInput {
  departmentKeyId: number;
  url: string;
  events: WebhookEvent[];
}

/** Another key chosen: the events it does not open are dropped (the server would refuse them). */
export function withKey(draft: WebhookDraft, keyId: number | null, collections: readonly string[]): WebhookDraft {
  const opened = eventsOpenedBy(collections);
  return { ...draft, departmentKeyId: keyId, events: draft.events.filter((e) => opened.includes(e)) };
}

export function withEvent(draft: WebhookDraft, event: WebhookEvent, chosen: boolean): WebhookDraft {
  const others = draft.events.filter((e) => e !== event);
  return { ...draft, events: chosen ? [...others, event] : others };
}

export function checkWebhook(draft: WebhookDraft): { valid: true; value: WebhookInput } | { valid: false; reason: WebhookProblem } {
  if (draft.departmentKeyId === null) return { valid: false, reason: 'WEBHOOK_KEY_REQUIRED' };
  const url = checkWebhookUrl(draft.url);
  if (!url.valid) return url;
  if (draft.events.length === 0) return { valid: false, reason: 'WEBHOOK_EVENTS_REQUIRED' };
  return { valid: true, value: { departmentKeyId: draft.departmentKeyId, url: url.url, events: [...draft.events] } };
}

/** The message key of an event's name: next-intl reads a dot as nesting, so 'grids.filed' is 'grids_filed'. */
export const eventMessage = (event: string) => event.replace(/\./g, '_');
