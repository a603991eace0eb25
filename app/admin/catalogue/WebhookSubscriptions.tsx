'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Fragment, useEffect, useRef, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import type { DeliveryRow, WebhookSubscriptionRow } from '@/server/webhooks/subscriptions';
import { Outcome, useErrorText } from '../outcome';
import { ColumnHeads } from './ActionsHead';
import { SubscribeWebhook } from './SubscribeWebhook';
import { eventMessage } from './webhook-draft';

/** How many of a subscription's latest deliveries are listed. */
export const DELIVERIES_SHOWN = 20;

const badge: Record<DeliveryRow['status'], string> = { delivered: 'ga-badge-ok', pending: 'ga-badge-warn', dead: 'ga-badge-bad', cancelled: 'ga-badge-bad' };

/**
 * The change feed's subscriptions (under the department keys, whose systems they are): each with its
 * URL, events, how its deliveries went and the latest one; a test event, the delivery log, disabling;
 * then the form that subscribes a key's system. Refused the list (not a city administrator), no form.
 */
export function WebhookSubscriptions() {
  const t = useTranslations('catalogue.webhooks');
  const tc = useTranslations('catalogue');
  const locale = useLocale();
  const trpc = useTRPC();
  const message = useErrorText();
  const subscriptions = useQuery(trpc.opendata.webhookSubscriptions.queryOptions(undefined, { staleTime: 0 }));
  const keys = useQuery(trpc.opendata.departmentKeys.queryOptions(undefined, { staleTime: 0 }));
  const heading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const cityOnly = subscriptions.error != null && errorText(subscriptions.error, locale, '').code === 'KEYS_CITY_ONLY';
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="ga-hooks-title">
      <h2 id="ga-hooks-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </h2>
      <p className="ga-cat-intro">{t('intro')}</p>
      {subscriptions.error != null && (
        <p role="alert" className="ga-form-error">
          {message(subscriptions.error)}
        </p>
      )}
      {subscriptions.isPending && <p role="status">{tc('loading')}</p>}
      <Outcome error={failed} done={done} />
      {subscriptions.data && (
        <SubscriptionTable
          rows={subscriptions.data}
          onOutcome={(ok, text) => {
            setDone(ok ? text : null);
            setFailed(ok ? null : text);
          }}
          onDisabled={() => heading.current?.focus()}
        />
      )}
      {!cityOnly && <SubscribeWebhook keys={keys.data ?? []} />}
    </section>
  );
}

function SubscriptionTable({
  rows,
  onOutcome,
  onDisabled,
}: {
  rows: WebhookSubscriptionRow[];
  onOutcome: (ok: boolean, text: string) => void;
  onDisabled: () => void;
}) {
  const t = useTranslations('catalogue.webhooks');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.opendata.webhookSubscriptions.queryKey() });
  const disable = useMutation({ ...trpc.opendata.disableWebhookSubscription.mutationOptions(), onSettled: refresh });
  const test = useMutation({
    ...trpc.opendata.sendTestWebhook.mutationOptions(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.opendata.webhookDeliveries.queryKey() }),
  });
  const [confirming, setConfirming] = useState<number | null>(null);
  const [reading, setReading] = useState<ReadonlySet<number>>(new Set());
  const disableButtons = useRef(new Map<number, HTMLButtonElement>());
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const heads = [t('system'), t('url'), t('events'), t('deliveries'), t('last'), t('status')];
  if (rows.length === 0) return <p className="ga-muted">{t('none')}</p>;
  return (
    <table className="ga-table ga-keys">
      <caption className="ga-visually-hidden">{t('caption')}</caption>
      <ColumnHeads heads={heads} actions={t('actions')} />
      <tbody>
        {rows.map((s) => {
          const live = !s.disabledAt && !s.keyRevokedAt;
          const open = reading.has(s.id);
          const deliveriesId = `ga-hooks-${s.id}-deliveries`;
          return (
            <Fragment key={s.id}>
              <tr data-subscription-id={s.id} className={live ? undefined : 'ga-cat-retired'}>
                <th scope="row" className="ga-break">
                  {s.keyName}
                  <span className="ga-table-sub ga-mono">{t('secretPrefix', { prefix: s.secretPrefix })}</span>
                </th>
                <td className="ga-mono ga-break">{s.url}</td>
                <td>
                  <ul className="ga-plain-list">
                    {s.events.map((e) => (
                      <li key={e}>{t(`event.${eventMessage(e)}`)}</li>
                    ))}
                  </ul>
                </td>
                <td className="ga-nowrap">{t('counts', { delivered: s.counts.delivered, pending: s.counts.pending, dead: s.counts.dead })}</td>
                <td>
                  {s.last ? (
                    <>
                      <span className={`ga-badge ${badge[s.last.status]}`}>{t(`deliveryStatus.${s.last.status}`)}</span>
                      <span className="ga-table-sub ga-nowrap">
                        {when(s.last.at)}
                        {s.last.statusCode !== null ? ` · ${s.last.statusCode}` : ''}
                      </span>
                      {s.last.error && <span className="ga-table-sub ga-break">{s.last.error}</span>}
                    </>
                  ) : (
                    <span className="ga-muted">{t('never')}</span>
                  )}
                </td>
                <td>
                  {s.keyRevokedAt ? (
                    <span className="ga-badge ga-badge-bad">{t('keyRevoked')}</span>
                  ) : s.disabledAt ? (
                    <>
                      <span className="ga-badge ga-badge-bad">{t('disabled')}</span>
                      <span className="ga-table-sub ga-nowrap">{when(s.disabledAt)}</span>
                    </>
                  ) : (
                    <span className="ga-badge ga-badge-ok">{t('live')}</span>
                  )}
                </td>
                <td>
                  <div className="ga-cat-actions">
                    {live && (
                      <button
                        type="button"
                        className="ga-secondary"
                        disabled={test.isPending}
                        onClick={() =>
                          test.mutate(
                            { id: s.id },
                            { onSuccess: () => onOutcome(true, t('testQueued', { name: s.keyName })), onError: (e) => onOutcome(false, message(e)) },
                          )
                        }
                      >
                        {t('sendTest')}
                        <span className="ga-visually-hidden">{t('sendTestWhat', { name: s.keyName })}</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="ga-secondary"
                      aria-expanded={open}
                      aria-controls={open ? deliveriesId : undefined}
                      onClick={() =>
                        setReading((o) => {
                          const next = new Set(o);
                          if (!next.delete(s.id)) next.add(s.id);
                          return next;
                        })
                      }
                    >
                      {t('showDeliveries')}
                      <span className="ga-visually-hidden">{t('deliveriesWhat', { name: s.keyName })}</span>
                    </button>
                    {live &&
                      (confirming === s.id ? (
                        <DisableConfirm
                          questionId={`ga-hooks-${s.id}-question`}
                          name={s.keyName}
                          pending={disable.isPending}
                          error={disable.error ? message(disable.error) : null}
                          onConfirm={() =>
                            disable.mutate(
                              { id: s.id },
                              {
                                onSuccess: () => {
                                  setConfirming(null);
                                  onOutcome(true, t('disabledDone', { name: s.keyName }));
                                  // The row's buttons are gone: the section's heading holds the focus.
                                  onDisabled();
                                },
                              },
                            )
                          }
                          onCancel={() => {
                            setConfirming(null);
                            requestAnimationFrame(() => disableButtons.current.get(s.id)?.focus());
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          className="ga-secondary"
                          ref={(el) => {
                            if (el) disableButtons.current.set(s.id, el);
                            else disableButtons.current.delete(s.id);
                          }}
                          onClick={() => {
                            disable.reset();
                            setConfirming(s.id);
                          }}
                        >
                          {t('disable')}
                          <span className="ga-visually-hidden">{t('disableWhat', { name: s.keyName })}</span>
                        </button>
                      ))}
                  </div>
                </td>
              </tr>
              {open && (
                <tr className="ga-keys-detail">
                  <td colSpan={heads.length + 1}>
                    <WebhookDeliveries id={deliveriesId} subscription={s} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** The question in the row, its confirm button focused (and described by the question). */
function DisableConfirm({
  questionId,
  name,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  questionId: string;
  name: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('catalogue.webhooks');
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="ga-cat-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="ga-cat-confirm-question">
        {t('disableQuestion', { name })}
      </p>
      <div role="alert" className="ga-alert-region">
        {error && <p className="ga-form-error">{error}</p>}
      </div>
      <div className="ga-cat-actions">
        <button type="button" ref={confirm} className="ga-primary ga-cat-danger" aria-describedby={questionId} disabled={pending} onClick={onConfirm}>
          {t('disableConfirm')}
        </button>
        <button type="button" className="ga-secondary" disabled={pending} onClick={onCancel}>
          {t('disableCancel')}
        </button>
      </div>
    </div>
  );
}

/** A subscription's latest deliveries (opendata.webhookDeliveries), newest first, each with its attempts. */
export function WebhookDeliveries({ id, subscription }: { id: string; subscription: WebhookSubscriptionRow }) {
  const t = useTranslations('catalogue.webhooks');
  const tc = useTranslations('catalogue');
  const format = useFormatter();
  const trpc = useTRPC();
  const message = useErrorText();
  const deliveries = useQuery(trpc.opendata.webhookDeliveries.queryOptions({ id: subscription.id, limit: DELIVERIES_SHOWN }, { staleTime: 0 }));
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div id={id} className="ga-dkey-uses">
      {deliveries.error && (
        <p role="alert" className="ga-form-error">
          {message(deliveries.error)}
        </p>
      )}
      {deliveries.isPending && <p role="status">{tc('loading')}</p>}
      {deliveries.data?.length === 0 && <p className="ga-muted">{t('deliveriesNone', { name: subscription.keyName })}</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <table className="ga-table">
          <caption>{t('deliveriesCaption', { name: subscription.keyName, count: deliveries.data.length })}</caption>
          <ColumnHeads heads={[t('occurredAt'), t('events'), t('status'), t('attempts'), t('attemptsLog')]} />
          <tbody>
            {deliveries.data.map((d) => (
              <tr key={d.id}>
                <td className="ga-nowrap">{when(d.occurredAt)}</td>
                <td>
                  {t.has(`event.${eventMessage(d.event)}`) ? t(`event.${eventMessage(d.event)}`) : d.event}
                  <span className="ga-table-sub ga-mono">#{d.id}</span>
                </td>
                <td>
                  <span className={`ga-badge ${badge[d.status]}`}>{t(`deliveryStatus.${d.status}`)}</span>
                  {d.nextAttemptAt && <span className="ga-table-sub ga-nowrap">{t('nextAttempt', { at: when(d.nextAttemptAt) })}</span>}
                </td>
                <td className="ga-cat-number">{format.number(d.attempts)}</td>
                <td>
                  <ul className="ga-plain-list">
                    {d.log.map((a, i) => (
                      <li key={i} className="ga-break">
                        {t('attemptLine', { at: when(a.at), result: a.statusCode !== null ? String(a.statusCode) : t('noAnswer'), ms: format.number(a.durationMs) })}
                        {a.error && <span className="ga-table-sub">{a.error}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
