'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { Jurisdiction } from '@/server/auth/actor';
import { grantInput, grantProblem, newGrant, type GrantDraft } from './grants';
import { GrantsEditor } from './GrantsEditor';
import { Outcome, useErrorText, useRefreshAdmin } from './outcome';

/** A new account: its name, a first password the administrator tells the user, and its roles. */
export function CreateUserForm({ jurisdictions, passwordMinLength }: { jurisdictions: Jurisdiction[]; passwordMinLength: number }) {
  const t = useTranslations('admin');
  const trpc = useTRPC();
  const refresh = useRefreshAdmin();
  const message = useErrorText();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<GrantDraft[]>([newGrant()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const hydrated = useHydrated();
  const create = useMutation(
    trpc.admin.createUser.mutationOptions({
      onSuccess: (user) => {
        setCreated(user.username);
        setUsername('');
        setDisplayName('');
        setPassword('');
        setGrants([newGrant()]);
      },
      onSettled: refresh,
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const missing = grants.map(grantProblem).find((p) => p !== null);
    setProblem(missing ? t(`problems.${missing}`) : null);
    if (missing) return;
    create.mutate({ username, displayName, password, grants: grants.map(grantInput) });
  };

  return (
    <form className="ga-form ga-create-user" method="post" onSubmit={submit} aria-labelledby="ga-create-user-title" aria-busy={create.isPending}>
      <h2 id="ga-create-user-title">{t('createTitle')}</h2>
      <div className="ga-form-row">
        <label className="ga-field">
          <span>{t('username')}</span>
          <input name="new-username" autoComplete="off" required aria-describedby="ga-username-rule" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="ga-field">
          <span>{t('displayName')}</span>
          <input name="new-display-name" autoComplete="off" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="ga-field">
          <span>{t('initialPassword')}</span>
          <input
            name="new-password"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby="ga-initial-password-rule"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      <p id="ga-username-rule" className="ga-field-hint">
        {t('usernameRule')}
      </p>
      <p id="ga-initial-password-rule" className="ga-field-hint">
        {t('initialPasswordRule', { min: passwordMinLength })}
      </p>
      <GrantsEditor grants={grants} onChange={setGrants} jurisdictions={jurisdictions} disabled={create.isPending} />
      <Outcome error={problem ?? (create.error ? message(create.error) : null)} done={created && t('created', { username: created })} />
      <p className="ga-card-actions">
        <button type="submit" className="ga-primary" disabled={!hydrated || create.isPending}>
          {create.isPending ? t('saving') : t('create')}
        </button>
      </p>
    </form>
  );
}
