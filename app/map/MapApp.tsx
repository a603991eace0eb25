'use client';
import type { StyleSpecification } from 'maplibre-gl';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { UserMenu } from '@/app/UserMenu';
import type { ActorView } from '@/server/auth/policy';
import type { SearchResult } from '@/server/services/search';
import { withAsOf } from './as-of';
import { AsOfBadge, AsOfControl } from './AsOfControl';
import type { FlyTarget, ViewChange } from './controller';
import { DetailsPanel, type DetailsError } from './DetailsPanel';
import { allowedLayers } from './layer-access';
import { LayerPanel } from './LayerPanel';
import { LocaleSwitch } from './LocaleSwitch';
import { SearchBox } from './SearchBox';
import { serializeUrlState, WORKERS_MIN_ZOOM, type GridFill, type LayerId, type MapUrlState, type Selection } from './state';

const MapCanvas = dynamic(() => import('./MapCanvas'), {
  ssr: false,
  loading: () => <MapLoading />,
});

function MapLoading() {
  const t = useTranslations('map');
  return (
    <div className="ga-map-loading" role="status">
      {t('loading')}
    </div>
  );
}

/** Rounds a view box outward to a coarse step so that small pans reuse cached label/worker answers. */
function roundBbox(b: [number, number, number, number], zoom: number): [number, number, number, number] {
  const step = 360 / 2 ** Math.max(0, Math.floor(zoom) + 2);
  const clamp = (v: number, lim: number) => Math.max(-lim, Math.min(lim, v));
  return [
    clamp(Math.floor(b[0] / step) * step, 180),
    clamp(Math.floor(b[1] / step) * step, 90),
    clamp(Math.ceil(b[2] / step) * step, 180),
    clamp(Math.ceil(b[3] / step) * step, 90),
  ];
}

export interface MapAppProps {
  initial: MapUrlState;
  basemapStyle: string | StyleSpecification | null;
  /** The signed-in user: what they may see decides the layers offered. */
  viewer: ActorView;
}

/** The home page: the city map, full screen, with search, layers, legend and the details panel. */
export function MapApp({ initial, basemapStyle, viewer }: MapAppProps) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const [view, setView] = useState<ViewChange | null>(null);
  const allowed = useMemo(() => allowedLayers(viewer.capabilities), [viewer.capabilities]);
  // A shared link may name layers this user may not see: they stay off (their tiles would be refused).
  const [layers, setLayers] = useState<LayerId[]>(() => initial.layers.filter((l) => allowed.includes(l)));
  const [gridFill, setGridFill] = useState<GridFill>(initial.gridFill);
  const [selection, setSelection] = useState<Selection | null>(initial.selection);
  const [flight, setFlight] = useState<{ target: FlyTarget } | null>(null);
  /** The day whose grids in force the map shows (YYYY-MM-DD); null: now. */
  const [asOf, setAsOf] = useState<string | null>(initial.asOf);

  // The URL always describes the view, layers, selection and "as of" day, so a copied link reproduces it.
  useEffect(() => {
    if (!view) return;
    const query = serializeUrlState({ view, layers, gridFill, selection, asOf });
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}`);
  }, [view, layers, gridFill, selection, asOf]);

  const zoomBucket = view ? Math.round(view.zoom * 2) / 2 : 0;
  const bbox = useMemo(() => (view ? roundBbox(view.bounds, view.zoom) : null), [view]);

  const labels = useQuery(
    trpc.map.labels.queryOptions(
      withAsOf({ bbox: bbox ?? [0, 0, 0, 0], zoom: zoomBucket }, asOf),
      { enabled: bbox !== null, placeholderData: keepPreviousData, staleTime: 5 * 60_000 },
    ),
  );
  // Only with worker_positions can 'workers' be among the layers, so map.workers is never asked otherwise.
  const showWorkers = layers.includes('workers') && view !== null && view.zoom >= WORKERS_MIN_ZOOM;
  const workers = useQuery(
    trpc.map.workers.queryOptions(
      { bbox: bbox ?? [0, 0, 0, 0], limit: 2000 },
      {
        enabled: bbox !== null && showWorkers,
        placeholderData: keepPreviousData,
        // Live positions: poll while the layer is on.
        refetchInterval: 30_000,
        staleTime: 10_000,
      },
    ),
  );
  const norm = useQuery(trpc.map.norm.queryOptions(undefined, { staleTime: Infinity }));
  const details = useQuery(
    trpc.details.get.queryOptions(withAsOf<Selection>(selection ?? { kind: 'district', id: 1 }, asOf), { enabled: selection !== null, retry: false }),
  );

  const detailsError = useMemo<DetailsError | null>(() => {
    if (!details.error) return null;
    if (details.error.data?.code === 'NOT_FOUND') return { kind: 'notFound' };
    // Outside the user's jurisdiction, or a kind they may not see: the server's reason, in their language.
    if (details.error.data?.code === 'FORBIDDEN') return { kind: 'refused', text: errorText(details.error, locale, t('details.error')).text };
    return { kind: 'failed' };
  }, [details.error, locale, t]);

  const highlight = useMemo<[number, number] | null>(() => {
    const d = details.data;
    if (!selection || !d || !('point' in d) || !d.point) return null;
    return d.point;
  }, [details.data, selection]);

  const choose = useCallback((result: SearchResult) => {
    setSelection(result.kind === 'grid' ? { kind: 'grid', code: result.key } : { kind: result.kind, id: Number(result.key) });
    if (result.bbox) setFlight({ target: { bbox: result.bbox } });
    else if (result.point) setFlight({ target: { point: result.point } });
  }, []);

  const openSelection = useCallback((next: Selection, target?: FlyTarget) => {
    setSelection(next);
    if (target) setFlight({ target });
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

  return (
    <div className="ga-app">
      <header className="ga-topbar">
        <div className="ga-brand">
          <span className="ga-brand-mark" aria-hidden="true" />
          <div>
            <h1 className="ga-brand-title">{t('app.title')}</h1>
            <p className="ga-brand-subtitle">{t('app.subtitle')}</p>
          </div>
        </div>
        <SearchBox onChoose={choose} />
        <AsOfControl asOf={asOf} onChange={setAsOf} />
        <LocaleSwitch />
        <UserMenu viewer={viewer} />
      </header>
      <main className="ga-main">
        <div className="ga-map" role="region" aria-label={t('map.regionLabel')} aria-describedby="ga-map-hint">
          <p id="ga-map-hint" className="ga-visually-hidden">
            {t('map.keyboardHint')}
          </p>
          <AsOfBadge asOf={asOf} />
          <MapCanvas
            basemapStyle={basemapStyle}
            initialView={initial.view}
            layers={layers}
            gridFill={gridFill}
            asOf={asOf}
            selection={selection}
            highlight={highlight}
            labels={labels.data ?? []}
            workers={showWorkers ? (workers.data ?? []) : []}
            flight={flight}
            locale={mapLocale}
            onViewChange={setView}
            onPick={setSelection}
          />
        </div>
      </main>
      <LayerPanel layers={layers} allowed={allowed} onLayersChange={setLayers} gridFill={gridFill} onGridFillChange={setGridFill} norm={norm.data ?? null} />
      {selection && (
        <DetailsPanel
          selection={selection}
          details={details.data ?? null}
          loading={details.isPending}
          error={detailsError}
          canEdit={viewer.capabilities.includes('draft_edit')}
          onClose={() => setSelection(null)}
          onOpen={openSelection}
          asOf={asOf}
          onShowDay={setAsOf}
        />
      )}
    </div>
  );
}
