'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC, useTRPCClient } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import { useCloseOnOutsidePointer } from '@/app/use-close-on-outside-pointer';
import { EMPTY_INBOX, inboxReducer, lastNotificationId, parseNotificationEvent } from './inbox-state';
import './inbox.css';

/** Where the live entries come from (server-sent events; the browser reconnects with Last-Event-ID). */
const STREAM_URL = '/api/notifications/stream';

/**
 * The bell in the top bar: the signed-in user's inbox of plan moves (a plan to review, a plan returned,
 * approved, filed…), its unread count, and the entries as they happen. The first page comes from
 * plans.notifications; after it, one EventSource brings each new entry (the server answers a reconnect
 * with exactly what was missed). New entries are announced to screen readers.
 */
export function Inbox() {
  const t = useTranslations('workflow.inbox');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const hydrated = useHydrated();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const closePanel = useCallback(() => setOpen(false), []);
  const [error, setError] = useState<string | null>(null);
  const [state, dispatch] = useReducer(inboxReducer, EMPTY_INBOX);
  const stateRef = useRef(state);
  stateRef.current = state;

  // The first page once; the stream keeps it current from then on.
  const first = useQuery(trpc.plans.notifications.queryOptions({ after: 0 }, { staleTime: Infinity, retry: false }));
  useEffect(() => {
    if (first.data) dispatch({ type: 'seed', items: first.data.items, unread: first.data.unread });
  }, [first.data]);

  useEffect(() => {
    if (!state.seeded) return;
    // After the first page's newest entry; on a reconnect the browser's Last-Event-ID takes over.
    const source = new EventSource(`${STREAM_URL}?after=${lastNotificationId(stateRef.current)}`);
    const onNotification = (e: MessageEvent<string>) => {
      const parsed = parseNotificationEvent(e.data);
      if (parsed) dispatch({ type: 'event', ...parsed });
    };
    source.addEventListener('notification', onNotification);
    return () => {
      source.removeEventListener('notification', onNotification);
      source.close();
    };
  }, [state.seeded]);

  useCloseOnOutsidePointer(root, open, closePanel);

  const markAllRead = async () => {
    setError(null);
    try {
      await client.plans.markRead.mutate({ ids: 'all' });
      dispatch({ type: 'allRead' });
    } catch (err) {
      setError(errorText(err, locale, t('markFailed')).text);
    }
  };

  const kind = (k: string) => (t.has(`kind.${k}` as never) ? t(`kind.${k}` as never) : k);
  const arrived = state.arrived;

  return (
    <div
      className="ga-inbox"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="ga-inbox-button"
        disabled={!hydrated}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('button', { count: state.unread })}
        onClick={() => setOpen((o) => !o)}
        data-testid="inbox-button"
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {state.unread > 0 && (
          <span className="ga-inbox-count" aria-hidden="true" data-testid="inbox-unread">
            {state.unread > 99 ? '99+' : state.unread}
          </span>
        )}
      </button>
      <p className="ga-visually-hidden" aria-live="polite" data-testid="inbox-live">
        {arrived ? t('arrived', { kind: kind(arrived.kind), street: arrived.streetName, actor: arrived.actorName }) : ''}
      </p>
      <div id={panelId} className="ga-inbox-panel" hidden={!open} data-testid="inbox-panel" role="region" aria-label={t('heading')}>
        <div className="ga-inbox-head">
          <h2 className="ga-inbox-title">{t('heading')}</h2>
          <button type="button" className="ga-inbox-mark" disabled={state.unread === 0} onClick={() => void markAllRead()} data-testid="inbox-mark-read">
            {t('markAllRead')}
          </button>
        </div>
        {error && (
          <p role="alert" className="ga-form-error">
            {error}
          </p>
        )}
        {first.error && (
          <p role="alert" className="ga-form-error">
            {errorText(first.error, locale, t('failed')).text}
          </p>
        )}
        {state.seeded && state.items.length === 0 && <p className="ga-muted ga-small">{t('empty')}</p>}
        <ul className="ga-inbox-list">
          {state.items.map((n) => {
            const body = (
              <>
                <span className="ga-inbox-kind">{kind(n.kind)}</span>
                <span className="ga-inbox-street">{n.streetName}</span>
                <span className="ga-inbox-meta">
                  {t('by', { actor: n.actorName })} · <time dateTime={n.createdAt}>{format.dateTime(new Date(n.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                </span>
              </>
            );
            return (
              <li key={n.id} className={n.read ? 'ga-inbox-item' : 'ga-inbox-item ga-inbox-unread'} data-testid="inbox-item" data-kind={n.kind} data-read={n.read}>
                {!n.read && <span className="ga-visually-hidden">{t('unread')}</span>}
                {n.draftId !== null ? (
                  <Link href={`/plans/${n.draftId}`} className="ga-inbox-link" onClick={() => setOpen(false)}>
                    {body}
                  </Link>
                ) : (
                  <span className="ga-inbox-link">{body}</span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
