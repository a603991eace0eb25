/**
 * Owns the command map (a maplibregl.Map from the app's one factory, with the home map's basemap and
 * tiles) and its deck.gl overlay, outside React's render loop. React and the case store call the setters;
 * the map reports views and picks back through callbacks. Redraws are coalesced to one per animation
 * frame, the density view's re-aggregation to one a second, however fast the feed runs. The points view
 * draws the cases in and around the view, one per lit cell of a few pixels (thin-points.ts), chosen
 * again at each moveend: a frame's cost follows the dots drawn, not the cases loaded.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { createAppMap } from '@/app/map/create-map';
import { keySiteIcons } from '@/app/map/key-site-icons';
import { CITY_MAX_BOUNDS, type MapView } from '@/app/map/state';
import type { ViewChange } from '@/app/map/controller';
import { buildCommandLayers, LAYER_IDS, zoomState, type CommandDeckState, type Marker, type ZoomState } from './command-layers';
import type { PointMode } from './command-state';
import type { OverdueSite } from './inspections';
import type { TrackData } from './worker-day';
import { commandStyle, GRID_OPEN_STATE, GRIDS_SOURCE, GRIDS_SOURCE_LAYER, overOnlineBasemap, type CommandStyleOptions } from './command-style';
import type { BinaryPoints } from './point-buffers';
import { thinPoints } from './thin-points';
import { createThrottle, type Throttle } from './timing';
import type { TrailPath, WorkerDot } from './workers';

export interface CommandMapOptions extends CommandStyleOptions {
  container: HTMLElement;
  /** The app's origin: tiles come from it and nowhere else (unless an online basemap is configured). */
  origin: string;
  basemapStyle: string | StyleSpecification | null;
  view: MapView;
  /** MapLibre's own control strings, translated. */
  locale: Record<string, string>;
  escalatedGlyph: string;
  onViewChange: (view: ViewChange) => void;
  onPickCase: (id: number) => void;
  /** A worker was clicked (or is at the centre when Enter is pressed on the map). */
  onPickWorker: (worker: WorkerDot) => void;
  /** A worker's tooltip text. */
  describeWorker: (w: WorkerDot) => string;
  /** The tooltip of a key site whose inspection is overdue. */
  describeInspection: (site: OverdueSite) => string;
}

/** What a click on the map hit: a case (a point, an overdue or escalated marker) or a worker. */
export type MapPick = { kind: 'case'; id: number } | { kind: 'worker'; worker: WorkerDot };

/** The cases to draw and how to tell which case a pick of the points layer hit. */
export interface PointSource {
  points: BinaryPoints;
  idAt: (index: number) => number | undefined;
}

/** Pixels around the pointer that a click or hover still hits (a dot is a few pixels wide). */
const PICK_RADIUS = 5;
/** What a click or Enter at the map's centre can open: the topmost of a worker, a marker, a case. */
const PICKED_LAYERS = [LAYER_IDS.workers, LAYER_IDS.overdue, LAYER_IDS.escalated, LAYER_IDS.cases];

const EMPTY_POINTS: BinaryPoints = {
  length: 0,
  attributes: {
    getPosition: { value: new Float64Array(0), size: 2 },
    getFillColor: { value: new Uint8Array(0), size: 4, normalized: true },
    getLineColor: { value: new Uint8Array(0), size: 4, normalized: true },
    getRadius: { value: new Float32Array(0), size: 1 },
    getLineWidth: { value: new Float32Array(0), size: 1 },
    getColorWeight: { value: new Float32Array(0), size: 1 },
  },
};

export class CommandMapController {
  readonly map: MapLibreMap;
  private readonly overlay: MapboxOverlay;
  private readonly opts: CommandMapOptions;
  private state: CommandDeckState;
  /** The cases as given (the live store's or the replay's), and the slot of each one drawn (thin-points.ts). */
  private source: PointSource = { points: EMPTY_POINTS, idAt: () => undefined };
  private slotAt: Uint32Array = new Uint32Array(0);
  /** The density view's points, refreshed at most once a second. */
  private densityPoints: BinaryPoints = EMPTY_POINTS;
  private readonly densityRefresh: Throttle;
  private styleReady = false;
  private frame = 0;
  /** The open cases per grid wanted, and those set on the map's feature state. */
  private gridWanted: ReadonlyMap<string, number> = new Map();
  private gridSet = new Map<string, number>();

  constructor(opts: CommandMapOptions) {
    this.opts = opts;
    this.state = {
      mode: 'points',
      points: EMPTY_POINTS,
      overdue: [],
      escalated: [],
      workers: [],
      trails: [],
      inspections: [],
      showInspections: false,
      workerTrack: null,
      ...zoomState(opts.view.zoom),
      highlight: null,
      escalatedGlyph: opts.escalatedGlyph,
    };
    this.densityRefresh = createThrottle(() => {
      this.densityPoints = this.source.points;
      this.schedule();
    }, 1000);
    this.map = createAppMap({
      container: opts.container,
      style: commandStyle(opts.origin, opts),
      center: opts.view.center,
      zoom: opts.view.zoom,
      maxBounds: CITY_MAX_BOUNDS,
      minZoom: 6,
      maxZoom: 19,
      locale: opts.locale,
    });
    this.overlay = new MapboxOverlay({
      interleaved: true,
      layers: buildCommandLayers(this.state),
      // The cursor follows deck.gl's own hover pick (once per pointer move, on the next frame, never while
      // dragging) instead of a second pick of ours: a pick waits for the frame being drawn, which with
      // 100,000 cases in a software renderer takes long. '' leaves MapLibre's grab cursor to its stylesheet.
      pickingRadius: PICK_RADIUS,
      getCursor: ({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : ''),
      getTooltip: (info: PickingInfo) => {
        if (!info.object) return null;
        if (info.layer?.id === LAYER_IDS.workers) return { text: opts.describeWorker(info.object as WorkerDot) };
        if (info.layer?.id === LAYER_IDS.inspections) return { text: opts.describeInspection(info.object as OverdueSite) };
        return null;
      },
    });
    this.map.addControl(this.overlay);

    this.map.on('styleimagemissing', (e: { id: string }) => {
      const icon = keySiteIcons().find((i) => i.id === e.id);
      if (icon && !this.map.hasImage(icon.id)) this.map.addImage(icon.id, icon.image, { pixelRatio: 2 });
    });
    // Each style load (the offline one, then an online basemap's) brings new sources without feature state.
    this.map.on('style.load', () => {
      this.styleReady = true;
      this.gridSet = new Map();
      this.applyGridCounts();
    });
    this.map.on('load', () => this.emitView());
    if (opts.basemapStyle) {
      this.map.setStyle(opts.basemapStyle, { transformStyle: (_previous, next: StyleSpecification) => overOnlineBasemap(opts.origin, next, opts) });
    }
    this.map.on('moveend', () => {
      this.emitView();
      const next = zoomState(this.map.getZoom());
      if ((Object.keys(next) as (keyof ZoomState)[]).some((k) => next[k] !== this.state[k])) {
        this.state = { ...this.state, ...next };
        this.schedule();
      }
      if (this.state.mode === 'points') this.thin();
    });
    // A click picks once where it lands, among the workers, markers and cases: not the inspection rings,
    // which are picked only for their tooltips.
    this.map.on('click', (e) => this.open(this.hitAt(e.point.x, e.point.y)));
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    // Keyboard: Enter on the focused map opens the case (or the worker) at the centre of the view.
    this.map.getCanvas().addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const { width, height } = this.map.getCanvas().getBoundingClientRect();
      this.open(this.hitAt(width / 2, height / 2));
    });
  }

  private emitView() {
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    this.opts.onViewChange({ center: [c.lng, c.lat], zoom: this.map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] });
  }

  /** What a pick hit: a case (a point, an overdue or escalated marker) or a worker; null for anything else. */
  private hitOf(info: PickingInfo | null): MapPick | null {
    if (!info?.picked) return null;
    const layer = info.layer?.id;
    if (layer === LAYER_IDS.workers) return info.object ? { kind: 'worker', worker: info.object as WorkerDot } : null;
    if (layer === LAYER_IDS.cases) {
      const slot = this.slotAt[info.index];
      const id = slot === undefined ? undefined : this.source.idAt(slot);
      return id === undefined ? null : { kind: 'case', id };
    }
    if (layer === LAYER_IDS.overdue || layer === LAYER_IDS.escalated) {
      const id = (info.object as Marker | undefined)?.id;
      return id === undefined ? null : { kind: 'case', id };
    }
    return null;
  }

  /** The topmost case or worker at a screen point (a pick of its own). */
  private hitAt(x: number, y: number): MapPick | null {
    return this.hitOf(this.overlay.pickObject({ x, y, radius: PICK_RADIUS, layerIds: PICKED_LAYERS }));
  }

  private open(hit: MapPick | null) {
    if (hit?.kind === 'case') this.opts.onPickCase(hit.id);
    else if (hit?.kind === 'worker') this.opts.onPickWorker(hit.worker);
  }

  /** One redraw per animation frame. */
  private schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const points = this.state.mode === 'density' ? this.densityPoints : this.state.points;
      this.overlay.setProps({ layers: buildCommandLayers({ ...this.state, points }) });
    });
  }

  /** Sets each grid's open cases on the map (only the grids whose count changed). */
  private applyGridCounts() {
    if (!this.styleReady) return;
    const target = { source: GRIDS_SOURCE, sourceLayer: GRIDS_SOURCE_LAYER };
    for (const [code, n] of this.gridWanted) {
      if (this.gridSet.get(code) === n) continue;
      this.map.setFeatureState({ ...target, id: code }, { [GRID_OPEN_STATE]: n });
      this.gridSet.set(code, n);
    }
    for (const code of [...this.gridSet.keys()]) {
      if (this.gridWanted.has(code)) continue;
      this.map.removeFeatureState({ ...target, id: code }, GRID_OPEN_STATE);
      this.gridSet.delete(code);
    }
  }

  setPoints(source: PointSource) {
    const same = source.points === this.source.points;
    this.source = source;
    if (same) return;
    if (this.state.mode === 'density') this.densityRefresh.call();
    else this.thin();
  }

  /** The points view draws the cases in and around the view, one per lit cell (thin-points.ts). */
  private thin() {
    const b = this.map.getBounds();
    const t = thinPoints(this.source.points, { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: this.map.getZoom() });
    this.slotAt = t.slotAt;
    this.state = { ...this.state, points: t.points };
    this.schedule();
  }

  setMarkers(overdue: readonly Marker[], escalated: readonly Marker[]) {
    if (overdue === this.state.overdue && escalated === this.state.escalated) return;
    this.state = { ...this.state, overdue, escalated };
    this.schedule();
  }

  setGridCounts(counts: ReadonlyMap<string, number>) {
    this.gridWanted = new Map(counts);
    this.applyGridCounts();
  }

  setMode(mode: PointMode) {
    if (mode === this.state.mode) return;
    this.state = { ...this.state, mode };
    this.densityPoints = this.source.points;
    if (mode === 'points') this.thin();
    else this.schedule();
  }

  setWorkers(workers: readonly WorkerDot[], trails: readonly TrailPath[]) {
    if (workers === this.state.workers && trails === this.state.trails) return;
    this.state = { ...this.state, workers, trails };
    this.schedule();
  }

  setInspections(sites: readonly OverdueSite[], visible: boolean) {
    if (sites === this.state.inspections && visible === this.state.showInspections) return;
    this.state = { ...this.state, inspections: sites, showInspections: visible };
    this.schedule();
  }

  setWorkerTrack(track: TrackData | null) {
    if (track === this.state.workerTrack) return;
    this.state = { ...this.state, workerTrack: track };
    this.schedule();
  }

  setHighlight(point: [number, number] | null) {
    this.state = { ...this.state, highlight: point };
    this.schedule();
  }

  setEscalatedGlyph(glyph: string) {
    if (glyph === this.state.escalatedGlyph) return;
    this.state = { ...this.state, escalatedGlyph: glyph };
    this.schedule();
  }

  flyTo(point: [number, number]) {
    this.map.flyTo({ center: point, zoom: Math.max(this.map.getZoom(), 16), duration: 1000 });
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.densityRefresh.cancel();
    // Removing the map removes its controls, the deck.gl overlay included.
    this.map.remove();
  }
}
