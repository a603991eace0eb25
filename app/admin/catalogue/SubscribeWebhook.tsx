'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { WEBHOOK_EVENT_KINDS, WEBHOOK_EVENTS, eventsOpenedBy, WEBHOOK_URL_MAX } from '@/geo/webhooks/webhook-events';
import { useHydrated } from '@/app/use-hydrated';
import { useTRPC } from '@/app/trpc/client';
import type { DepartmentKeyRow } from '@/server/ogc/department-keys';
import { Outcome, useErrorText } from '../outcome';
import { IssuedKey } from './IssuedKey';
import { checkWebhook, EMPTY_WEBHOOK, eventMessage, withEvent, withKey, type WebhookProblem } from './webhook-draft';

const FORM_ID = 'ga-hook-new';

/**
 * Subscribing a department key's system: the key (live ones only), the URL, the events the key opens;
 * then the signing secret once, with how the receiver verifies a delivery.
 */
export function SubscribeWebhook({ keys }: { keys: DepartmentKeyRow[] }) {
  const t = useTranslations('catalogue.webhooks');
  const tk = useTranslations('catalogue.departmentKeys');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const subscribe = useMutation({
    ...trpc.opendata.createWebhookSubscription.mutationOptions(),
    // Security: the secret is not kept in the mutation cache once shown.
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.opendata.webhookSubscriptions.queryKey() }),
  });
  const live = keys.filter((k) => !k.revokedAt);
  const [draft, setDraft] = useState(EMPTY_WEBHOOK);
  const [problem, setProblem] = useState<WebhookProblem | null>(null);
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const keyField = useRef<HTMLSelectElement>(null);
  const urlField = useRef<HTMLInputElement>(null);
  const eventsField = useRef<HTMLFieldSetElement>(null);
  const chosenKey = live.find((k) => k.id === draft.departmentKeyId);
  const opened = chosenKey ? eventsOpenedBy(chosenKey.collections) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkWebhook(draft);
    if (!checked.valid) {
      setProblem(checked.reason);
      const at = checked.reason === 'WEBHOOK_KEY_REQUIRED' ? keyField.current : checked.reason === 'WEBHOOK_EVENTS_REQUIRED' ? eventsField.current?.querySelector<HTMLInputElement>('input:not([disabled])') : urlField.current;
      at?.focus();
      return;
    }
    setProblem(null);
    const name = chosenKey?.name ?? '';
    subscribe.mutate(checked.value, {
      onSuccess: ({ secret }) => {
        setIssued({ name, secret });
        setDraft(EMPTY_WEBHOOK);
        subscribe.reset();
      },
    });
  };
  const dismiss = useCallback(() => {
    setIssued(null);
    requestAnimationFrame(() => keyField.current?.focus());
  }, []);
  const error = problem ? t(`problems.${problem}`) : subscribe.error ? message(subscribe.error) : null;
  const urlProblem = problem !== null && problem.startsWith('WEBHOOK_URL_');
  return (
    <>
      <form className="ga-form ga-cat-issue" method="post" onSubmit={submit} aria-labelledby={`${FORM_ID}-title`} aria-busy={subscribe.isPending}>
        <h3 id={`${FORM_ID}-title`}>{t('formTitle')}</h3>
        <div className="ga-field">
          <label htmlFor={`${FORM_ID}-key`}>{t('formKey')}</label>
          <select
            ref={keyField}
            id={`${FORM_ID}-key`}
            name="department-key"
            required
            aria-describedby={`${FORM_ID}-key-hint`}
            aria-invalid={problem === 'WEBHOOK_KEY_REQUIRED' ? true : undefined}
            value={draft.departmentKeyId ?? ''}
            onChange={(e) => {
              const id = e.target.value === '' ? null : Number(e.target.value);
              setDraft((d) => withKey(d, id, live.find((k) => k.id === id)?.collections ?? []));
            }}
          >
            <option value="">{t('chooseKey')}</option>
            {live.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}（{k.prefix}…）
              </option>
            ))}
          </select>
          <p id={`${FORM_ID}-key-hint`} className="ga-field-hint">
            {t('formKeyHint')}
          </p>
        </div>
        <label className="ga-field">
          <span>{t('formUrl')}</span>
          <input
            ref={urlField}
            type="url"
            inputMode="url"
            name="url"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={WEBHOOK_URL_MAX}
            className="ga-mono"
            aria-describedby={`${FORM_ID}-url-hint`}
            aria-invalid={urlProblem ? true : undefined}
            value={draft.url}
            onChange={(e) => {
              const url = e.target.value;
              setDraft((d) => ({ ...d, url }));
            }}
          />
        </label>
        <p id={`${FORM_ID}-url-hint`} className="ga-field-hint">
          {t('formUrlHint')}
        </p>
        <fieldset ref={eventsField} className="ga-dkey-collections" aria-describedby={`${FORM_ID}-events-hint`}>
          <legend>{t('formEvents')}</legend>
          <p id={`${FORM_ID}-events-hint`} className="ga-field-hint">
            {t('formEventsHint')}
          </p>
          {WEBHOOK_EVENT_KINDS.map((event) => {
            const allowed = opened.includes(event);
            return (
              <label key={event} className="ga-check">
                <input
                  type="checkbox"
                  name="events"
                  value={event}
                  disabled={!allowed}
                  checked={draft.events.includes(event)}
                  aria-invalid={problem === 'WEBHOOK_EVENTS_REQUIRED' ? true : undefined}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setDraft((d) => withEvent(d, event, on));
                  }}
                />
                <span>
                  {t(`event.${eventMessage(event)}`)} <span className="ga-mono ga-muted">{event}</span>
                  {!allowed && <span className="ga-muted">{t('needsCollection', { collection: tk(`collection.${WEBHOOK_EVENTS[event].collection}`) })}</span>}
                </span>
              </label>
            );
          })}
        </fieldset>
        <Outcome error={error} done={issued ? t('subscribedDone', { name: issued.name }) : null} />
        <p className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={!hydrated || subscribe.isPending}>
            {t(subscribe.isPending ? 'subscribing' : 'subscribe')}
          </button>
        </p>
      </form>
      {issued && (
        <IssuedKey
          id={`${FORM_ID}-secret`}
          name={issued.name}
          secret={issued.secret}
          title={t('secretTitle', { name: issued.name })}
          fieldLabel={t('secretField')}
          warning={t('secretWarning')}
          onDismiss={dismiss}
        >
          <p className="ga-field-hint">{t('verifyHow')}</p>
        </IssuedKey>
      )}
    </>
  );
}
