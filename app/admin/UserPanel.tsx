'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { Jurisdiction } from '@/server/auth/actor';
import type { UserSummary } from '@/server/users/service';
import { draftOf, grantInput, grantProblem, type GrantDraft } from './grants';
import { GrantsEditor } from './GrantsEditor';
import { Outcome, useErrorText, useRefreshAdmin } from './outcome';

export interface UserPanelProps {
  user: UserSummary;
  jurisdictions: Jurisdiction[];
  passwordMinLength: number;
  onClose: () => void;
}

/**
 * Everything an administrator changes on one account. Each change is sent against the version of the
 * user shown (expectedVersion): if someone else changed the account meanwhile, the server refuses and
 * the list reloads, so the next try works on what is there now.
 */
export function UserPanel({ user, jurisdictions, passwordMinLength, onClose }: UserPanelProps) {
  const t = useTranslations('admin');
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus lands on the panel when it opens, so keyboard and screen-reader users start here.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="ga-user-admin" aria-labelledby={`ga-user-${user.id}`}>
      <div className="ga-user-admin-head">
        <h3 id={`ga-user-${user.id}`} ref={heading} tabIndex={-1}>
          {t('manageTitle', { username: user.username })}
        </h3>
        <button type="button" className="ga-secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div className="ga-user-admin-grid">
        <RenameForm user={user} />
        <AccessForm user={user} />
        <ResetPasswordForm user={user} passwordMinLength={passwordMinLength} />
      </div>
      <GrantsForm user={user} jurisdictions={jurisdictions} />
    </section>
  );
}

function RenameForm({ user }: { user: UserSummary }) {
  const t = useTranslations('admin');
  const trpc = useTRPC();
  const refresh = useRefreshAdmin();
  const message = useErrorText();
  const [name, setName] = useState(user.displayName);
  const rename = useMutation(trpc.admin.updateUser.mutationOptions({ onSettled: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ userId: user.id, expectedVersion: user.version, displayName: name });
  };
  return (
    <form className="ga-form" onSubmit={submit} aria-busy={rename.isPending}>
      <label className="ga-field">
        <span>{t('displayName')}</span>
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <Outcome error={rename.error ? message(rename.error) : null} done={rename.isSuccess ? t('renamed') : null} />
      <button type="submit" className="ga-secondary" disabled={rename.isPending}>
        {t('rename')}
      </button>
    </form>
  );
}

/** Disabling ends the user's sessions at once; enabling also lifts a lock. */
function AccessForm({ user }: { user: UserSummary }) {
  const t = useTranslations('admin');
  const trpc = useTRPC();
  const refresh = useRefreshAdmin();
  const message = useErrorText();
  const toggle = useMutation(trpc.admin.setDisabled.mutationOptions({ onSettled: refresh }));
  return (
    <div className="ga-form">
      <p className="ga-field-hint">{user.disabled ? t('enableHint') : t('disableHint')}</p>
      <Outcome error={toggle.error ? message(toggle.error) : null} done={toggle.isSuccess ? t(toggle.data.disabled ? 'disabledDone' : 'enabledDone') : null} />
      <button
        type="button"
        className="ga-secondary"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate({ userId: user.id, expectedVersion: user.version, disabled: !user.disabled })}
      >
        {user.disabled ? t('enable') : t('disable')}
      </button>
    </div>
  );
}

/** The administrator types a temporary password to tell the user, who must change it at sign-in. */
function ResetPasswordForm({ user, passwordMinLength }: { user: UserSummary; passwordMinLength: number }) {
  const t = useTranslations('admin');
  const trpc = useTRPC();
  const refresh = useRefreshAdmin();
  const message = useErrorText();
  const [password, setPassword] = useState('');
  const reset = useMutation(trpc.admin.resetPassword.mutationOptions({ onSuccess: () => setPassword(''), onSettled: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate({ userId: user.id, expectedVersion: user.version, newPassword: password });
  };
  return (
    <form className="ga-form" method="post" onSubmit={submit} aria-busy={reset.isPending}>
      <label className="ga-field">
        <span>{t('temporaryPassword')}</span>
        <input
          required
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`ga-reset-hint-${user.id}`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <p id={`ga-reset-hint-${user.id}`} className="ga-field-hint">
        {t('resetHint', { min: passwordMinLength })}
      </p>
      <Outcome error={reset.error ? message(reset.error) : null} done={reset.isSuccess ? t('resetDone') : null} />
      <button type="submit" className="ga-secondary" disabled={reset.isPending}>
        {t('resetPassword')}
      </button>
    </form>
  );
}

function GrantsForm({ user, jurisdictions }: { user: UserSummary; jurisdictions: Jurisdiction[] }) {
  const t = useTranslations('admin');
  const trpc = useTRPC();
  const refresh = useRefreshAdmin();
  const message = useErrorText();
  const [grants, setGrants] = useState<GrantDraft[]>(() => user.grants.map(draftOf));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation(trpc.admin.setGrants.mutationOptions({ onSettled: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = grants.map(grantProblem).find((p) => p !== null);
    setProblem(missing ? t(`problems.${missing}`) : null);
    if (!missing) save.mutate({ userId: user.id, expectedVersion: user.version, grants: grants.map(grantInput) });
  };
  return (
    <form className="ga-form" onSubmit={submit} aria-busy={save.isPending} aria-labelledby={`ga-grants-${user.id}`}>
      <h4 id={`ga-grants-${user.id}`}>{t('grantsTitle')}</h4>
      <GrantsEditor grants={grants} onChange={setGrants} jurisdictions={jurisdictions} disabled={save.isPending} />
      <Outcome error={problem ?? (save.error ? message(save.error) : null)} done={save.isSuccess ? t('grantsSaved') : null} />
      <p className="ga-card-actions">
        <button type="submit" className="ga-primary" disabled={save.isPending}>
          {t('saveGrants')}
        </button>
      </p>
    </form>
  );
}
