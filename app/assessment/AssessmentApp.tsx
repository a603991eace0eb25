'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { textIn } from '@/geo/text/localized-text';
import type { AssessmentGroup } from '@/server/incidents/assessment';
import { AssessmentControls } from './AssessmentControls';
import { AssessmentTable } from './AssessmentTable';
import { areaChoices } from './areas';
import { classify, FIGURE_KIND, fillColour, isMapGroup } from './choropleth';
import { ChoroplethLegend } from './ChoroplethLegend';
import { assessmentFormat } from './format';
import { periodLength, periodMoments, resolvePeriod, type Period } from './period';
import { columnsFor, DEFAULT_SORT, nextSort, sortRows, totals, type ColumnId, type SortState } from './table';
import { csvHref, FIGURES, serializeViewState, type Figure, type ViewState } from './view-state';

const AssessmentMap = dynamic(() => import('./AssessmentMap'), { ssr: false, loading: () => <MapLoading /> });

function MapLoading() {
  const t = useTranslations('assessment.map');
  return (
    <div className="as-map-frame as-map-loading" role="status">
      {t('loading')}
    </div>
  );
}

/** Rows drawn at first: a city's grids run into the thousands; the rest follow on request. */
const ROW_LIMIT = 300;

/** The area chosen on the map (with the tile's name, for an area without a row) or in the table. */
type Chosen = { code: string; name: string | null; from: 'map' | 'table' };

export interface AssessmentAppProps {
  initial: ViewState;
  /** Today in China, by the server's clock: the presets count from it. */
  today: string;
  /** The reader may see the boundary and grid tiles (the 'map' capability). */
  mapAllowed: boolean;
}

/**
 * /assessment: the period's figures per grid, street, district, department or worker, as a sortable
 * table with totals and a CSV of the same, and for the three kinds of area a choropleth beside it.
 * Grouping, period, area and the map's figure live in the URL.
 */
export function AssessmentApp({ initial, today, mapAllowed }: AssessmentAppProps) {
  const t = useTranslations('assessment');
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const format = useMemo(() => assessmentFormat(locale), [locale]);
  const [state, setState] = useState<ViewState>(initial);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [frame, setFrame] = useState<{ codes: string[]; animate: boolean } | null>(null);

  // The URL always names the view, so a copied link (or a reload) shows the same.
  useEffect(() => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${serializeViewState(state)}`);
  }, [state]);

  const check = useMemo(() => resolvePeriod(state.period, today), [state.period, today]);
  const moments = useMemo(() => (check.valid ? periodMoments(check.days) : null), [check]);
  const span = moments ?? { from: new Date(0), to: new Date(0) };
  const enabled = moments !== null;

  const rowsQuery = useQuery(
    trpc.incidents.assessment.queryOptions({ groupBy: state.group, ...span, ...(state.area ? { areaCode: state.area } : {}) }, { enabled }),
  );
  // The area filter's choices: the period's districts and streets in the reader's scope.
  const districtRows = useQuery(trpc.incidents.assessment.queryOptions({ groupBy: 'district', ...span }, { enabled, placeholderData: keepPreviousData }));
  const streetRows = useQuery(trpc.incidents.assessment.queryOptions({ groupBy: 'street', ...span }, { enabled, placeholderData: keepPreviousData }));
  const areas = useMemo(
    () => areaChoices(districtRows.data ?? [], streetRows.data ?? [], state.area, locale, (code) => t('controls.areaWithoutData', { code })),
    [districtRows.data, streetRows.data, state.area, locale, t],
  );

  const rows = enabled ? rowsQuery.data : undefined;
  const sorted = useMemo(() => (rows ? sortRows(rows, sort, locale) : []), [rows, sort, locale]);
  const sum = useMemo(() => totals(rows ?? []), [rows]);
  const columns = useMemo(() => columnsFor(state.group), [state.group]);
  const mapGroup = isMapGroup(state.group) ? state.group : null;
  const choropleth = useMemo(() => classify(rows ?? [], state.figure), [rows, state.figure]);
  const fill = useMemo(() => fillColour(choropleth), [choropleth]);

  // New rows: the map frames their areas.
  useEffect(() => {
    if (rows && rows.length > 0) setFrame({ codes: rows.map((r) => r.key), animate: true });
  }, [rows]);

  // A row chosen on the map beyond the first ones: show them all, so it can be brought into view.
  useEffect(() => {
    if (chosen && !showAll && sorted.findIndex((r) => r.key === chosen.code) >= ROW_LIMIT) setShowAll(true);
  }, [chosen, showAll, sorted]);

  const update = useCallback((patch: Partial<ViewState>) => {
    setState((s) => ({ ...s, ...patch }));
    if (patch.group || patch.area !== undefined || patch.period) {
      setChosen(null);
      setShowAll(false);
    }
  }, []);
  const onGroup = useCallback(
    (group: AssessmentGroup) => {
      update({ group });
      // The last framing named the old grouping's keys; the new rows bring their own.
      setFrame(null);
      // Coverage is a workers' column: a sort by it does not outlive the grouping.
      setSort((s) => (s.column === 'coverage' && group !== 'worker' ? DEFAULT_SORT : s));
    },
    [update],
  );
  const onPeriod = useCallback((period: Period) => update({ period }), [update]);
  const onArea = useCallback((area: string | null) => update({ area }), [update]);
  const onSort = useCallback((column: ColumnId) => setSort((s) => nextSort(s, column)), []);

  const onAreaClick = useCallback((code: string, name: string | null) => {
    setChosen((c) => (c?.code === code ? null : { code, name, from: 'map' }));
  }, []);
  const onRowSelect = useCallback(
    (key: string) => {
      if (chosen?.code === key) {
        setChosen(null);
        return;
      }
      setChosen({ code: key, name: null, from: 'table' });
      setFrame({ codes: [key], animate: true });
    },
    [chosen],
  );

  const failure = rowsQuery.error ? errorText(rowsQuery.error, locale, t('errors.failed')).text : null;
  const groupName = t(`groups.${state.group}`);
  const figureName = t(`figures.${state.figure}`);
  const days = check.valid ? check.days : null;
  const periodText = days ? t('controls.periodDays', { from: format.day(days.from), to: format.day(days.to), days: periodLength(days) }) : null;
  const caption = days ? t('table.caption', { group: groupName, from: format.day(days.from), to: format.day(days.to) }) : '';
  const visible = showAll ? sorted : sorted.slice(0, ROW_LIMIT);
  const showMap = mapGroup !== null && mapAllowed;
  const tableId = `${id}-table`;
  const altId = `${id}-map-alt`;
  const mapLocale = useMemo(() => ({ 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') }), [t]);

  const chosenText = (() => {
    if (!chosen) return null;
    const row = rows?.find((r) => r.key === chosen.code);
    if (!row) return t('map.selectedWithoutData', { name: chosen.name ?? chosen.code });
    const name = textIn(row.name, locale);
    const v = row[state.figure];
    if (v === null) return t('map.selectedNoValue', { name, figure: figureName });
    return t('map.selected', { name, figure: figureName, value: FIGURE_KIND[state.figure] === 'rate' ? format.rate(v) : format.count(v) });
  })();

  return (
    <div className="as-page">
      <h1>{t('page.title')}</h1>
      <p className="as-intro">{t('page.intro')}</p>
      <AssessmentControls
        group={state.group}
        period={state.period}
        check={check}
        today={today}
        area={state.area}
        areas={areas}
        periodText={periodText}
        onGroup={onGroup}
        onPeriod={onPeriod}
        onArea={onArea}
      />
      <div className={mapGroup ? 'as-results as-results-map' : 'as-results'}>
        <section className="ga-card as-table-card" aria-labelledby={`${id}-table-title`}>
          <div className="as-card-head">
            <h2 id={`${id}-table-title`}>{t('table.title')}</h2>
            {moments ? (
              <a className="ga-secondary as-csv" href={csvHref(state.group, moments, state.area, locale)} download data-testid="assessment-csv">
                {t('csv.link')}
              </a>
            ) : (
              <span className="ga-secondary as-csv as-csv-off" aria-disabled="true">
                {t('csv.link')}{' '}
                <span className="ga-visually-hidden">{t('csv.unavailable')}</span>
              </span>
            )}
          </div>
          <div role="alert" className="ga-alert-region">
            {failure && <p className="ga-form-error">{failure}</p>}
          </div>
          {enabled && rowsQuery.isPending && !failure && <p role="status">{t('table.loading')}</p>}
          {rows && rows.length === 0 && <p role="status">{t('table.empty')}</p>}
          {rows && rows.length > 0 && (
            <>
              <p className="ga-muted ga-small" role="status">
                {t('table.shown', { count: rows.length })}
                {rowsQuery.isFetching ? ` · ${t('table.loading')}` : ''}
              </p>
              <AssessmentTable
                id={tableId}
                group={state.group}
                columns={columns}
                rows={visible}
                totals={sum}
                sort={sort}
                onSort={onSort}
                caption={caption}
                format={format}
                selected={chosen?.code ?? null}
                onSelect={showMap ? onRowSelect : null}
                revealSelected={chosen?.from === 'map'}
              />
              {visible.length < sorted.length && (
                <p className="as-more">
                  {t('table.showingFirst', { shown: visible.length, count: sorted.length })}{' '}
                  <button type="button" className="ga-link" onClick={() => setShowAll(true)}>
                    {t('table.showAll', { count: sorted.length })}
                  </button>
                </p>
              )}
              <p className="ga-muted ga-small">{t(state.group === 'worker' ? 'table.totalsNoteWorkers' : 'table.totalsNote')}</p>
            </>
          )}
          {!mapGroup && <p className="ga-muted ga-small">{t('map.noMap')}</p>}
          <details className="as-definitions">
            <summary>{t('table.definitionsTitle')}</summary>
            <ul>
              <li>{t('table.definitions.reported', { notAccepted: format.count(sum.notAccepted) })}</li>
              <li>{t('table.definitions.cases')}</li>
              <li>{t('table.definitions.closureRate')}</li>
              <li>{t('table.definitions.onTimeRate')}</li>
              <li>{t('table.definitions.hours')}</li>
              <li>{t('table.definitions.reopenedShare')}</li>
              {state.group === 'worker' && <li>{t('table.definitions.coverage')}</li>}
            </ul>
          </details>
        </section>

        {mapGroup && (
          <section className="ga-card as-map-card" aria-labelledby={`${id}-map-title`}>
            <h2 id={`${id}-map-title`}>{t('map.title')}</h2>
            {showMap ? (
              <>
                <div className="ga-field ga-field-inline">
                  <label htmlFor={`${id}-figure`}>{t('map.figure')}</label>
                  <select
                    id={`${id}-figure`}
                    value={state.figure}
                    onChange={(e) => update({ figure: e.target.value as Figure })}
                    data-testid="assessment-figure"
                  >
                    {FIGURES.map((f) => (
                      <option key={f} value={f}>
                        {t(`figures.${f}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <AssessmentMap
                  group={mapGroup}
                  fill={fill}
                  selected={chosen?.code ?? null}
                  frame={frame}
                  locale={mapLocale}
                  label={t('map.label')}
                  describedBy={altId}
                  onAreaClick={onAreaClick}
                />
                <p id={altId} className="ga-muted ga-small as-map-alt">
                  {t('map.alternative', { figure: figureName })}
                </p>
                <p role="status" className="as-chosen">
                  {chosenText}
                </p>
                {rows && <ChoroplethLegend choropleth={choropleth} format={format} figureName={figureName} />}
              </>
            ) : (
              <p>{t('map.noAccess')}</p>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
