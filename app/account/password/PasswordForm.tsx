'use client';

import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRef, useState, type FormEvent } from 'react';
import { errorText } from '@/app/editor/errors';
import { SignOutButton } from '@/app/SignOutButton';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';

export interface PasswordFormProps {
  displayName: string;
  /** An administrator reset the password: it must be changed before anything else. */
  mustChange: boolean;
  /** The server's minimum length (server/auth/sign-in.ts), for the hint. */
  minLength: number;
}

/** Current password, the new one twice; the server checks the rule and the current password. */
export function PasswordForm({ displayName, mustChange, minLength }: PasswordFormProps) {
  const t = useTranslations('password');
  const locale = useLocale();
  const trpc = useTRPC();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const repeatInput = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();
  const change = useMutation(
    trpc.session.changePassword.mutationOptions({
      // Other sessions of the user have ended; this one goes on, to the map.
      onSuccess: () => window.location.assign('/'),
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setMismatch(true);
      repeatInput.current?.focus();
      return;
    }
    setMismatch(false);
    change.mutate({ currentPassword: current, newPassword: next });
  };

  const error = mismatch ? t('mismatch') : change.error ? errorText(change.error, locale, t('failed')).text : null;
  const busy = change.isPending || change.isSuccess;
  return (
    <section className="ga-card" aria-labelledby="ga-password-title">
      <h1 id="ga-password-title">{t('title')}</h1>
      <p>{t('forUser', { name: displayName })}</p>
      {mustChange && <p className="ga-form-note">{t('mustChange')}</p>}
      <form className="ga-form" method="post" onSubmit={submit} aria-busy={busy}>
        <label className="ga-field">
          <span>{t('current')}</span>
          <input type="password" name="current-password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="ga-field">
          <span>{t('new')}</span>
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            aria-describedby="ga-password-rule"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <p id="ga-password-rule" className="ga-field-hint">
          {t('rule', { min: minLength })}
        </p>
        <label className="ga-field">
          <span>{t('repeat')}</span>
          <input
            ref={repeatInput}
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        <div role="alert" className="ga-alert-region">
          {error && <p className="ga-form-error">{error}</p>}
        </div>
        <p className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={!hydrated || busy}>
            {busy ? t('busy') : t('submit')}
          </button>
          {mustChange ? (
            <SignOutButton className="ga-secondary" />
          ) : (
            <Link className="ga-secondary" href="/">
              {t('cancel')}
            </Link>
          )}
        </p>
      </form>
    </section>
  );
}
