'use client';

import type { UseMutationResult } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { errorText } from '@/app/editor/errors';
import { useErrorText } from '../outcome';
import { ColumnHeads } from './ActionsHead';
import type { IssuedKeyRow } from './use-key-mutations';

/** A column of a key table beside the ones every key has (name, prefix, issued, last used, requests, status). */
export interface KeyColumn<K> {
  header: string;
  cell: (key: K) => ReactNode;
}

export interface KeyTableParts<K> {
  caption: string;
  nameHeader: string;
  /** Said when no key has been issued. */
  none: string;
  /** Shown between the name and the prefix. */
  columns?: KeyColumn<K>[];
  /** More buttons of a row, after revoke. */
  actions?: (key: K) => ReactNode;
  /** A full-width row under a key's row, when there is one to show. */
  detail?: (key: K) => ReactNode;
}

type RevokeMutation = UseMutationResult<unknown, unknown, { id: number }, unknown>;

/**
 * A panel of keys (the Open311 partners', the departments'): the list (revoked ones stay, marked 已吊销),
 * revoking one after a confirmation in its row, and the form that issues one. An administrator refused
 * the list for not being one of the city (`cityOnly`, the refusal's reason) gets no form: the refusal
 * says why, and issuing would be refused the same way.
 */
export function KeyPanel<K extends IssuedKeyRow>({
  id,
  title,
  intro,
  keys,
  cityOnly,
  table,
  revoke,
  form,
}: {
  /** The start of the ids of the panel's parts. */
  id: string;
  title: string;
  intro: string;
  keys: { data: K[] | undefined; error: unknown; isPending: boolean };
  cityOnly: string;
  table: KeyTableParts<K>;
  revoke: RevokeMutation;
  form: ReactNode;
}) {
  const t = useTranslations('catalogue');
  const locale = useLocale();
  const message = useErrorText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  return (
    <section className="ga-card ga-card-wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="ga-cat-intro">{intro}</p>
      {keys.error != null && (
        <p role="alert" className="ga-form-error">
          {message(keys.error)}
        </p>
      )}
      {keys.isPending && <p role="status">{t('loading')}</p>}
      <div role="status" className="ga-alert-region">
        {revoked && <p className="ga-form-ok">{t('apiKey.revokeDone', { name: revoked })}</p>}
      </div>
      {keys.data && (
        <KeyTable
          id={id}
          keys={keys.data}
          parts={table}
          revoke={revoke}
          onRevoked={(name) => {
            setRevoked(name);
            // The row's buttons are gone: the section's heading holds the focus.
            heading.current?.focus();
          }}
          onRevoking={() => setRevoked(null)}
        />
      )}
      {!(keys.error != null && errorText(keys.error, locale, '').code === cityOnly) && form}
    </section>
  );
}

function KeyTable<K extends IssuedKeyRow>({
  id,
  keys,
  parts,
  revoke,
  onRevoked,
  onRevoking,
}: {
  id: string;
  keys: K[];
  parts: KeyTableParts<K>;
  revoke: RevokeMutation;
  onRevoked: (name: string) => void;
  onRevoking: () => void;
}) {
  const t = useTranslations('catalogue.apiKey');
  const format = useFormatter();
  const [confirming, setConfirming] = useState<number | null>(null);
  // Each row's revoke button, for the focus to return to when its confirmation is cancelled.
  const revokeButtons = useRef(new Map<number, HTMLButtonElement>());
  const keepRevokeButton = (keyId: number) => (el: HTMLButtonElement | null) => {
    if (el) revokeButtons.current.set(keyId, el);
    else revokeButtons.current.delete(keyId);
  };
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const columns = parts.columns ?? [];
  const heads = [parts.nameHeader, ...columns.map((c) => c.header), t('prefix'), t('createdAt'), t('lastUsedAt'), t('requestCount'), t('status')];
  if (keys.length === 0) return <p className="ga-muted">{parts.none}</p>;
  return (
    <table className="ga-table ga-keys">
      <caption className="ga-visually-hidden">{parts.caption}</caption>
      <ColumnHeads heads={heads} actions={t('actions')} />
      <tbody>
        {keys.map((k) => {
          const detail = parts.detail?.(k);
          return (
            <Fragment key={k.id}>
              <tr data-key-id={k.id} className={k.revokedAt ? 'ga-cat-retired' : undefined}>
                <th scope="row" className="ga-break">
                  {k.name}
                </th>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(k)}</td>
                ))}
                <td className="ga-mono">{k.prefix}…</td>
                <td className="ga-nowrap">{when(k.createdAt)}</td>
                <td className="ga-nowrap">{k.lastUsedAt ? when(k.lastUsedAt) : <span className="ga-muted">{t('never')}</span>}</td>
                <td className="ga-cat-number">{format.number(k.requestCount)}</td>
                <td>
                  {k.revokedAt ? (
                    <>
                      <span className="ga-badge ga-badge-bad">{t('revoked')}</span>
                      <span className="ga-table-sub ga-nowrap">{when(k.revokedAt)}</span>
                    </>
                  ) : (
                    <span className="ga-badge ga-badge-ok">{t('live')}</span>
                  )}
                </td>
                <td>
                  <div className="ga-cat-actions">
                    {!k.revokedAt &&
                      (confirming === k.id ? (
                        <RevokeConfirm
                          questionId={`${id}-${k.id}-question`}
                          name={k.name}
                          revoke={revoke}
                          onConfirm={() =>
                            revoke.mutate(
                              { id: k.id },
                              {
                                onSuccess: () => {
                                  setConfirming(null);
                                  onRevoked(k.name);
                                },
                              },
                            )
                          }
                          onCancel={() => {
                            setConfirming(null);
                            // Back to the button that asked.
                            requestAnimationFrame(() => revokeButtons.current.get(k.id)?.focus());
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          className="ga-secondary"
                          ref={keepRevokeButton(k.id)}
                          onClick={() => {
                            onRevoking();
                            revoke.reset();
                            setConfirming(k.id);
                          }}
                        >
                          {t('revoke')}
                          <span className="ga-visually-hidden">{t('revokeWhat', { name: k.name })}</span>
                        </button>
                      ))}
                    {parts.actions?.(k)}
                  </div>
                </td>
              </tr>
              {detail && (
                <tr className="ga-keys-detail">
                  <td colSpan={heads.length + 1}>{detail}</td>
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
function RevokeConfirm({
  questionId,
  name,
  revoke,
  onConfirm,
  onCancel,
}: {
  questionId: string;
  name: string;
  revoke: RevokeMutation;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('catalogue.apiKey');
  const message = useErrorText();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="ga-cat-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="ga-cat-confirm-question">
        {t('revokeQuestion', { name })}
      </p>
      <div role="alert" className="ga-alert-region">
        {revoke.error != null && <p className="ga-form-error">{message(revoke.error)}</p>}
      </div>
      <div className="ga-cat-actions">
        <button type="button" ref={confirm} className="ga-primary ga-cat-danger" aria-describedby={questionId} disabled={revoke.isPending} onClick={onConfirm}>
          {t('revokeConfirm')}
        </button>
        <button type="button" className="ga-secondary" disabled={revoke.isPending} onClick={onCancel}>
          {t('revokeCancel')}
        </button>
      </div>
    </div>
  );
}
