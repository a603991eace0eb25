'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRef, useState, type KeyboardEvent } from 'react';
import { DutyBar } from './DutyBar';
import { HotlineDesk } from './HotlineDesk';
import { KeySiteInspections } from './KeySiteInspections';
import { MyCases } from './MyCases';
import { PatrolLog } from './PatrolLog';
import { PatrolReport } from './PatrolReport';
import type { Bounds } from './pick-map';
import type { ReportView } from './report-views';

/**
 * The phone page of the incident loop: the patrol report, "my cases", the day's patrol log, the key-site
 * inspections and the hotline desk, as tabs when the user has more than one; for a grid worker, their
 * on-duty switch above them (with the position reporting, whichever tab is shown). The forms stay mounted
 * while another tab is shown (a half-written report or log is not lost); the log and the inspections are
 * read the first time they are shown; the case list runs, and refreshes, only while it is shown.
 */
export function ReportApp({
  views,
  initial,
  bounds,
  workerIds,
  worker,
  grids,
}: {
  views: readonly ReportView[];
  initial: ReportView;
  bounds: Bounds;
  workerIds: readonly number[];
  /** The user is a grid worker (their own worker record): the duty switch and the position reporting. */
  worker: boolean;
  /** The worker's own grids: their QR sheets are linked below. */
  grids: readonly { code: string; name: string }[];
}) {
  const t = useTranslations('incidents.page');
  const [view, setView] = useState<ReportView>(initial);
  const [opened, setOpened] = useState<readonly ReportView[]>([initial]);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  function show(v: ReportView, focus: boolean) {
    setView(v);
    setOpened((o) => (o.includes(v) ? o : [...o, v]));
    if (focus) tabs.current[v]?.focus();
    // The address bar keeps the view, so a reload or a shared link opens the same one.
    const url = new URL(window.location.href);
    url.searchParams.set('view', v);
    window.history.replaceState(window.history.state, '', url);
  }

  function onKeyDown(e: KeyboardEvent) {
    const i = views.indexOf(view);
    const next = e.key === 'ArrowRight' ? views[(i + 1) % views.length] : e.key === 'ArrowLeft' ? views[(i - 1 + views.length) % views.length] : e.key === 'Home' ? views[0] : e.key === 'End' ? views[views.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    show(next, true);
  }

  const panel = (v: ReportView) => {
    switch (v) {
      case 'patrol':
        return <PatrolReport bounds={bounds} />;
      case 'mine':
        return <MyCases workerIds={workerIds} />;
      case 'log':
        return <PatrolLog />;
      case 'inspect':
        return <KeySiteInspections />;
      case 'hotline':
        return <HotlineDesk />;
    }
  };
  const mounted = (v: ReportView) => (v === 'mine' ? view === 'mine' : v === 'log' || v === 'inspect' ? opened.includes(v) : true);

  return (
    <div className="rp-page">
      <h1 className="rp-title">{t('title')}</h1>
      {worker && <DutyBar />}
      {views.length > 1 && (
        <div role="tablist" aria-label={t('tabsLabel')} className="rp-tabs" onKeyDown={onKeyDown}>
          {views.map((v) => (
            <button
              key={v}
              ref={(el) => {
                tabs.current[v] = el;
              }}
              type="button"
              role="tab"
              id={`rp-tab-${v}`}
              aria-selected={view === v}
              aria-controls={`rp-panel-${v}`}
              tabIndex={view === v ? 0 : -1}
              className="rp-tab"
              onClick={() => show(v, false)}
            >
              {t(`tabs.${v}`)}
            </button>
          ))}
        </div>
      )}
      {views.map((v) => {
        // The case list is mounted only while shown; the forms keep what was typed.
        return views.length > 1 ? (
          <div key={v} role="tabpanel" id={`rp-panel-${v}`} aria-labelledby={`rp-tab-${v}`} hidden={view !== v} className="rp-panel">
            {mounted(v) && panel(v)}
          </div>
        ) : (
          <div key={v} className="rp-panel">
            {panel(v)}
          </div>
        );
      })}
      {grids.length > 0 && (
        <nav className="rp-qr-links" aria-labelledby="rp-qr-links">
          <h2 id="rp-qr-links" className="rp-group-title">
            {t('qrLinks')}
          </h2>
          <ul className="ga-plain-list">
            {grids.map((g) => (
              <li key={g.code}>
                <Link href={`/qr/grid/${g.code}`} className="rp-link">
                  {t('qrLink', { name: g.name, code: g.code })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
