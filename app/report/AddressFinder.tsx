'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { ADDRESS_QUERY_MIN, ADDRESS_SEARCH_LIMIT, addressChoices, addressQuery, moveActive, type AddressChoice } from './address-search';

const DEBOUNCE_MS = 250;

/**
 * A standard address (the place of a call, an address visited on patrol), found by its text or
 * doorplate code (an ARIA combobox over search.places: type, move with the arrow keys, Enter to choose,
 * Escape to close).
 */
export function AddressFinder({
  inputId,
  label,
  describedBy,
  invalid,
  chosen,
  onChoose,
}: {
  inputId: string;
  /** The field's label; "标准地址" unless given. */
  label?: string;
  describedBy?: string;
  invalid?: boolean;
  chosen: AddressChoice | null;
  onChoose: (choice: AddressChoice | null) => void;
}) {
  const t = useTranslations('incidents.hotline');
  const trpc = useTRPC();
  const listId = useId();
  const statusId = `${listId}-status`;
  const [text, setText] = useState(chosen?.address ?? '');
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const handle = setTimeout(() => setQuery(addressQuery(text)), DEBOUNCE_MS);
    return () => clearTimeout(handle);
  }, [text]);

  const search = useQuery(trpc.search.places.queryOptions({ query: query ?? '', limit: ADDRESS_SEARCH_LIMIT }, { enabled: query !== null }));
  const choices = query !== null ? addressChoices(search.data ?? []) : [];
  const showList = open && query !== null && choices.length > 0;

  function choose(choice: AddressChoice) {
    setOpen(false);
    setActive(-1);
    setText(choice.address);
    onChoose(choice);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || ((e.key === 'Home' || e.key === 'End') && showList)) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => moveActive(i, e.key, choices.length));
    } else if (e.key === 'Enter') {
      // Enter chooses; it never sends the whole form from here.
      e.preventDefault();
      const pick = choices[active >= 0 ? active : 0];
      if (pick && (open || active >= 0)) choose(pick);
    } else if (e.key === 'Escape') {
      if (open) e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const status =
    text.trim() && query === null
      ? t('typeMore', { min: ADDRESS_QUERY_MIN })
      : query === null
        ? ''
        : search.isFetching && choices.length === 0
          ? t('searching')
          : search.isError
            ? t('searchError')
            : search.isFetched && choices.length === 0
              ? t('noResults')
              : choices.length > 0 && open
                ? t('resultCount', { count: choices.length })
                : '';
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className="rp-combo">
      <label htmlFor={inputId}>{label ?? t('address')}</label>
      <input
        id={inputId}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={[statusId, describedBy].filter(Boolean).join(' ')}
        placeholder={t('addressPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
          if (chosen) onChoose(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <p id={statusId} className="rp-combo-status" role="status" aria-live="polite">
        {status}
      </p>
      <ul id={listId} role="listbox" aria-label={t('results')} className="rp-combo-list" hidden={!showList}>
        {choices.map((c, i) => (
          <li
            key={c.addressId}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="rp-combo-option"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(c)}
          >
            <span className="rp-combo-name">{c.address}</span>
            <span className="rp-combo-context">{c.context}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
