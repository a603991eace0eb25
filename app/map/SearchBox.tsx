'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { SearchResult } from '@/server/services/search';

const DEBOUNCE_MS = 220;

/** Search by grid code or name, community, street, district or address text (an ARIA combobox). */
export function SearchBox({ onChoose }: { onChoose: (result: SearchResult) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const handle = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(handle);
  }, [text]);

  const search = useQuery(trpc.search.places.queryOptions({ query, limit: 12 }, { enabled: query.length > 0 }));
  const results = query.length > 0 ? (search.data ?? []) : [];

  function choose(result: SearchResult) {
    setOpen(false);
    setActive(-1);
    setText(result.name);
    onChoose(result);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(results.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = results[active >= 0 ? active : 0];
      if (pick) choose(pick);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  const showList = open && query.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <form className="ga-search" role="search" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${listId}-input`} className="ga-visually-hidden">
        {t('search.label')}
      </label>
      <span className="ga-search-icon" aria-hidden="true" />
      <input
        ref={inputRef}
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {text && (
        <button
          type="button"
          className="ga-search-clear"
          aria-label={t('search.clear')}
          onClick={() => {
            setText('');
            setQuery('');
            inputRef.current?.focus();
          }}
        >
          ×
        </button>
      )}
      <div className="ga-search-popup" hidden={!showList}>
        <p className="ga-search-status" role="status" aria-live="polite">
          {showList &&
            (search.isFetching && results.length === 0
              ? t('search.searching')
              : search.isError
                ? t('search.error')
                : results.length === 0 && search.isFetched
                  ? t('search.noResults')
                  : results.length > 0
                    ? t('search.resultCount', { count: results.length })
                    : '')}
        </p>
        <ul id={listId} role="listbox" aria-label={t('search.results')} className="ga-search-results">
          {results.map((r, i) => (
            <li
              key={`${r.kind}:${r.key}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className="ga-search-result"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(r)}
            >
              <span className={`ga-chip ga-chip-${r.kind}`}>{t(`kind.${r.kind}`)}</span>
              <span className="ga-search-result-text">
                <span className="ga-search-result-name">{r.name}</span>
                <span className="ga-search-result-context">
                  {r.kind === 'address' ? r.context : [r.code, r.context].filter(Boolean).join(' · ')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </form>
  );
}
