'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPCClient } from '@/app/trpc/client';
import { isChinaDay } from '@/geo/time/china-day';
import type { DraftView } from '@/server/drafts/store';
import { errorText } from './errors';

/**
 * "Restore from a past date": a new draft of the street from the grids in force at the end of a past day.
 * The server refuses it while the street has a plan on its way (OPEN_PLAN_EXISTS); that refusal is shown.
 */
export function RestoreForm({
  streetId,
  onRestored,
  disabled,
  showHeading = true,
  children,
}: {
  streetId: number | null;
  onRestored: (draft: DraftView) => void;
  disabled?: boolean;
  /** Off where a surrounding disclosure already names the form. */
  showHeading?: boolean;
  /** Fields before the date (the street chooser's street). */
  children?: ReactNode;
}) {
  const t = useTranslations('workflow.restore');
  const locale = useLocale();
  const client = useTRPCClient();
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (streetId === null || !isChinaDay(date)) return;
    setBusy(true);
    setError(null);
    try {
      onRestored(await client.plans.restore.mutate({ streetId, date }));
    } catch (err) {
      setError(errorText(err, locale, t('failed')).text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ed-restore" onSubmit={(e) => void submit(e)} aria-label={t('heading')} data-testid="editor-restore">
      {showHeading && <h2>{t('heading')}</h2>}
      <p className="ed-selection-hint">{t('intro')}</p>
      {children}
      {/* No max: the server's clock (a test clock, too) decides what "today" is, and refuses a later day. */}
      <label className="ed-inline">
        {t('date')}
        <input type="date" value={date} min="1949-10-01" onChange={(e) => setDate(e.target.value)} data-testid="editor-restore-date" />
      </label>
      <button type="submit" className="ed-fix" disabled={disabled || busy || streetId === null || !isChinaDay(date)} data-testid="editor-restore-submit">
        {t('submit')}
      </button>
      {error && (
        <p role="alert" className="ed-error" data-testid="editor-restore-error">
          {error}
        </p>
      )}
    </form>
  );
}
