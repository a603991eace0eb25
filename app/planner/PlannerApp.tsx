'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { featuresBBox } from '@/app/map/map-fit';
import { useTRPC } from '@/app/trpc/client';
import { ComparePanel } from './ComparePanel';
import { FiguresPanel } from './FiguresPanel';
import { plannerFormat } from './format';
import { GridDetails, type ScenarioGrids } from './GridDetails';
import type { MapPick } from './planner-map-controller';
import { EMPTY, NORM_COLOURS, type Norm } from './planner-map-style';
import type { CompareMode, MapFrame } from './PlannerMap';
import { RunForm, type RunDraft } from './RunForm';
import { RunStatus } from './RunStatus';
import { ScenarioActions } from './ScenarioActions';
import { ScenarioHeader } from './ScenarioHeader';
import { ScenarioList } from './ScenarioList';
import { addressesIn, choiceOfCodes, NO_SCOPE, scopeCodes, scopeLevel } from './scope';

const PlannerMap = dynamic(() => import('./PlannerMap'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('planner.map');
  return (
    <div className="pn-maps pn-map-loading" role="status">
      {t('loading')}
    </div>
  );
}

/** A running scenario is read this often (its progress is in its row). */
const POLL_MS = 500;

const EMPTY_DRAFT: RunDraft = { choice: NO_SCOPE, householdsMin: '', householdsMax: '', residentsMax: '', name: '', keepDedicated: true, barrierLayerId: null };

/**
 * /planner (网格优化测算): the parameters of a re-division and its Run; the run's progress, then its grids
 * on the map beside today's and its figures; the saved scenarios and the last run, two of them compared;
 * export and promotion to the streets' drafts. The open scenario is in the URL (?scenario=).
 */
export function PlannerApp({ initialScenario }: { initialScenario: number | null }) {
  const t = useTranslations('planner');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useMemo(() => plannerFormat(locale), [locale]);
  const settings = useQuery(trpc.planner.settings.queryOptions());
  const areas = useQuery(trpc.planner.areas.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const list = useQuery(trpc.planner.list.queryOptions(undefined, { staleTime: 0 }));
  const [draft, setDraft] = useState<RunDraft>(EMPTY_DRAFT);
  const [current, setCurrent] = useState<number | null>(initialScenario);
  const [compared, setCompared] = useState<number[]>([]);
  const [mode, setMode] = useState<CompareMode>('over');
  const [pick, setPick] = useState<MapPick | null>(null);
  const [frame, setFrame] = useState<MapFrame | null>(null);
  const chosenOnce = useRef(initialScenario !== null);

  // The form starts from the settings' norm.
  useEffect(() => {
    const n = settings.data?.norm;
    if (!n) return;
    setDraft((d) =>
      d.householdsMin || d.householdsMax || d.residentsMax
        ? d
        : { ...d, householdsMin: String(n.householdsMin), householdsMax: String(n.householdsMax), residentsMax: String(n.residentsMax) },
    );
  }, [settings.data]);

  // Without one in the URL, the planner's own latest scenario is opened.
  useEffect(() => {
    if (chosenOnce.current || !list.data) return;
    chosenOnce.current = true;
    const mine = list.data.find((s) => s.mine);
    if (mine) setCurrent(mine.id);
  }, [list.data]);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (current === null) url.searchParams.delete('scenario');
    else url.searchParams.set('scenario', String(current));
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`);
  }, [current]);

  const scenarioQuery = useQuery(
    trpc.planner.get.queryOptions(
      { id: current ?? 0 },
      { enabled: current !== null, staleTime: 0, refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false) },
    ),
  );
  const scenario = current !== null ? scenarioQuery.data : undefined;
  const done = scenario?.status === 'done';
  const gridsQuery = useQuery(trpc.planner.grids.queryOptions({ id: current ?? 0 }, { enabled: current !== null && done, staleTime: Infinity }));
  const grids: ScenarioGrids | undefined = done ? gridsQuery.data : undefined;

  // A run that has finished: the list shows its state, and the map frames its grids.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    const status = scenario ? `${scenario.id}:${scenario.status}` : null;
    if (status !== lastStatus.current && scenario && scenario.status !== 'running') void queryClient.invalidateQueries(trpc.planner.list.queryFilter());
    lastStatus.current = status;
  }, [scenario, queryClient, trpc]);
  useEffect(() => {
    const bbox = grids ? featuresBBox(grids.features) : null;
    if (bbox) setFrame({ kind: 'bbox', bbox });
  }, [grids]);

  const onDraft = useCallback(
    (next: RunDraft) => {
      const codes = scopeCodes(next.choice);
      const level = scopeLevel(next.choice);
      // A new scope: the map frames it (its boundaries' tiles give the box).
      if (level && codes.join() !== scopeCodes(draft.choice).join()) setFrame({ kind: 'areas', level, codes });
      setDraft(next);
    },
    [draft.choice],
  );

  /** Opens a scenario: its grids on the map, and its scope and parameters in the form for the next run. */
  const open = useCallback(
    (id: number) => {
      setCurrent(id);
      setPick(null);
      const s = queryClient.getQueryData(trpc.planner.list.queryKey())?.find((x) => x.id === id);
      if (s && areas.data) {
        setDraft((d) => ({
          ...d,
          choice: choiceOfCodes(areas.data, s.scopeCodes),
          householdsMin: String(s.params.householdsMin),
          householdsMax: String(s.params.householdsMax),
          residentsMax: String(s.params.residentsMax),
          keepDedicated: s.params.keepDedicated,
          barrierLayerId: s.params.barrierLayerId,
        }));
      }
    },
    [queryClient, trpc, areas.data],
  );

  const onStarted = useCallback(
    (id: number) => {
      setCurrent(id);
      setPick(null);
      // The previous unsaved run gave way to this one.
      setCompared((c) => c.filter((x) => queryClient.getQueryData(trpc.planner.list.queryKey())?.find((s) => s.id === x)?.saved));
      void queryClient.invalidateQueries(trpc.planner.list.queryFilter());
    },
    [queryClient, trpc],
  );

  const onCompare = useCallback((id: number, on: boolean) => setCompared((c) => (on ? [...c.filter((x) => x !== id), id].slice(-2) : c.filter((x) => x !== id))), []);
  const onDeleted = useCallback((id: number) => {
    setCompared((c) => c.filter((x) => x !== id));
    setCurrent((c) => (c === id ? null : c));
  }, []);

  const compareA = useQuery(trpc.planner.get.queryOptions({ id: compared[0] ?? 0 }, { enabled: compared.length === 2 }));
  const compareB = useQuery(trpc.planner.get.queryOptions({ id: compared[1] ?? 0 }, { enabled: compared.length === 2 }));

  const formNorm = useMemo<Norm | null>(() => {
    const min = Number(draft.householdsMin);
    const max = Number(draft.householdsMax);
    return Number.isInteger(min) && Number.isInteger(max) && min >= 1 && min <= max ? { min, max } : null;
  }, [draft.householdsMin, draft.householdsMax]);
  const scenarioNorm = useMemo<Norm | null>(
    () => (scenario ? { min: scenario.params.householdsMin, max: scenario.params.householdsMax } : null),
    [scenario?.params.householdsMin, scenario?.params.householdsMax], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const norm = scenarioNorm ?? formNorm;
  const formCodes = scopeCodes(draft.choice);
  const mapScope = useMemo(() => [...new Set([...formCodes, ...(scenario?.scopeCodes ?? [])])].sort(), [formCodes.join(), scenario?.scopeCodes.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const scopeAddresses = scenario && areas.data ? addressesIn(areas.data, scenario.scopeCodes) : null;
  const mapLocale = useMemo(() => ({ 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') }), [t]);

  const pickGrid = useCallback((no: number | null) => {
    setPick(no === null ? null : { kind: 'scenario', gridNo: no });
  }, []);
  const frameGrid = (no: number) => {
    const f = grids?.features.find((g) => g.properties.gridNo === no);
    const bbox = f ? featuresBBox([f]) : null;
    if (bbox) setFrame({ kind: 'bbox', bbox });
  };

  const loadFailure = settings.error ?? areas.error ?? list.error;
  const busy = scenario?.status === 'running' && scenario.mine === true;
  const scenarioError = current !== null && scenarioQuery.error ? errorText(scenarioQuery.error, locale, t('errors.failed')).text : null;

  return (
    <div className="pn-page">
      <h1>{t('page.title')}</h1>
      <p className="pn-intro">{t('page.intro')}</p>
      <div role="alert" className="ga-alert-region">
        {loadFailure && <p className="ga-form-error">{errorText(loadFailure, locale, t('errors.failed')).text}</p>}
      </div>
      <div className="pn-layout">
        <div className="pn-side">
          {areas.data ? (
            <RunForm areas={areas.data} draft={draft} onDraft={onDraft} format={format} onStarted={onStarted} busy={busy} />
          ) : (
            !areas.error && <p role="status">{t('page.loading')}</p>
          )}
          <ScenarioList scenarios={list.data} current={current} compared={compared} format={format} onOpen={open} onCompare={onCompare} onDeleted={onDeleted} />
        </div>
        <div className="pn-main">
          <section className="ga-card pn-result" aria-labelledby={scenario ? 'pn-scenario-title' : 'pn-result-title'}>
            {!scenario && (
              <>
                <h2 id="pn-result-title">{t('result.title')}</h2>
                <p className="ga-muted">{current !== null && !scenarioError ? t('page.loading') : t('result.none')}</p>
              </>
            )}
            <div role="alert" className="ga-alert-region">
              {scenarioError && <p className="ga-form-error">{scenarioError}</p>}
            </div>
            {scenario && (
              <>
                <ScenarioHeader scenario={scenario} format={format} />
                <RunStatus scenario={scenario} format={format} />
              </>
            )}
            <div className="pn-map-toolbar">
              <div role="group" aria-label={t('map.compareMode')} className="pn-segmented">
                <button type="button" aria-pressed={mode === 'over'} onClick={() => setMode('over')} data-testid="planner-mode-over">
                  {t('map.over')}
                </button>
                <button type="button" aria-pressed={mode === 'beside'} onClick={() => setMode('beside')} data-testid="planner-mode-beside">
                  {t('map.beside')}
                </button>
              </div>
              {grids && grids.features.length > 0 && (
                <div className="ga-field ga-field-inline pn-grid-select">
                  <label htmlFor="pn-grid-select">{t('map.chooseGrid')}</label>
                  <select
                    id="pn-grid-select"
                    data-testid="planner-grid-select"
                    value={pick?.kind === 'scenario' ? String(pick.gridNo) : ''}
                    onChange={(e) => {
                      const no = e.target.value ? Number(e.target.value) : null;
                      pickGrid(no);
                      if (no !== null) frameGrid(no);
                    }}
                  >
                    <option value="">{t('map.noGrid')}</option>
                    {grids.features.map((g) => (
                      <option key={g.properties.gridNo} value={g.properties.gridNo}>
                        {t('map.gridOption', {
                          no: g.properties.gridNo,
                          code: g.properties.code ?? t('grid.newGrid'),
                          community: g.properties.communityName,
                          households: format.count(g.properties.households),
                        })}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </div>
            <div className="pn-map-row">
              <PlannerMap
                mode={mode}
                scopeCodes={mapScope}
                norm={norm}
                scenario={grids ?? EMPTY}
                selected={pick}
                frame={frame}
                locale={mapLocale}
                overLabel={t('map.overLabel')}
                todayLabel={t('map.todayLabel')}
                scenarioLabel={t('map.scenarioLabel')}
                describedBy="pn-map-hint"
                onPick={setPick}
              />
              <aside className="pn-map-aside" aria-label={t('grid.title')}>
                <Legend norm={norm} />
                <div aria-live="polite">
                  <GridDetails pick={pick} grids={grids} norm={norm} format={format} />
                </div>
              </aside>
            </div>
            <p id="pn-map-hint" className="ga-small ga-muted">
              {t('map.hint')}
            </p>
          </section>
          {scenario && done && <FiguresPanel scenario={scenario} format={format} addresses={scopeAddresses} />}
          {scenario && done && <ScenarioActions scenario={scenario} />}
          {compareA.data && compareB.data && compared.length === 2 && <ComparePanel a={compareA.data} b={compareB.data} format={format} />}
        </div>
      </div>
    </div>
  );
}

function Legend({ norm }: { norm: Norm | null }) {
  const t = useTranslations('planner.legend');
  const items: [string, string][] = [
    [NORM_COLOURS.below, norm ? t('belowRange', { min: norm.min }) : t('below')],
    [NORM_COLOURS.within, norm ? t('withinRange', { min: norm.min, max: norm.max }) : t('within')],
    [NORM_COLOURS.above, norm ? t('aboveRange', { max: norm.max }) : t('above')],
    [NORM_COLOURS.dedicated, t('dedicated')],
  ];
  return (
    <div className="pn-legend">
      <p className="pn-legend-title">{t('title')}</p>
      <ul>
        {items.map(([colour, label]) => (
          <li key={label}>
            <span className="pn-swatch" style={{ background: colour }} aria-hidden="true" /> {label}
          </li>
        ))}
        <li>
          <span className="pn-swatch pn-swatch-today" aria-hidden="true" /> {t('todayOutline')}
        </li>
        <li>
          <span className="pn-swatch pn-swatch-scenario" aria-hidden="true" /> {t('scenarioOutline')}
        </li>
      </ul>
    </div>
  );
}
