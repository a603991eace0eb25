'use client';
import { useTranslations } from 'next-intl';
import { memo, useId, useMemo, useState } from 'react';
import { workerChoices, type WorkerDot } from './workers';

export interface WorkerPickerProps {
  /** The workers the live map has loaded. */
  workers: readonly WorkerDot[];
  /** The worker whose panel is open. */
  selected: number | null;
  onOpen: (worker: WorkerDot) => void;
}

/**
 * The keyboard's way to a worker (the dots on the canvas are not focusable): a name filter and a select of
 * the workers loaded, by name; 查看详情 opens the same panel as a click on the map. Choosing in the select
 * opens nothing by itself (the arrow keys change a select's value one step at a time). It lists the first
 * WORKER_CHOICES_SHOWN by name and says so; memoised, since the page re-renders on every batch of positions.
 */
export const WorkerPicker = memo(function WorkerPicker({ workers, selected, onOpen }: WorkerPickerProps) {
  const t = useTranslations('command.workers');
  const tw = useTranslations('command.workerPanel');
  const id = useId();
  const [query, setQuery] = useState('');
  const [choice, setChoice] = useState<number | null>(null);
  const { shown: choices, matches } = useMemo(() => workerChoices(workers, query), [workers, query]);
  const wanted = choice ?? selected;
  const value = choices.find((w) => w.workerId === wanted) ?? choices[0] ?? null;

  return (
    <section className="ga-command-workers" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="ga-command-heading">
        {t('heading')}
      </h2>
      <form
        className="ga-command-workers-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (value) onOpen(value);
        }}
      >
        <input
          type="search"
          className="ga-command-workers-search"
          aria-label={t('search')}
          placeholder={t('searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={40}
        />
        <select
          aria-label={t('select')}
          aria-describedby={`${id}-count`}
          value={value?.workerId ?? ''}
          disabled={choices.length === 0}
          onChange={(e) => setChoice(Number(e.target.value))}
        >
          {choices.length === 0 ? (
            <option value="">{workers.length === 0 ? t('empty') : t('none')}</option>
          ) : (
            choices.map((w) => (
              <option key={w.workerId} value={w.workerId}>
                {t('option', { name: w.name, duty: tw(w.onDuty ? 'onDuty' : 'offDuty') })}
              </option>
            ))
          )}
        </select>
        <button type="submit" className="ga-secondary" disabled={!value}>
          {t('open')}
        </button>
      </form>
      <p id={`${id}-count`} className="ga-muted ga-small ga-command-workers-count">
        {t('count', { count: workers.length })}
        {matches > choices.length && ` ${t('capped', { shown: choices.length, matches })}`}
      </p>
    </section>
  );
});
