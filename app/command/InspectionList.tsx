'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { OverdueSite } from './inspections';

export interface InspectionListProps {
  sites: readonly OverdueSite[];
  /** The server's answer is in (an empty list then means none overdue). */
  loaded: boolean;
  /** The server's words when the read failed. */
  failure: string | null;
  /** The list was cut at this many sites (the most overdue kept). */
  truncatedAt: number | null;
  categoryName: (category: string) => string;
  onOpen: (site: OverdueSite) => void;
}

/**
 * 巡查逾期: the key sites of the scope whose inspection is overdue, never inspected first, then the longest
 * overdue (name, category, when last inspected or 从未巡查, days overdue). A listbox like the feed: one tab
 * stop, the arrow keys, Home and End move, Enter or Space (or a click) flies the map to the site.
 * Collapsible, so that the feed keeps its room.
 */
export function InspectionList({ sites, loaded, failure, truncatedAt, categoryName, onOpen }: InspectionListProps) {
  const t = useTranslations('command.inspections');
  const format = useFormatter();
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const [expanded, setExpanded] = useState(true);
  const [active, setActive] = useState<number | null>(null);
  const activeIndex = Math.max(0, sites.findIndex((s) => s.keySiteId === active));

  const focusRow = (index: number) => {
    const site = sites[index];
    if (!site) return;
    setActive(site.keySiteId);
    list.current?.querySelector<HTMLElement>(`[data-key-site-id="${site.keySiteId}"]`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: sites.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(Math.max(0, Math.min(sites.length - 1, moves[e.key]!)));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const site = sites[activeIndex];
      if (site) onOpen(site);
    }
  };
  const day = (d: Date) => format.dateTime(d, { year: 'numeric', month: 'numeric', day: 'numeric' });

  return (
    <section className="ga-command-inspections" aria-labelledby={`${id}-heading`}>
      <div className="ga-command-legend-header">
        <h2 id={`${id}-heading`} className="ga-command-heading">
          {t('heading')}
          {loaded && sites.length > 0 && <span className="ga-command-count">{sites.length}</span>}
        </h2>
        <button type="button" className="ga-icon-button" aria-expanded={expanded} aria-controls={`${id}-body`} aria-label={t('toggle')} onClick={() => setExpanded((x) => !x)}>
          <span aria-hidden="true">{expanded ? '−' : '+'}</span>
        </button>
      </div>
      <div id={`${id}-body`} hidden={!expanded}>
        <p id={`${id}-hint`} className="ga-visually-hidden">
          {t('hint')}
        </p>
        {failure && (
          <p className="ga-warning" role="alert">
            {failure}
          </p>
        )}
        {!loaded && !failure && <p className="ga-muted ga-small">{t('loading')}</p>}
        {loaded && (
          <p className="ga-muted ga-small ga-command-inspections-summary">
            {sites.length === 0 ? t('empty') : t('count', { count: sites.length })}
            {truncatedAt !== null && ` ${t('truncated', { limit: truncatedAt })}`}
          </p>
        )}
        {sites.length > 0 && (
          <ul ref={list} role="listbox" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-hint`} className="ga-command-inspections-list" onKeyDown={onKeyDown}>
            {sites.map((s, i) => (
              <li
                key={s.keySiteId}
                role="option"
                aria-selected={i === activeIndex}
                tabIndex={i === activeIndex ? 0 : -1}
                data-key-site-id={s.keySiteId}
                data-testid="inspection-row"
                className="ga-command-inspection-row"
                onClick={() => {
                  setActive(s.keySiteId);
                  onOpen(s);
                }}
                onFocus={() => setActive(s.keySiteId)}
              >
                <span className="ga-command-inspection-name">{s.name}</span>
                <span className="ga-tag">{categoryName(s.category)}</span>
                {s.lastAt ? <span className="ga-muted ga-small ga-command-inspection-last">{t('last', { date: day(s.lastAt) })}</span> : <span className="ga-flag">{t('never')}</span>}
                {s.daysOverdue !== null && <span className="ga-flag">{t('days', { days: s.daysOverdue })}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
