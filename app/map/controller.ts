import { MapboxOverlay } from '@deck.gl/mapbox';
import { createAppMap } from './create-map';
import maplibregl, { type MapGeoJSONFeature, type StyleSpecification, type VectorTileSource } from 'maplibre-gl';
import { buildDeckLayers, WORKER_LAYER_ID, type DeckState } from './deck-layers';
import { keySiteIcons } from './key-site-icons';
import type { WorkerPosition } from '@/server/services/map-data';
import type { MapLabel } from '@/server/services/map-data';
import {
  AS_OF_TILE_LAYERS,
  CLICKABLE_LAYERS,
  SELECTION_LAYERS,
  STYLE_LAYERS_BY_TOGGLE,
  gridFillColour,
  gridFillOpacity,
  offlineStyle,
  overlayLayers,
  overlaySources,
  sourceId,
  tileUrl,
} from './style';
import { CITY_MAX_BOUNDS, LAYER_IDS, type GridFill, type LayerId, type MapView, type Selection } from './state';

export interface ViewChange extends MapView {
  /** [west, south, east, north] of what is on screen. */
  bounds: [number, number, number, number];
}

export interface MapControllerOptions {
  container: HTMLElement;
  /** The app's origin; tiles are fetched from it and nowhere else (unless an online basemap is set). */
  origin: string;
  basemapStyle: string | StyleSpecification | null;
  view: MapView;
  layers: LayerId[];
  gridFill: GridFill;
  /** The day whose grids in force the grid and address tiles show (YYYY-MM-DD); null: now. */
  asOf: string | null;
  /** MapLibre's own control strings, translated. */
  locale: Record<string, string>;
  onViewChange: (view: ViewChange) => void;
  onPick: (selection: Selection) => void;
  onIdle?: () => void;
}

export type FlyTarget = { bbox: [number, number, number, number] } | { point: [number, number] };

/**
 * Owns the maplibregl.Map and the deck.gl overlay, outside React's render loop. React calls the
 * setters when its state changes; the map reports views and picks back through callbacks.
 */
export class MapController {
  readonly map: maplibregl.Map;
  private readonly overlay: MapboxOverlay;
  private readonly opts: MapControllerOptions;
  private deckState: DeckState = { labels: [], workers: [], showWorkers: true, highlight: null };
  private layers: LayerId[];
  private gridFill: GridFill;
  private asOf: string | null;
  private selection: Selection | null = null;
  private styleReady = false;
  private hoverFrame = 0;

  constructor(opts: MapControllerOptions) {
    this.opts = opts;
    this.layers = opts.layers;
    this.gridFill = opts.gridFill;
    this.asOf = opts.asOf;
    this.deckState.showWorkers = opts.layers.includes('workers');
    // Labels come from local fonts through deck.gl (and createAppMap's font: no glyph requests).
    this.map = createAppMap({
      container: opts.container,
      style: offlineStyle(opts.origin, opts.gridFill, opts.asOf),
      center: opts.view.center,
      zoom: opts.view.zoom,
      maxBounds: CITY_MAX_BOUNDS,
      minZoom: 6,
      maxZoom: 19,
      locale: opts.locale,
    });

    this.overlay = new MapboxOverlay({ interleaved: true, layers: buildDeckLayers(this.deckState) });
    this.map.addControl(this.overlay);

    // Key-site icons are drawn locally whenever the style asks for them (also after a style reload).
    this.map.on('styleimagemissing', (e: { id: string }) => {
      const icon = keySiteIcons().find((i) => i.id === e.id);
      if (icon && !this.map.hasImage(icon.id)) this.map.addImage(icon.id, icon.image, { pixelRatio: 2 });
    });
    this.map.on('load', () => {
      this.styleReady = true;
      this.applyAsOf();
      this.applyLayers();
      this.applySelection();
      this.emitView();
    });
    if (opts.basemapStyle) this.useOnlineBasemap(opts.basemapStyle);

    this.map.on('moveend', () => this.emitView());
    this.map.on('click', (e) => this.pickAt(e.point.x, e.point.y));
    this.map.on('mousemove', (e) => {
      cancelAnimationFrame(this.hoverFrame);
      this.hoverFrame = requestAnimationFrame(() => {
        const hit = this.featuresAt(e.point.x, e.point.y).length > 0 || this.workerAt(e.point.x, e.point.y) !== null;
        this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
      });
    });
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
      opts.onIdle?.();
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    // Keyboard: Enter on the focused map opens whatever lies at the centre of the view.
    this.map.getCanvas().addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      // The details panel takes focus when it opens; without this the same Enter would press its close button.
      e.preventDefault();
      const { width, height } = this.map.getCanvas().getBoundingClientRect();
      this.pickAt(width / 2, height / 2);
    });
  }

  /** Replaces the offline background with an online style, keeping our sources and layers on top. */
  private useOnlineBasemap(style: string | StyleSpecification) {
    this.map.setStyle(style, {
      transformStyle: (_previous, next: StyleSpecification) => ({
        ...next,
        sources: { ...next.sources, ...overlaySources(this.opts.origin, this.asOf) },
        layers: [...next.layers, ...overlayLayers(this.gridFill, { onlineBasemap: true })],
      }),
    });
  }

  private emitView() {
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    this.opts.onViewChange({
      center: [c.lng, c.lat],
      zoom: this.map.getZoom(),
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    });
  }

  private workerAt(x: number, y: number): WorkerPosition | null {
    if (!this.deckState.showWorkers) return null;
    const info = this.overlay.pickObject({ x, y, radius: 4, layerIds: [WORKER_LAYER_ID] });
    return (info?.object as WorkerPosition | undefined) ?? null;
  }

  private featuresAt(x: number, y: number): MapGeoJSONFeature[] {
    if (!this.styleReady) return [];
    const layers = CLICKABLE_LAYERS.filter(
      (id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    if (layers.length === 0) return [];
    const features = this.map.queryRenderedFeatures(
      [
        [x - 3, y - 3],
        [x + 3, y + 3],
      ],
      { layers: [...layers] },
    );
    // Aggregated address circles are sums per grid, not things with details: let the click reach the grid.
    return features
      .filter((f) => !(f.layer.id === 'ga-addresses' && f.properties?.aggregated === true))
      .sort((a, b) => CLICKABLE_LAYERS.indexOf(a.layer.id as never) - CLICKABLE_LAYERS.indexOf(b.layer.id as never));
  }

  private pickAt(x: number, y: number) {
    const worker = this.workerAt(x, y);
    if (worker) return this.opts.onPick({ kind: 'worker', id: worker.id });
    for (const f of this.featuresAt(x, y)) {
      const selection = selectionOf(f);
      if (selection) return this.opts.onPick(selection);
    }
  }

  private applyLayers() {
    if (!this.styleReady) return;
    for (const toggle of LAYER_IDS) {
      const visible = this.layers.includes(toggle);
      for (const id of STYLE_LAYERS_BY_TOGGLE[toggle]) {
        if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      }
    }
    this.map.setPaintProperty('ga-grids-fill', 'fill-color', gridFillColour(this.gridFill));
    this.map.setPaintProperty('ga-grids-fill', 'fill-opacity', gridFillOpacity(this.gridFill));
  }

  /** Points the "as of" sources at the day's tiles: a new URL, so MapLibre drops the old tiles and loads anew. */
  private applyAsOf() {
    if (!this.styleReady) return;
    for (const layer of AS_OF_TILE_LAYERS) {
      const source = this.map.getSource<VectorTileSource>(sourceId(layer));
      const url = tileUrl(this.opts.origin, layer, this.asOf);
      if (source && source.tiles?.[0] !== url) source.setTiles([url]);
    }
  }

  private applySelection() {
    if (!this.styleReady) return;
    const s = this.selection;
    for (const [kind, layerId] of Object.entries(SELECTION_LAYERS)) {
      let filter: maplibregl.FilterSpecification = ['==', ['get', 'code'], '__none__'];
      if (s && s.kind === kind) {
        filter = s.kind === 'grid' ? ['==', ['get', 'code'], s.code] : ['==', ['to-number', ['get', 'id']], s.id];
      }
      if (this.map.getLayer(layerId)) this.map.setFilter(layerId, filter);
    }
  }

  private renderDeck() {
    this.overlay.setProps({ layers: buildDeckLayers(this.deckState) });
  }

  setLayers(layers: LayerId[]) {
    this.layers = layers;
    this.deckState = { ...this.deckState, showWorkers: layers.includes('workers') };
    this.applyLayers();
    this.renderDeck();
  }

  setGridFill(fill: GridFill) {
    this.gridFill = fill;
    this.applyLayers();
  }

  setAsOf(asOf: string | null) {
    if (asOf === this.asOf) return;
    this.asOf = asOf;
    this.applyAsOf();
  }

  setSelection(selection: Selection | null, point: [number, number] | null) {
    this.selection = selection;
    this.applySelection();
    this.deckState = { ...this.deckState, highlight: point };
    this.renderDeck();
  }

  setLabels(labels: MapLabel[]) {
    this.deckState = { ...this.deckState, labels };
    this.renderDeck();
  }

  setWorkers(workers: WorkerPosition[]) {
    this.deckState = { ...this.deckState, workers };
    this.renderDeck();
  }

  flyTo(target: FlyTarget) {
    if ('bbox' in target) {
      const [w, s, e, n] = target.bbox;
      this.map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: { top: 90, bottom: 40, left: 340, right: 420 }, maxZoom: 17, duration: 1200 },
      );
    } else {
      this.map.flyTo({ center: target.point, zoom: Math.max(this.map.getZoom(), 17), duration: 1200 });
    }
  }

  destroy() {
    cancelAnimationFrame(this.hoverFrame);
    // Removing the map removes its controls, the deck.gl overlay included (which finalizes deck).
    this.map.remove();
  }
}

/** What a clicked tile feature is, from its style layer and properties. */
function selectionOf(f: MapGeoJSONFeature): Selection | null {
  const p = f.properties ?? {};
  const id = Number(p.id);
  switch (f.layer.id) {
    case 'ga-incidents':
      return Number.isInteger(id) ? { kind: 'incident', id } : null;
    case 'ga-key-sites':
      return Number.isInteger(id) ? { kind: 'keySite', id } : null;
    case 'ga-addresses':
      return Number.isInteger(id) ? { kind: 'address', id } : null;
    case 'ga-grids-fill':
      return typeof p.code === 'string' && /^[0-9]{15}$/.test(p.code.trim()) ? { kind: 'grid', code: p.code.trim() } : null;
    case 'ga-communities-hit':
      return Number.isInteger(id) ? { kind: 'community', id } : null;
    case 'ga-streets-hit':
      return Number.isInteger(id) ? { kind: 'street', id } : null;
    case 'ga-districts-fill':
      return Number.isInteger(id) ? { kind: 'district', id } : null;
    default:
      return null;
  }
}
