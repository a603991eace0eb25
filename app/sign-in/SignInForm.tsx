'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';
import { useHydrated } from '@/app/use-hydrated';

export interface DemoAccountRow {
  username: string;
  displayName: string;
  /** The role's label, already in the page's language. */
  role: string;
  jurisdiction: string;
}

export interface SignInFormProps {
  /** Where to go once signed in (already checked to be a path of this app). */
  next: string;
  /** The previous session ended (expired, signed out elsewhere, password changed or reset). */
  ended: boolean;
  demoAccounts: DemoAccountRow[];
  demoPassword: string;
}

/** The answer of POST /api/auth/sign-in. */
type SignInAnswer = { username: string; mustChangePassword: boolean } | { error: { code: string; message: LocalizedText } };

/** The sign-in form and, when the demo city's accounts exist, a table of them with one-click sign-in. */
export function SignInForm({ next, ended, demoAccounts, demoPassword }: SignInFormProps) {
  const t = useTranslations('signIn');
  const locale = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  /** Which button is signing in ('form', or 'demo:' and the row's username), so only it shows busy. */
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();

  const signIn = async (name: string, secret: string, from: string) => {
    setBusy(from);
    setError(null);
    try {
      const res = await fetch('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, password: secret }),
      });
      const answer = (await res.json().catch(() => null)) as SignInAnswer | null;
      if (res.ok && answer && 'username' in answer) {
        // A full navigation, so the next page renders server-side with the new session cookie.
        window.location.assign(answer.mustChangePassword ? '/account/password' : next);
        return;
      }
      setError(answer && 'error' in answer ? textIn(answer.error.message, locale) : t('failed'));
      passwordInput.current?.select();
    } catch {
      setError(t('unreachable'));
    }
    setBusy(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(username, password, 'form');
  };

  return (
    <div className="ga-sign-in">
      <section className="ga-card" aria-labelledby="ga-sign-in-title">
        <h1 id="ga-sign-in-title">{t('title')}</h1>
        {ended && (
          <p role="status" className="ga-form-note">
            {t('ended')}
          </p>
        )}
        {/* method="post": a submit before the page is interactive never puts the password in the URL. */}
        <form className="ga-form" method="post" onSubmit={submit} aria-busy={busy !== null}>
          <label className="ga-field">
            <span>{t('username')}</span>
            <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="ga-field">
            <span>{t('password')}</span>
            <input
              ref={passwordInput}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <div role="alert" className="ga-alert-region">
            {error && <p className="ga-form-error">{error}</p>}
          </div>
          <button type="submit" className="ga-primary" disabled={!hydrated || busy !== null}>
            {busy === 'form' ? t('busy') : t('submit')}
          </button>
        </form>
      </section>
      {demoAccounts.length > 0 && (
        <section className="ga-card ga-demo-accounts" aria-labelledby="ga-demo-title">
          <h2 id="ga-demo-title">{t('demoTitle')}</h2>
          <p className="ga-form-note">{t('demoNote', { password: demoPassword })}</p>
          <table className="ga-table">
            <thead>
              <tr>
                <th scope="col">{t('demoAccount')}</th>
                <th scope="col">{t('demoRole')}</th>
                <th scope="col">{t('demoJurisdiction')}</th>
                <th scope="col">
                  <span className="ga-visually-hidden">{t('demoAction')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {demoAccounts.map((a) => (
                <tr key={a.username}>
                  <th scope="row">
                    <span className="ga-mono">{a.username}</span>
                    <span className="ga-table-sub">{a.displayName}</span>
                  </th>
                  <td>{a.role}</td>
                  <td>{a.jurisdiction}</td>
                  <td>
                    <button type="button" className="ga-secondary" disabled={!hydrated || busy !== null} onClick={() => void signIn(a.username, demoPassword, `demo:${a.username}`)}>
                      {busy === `demo:${a.username}` ? t('busy') : t('signInAs')}
                      <span className="ga-visually-hidden"> {a.username}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
