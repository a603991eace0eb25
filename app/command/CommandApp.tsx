'use client';
import type { StyleSpecification } from 'maplibre-gl';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { errorText } from '@/app/editor/errors';
import type { ViewChange } from '@/app/map/controller';
import { LocaleSwitch } from '@/app/map/LocaleSwitch';
import { CITY_BOUNDS } from '@/app/map/state';
import { useTRPC, useTRPCClient } from '@/app/trpc/client';
import { UserMenu } from '@/app/UserMenu';
import { textIn } from '@/geo/text/localized-text';
import type { ActorView } from '@/server/auth/policy';
import type { FeedEvent } from '@/server/incidents/live';
import { AREA_LABEL_ZOOM, areaChoices, incidentPrefixes } from './areas';
import { loadPages, type LoadProgress } from './case-loader';
import { CasePanel } from './CasePanel';
import { CaseStore } from './case-store';
import { CommandLegend } from './CommandLegend';
import { serializeCommandUrl, type CommandUrlState, type PointMode } from './command-state';
import { ConnectionStatus } from './ConnectionStatus';
import { FeedList } from './FeedList';
import { prependEvents, type FeedRow } from './feed-log';
import { FilterBar } from './FilterBar';
import { eventShown, filtersKey, listInput, LIST_PAGE, resolveFilters, type CommandFilters } from './filters';
import { InspectionList } from './InspectionList';
import { INSPECTIONS_LIMIT, INSPECTIONS_REFRESH_MS, overdueSites, type OverdueSite } from './inspections';
import { KpiTiles } from './KpiTiles';
import { LiveCases } from './live-cases';
import { ReplayBar } from './ReplayBar';
import { ReplayChannel } from './replay-channel';
import { SimulatorSwitch } from './SimulatorSwitch';
import { createThrottle } from './timing';
import { useIncidentFeed } from './use-incident-feed';
import { useMinuteClock, useWorkerTrack } from './use-worker-day';
import { useWorkers } from './use-workers';
import { todaySoFar, trackData } from './worker-day';
import { WorkerPanel } from './WorkerPanel';
import { WorkerPicker } from './WorkerPicker';
import type { WorkerDot } from './workers';
import './command.css';

const CommandCanvas = dynamic(() => import('./CommandCanvas'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('map');
  return (
    <div className="ga-map-loading" role="status">
      {t('loading')}
    </div>
  );
}

/** The KPI tiles follow the feed, refreshed at most this often. */
const KPI_REFRESH_MS = 5000;
/** While the cases load, the count of those loaded follows at most this often. */
const LOAD_COUNT_MS = 1000;
/** The load waits this long for the feed to connect before it starts anyway. */
const FEED_WAIT_MS = 3000;

/** What the panel beside the map shows: a case, a worker, or nothing (one at a time: they share the place). */
type Selection = { kind: 'case'; id: number } | { kind: 'worker'; workerId: number; name: string } | null;

export interface CommandAppProps {
  initial: CommandUrlState;
  basemapStyle: string | StyleSpecification | null;
  viewer: ActorView;
}

/**
 * The command centre (指挥中心): the live map of the viewer's incidents scope with the KPI tiles, the
 * filters and the live feed beside it, the case panel with the loop's moves, and the 24-hour replay.
 * The cases live outside React (CaseStore); feed events update them, the map and the lists in place.
 * Beside them: the worker panel (a worker's day: track, coverage, patrol log), the key sites overdue for
 * inspection (a list and a ring on the map), and the demo simulator's switch for command operators.
 */
export function CommandApp({ initial, basemapStyle, viewer }: CommandAppProps) {
  const t = useTranslations();
  const tc = useTranslations('command');
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();

  const [live] = useState(() => new LiveCases(new CaseStore()));
  const [channel] = useState(() => new ReplayChannel());
  const [filters, setFilters] = useState<CommandFilters>(initial.filters);
  const [mode, setMode] = useState<PointMode>(initial.mode);
  const [selection, setSelection] = useState<Selection>(initial.selected !== null ? { kind: 'case', id: initial.selected } : null);
  const selected = selection?.kind === 'case' ? selection.id : null;
  const selectedWorker = selection?.kind === 'worker' ? selection : null;
  const openCase = useCallback((id: number) => setSelection({ kind: 'case', id }), []);
  const openWorker = useCallback((w: WorkerDot) => setSelection({ kind: 'worker', workerId: w.workerId, name: w.name }), []);
  const [view, setView] = useState<ViewChange | null>(null);
  const [flight, setFlight] = useState<{ point: [number, number] } | null>(null);
  const [rows, setRows] = useState<FeedRow[]>([]);
  const [progress, setProgress] = useState<LoadProgress>({ loaded: 0, done: false, capped: false });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const canSeeWorkers = viewer.capabilities.includes('worker_positions');
  const keySites = viewer.capabilities.includes('key_sites');
  const commands = viewer.capabilities.includes('incident_command');
  const [showInspections, setShowInspections] = useState(true);
  // "Today" and "overdue" follow this clock (a new moment each minute).
  const now = useMinuteClock();
  const period = useMemo(() => todaySoFar(now), [now]);

  // The window's start is fixed when the filters are chosen (the load and the feed agree on it).
  const key = filtersKey(filters);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const resolved = useMemo(() => resolveFilters(filters, new Date()), [key]);
  const current = useRef({ resolved, selected });
  current.current = { resolved, selected };

  // The URL describes the view, filters, density and the open case, so a copied link reproduces them.
  useEffect(() => {
    if (!view) return;
    const query = serializeCommandUrl({ view, filters, mode, selected });
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}`);
  }, [view, filters, mode, selected]);

  const kpiInput = filters.areaCode ? { areaCode: filters.areaCode } : {};
  const kpis = useQuery(trpc.incidents.kpis.queryOptions(kpiInput, { refetchInterval: 60_000, placeholderData: keepPreviousData }));
  const kpiRefresh = useMemo(() => createThrottle(() => void queryClient.invalidateQueries({ queryKey: trpc.incidents.kpis.queryKey() }), KPI_REFRESH_MS), [queryClient, trpc]);
  useEffect(() => () => kpiRefresh.cancel(), [kpiRefresh]);

  // The live feed: the cases, the list, the KPI tiles and the open case follow each event.
  const onEvents = useCallback(
    (events: FeedEvent[]) => {
      live.feed(events);
      setRows((r) => prependEvents(r, events));
      kpiRefresh.call();
      const open = current.current.selected;
      if (open !== null && events.some((e) => e.incident.id === open)) {
        void queryClient.invalidateQueries({ queryKey: trpc.incidents.get.queryKey({ id: open }) });
      }
    },
    [live, kpiRefresh, queryClient, trpc],
  );
  const connection = useIncidentFeed(onEvents);
  const [feedStarted, setFeedStarted] = useState(false);
  useEffect(() => {
    if (connection === 'connected') return setFeedStarted(true);
    const wait = setTimeout(() => setFeedStarted(true), FEED_WAIT_MS);
    return () => clearTimeout(wait);
  }, [connection]);

  // The load: every page of the window, the map filling in as they come; feed events wait meanwhile.
  // It starts once the feed is connected, so that whatever commits after a page was read reaches the page
  // through the feed (or after a few seconds without it: the cases are shown, the feed catches up later).
  useEffect(() => {
    if (!feedStarted) return;
    const ac = new AbortController();
    live.begin(resolved);
    setProgress({ loaded: 0, done: false, capped: false });
    setLoadError(null);
    // The count follows the pages at most once a LOAD_COUNT_MS. The map draws the cases loaded so far
    // each time they have doubled since it last drew them: a redraw costs in proportion to the cases
    // drawn, so the load's redraws together cost about two of the last, however many pages it takes.
    let loaded: LoadProgress = { loaded: 0, done: false, capped: false };
    let drawn = 0;
    const count = createThrottle(() => setProgress(loaded), LOAD_COUNT_MS);
    loadPages({
      fetchPage: (before, signal) => client.incidents.list.query(listInput(resolved, before), { signal }),
      pageSize: LIST_PAGE,
      signal: ac.signal,
      onPage: (items, p) => {
        live.page(items);
        loaded = p;
        if (p.done) return;
        if (p.loaded >= 2 * drawn) {
          drawn = p.loaded;
          live.store.notify();
        }
        count.call();
      },
    })
      .then((p) => {
        count.cancel();
        if (ac.signal.aborted) return;
        live.finish();
        setProgress(p);
      })
      .catch((err: unknown) => {
        count.cancel();
        if (ac.signal.aborted) return;
        live.finish();
        setLoadError(errorText(err, locale, tc('load.failed')).text);
        setProgress({ ...loaded, done: true });
      });
    return () => {
      count.cancel();
      ac.abort();
    };
    // The locale only words a failure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resolved, live, client, feedStarted]);


  const categories = useQuery(trpc.incidents.categories.queryOptions(undefined, { staleTime: 10 * 60_000 }));
  const categoryNames = useMemo(() => new Map((categories.data?.categories ?? []).map((c) => [c.code, c.name])), [categories.data]);
  const categoryName = useCallback((code: string) => {
    const name = categoryNames.get(code);
    return name ? textIn(name, locale) : code;
  }, [categoryNames, locale]);
  const actionName = useCallback((action: string) => (tc.has(`action.${action}` as never) ? tc(`action.${action}` as never) : action), [tc]);

  const labels = useQuery(trpc.map.labels.queryOptions({ bbox: CITY_BOUNDS, zoom: AREA_LABEL_ZOOM }, { staleTime: 30 * 60_000 }));
  const areas = useMemo(() => areaChoices(labels.data ?? [], incidentPrefixes(viewer)), [labels.data, viewer]);

  // The scope's workers live (field.positions), drawn from the workers' zoom on.
  const workers = useWorkers(canSeeWorkers);
  const workerId = selectedWorker?.workerId ?? null;
  const workerDot = useMemo(() => (workerId === null ? null : (workers.dots.find((d) => d.workerId === workerId) ?? null)), [workers.dots, workerId]);
  // The open worker's track of today (the panel reads the same query), drawn while the panel is open.
  const track = useWorkerTrack(workerId, period.day);
  const workerTrack = useMemo(() => (workerId !== null && track.data?.workerId === workerId ? trackData(track.data.path) : null), [track.data, workerId]);

  // The key sites overdue for inspection (the most overdue first), refreshed each minute.
  const inspections = useQuery(
    trpc.field.inspectionsDue.queryOptions(
      { overdueOnly: true, limit: INSPECTIONS_LIMIT },
      { enabled: keySites, refetchInterval: INSPECTIONS_REFRESH_MS, placeholderData: keepPreviousData },
    ),
  );
  const overdueInspections = useMemo(() => overdueSites(inspections.data ?? [], now), [inspections.data, now]);
  const keySiteCategory = useCallback((c: string) => (t.has(`keySiteCategory.${c}` as never) ? t(`keySiteCategory.${c}` as never) : c), [t]);
  const describeInspection = useCallback(
    (site: OverdueSite) =>
      tc('inspections.tooltip', {
        name: site.name,
        category: keySiteCategory(site.category),
        status: site.daysOverdue === null ? tc('inspections.never') : tc('inspections.days', { days: site.daysOverdue }),
      }),
    [tc, keySiteCategory],
  );

  const shownRows = useMemo(() => rows.filter((r) => eventShown(filters, r)), [rows, filters]);
  // The open case's point (ringed on the map): from the cases loaded, else from its details.
  const storePoint = useSyncExternalStore(
    (l) => live.store.subscribe(l),
    () => (selected !== null ? (live.store.get(selected)?.point ?? null) : null),
    () => null,
  );
  const selectedCase = useQuery(trpc.incidents.get.queryOptions({ id: selected ?? 1 }, { enabled: selected !== null, retry: false }));
  const caseHighlight = selected === null ? null : (storePoint ?? (selectedCase.data?.id === selected ? selectedCase.data.point : null));
  // The open worker is ringed where they are now (they move: the ring follows the live positions).
  const workerPoint = useMemo<[number, number] | null>(() => (workerDot ? [workerDot.lon, workerDot.lat] : null), [workerDot]);
  const highlight = selectedWorker ? workerPoint : caseHighlight;

  const openRow = useCallback((row: FeedRow) => {
    setSelection({ kind: 'case', id: row.incidentId });
    setFlight({ point: row.point });
  }, []);

  const mapLocale = useMemo(
    () => ({
      'Map.Title': t('map.canvasLabel'),
      'NavigationControl.ZoomIn': t('map.zoomIn'),
      'NavigationControl.ZoomOut': t('map.zoomOut'),
      'NavigationControl.ResetBearing': t('map.resetBearing'),
    }),
    [t],
  );
  const describeWorker = useCallback(
    (w: WorkerDot) =>
      tc('worker.tooltip', { name: w.name, employment: t(`employment.${w.employment}`), duty: tc(w.onDuty ? 'worker.onDuty' : 'worker.offDuty'), load: w.load }),
    [t, tc],
  );

  return (
    <div className="ga-app ga-command">
      <header className="ga-topbar">
        <div className="ga-brand">
          <span className="ga-brand-mark" aria-hidden="true" />
          <div>
            <h1 className="ga-brand-title">{tc('title')}</h1>
            <p className="ga-brand-subtitle">{t('app.title')}</p>
          </div>
        </div>
        <ConnectionStatus connection={connection} />
        <a className="ga-command-home" href="/">
          {tc('backToMap')}
        </a>
        <LocaleSwitch />
        <UserMenu viewer={viewer} />
      </header>
      <aside className="ga-command-side" aria-label={tc('sideLabel')}>
        <KpiTiles kpis={kpis.data ?? null} failed={kpis.isError} />
        <FilterBar filters={filters} onChange={setFilters} categories={categories.data?.categories ?? []} areas={areas} />
        {/* Not a live region: it changes with every page loaded. */}
        <p className="ga-small ga-muted ga-command-progress" data-testid="load-progress">
          {progress.done
            ? progress.capped
              ? tc('load.capped', { count: progress.loaded })
              : tc('load.loaded', { count: progress.loaded })
            : tc('load.loading', { count: progress.loaded })}
        </p>
        {loadError && (
          <p className="ga-warning" role="alert">
            {loadError}
          </p>
        )}
        {canSeeWorkers && <WorkerPicker workers={workers.dots} selected={workerId} onOpen={openWorker} />}
        {keySites && (
          <InspectionList
            sites={overdueInspections}
            loaded={inspections.data !== undefined}
            failure={inspections.error ? errorText(inspections.error, locale, tc('inspections.failed')).text : null}
            truncatedAt={(inspections.data?.length ?? 0) >= INSPECTIONS_LIMIT ? INSPECTIONS_LIMIT : null}
            categoryName={keySiteCategory}
            onOpen={(site) => setFlight({ point: site.point })}
          />
        )}
        <FeedList rows={shownRows} categoryName={categoryName} actionName={actionName} selectedCase={selected} onOpen={openRow} />
        {commands && (
          <footer className="ga-command-side-footer">
            <SimulatorSwitch />
          </footer>
        )}
      </aside>
      <main className="ga-command-main">
        <div className="ga-map" role="region" aria-label={tc('map.regionLabel')} aria-describedby="ga-command-map-hint">
          <p id="ga-command-map-hint" className="ga-visually-hidden">
            {tc('map.hint')}
          </p>
          <CommandCanvas
            basemapStyle={basemapStyle}
            initialView={initial.view}
            keySites={keySites}
            store={live.store}
            replay={channel}
            mode={mode}
            workers={workers.dots}
            trails={workers.paths}
            workerTrack={workerTrack}
            inspections={overdueInspections}
            inspectionsVisible={keySites && showInspections && !replaying}
            highlight={highlight}
            flight={flight}
            locale={mapLocale}
            escalatedGlyph={tc('map.escalatedGlyph')}
            describeWorker={describeWorker}
            describeInspection={describeInspection}
            onViewChange={setView}
            onPickCase={openCase}
            onPickWorker={openWorker}
          />
          <div className="ga-command-tools">
            <fieldset className="ga-command-mode">
              <legend className="ga-fieldset-legend">{tc('map.viewLabel')}</legend>
              {(['points', 'density'] as const).map((m) => (
                <label key={m} className="ga-radio">
                  <input type="radio" name="command-view" value={m} checked={mode === m} onChange={() => setMode(m)} />
                  <span>{tc(`map.${m}`)}</span>
                </label>
              ))}
            </fieldset>
            {keySites && (
              <label className="ga-check ga-command-layer-toggle">
                <input type="checkbox" checked={showInspections} onChange={(e) => setShowInspections(e.target.checked)} />
                <span>{tc('map.inspectionsToggle')}</span>
              </label>
            )}
            <CommandLegend
              mode={mode}
              workers={canSeeWorkers}
              keySites={keySites}
              inspections={showInspections && !replaying}
              replaying={replaying}
              escalatedGlyph={tc('map.escalatedGlyph')}
            />
          </div>
          <ReplayBar channel={channel} onActiveChange={setReplaying} />
        </div>
      </main>
      {selected !== null && (
        <CasePanel
          id={selected}
          onClose={() => setSelection(null)}
          onShowOnMap={(point) => setFlight({ point })}
          actionName={actionName}
        />
      )}
      {selectedWorker && (
        <WorkerPanel
          workerId={selectedWorker.workerId}
          name={selectedWorker.name}
          dot={workerDot}
          period={period}
          onClose={() => setSelection(null)}
          onShowOnMap={(point) => setFlight({ point })}
        />
      )}
    </div>
  );
}
