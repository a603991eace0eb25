import maplibregl, { type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRenderMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { bboxOf } from './bbox';
import { gridFillColour, offlineStyle, overlayLayers, overlaySources, STYLE_LAYERS_BY_TOGGLE } from '@/app/map/style';
import { CITY_BOUNDS, type MapView } from '@/app/map/state';
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
}

const DRAFT = 'ed-draft';
const FINDINGS = 'ed-findings';
const PREVIEW = 'ed-preview';
const VERTICES = 'ed-vertices';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Tile layers the editor does not need: the street's own work is about boundaries, not operations. */
const HIDDEN_TOGGLES = ['addresses', 'keySites', 'incidents', 'incidentDensity'] as const;
export const FINDING_COLOUR = '#d62828';
/** Warnings in amber, so that red on the map always means blocking. */
export const WARNING_COLOUR = '#e9c46a';
const PREVIEW_COLOUR = '#f77f00';

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
  /** The vertex being dragged: where it was, and where the pointer is now. */
  private drag: { from: [number, number]; to: [number, number] } | null = null;

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
    return {
      type: 'FeatureCollection',
      features: this.vertices.map((p) => {
        const dragged = this.drag && p[0] === this.drag.from[0] && p[1] === this.drag.from[1];
        return { type: 'Feature', geometry: { type: 'Point', coordinates: dragged ? this.drag!.to : p }, properties: { lon: p[0], lat: p[1], dragged: !!dragged } };
      }),
    };
  }

  /** Vertex dragging: press on a vertex handle, move, release; one moveSharedVertex edit on release. */
  private wireVertexDrag() {
    const map = this.map;
    map.on('mousedown', 'ed-vertices-circle', (e) => {
      if (this.mode !== 'select') return;
      const p = e.features?.[0]?.properties;
      if (!p || typeof p.lon !== 'number' || typeof p.lat !== 'number') return;
      e.preventDefault();
      map.dragPan.disable();
      this.drag = { from: [p.lon, p.lat], to: [p.lon, p.lat] };
      map.getCanvas().style.cursor = 'grabbing';
    });
    map.on('mousemove', (e) => {
      if (!this.drag) return;
      this.drag.to = [e.lngLat.lng, e.lngLat.lat];
      (map.getSource(VERTICES) as GeoJSONSource).setData(this.vertexData());
    });
    map.on('mouseup', (e) => {
      if (!this.drag) return;
      const { from } = this.drag;
      this.drag = null;
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
      const a = map.project(from);
      // A press without a real move is a click, not an edit.
      if (Math.hypot(a.x - e.point.x, a.y - e.point.y) < 3) return (map.getSource(VERTICES) as GeoJSONSource).setData(this.vertexData());
      this.opts.onVertexMoved(from, [e.lngLat.lng, e.lngLat.lat]);
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
      paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#0077b6', 'circle-stroke-width': 2 },
    });
    this.wireVertexDrag();

    // terra-draw registers its own sources and layers, so it must start after the style has loaded.
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({ pointerDistance: 20, keyEvents: { cancel: 'Escape', finish: 'Enter' } }),
        new TerraDrawLineStringMode({ pointerDistance: 20, keyEvents: { cancel: 'Escape', finish: 'Enter' } }),
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
    if (this.ready && !this.drag) (this.map.getSource(VERTICES) as GeoJSONSource).setData(this.vertexData());
  }

  setGrids(grids: FeatureCollection<MultiPolygon, DraftFeatureProps>) {
    this.grids = grids;
    if (!this.ready) return;
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
    if (!this.ready || !this.draw) return;
    this.draw.clear();
    this.draw.setMode(mode === 'draw' ? 'polygon' : mode === 'split' ? 'linestring' : 'idle');
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
    try {
      this.draw?.stop();
    } catch {
      // The map may already be gone; nothing to release then.
    }
    this.map.remove();
  }
}

