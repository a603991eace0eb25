'use client';

import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useHydrated } from '@/app/use-hydrated';
import { Outcome, useErrorText } from '../outcome';
import { IssuedKey } from './IssuedKey';
import { KEY_NAME_MAX, parseKeyName } from './key-name';
import type { CatalogueReason, Checked } from './reasons';

/**
 * The form that issues a key: a name, the caller's other fields (`children`), then the key once. The key
 * lives in this form's state only until the administrator closes it.
 */
export function KeyIssueForm<TData extends { key: string }, TError, TInput>({
  id,
  title,
  nameLabel,
  nameHint,
  warning,
  usage,
  issue,
  check,
  onProblem,
  onIssued,
  children,
}: {
  /** The start of the ids of the form's parts. */
  id: string;
  title: string;
  nameLabel: string;
  nameHint: string;
  /** The issued key's warning: who gets it, what to do if it is lost. */
  warning: string;
  /** How to use the issued key, shown with it. */
  usage?: (secret: string) => ReactNode;
  issue: UseMutationResult<TData, TError, TInput>;
  /** What to send with the checked name, or why the other fields cannot be sent. */
  check: (name: string) => Checked<TInput>;
  /** Moves the focus to the other field at fault. */
  onProblem?: (reason: CatalogueReason) => void;
  /** Empties the other fields. */
  onIssued?: () => void;
  /** The other fields, given the problem that is theirs (none if it is the name's). */
  children?: (problem: CatalogueReason | null) => ReactNode;
}) {
  const t = useTranslations('catalogue');
  const message = useErrorText();
  const hydrated = useHydrated();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ reason: CatalogueReason; atName: boolean } | null>(null);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checkedName = parseKeyName(name);
    if (!checkedName.valid) {
      setProblem({ reason: checkedName.reason, atName: true });
      nameField.current?.focus();
      return;
    }
    const input = check(checkedName.value);
    if (!input.valid) {
      setProblem({ reason: input.reason, atName: false });
      onProblem?.(input.reason);
      return;
    }
    setProblem(null);
    issue.mutate(input.value, {
      onSuccess: ({ key }) => {
        setIssued({ name: checkedName.value, key });
        setName('');
        onIssued?.();
        issue.reset();
      },
    });
  };
  const dismiss = useCallback(() => {
    setIssued(null);
    requestAnimationFrame(() => nameField.current?.focus());
  }, []);
  const error = problem ? t(`problems.${problem.reason}`) : issue.error ? message(issue.error) : null;
  return (
    <>
      <form className="ga-form ga-cat-issue" method="post" onSubmit={submit} aria-labelledby={`${id}-title`} aria-busy={issue.isPending}>
        <h3 id={`${id}-title`}>{title}</h3>
        <label className="ga-field">
          <span>{nameLabel}</span>
          <input
            ref={nameField}
            name="key-name"
            autoComplete="off"
            required
            maxLength={KEY_NAME_MAX}
            aria-describedby={`${id}-hint`}
            aria-invalid={problem?.atName ? true : undefined}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <p id={`${id}-hint`} className="ga-field-hint">
          {nameHint}
        </p>
        {children?.(problem && !problem.atName ? problem.reason : null)}
        <Outcome error={error} done={issued ? t('apiKey.issuedDone', { name: issued.name }) : null} />
        <p className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={!hydrated || issue.isPending}>
            {t(issue.isPending ? 'apiKey.issuing' : 'apiKey.issue')}
          </button>
        </p>
      </form>
      {issued && (
        <IssuedKey id={`${id}-key`} name={issued.name} secret={issued.key} warning={warning} onDismiss={dismiss}>
          {usage?.(issued.key)}
        </IssuedKey>
      )}
    </>
  );
}
