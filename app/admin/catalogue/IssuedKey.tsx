'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A newly issued key, shown this once (the server keeps only its SHA-256): in a read-only field with its
 * label, focused and selected so that it can be copied at once, the warning read with it, how to use it
 * (`children`, if the interface needs saying), and a copy button. Closing it forgets the key.
 */
export function IssuedKey({
  id,
  name,
  secret,
  warning,
  onDismiss,
  children,
  title,
  fieldLabel,
}: {
  id: string;
  name: string;
  secret: string;
  /** Who gets the key, and what to do if it is lost. */
  warning: string;
  onDismiss: () => void;
  children?: ReactNode;
  /** The heading and the field's label, for a secret that is no key (a webhook's signing secret). */
  title?: string;
  fieldLabel?: string;
}) {
  const t = useTranslations('catalogue.apiKey');
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    setCopied(null);
    field.current?.focus();
    field.current?.select();
  }, [secret]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('copied');
    } catch {
      // No clipboard API outside HTTPS (an intranet on plain HTTP): select the key and ask the browser.
      field.current?.focus();
      field.current?.select();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      setCopied(ok ? 'copied' : 'failed');
    }
  };

  return (
    <section className="ga-cat-issued" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title ?? t('issuedTitle', { name })}</h3>
      <p id={`${id}-warning`} className="ga-warning">
        <strong>{warning}</strong>
      </p>
      <label className="ga-field">
        <span>{fieldLabel ?? t('keyField')}</span>
        <input
          ref={field}
          readOnly
          className="ga-mono ga-cat-key"
          name="issued-key"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-warning`}
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      {children}
      <div role="alert" className="ga-alert-region">
        {copied === 'failed' && <p className="ga-form-error">{t('copyFailed')}</p>}
      </div>
      <div role="status" className="ga-alert-region">
        {copied === 'copied' && <p className="ga-form-ok">{t('copied')}</p>}
      </div>
      <p className="ga-card-actions">
        <button type="button" className="ga-primary" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" className="ga-secondary" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      </p>
    </section>
  );
}
