'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef } from 'react';
import { isChinaDay } from '@/geo/time/china-day';
import { latestAsOfDay } from './as-of';
import './map-workflow.css';

/**
 * The map's "as of" day: the grids (and the addresses' sums) in force at the end of that day. Empty is
 * now. The field is left to the browser while the user types (a half-typed date reads as empty), and a
 * day is taken only once it is complete; leaving the field empty, or the reset button, goes back to now.
 */
export function AsOfControl({ asOf, onChange }: { asOf: string | null; onChange: (day: string | null) => void }) {
  const t = useTranslations('workflow.asOf');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const max = useMemo(() => latestAsOfDay(new Date()), []);

  // A day set from elsewhere (a link, a version in a grid's history) shows in the field.
  useEffect(() => {
    const el = input.current;
    if (el && el.value !== (asOf ?? '') && document.activeElement !== el) el.value = asOf ?? '';
  }, [asOf]);

  return (
    <div className="ga-asof" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="ga-asof-label">
        {t('label')}
      </label>
      <input
        ref={input}
        id={id}
        type="date"
        className="ga-asof-input"
        defaultValue={asOf ?? ''}
        min="1949-10-01"
        max={max}
        data-testid="as-of-date"
        onChange={(e) => {
          const v = e.target.value;
          if (isChinaDay(v)) onChange(v);
        }}
        onBlur={(e) => {
          if (e.target.value === '') onChange(null);
        }}
      />
      <button
        type="button"
        className="ga-asof-reset"
        disabled={asOf === null}
        onClick={() => {
          if (input.current) input.current.value = '';
          onChange(null);
        }}
        data-testid="as-of-reset"
      >
        {t('now')}
      </button>
    </div>
  );
}

/** Says on the map itself that it shows another day than today. */
export function AsOfBadge({ asOf }: { asOf: string | null }) {
  const t = useTranslations('workflow.asOf');
  return (
    <p className="ga-asof-badge" role="status" data-testid="as-of-badge" hidden={asOf === null}>
      {asOf ? t('badge', { date: asOf }) : ''}
    </p>
  );
}
