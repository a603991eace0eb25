import maplibregl, { type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRenderMode, type SnapToCustom } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { bboxOf } from './bbox';
import { gridFillColour, offlineStyle, overlayLayers, overlaySources, STYLE_LAYERS_BY_TOGGLE } from '@/app/map/style';
import { CITY_BOUNDS, type MapView } from '@/app/map/state';
import { SnapIndex, samePosition, type SnapKind, type SnapTarget } from '@/geo/snap/snap-point';
import type { EditorMode } from './editor-state';

/** What the draft source holds per grid: the tile property names, so the map's own fill colours apply. */
export interface DraftFeatureProps {
  key: string;
  code: string;
  kind: string;
  dedicated_type: string;
}

export interface EditorControllerOptions {
  container: HTMLElement;
  origin: string;
  basemapStyle: string | StyleSpecification | null;
  view: MapView | null;
  /** The edited street's 9-digit code: its grids in force are hidden under the draft. */
  streetCode: string;
  locale: Record<string, string>;
  onGridClick: (key: string | null, additive: boolean) => void;
  /** A polygon (draw mode) or a line (split mode) was finished. */
  onDrawn: (geometry: Polygon | LineString, mode: EditorMode) => void;
  /** The shape being drawn changed (for the instant checks). */
  onDrawing: (geometry: Polygon | null) => void;
  /** A vertex of the selected grid was dragged from one position to another (a shared vertex moves in every grid). */
  onVertexMoved: (from: [number, number], to: [number, number]) => void;
  /** The vertex chosen with the keyboard changed (chosen, moved, put back), or none is chosen: for screen readers. */
  onKeyboardVertex: (v: KeyboardVertex | null) => void;
}

/** The vertex chosen with the keyboard, as announced to screen readers. */
export interface KeyboardVertex {
  /** 0-based, in the order of the selected grid's vertex handles. */
  index: number;
  count: number;
  /** Where it is now: the previewed position while it is moved. */
  position: [number, number];
  moved: boolean;
  /** What the previewed position snapped to. */
  snap: SnapKind;
}

/**
 * Keys on the focused map in select mode (none clashes with the toolbar shortcuts, and MapLibre's own
 * arrow-key panning ignores Alt): `[` / `]` choose the previous / next vertex of the selected grid,
 * Alt+arrow moves it by 1 px (Shift+Alt+arrow by 10 px), Enter applies the move, Esc puts it back.
 */
export const VERTEX_KEYS = { previous: '[', next: ']', apply: 'Enter', cancel: 'Escape' } as const;
const ARROW_STEPS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const FAST_STEP_PX = 10;

const DRAFT = 'ed-draft';
const FINDINGS = 'ed-findings';
const PREVIEW = 'ed-preview';
const VERTICES = 'ed-vertices';
const SNAP_CUE = 'ed-snap-cue';
/** How near, in screen pixels, a vertex or an edge pulls the pointer (terra-draw's click distance is 20). */
const SNAP_TOLERANCE_PX = 10;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Tile layers the editor does not need: the street's own work is about boundaries, not operations. */
const HIDDEN_TOGGLES = ['addresses', 'keySites', 'incidents', 'incidentDensity'] as const;
export const FINDING_COLOUR = '#d62828';
/** Warnings in amber, so that red on the map always means blocking. */
export const WARNING_COLOUR = '#e9c46a';
const PREVIEW_COLOUR = '#f77f00';
/** Neither red (blocking) nor amber (warning): the snap cue is not a finding. */
const SNAP_COLOUR = '#7b2cbf';

/**
 * Owns the editor's maplibregl.Map and its terra-draw instance, outside React's render loop (the same
 * split as app/map/controller.ts). React passes the draft, the findings, the selection and the mode in.
 */
export class EditorController {
  readonly map: maplibregl.Map;
  private draw: TerraDraw | null = null;
  private readonly opts: EditorControllerOptions;
  private ready = false;
  private grids: FeatureCollection<MultiPolygon, DraftFeatureProps> = { type: 'FeatureCollection', features: [] };
  private findings: FeatureCollection = EMPTY;
  private preview: FeatureCollection = EMPTY;
  private selectedKeys: string[] = [];
  private focusedFinding = -1;
  private mode: EditorMode = 'select';
  private fittedOnce: boolean;
  private vertices: Position[] = [];
  /** The vertex being dragged: where it was, and where the (snapped) pointer is now. */
  private drag: { from: [number, number]; to: [number, number] } | null = null;
  /**
   * The vertex chosen with the keyboard: where it is (`from`), where the arrow keys have taken it (`raw`)
   * and where that snaps to (`to`). `applied` once Enter sent the move, until the new vertices arrive.
   */
  private kbd: { index: number; from: [number, number]; raw: [number, number]; to: [number, number]; snap: SnapKind; applied: boolean } | null = null;
  private snapping = true;
  private boundaries: MultiPolygon[] = [];
  /** Rebuilt on the first snap after the grids or the boundaries changed. */
  private snapIndex: SnapIndex | null = null;
  private snapCue: string = '';

  constructor(opts: EditorControllerOptions) {
    this.opts = opts;
    this.fittedOnce = opts.view !== null;
    const view = opts.view ?? { center: [(CITY_BOUNDS[0] + CITY_BOUNDS[2]) / 2, (CITY_BOUNDS[1] + CITY_BOUNDS[3]) / 2] as [number, number], zoom: 9 };
    this.map = new maplibregl.Map({
      container: opts.container,
      style: offlineStyle(opts.origin, 'kind'),
      center: view.center,
      zoom: view.zoom,
      minZoom: 6,
      maxZoom: 20,
      attributionControl: false,
      locale: opts.locale,
      localIdeographFontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
      dragRotate: false,
      // Shift+click adds a grid to the selection (for a merge or a shared boundary): no shift+drag box zoom.
      boxZoom: false,
      pitchWithRotate: false,
      // Clicks are placed on exact vertices: a double click must not zoom while drawing.
      doubleClickZoom: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    if (opts.basemapStyle) {
      this.map.setStyle(opts.basemapStyle, {
        transformStyle: (_p, next: StyleSpecification) => ({
          ...next,
          sources: { ...next.sources, ...overlaySources(opts.origin) },
          layers: [...next.layers, ...overlayLayers('kind', { onlineBasemap: true })],
        }),
      });
    }
    this.map.on('load', () => this.onStyleLoaded());
    // Keyboard vertex moves: the keys reach the container from the focused map canvas.
    opts.container.addEventListener('keydown', this.onKeyDown);
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    this.map.on('click', (e) => {
      if (!this.ready || this.mode !== 'select') return;
      const hits = this.map.queryRenderedFeatures(
        [
          [e.point.x - 2, e.point.y - 2],
          [e.point.x + 2, e.point.y + 2],
        ],
        { layers: ['ed-draft-fill'] },
      );
      const key = hits[0]?.properties?.key;
      this.opts.onGridClick(typeof key === 'string' ? key : null, e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey);
    });
  }

  private vertexData(): FeatureCollection<Point> {
    // The vertex being moved, by the mouse or by the keyboard, is drawn where it would go.
    const move = this.drag ?? this.kbd;
    return {
      type: 'FeatureCollection',
      features: this.vertices.map((p) => {
        const moved = !!move && samePosition(p, move.from);
        const active = !!this.kbd && samePosition(p, this.kbd.from);
        return { type: 'Feature', geometry: { type: 'Point', coordinates: moved ? move.to : p }, properties: { lon: p[0], lat: p[1], dragged: moved, active } };
      }),
    };
  }

  private renderVertices() {
    if (this.ready && !this.drag) (this.map.getSource(VERTICES) as GeoJSONSource).setData(this.vertexData());
  }

  private snapTargets(): SnapIndex {
    if (!this.snapIndex) {
      const targets: SnapTarget[] = [
        ...this.grids.features.map((f) => ({ geometry: f.geometry, role: 'grid' as const })),
        ...this.boundaries.map((geometry) => ({ geometry, role: 'boundary' as const })),
      ];
      this.snapIndex = new SnapIndex(targets);
    }
    return this.snapIndex;
  }

  /**
   * A position snapped by the one rule used everywhere (drawing, dragging, keyboard moves), and the cue
   * shown at what it snapped to. `moving`: the draft vertex being moved, which cannot snap to itself.
   */
  private snapAt(p: [number, number], moving?: [number, number]): { position: [number, number]; kind: SnapKind } {
    if (!this.snapping) {
      this.showSnapCue(null);
      return { position: p, kind: 'none' };
    }
    const s = this.snapTargets().snap(p, {
      tolerancePx: SNAP_TOLERANCE_PX,
      project: (q) => {
        const xy = this.map.project([q[0]!, q[1]!]);
        return [xy.x, xy.y];
      },
      unproject: (xy) => {
        const ll = this.map.unproject(xy);
        return [ll.lng, ll.lat];
      },
      moving,
    });
    const position: [number, number] = [s.position[0]!, s.position[1]!];
    this.showSnapCue(s.kind === 'none' ? null : { position, kind: s.kind });
    return { position, kind: s.kind };
  }

  private showSnapCue(cue: { position: [number, number]; kind: SnapKind } | null) {
    const key = cue ? `${cue.kind}:${cue.position[0]},${cue.position[1]}` : '';
    if (!this.ready || key === this.snapCue) return;
    this.snapCue = key;
    const data: FeatureCollection = cue
      ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: cue.position }, properties: { kind: cue.kind } }] }
      : EMPTY;
    (this.map.getSource(SNAP_CUE) as GeoJSONSource).setData(data);
  }

  /** terra-draw's hook: the same snapping for the polygon being drawn and for split or boundary lines. */
  private readonly snapDrawing: SnapToCustom = (e) => {
    const s = this.snapAt([e.lng, e.lat]);
    return s.kind === 'none' ? undefined : s.position;
  };

  private announceKeyboardVertex() {
    const k = this.kbd;
    this.opts.onKeyboardVertex(
      k ? { index: k.index, count: this.vertices.length, position: k.to, moved: !samePosition(k.from, k.to), snap: k.snap } : null,
    );
  }

  private chooseKeyboardVertex(index: number) {
    const p = this.vertices[index]!;
    const from: [number, number] = [p[0]!, p[1]!];
    this.kbd = { index, from, raw: from, to: from, snap: 'none', applied: false };
    this.showSnapCue(null);
    if (!this.map.getBounds().contains(from)) this.map.easeTo({ center: from });
    this.renderVertices();
    this.announceKeyboardVertex();
  }

  private readonly onKeyDown = (e: KeyboardEvent) => {
    // Only on the map itself: Enter on a zoom button must still press the button.
    if (e.target !== this.map.getCanvas()) return;
    if (!this.ready || this.mode !== 'select' || this.drag || this.vertices.length === 0 || e.ctrlKey || e.metaKey) return;
    const n = this.vertices.length;
    const k = this.kbd;
    const arrow = ARROW_STEPS[e.key];
    if (!e.altKey && (e.key === VERTEX_KEYS.next || e.key === VERTEX_KEYS.previous)) {
      // Choosing another vertex drops a move not yet applied.
      const step = e.key === VERTEX_KEYS.next ? 1 : -1;
      this.chooseKeyboardVertex(k ? (k.index + step + n) % n : step > 0 ? 0 : n - 1);
    } else if (e.altKey && arrow) {
      if (!this.kbd) this.chooseKeyboardVertex(0);
      const cur = this.kbd!;
      const px = e.shiftKey ? FAST_STEP_PX : 1;
      const xy = this.map.project(cur.raw);
      const ll = this.map.unproject([xy.x + arrow[0] * px, xy.y + arrow[1] * px]);
      const raw: [number, number] = [ll.lng, ll.lat];
      const s = this.snapAt(raw, cur.from);
      this.kbd = { ...cur, raw, to: s.position, snap: s.kind, applied: false };
      this.renderVertices();
      this.announceKeyboardVertex();
    } else if (e.key === VERTEX_KEYS.apply && k && !e.altKey) {
      if (samePosition(k.from, k.to) || k.applied) return;
      this.kbd = { ...k, applied: true };
      this.showSnapCue(null);
      this.opts.onVertexMoved(k.from, k.to);
    } else if (e.key === VERTEX_KEYS.cancel && k) {
      // First Esc puts a moved vertex back; the next one lets go of the vertex.
      this.kbd = samePosition(k.from, k.to) || k.applied ? null : { ...k, raw: k.from, to: k.from, snap: 'none' };
      this.showSnapCue(null);
      this.renderVertices();
      this.announceKeyboardVertex();
    } else {
      return;
    }
    e.preventDefault();
    // Handled here: the page's own shortcuts (Esc leaves a drawing mode) must not act on it too.
    e.stopPropagation();
  };

  /**
   * Vertex dragging: press on a vertex handle, move, release; one moveSharedVertex edit on release. The
   * dragged vertex snaps to the other grids and to the community boundaries, never to itself.
   */
  private wireVertexDrag() {
    const map = this.map;
    map.on('mousedown', 'ed-vertices-circle', (e) => {
      if (this.mode !== 'select') return;
      const p = e.features?.[0]?.properties;
      if (!p || typeof p.lon !== 'number' || typeof p.lat !== 'number') return;
      e.preventDefault();
      map.dragPan.disable();
      // The mouse takes over from a keyboard move not yet applied.
      if (this.kbd) {
        this.kbd = null;
        this.announceKeyboardVertex();
      }
      this.drag = { from: [p.lon, p.lat], to: [p.lon, p.lat] };
      map.getCanvas().style.cursor = 'grabbing';
    });
    map.on('mousemove', (e) => {
      if (!this.drag) return;
      this.drag.to = this.snapAt([e.lngLat.lng, e.lngLat.lat], this.drag.from).position;
      (map.getSource(VERTICES) as GeoJSONSource).setData(this.vertexData());
    });
    map.on('mouseup', (e) => {
      if (!this.drag) return;
      const { from } = this.drag;
      const to = this.snapAt([e.lngLat.lng, e.lngLat.lat], from).position;
      this.drag = null;
      this.showSnapCue(null);
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
      const a = map.project(from);
      // A press without a real move is a click, not an edit.
      if (Math.hypot(a.x - e.point.x, a.y - e.point.y) < 3 || samePosition(from, to)) return (map.getSource(VERTICES) as GeoJSONSource).setData(this.vertexData());
      this.opts.onVertexMoved(from, to);
    });
    map.on('mouseenter', 'ed-vertices-circle', () => {
      if (this.mode === 'select' && !this.drag) map.getCanvas().style.cursor = 'grab';
    });
    map.on('mouseleave', 'ed-vertices-circle', () => {
      if (!this.drag) map.getCanvas().style.cursor = '';
    });
  }

  private onStyleLoaded() {
    const map = this.map;
    for (const toggle of HIDDEN_TOGGLES) for (const id of STYLE_LAYERS_BY_TOGGLE[toggle]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
    // The street's grids in force are what the draft replaces: showing both would double every edge.
    const notThisStreet: maplibregl.FilterSpecification = ['!=', ['slice', ['to-string', ['get', 'code']], 0, 9], this.opts.streetCode];
    for (const id of STYLE_LAYERS_BY_TOGGLE.grids) if (map.getLayer(id)) map.setFilter(id, notThisStreet);

    map.addSource(DRAFT, { type: 'geojson', data: this.grids });
    map.addSource(FINDINGS, { type: 'geojson', data: this.findings });
    map.addSource(PREVIEW, { type: 'geojson', data: this.preview });
    map.addLayer({ id: 'ed-draft-fill', type: 'fill', source: DRAFT, paint: { 'fill-color': gridFillColour('kind'), 'fill-opacity': 0.35 } });
    map.addLayer({ id: 'ed-draft-line', type: 'line', source: DRAFT, paint: { 'line-color': '#1d3557', 'line-width': 1.5 } });
    map.addLayer({
      id: 'ed-draft-selected',
      type: 'line',
      source: DRAFT,
      filter: ['in', ['get', 'key'], ['literal', []]],
      paint: { 'line-color': '#0077b6', 'line-width': 4 },
    });
    const severityColour: maplibregl.ExpressionSpecification = ['match', ['get', 'severity'], 'blocking', FINDING_COLOUR, WARNING_COLOUR];
    map.addLayer({
      id: 'ed-findings-fill',
      type: 'fill',
      source: FINDINGS,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': severityColour, 'fill-opacity': ['case', ['boolean', ['get', 'focused'], false], 0.7, 0.45] },
    });
    map.addLayer({
      id: 'ed-findings-line',
      type: 'line',
      source: FINDINGS,
      paint: { 'line-color': severityColour, 'line-width': ['case', ['boolean', ['get', 'focused'], false], 4, 2] },
    });
    map.addLayer({
      id: 'ed-findings-point',
      type: 'circle',
      source: FINDINGS,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': severityColour, 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
    });
    map.addLayer({ id: 'ed-preview-fill', type: 'fill', source: PREVIEW, paint: { 'fill-color': PREVIEW_COLOUR, 'fill-opacity': 0.5 } });
    map.addSource(VERTICES, { type: 'geojson', data: this.vertexData() });
    map.addLayer({
      id: 'ed-vertices-circle',
      type: 'circle',
      source: VERTICES,
      paint: {
        // The vertex chosen with the keyboard stands out: larger, in the preview colour.
        'circle-radius': ['case', ['boolean', ['get', 'active'], false], 8, 5],
        'circle-color': ['case', ['boolean', ['get', 'active'], false], PREVIEW_COLOUR, '#ffffff'],
        'circle-stroke-color': '#0077b6',
        'circle-stroke-width': 2,
      },
    });
    map.addSource(SNAP_CUE, { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'ed-snap-cue',
      type: 'circle',
      source: SNAP_CUE,
      // A ring: larger round a vertex, smaller on an edge.
      paint: {
        'circle-radius': ['match', ['get', 'kind'], 'vertex', 9, 6],
        'circle-opacity': 0,
        'circle-stroke-color': SNAP_COLOUR,
        'circle-stroke-width': 2.5,
      },
    });
    this.wireVertexDrag();

    // terra-draw registers its own sources and layers, so it must start after the style has loaded.
    // Its snapping is ours (toCustom), and our cue replaces its snapping point.
    const snapping = { toCustom: this.snapDrawing };
    const noSnapPoint = { snappingPointOpacity: 0, snappingPointOutlineOpacity: 0 };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({ pointerDistance: 20, keyEvents: { cancel: 'Escape', finish: 'Enter' }, snapping, styles: noSnapPoint }),
        new TerraDrawLineStringMode({ pointerDistance: 20, keyEvents: { cancel: 'Escape', finish: 'Enter' }, snapping, styles: noSnapPoint }),
        new TerraDrawRenderMode({ modeName: 'idle', styles: {} }),
      ],
    });
    this.draw.start();
    this.draw.on('finish', (id) => {
      const f = this.draw?.getSnapshotFeature(id);
      const mode = this.mode;
      // The drawn shape goes to the server; the draft source shows the result, so the sketch is dropped.
      this.draw?.clear();
      this.opts.onDrawing(null);
      if (f && (f.geometry.type === 'Polygon' || f.geometry.type === 'LineString')) this.opts.onDrawn(f.geometry as Polygon | LineString, mode);
    });
    this.draw.on('change', (ids, type) => {
      if (this.mode !== 'draw' || type === 'delete') return;
      const f = ids.length ? this.draw?.getSnapshotFeature(ids[0]!) : undefined;
      this.opts.onDrawing(f && f.geometry.type === 'Polygon' ? (f.geometry as Polygon) : null);
    });
    this.ready = true;
    this.applyAll();
  }

  private applyAll() {
    this.setGrids(this.grids);
    this.setFindings(this.findings, this.focusedFinding);
    this.setPreview(this.preview);
    this.setSelection(this.selectedKeys);
    this.setVertices(this.vertices);
    this.setMode(this.mode);
  }

  /** Drag handles: the vertices of the selected grid (empty when none or several are selected). */
  setVertices(vertices: Position[]) {
    this.vertices = vertices;
    if (this.kbd) this.followKeyboardVertex();
    this.renderVertices();
  }

  /**
   * New vertices (an edit, an undo, another selection): the keyboard stays on its vertex where it still
   * is, or on the new position of the move it applied; else it lets go.
   */
  private followKeyboardVertex() {
    const k = this.kbd!;
    const indexOf = (p: Position) => this.vertices.findIndex((v) => samePosition(v, p));
    const movedTo = k.applied ? indexOf(k.to) : -1;
    if (movedTo >= 0) {
      this.kbd = { index: movedTo, from: k.to, raw: k.to, to: k.to, snap: 'none', applied: false };
    } else {
      const at = indexOf(k.from);
      this.kbd = at >= 0 ? { ...k, index: at } : null;
      if (this.kbd && at === k.index) return;
    }
    this.announceKeyboardVertex();
  }

  /** Snapping on or off (the toolbar's toggle): drawing, dragging and keyboard moves alike. */
  setSnapping(on: boolean) {
    this.snapping = on;
    if (!on) this.showSnapCue(null);
  }

  /** The street's community boundaries, snap targets besides the draft grids. */
  setSnapBoundaries(boundaries: MultiPolygon[]) {
    this.boundaries = boundaries;
    this.snapIndex = null;
  }

  setGrids(grids: FeatureCollection<MultiPolygon, DraftFeatureProps>) {
    this.grids = grids;
    this.snapIndex = null;
    if (!this.ready) return;
    // Not idle until the new draft is drawn (the next 'idle' event): clicks before that hit the old shapes.
    this.opts.container.dataset.mapState = 'loading';
    (this.map.getSource(DRAFT) as GeoJSONSource).setData(grids);
    if (!this.fittedOnce && grids.features.length > 0) {
      this.fittedOnce = true;
      const b = bboxOf(grids.features.map((f) => f.geometry));
      if (b) this.fitBounds(b, 0);
    }
  }

  /** Finding geometries, each with its `index` in the findings list (to emphasise the focused one). */
  setFindings(findings: FeatureCollection, focused: number) {
    this.findings = findings;
    this.focusedFinding = focused;
    if (!this.ready) return;
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: findings.features.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), focused: f.properties?.index === focused } })),
    };
    (this.map.getSource(FINDINGS) as GeoJSONSource).setData(data);
  }

  setPreview(preview: FeatureCollection) {
    this.preview = preview;
    if (this.ready) (this.map.getSource(PREVIEW) as GeoJSONSource).setData(preview);
  }

  setSelection(keys: string[]) {
    this.selectedKeys = keys;
    if (this.ready) this.map.setFilter('ed-draft-selected', ['in', ['get', 'key'], ['literal', keys]]);
  }

  setMode(mode: EditorMode) {
    this.mode = mode;
    if (mode !== 'select' && this.kbd) {
      this.kbd = null;
      this.renderVertices();
      this.announceKeyboardVertex();
    }
    if (!this.ready || !this.draw) return;
    this.showSnapCue(null);
    this.draw.clear();
    this.draw.setMode(mode === 'draw' ? 'polygon' : mode === 'split' || mode === 'reshape' ? 'linestring' : 'idle');
    this.map.getCanvas().style.cursor = mode === 'select' ? '' : 'crosshair';
    this.map.setLayoutProperty('ed-vertices-circle', 'visibility', mode === 'select' ? 'visible' : 'none');
  }

  fitBounds(b: [number, number, number, number], duration = 600) {
    this.map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: 40, maxZoom: 18, duration },
    );
  }

  destroy() {
    this.opts.container.removeEventListener('keydown', this.onKeyDown);
    try {
      this.draw?.stop();
    } catch {
      // The map may already be gone; nothing to release then.
    }
    this.map.remove();
  }
}

