'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { rowsAfter, type FeedRow } from './feed-log';
import { createThrottle } from './timing';

/** A screen reader hears of new rows at most this often (a summary, not each row). */
const ANNOUNCE_MS = 15_000;

export interface FeedListProps {
  rows: readonly FeedRow[];
  categoryName: (code: string) => string;
  actionName: (action: string) => string;
  /** The case open in the panel (its rows are marked). */
  selectedCase: number | null;
  onOpen: (row: FeedRow) => void;
}

/**
 * The live feed: newest first, one row per event (time, case code, category, the action in words, the
 * actor). A listbox: Tab reaches it once, the arrow keys, Home and End move between rows, Enter or Space
 * opens the case and flies to it. New rows are summarised to screen readers at most every 15 seconds.
 */
export function FeedList({ rows, categoryName, actionName, selectedCase, onOpen }: FeedListProps) {
  const t = useTranslations('command.feed');
  const format = useFormatter();
  const id = useId();
  const list = useRef<HTMLOListElement>(null);
  /** The row that holds the list's one tab stop, by event id (rows arrive on top and shift indices). */
  const [active, setActive] = useState<number | null>(null);
  const activeIndex = Math.max(0, rows.findIndex((r) => r.eventId === active));
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef<number | null>(null);
  const latest = useRef({ rows, actionName });
  latest.current = { rows, actionName };

  const announcer = useMemo(
    () =>
      createThrottle(() => {
        const { rows: now, actionName: name } = latest.current;
        const fresh = rowsAfter(now, announced.current ?? 0);
        announced.current = now[0]?.eventId ?? announced.current;
        if (fresh.length === 0) return;
        setAnnouncement(t('announce', { count: fresh.length, code: fresh[0]!.code, action: name(fresh[0]!.action) }));
      }, ANNOUNCE_MS),
    [t],
  );
  useEffect(() => () => announcer.cancel(), [announcer]);
  useEffect(() => {
    // The rows on screen when the page opened are not news.
    if (announced.current === null) {
      announced.current = rows[0]?.eventId ?? 0;
      return;
    }
    if ((rows[0]?.eventId ?? 0) > announced.current) announcer.call();
  }, [rows, announcer]);

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActive(row.eventId);
    list.current?.querySelector<HTMLElement>(`[data-event-id="${row.eventId}"]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: rows.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(Math.max(0, Math.min(rows.length - 1, moves[e.key]!)));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const row = rows[activeIndex];
      if (row) onOpen(row);
    }
  };

  const time = (d: Date) => format.dateTime(d, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <section className="ga-command-feed" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="ga-command-heading">
        {t('heading')}
      </h2>
      <p id={`${id}-hint`} className="ga-visually-hidden">
        {t('hint')}
      </p>
      <p className="ga-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {rows.length === 0 ? (
        <p className="ga-muted ga-small">{t('empty')}</p>
      ) : (
        <ol ref={list} role="listbox" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-hint`} className="ga-command-feed-list" onKeyDown={onKeyDown}>
          {rows.map((r, i) => (
            <li
              key={r.eventId}
              role="option"
              aria-selected={i === activeIndex}
              tabIndex={i === activeIndex ? 0 : -1}
              data-event-id={r.eventId}
              data-testid="feed-row"
              className={`ga-command-feed-row${r.incidentId === selectedCase ? ' ga-command-feed-row-open' : ''}`}
              onClick={() => {
                setActive(r.eventId);
                onOpen(r);
              }}
              onFocus={() => setActive(r.eventId)}
            >
              <time dateTime={r.at.toISOString()} className="ga-command-feed-time">
                {time(r.at)}
              </time>
              <span className="ga-mono ga-command-feed-code">{r.code}</span>
              <span className="ga-command-feed-category">{categoryName(r.category)}</span>
              <span className={`ga-status ga-status-${r.to ?? 'reported'}`}>{actionName(r.action)}</span>
              <span className="ga-muted ga-small ga-command-feed-actor">{r.actorName}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
