'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { PartnerKeyRow } from '@/server/incidents/partners';
import { Outcome, useErrorText } from '../outcome';
import { IssuedKey } from './IssuedKey';
import { parsePartnerName, PARTNER_NAME_MAX } from './partner-key-name';

const CITY_ONLY = 'PARTNER_KEYS_CITY_ONLY';

/**
 * The Open311 partner systems' keys: the list (revoked ones stay, marked 已吊销), revoking one after a
 * confirmation in its row, and issuing a new one, whose key is shown once.
 */
export function PartnerKeys() {
  const t = useTranslations('catalogue.keys');
  const tc = useTranslations('catalogue');
  const locale = useLocale();
  const trpc = useTRPC();
  const message = useErrorText();
  const keys = useQuery(trpc.incidents.partnerKeys.queryOptions(undefined, { staleTime: 0 }));
  const heading = useRef<HTMLHeadingElement>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  return (
    <section className="ga-card ga-card-wide" aria-labelledby="ga-keys-title">
      <h2 id="ga-keys-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </h2>
      <p className="ga-cat-intro">{t('intro')}</p>
      {keys.error && (
        <p role="alert" className="ga-form-error">
          {message(keys.error)}
        </p>
      )}
      {keys.isPending && <p role="status">{tc('loading')}</p>}
      <div role="status" className="ga-alert-region">
        {revoked && <p className="ga-form-ok">{t('revokeDone', { name: revoked })}</p>}
      </div>
      {keys.data && (
        <KeyTable
          keys={keys.data}
          onRevoked={(name) => {
            setRevoked(name);
            // The row's buttons are gone: the section's heading holds the focus.
            heading.current?.focus();
          }}
          onRevoking={() => setRevoked(null)}
        />
      )}
      {/* Refused to a district's administrator (PARTNER_KEYS_CITY_ONLY): the refusal above says why, and so would issuing. */}
      {!(keys.error && errorText(keys.error, locale, '').code === CITY_ONLY) && <IssueKeyForm />}
    </section>
  );
}

function KeyTable({ keys, onRevoked, onRevoking }: { keys: PartnerKeyRow[]; onRevoked: (name: string) => void; onRevoking: () => void }) {
  const t = useTranslations('catalogue.keys');
  const format = useFormatter();
  const [confirming, setConfirming] = useState<number | null>(null);
  const revokeButtons = useRef(new Map<number, HTMLButtonElement>());
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  if (keys.length === 0) return <p className="ga-muted">{t('none')}</p>;
  return (
    <table className="ga-table ga-keys">
      <caption className="ga-visually-hidden">{t('caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('name')}</th>
          <th scope="col">{t('prefix')}</th>
          <th scope="col">{t('createdAt')}</th>
          <th scope="col">{t('lastUsedAt')}</th>
          <th scope="col">{t('requestCount')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">
            <span className="ga-visually-hidden">{t('actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id} data-key-id={k.id} className={k.revokedAt ? 'ga-cat-retired' : undefined}>
            <th scope="row" className="ga-break">
              {k.name}
            </th>
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
              {!k.revokedAt &&
                (confirming === k.id ? (
                  <RevokeConfirm
                    partnerKey={k}
                    onCancel={() => {
                      setConfirming(null);
                      // Back to the button that asked.
                      requestAnimationFrame(() => revokeButtons.current.get(k.id)?.focus());
                    }}
                    onRevoked={() => {
                      setConfirming(null);
                      onRevoked(k.name);
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    className="ga-secondary"
                    ref={(el) => {
                      if (el) revokeButtons.current.set(k.id, el);
                      else revokeButtons.current.delete(k.id);
                    }}
                    onClick={() => {
                      onRevoking();
                      setConfirming(k.id);
                    }}
                  >
                    {t('revoke')}
                    <span className="ga-visually-hidden">{t('revokeWhat', { name: k.name })}</span>
                  </button>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The question in the row, its confirm button focused (and described by the question). */
function RevokeConfirm({ partnerKey, onCancel, onRevoked }: { partnerKey: PartnerKeyRow; onCancel: () => void; onRevoked: () => void }) {
  const t = useTranslations('catalogue.keys');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const confirm = useRef<HTMLButtonElement>(null);
  const questionId = `ga-key-${partnerKey.id}-question`;
  useEffect(() => confirm.current?.focus(), []);
  const revoke = useMutation(
    trpc.incidents.revokePartnerKey.mutationOptions({
      onSuccess: () => {
        // Marked revoked at once (the list read again below brings the server's time).
        queryClient.setQueryData(trpc.incidents.partnerKeys.queryKey(), (old) =>
          old?.map((k) => (k.id === partnerKey.id ? { ...k, revokedAt: k.revokedAt ?? new Date() } : k)),
        );
        onRevoked();
      },
      onSettled: () => queryClient.invalidateQueries(trpc.incidents.partnerKeys.queryFilter()),
    }),
  );
  return (
    <div className="ga-cat-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="ga-cat-confirm-question">
        {t('revokeQuestion', { name: partnerKey.name })}
      </p>
      <div role="alert" className="ga-alert-region">
        {revoke.error && <p className="ga-form-error">{message(revoke.error)}</p>}
      </div>
      <div className="ga-cat-actions">
        <button
          type="button"
          ref={confirm}
          className="ga-primary ga-cat-danger"
          aria-describedby={questionId}
          disabled={revoke.isPending}
          onClick={() => revoke.mutate({ id: partnerKey.id })}
        >
          {t('revokeConfirm')}
        </button>
        <button type="button" className="ga-secondary" disabled={revoke.isPending} onClick={onCancel}>
          {t('revokeCancel')}
        </button>
      </div>
    </div>
  );
}

/** A name, then the key once: it lives in this form's state only until the administrator closes it. */
function IssueKeyForm() {
  const t = useTranslations('catalogue');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const issue = useMutation(
    trpc.incidents.issuePartnerKey.mutationOptions({
      // The key is not kept in the mutation cache once shown.
      gcTime: 0,
      onSettled: () => queryClient.invalidateQueries(trpc.incidents.partnerKeys.queryFilter()),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = parsePartnerName(name);
    if (!checked.valid) {
      setProblem(t(`problems.${checked.reason}`));
      nameField.current?.focus();
      return;
    }
    setProblem(null);
    issue.mutate(
      { name: checked.value },
      {
        onSuccess: ({ key }) => {
          setIssued({ name: checked.value, key });
          setName('');
          issue.reset();
        },
      },
    );
  };
  const dismiss = useCallback(() => {
    setIssued(null);
    requestAnimationFrame(() => nameField.current?.focus());
  }, []);
  return (
    <>
      <form className="ga-form ga-cat-issue" method="post" onSubmit={submit} aria-labelledby="ga-issue-title" aria-busy={issue.isPending}>
        <h3 id="ga-issue-title">{t('keys.issueTitle')}</h3>
        <label className="ga-field">
          <span>{t('keys.issueName')}</span>
          <input
            ref={nameField}
            name="partner-name"
            autoComplete="off"
            required
            maxLength={PARTNER_NAME_MAX}
            aria-describedby="ga-issue-hint"
            aria-invalid={problem ? true : undefined}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <p id="ga-issue-hint" className="ga-field-hint">
          {t('keys.issueNameHint')}
        </p>
        <Outcome error={problem ?? (issue.error ? message(issue.error) : null)} done={null} />
        <p className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={!hydrated || issue.isPending}>
            {issue.isPending ? t('keys.issuing') : t('keys.issue')}
          </button>
        </p>
      </form>
      {issued && <IssuedKey name={issued.name} secret={issued.key} onDismiss={dismiss} />}
    </>
  );
}
