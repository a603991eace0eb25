'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useHydrated } from './use-hydrated';

/**
 * Ends the session on the server (POST /api/auth/sign-out) and goes to the sign-in page. A failed call
 * says so and stays: on a shared office computer "signed out" must be true.
 */
export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations('account');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const hydrated = useHydrated();
  const signOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch('/api/auth/sign-out', { method: 'POST' });
      if (!res.ok) throw new Error(String(res.status));
      // A full navigation: nothing of the signed-in user stays in the page's memory (query cache).
      window.location.assign('/sign-in');
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={className} onClick={() => void signOut()} disabled={!hydrated || busy} aria-busy={busy}>
        {t('signOut')}
      </button>
      {failed && (
        <p role="alert" className="ga-form-error">
          {t('signOutFailed')}
        </p>
      )}
    </>
  );
}
