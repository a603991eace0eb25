import { createAppMap } from '@/app/map/create-map';
import maplibregl, { type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRenderMode, type SnapToCustom } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { bboxOf } from './bbox';
import { offlineStyle, overlayLayers, overlaySources } from '@/app/map/style';
import { CITY_BOUNDS, type MapView } from '@/app/map/state';
import type { EditorMode } from './editor-state';
import { MODE_HANDLERS, type DrawTool, type ModeContext, type ModeHandler } from './editor-modes';
import { addEditorLayers, EMPTY, LAYERS, SOURCES, vertexFeatures } from './editor-layers';
import { EditorSnapping } from './editor-snapping';
import { VertexKeyboard, type KeyboardVertex } from './vertex-keyboard';
import { VertexDrag } from './vertex-drag';

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
  /** A polygon (draw mode) or a line (split or reshape mode) was finished. */
  onDrawn: (geometry: Polygon | LineString, mode: EditorMode) => void;
  /** The shape being drawn changed (for the instant checks). */
  onDrawing: (geometry: Polygon | null) => void;
  /** A vertex of the selected grid was dragged from one position to another (a shared vertex moves in every grid). */
  onVertexMoved: (from: [number, number], to: [number, number]) => void;
  /** The vertex chosen with the keyboard changed (chosen, moved, put back), or none is chosen: for screen readers. */
  onKeyboardVertex: (v: KeyboardVertex | null) => void;
}

/**
 * Owns the editor's maplibregl.Map and its terra-draw instance, outside React's render loop (the same
 * split as app/map/controller.ts). React passes the draft, the findings, the selection and the mode in;
 * what the mode changes is looked up in MODE_HANDLERS.
 */
export class EditorController {
  readonly map: maplibregl.Map;
  private draw: TerraDraw | null = null;
  private readonly opts: EditorControllerOptions;
  private ready = false;
  private grids: FeatureCollection<MultiPolygon, DraftFeatureProps> = { type: 'FeatureCollection', features: [] };
  private findings: FeatureCollection = EMPTY;
  private preview: FeatureCollection = EMPTY;
  private comments: FeatureCollection = EMPTY;
  private selectedKeys: string[] = [];
  private focusedFinding = -1;
  private mode: EditorMode = 'select';
  private fittedOnce: boolean;
  private vertices: Position[] = [];
  private readonly snapping: EditorSnapping;
  private readonly vertexKeys: VertexKeyboard;
  private readonly vertexDrag: VertexDrag;
  private readonly modeContext: ModeContext;

  constructor(opts: EditorControllerOptions) {
    this.opts = opts;
    this.fittedOnce = opts.view !== null;
    const view = opts.view ?? { center: [(CITY_BOUNDS[0] + CITY_BOUNDS[2]) / 2, (CITY_BOUNDS[1] + CITY_BOUNDS[3]) / 2] as [number, number], zoom: 9 };
    this.map = createAppMap({
      container: opts.container,
      style: offlineStyle(opts.origin, 'kind'),
      center: view.center,
      zoom: view.zoom,
      minZoom: 6,
      maxZoom: 20,
      locale: opts.locale,
      // Shift+click adds a grid to the selection (for a merge or a shared boundary): no shift+drag box zoom.
      boxZoom: false,
      // Clicks are placed on exact vertices: a double click must not zoom while drawing.
      doubleClickZoom: false,
    });
    if (opts.basemapStyle) {
      this.map.setStyle(opts.basemapStyle, {
        transformStyle: (_p, next: StyleSpecification) => ({
          ...next,
          sources: { ...next.sources, ...overlaySources(opts.origin) },
          layers: [...next.layers, ...overlayLayers('kind', { onlineBasemap: true })],
        }),
      });
    }

    this.snapping = new EditorSnapping(this.map, () => this.ready);
    const snap = (p: [number, number], moving: [number, number]) => this.snapping.snap(p, moving);
    const clearSnapCue = () => this.snapping.clearCue();
    this.vertexKeys = new VertexKeyboard(this.map, {
      canMove: () => this.ready && this.handler.vertexHandles.keyboard && !this.vertexDrag.current,
      vertices: () => this.vertices,
      snap,
      clearSnapCue,
      render: () => this.renderVertices(),
      announce: opts.onKeyboardVertex,
      onVertexMoved: opts.onVertexMoved,
    });
    this.vertexDrag = new VertexDrag(this.map, {
      canDrag: () => this.handler.vertexHandles.drag,
      modeCursor: () => this.handler.cursor,
      snap,
      clearSnapCue,
      paint: () => this.paintVertices(),
      takeOver: () => this.vertexKeys.letGo(),
      onVertexMoved: opts.onVertexMoved,
    });
    this.modeContext = {
      gridAt: (point) => {
        const hits = this.map.queryRenderedFeatures(
          [
            [point.x - 2, point.y - 2],
            [point.x + 2, point.y + 2],
          ],
          { layers: [LAYERS.draftFill] },
        );
        const key = hits[0]?.properties?.key;
        return typeof key === 'string' ? key : null;
      },
      onGridClick: opts.onGridClick,
      onDrawn: opts.onDrawn,
      onDrawing: opts.onDrawing,
    };

    this.map.on('load', () => this.onStyleLoaded());
    // Keyboard vertex moves: the keys reach the container from the focused map canvas.
    opts.container.addEventListener('keydown', this.vertexKeys.onKeyDown);
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    this.map.on('click', (e) => {
      if (this.ready) this.handler.click?.(this.modeContext, e);
    });
  }

  private get handler(): ModeHandler {
    return MODE_HANDLERS[this.mode];
  }

  /** Draws the vertex handles; the vertex being moved, by the mouse or by the keyboard, where it would go. */
  private paintVertices() {
    const data = vertexFeatures(this.vertices, this.vertexDrag.current ?? this.vertexKeys.move, this.vertexKeys.chosen);
    (this.map.getSource(SOURCES.vertices) as GeoJSONSource).setData(data);
  }

  /** Redraws the vertex handles, except during a drag, which draws them itself as the pointer moves. */
  private renderVertices() {
    if (this.ready && !this.vertexDrag.current) this.paintVertices();
  }

  /** terra-draw's hook: the same snapping for the polygon being drawn and for split or boundary lines. */
  private readonly snapDrawing: SnapToCustom = (e) => {
    const s = this.snapping.snap([e.lng, e.lat]);
    return s.kind === 'none' ? undefined : s.position;
  };

  private onStyleLoaded() {
    const map = this.map;
    addEditorLayers(map, this.opts.streetCode);
    this.vertexDrag.wire();

    // terra-draw registers its own sources and layers, so it must start after the style has loaded.
    // Its snapping is ours (toCustom), and our cue replaces its snapping point.
    const snapping = { toCustom: this.snapDrawing };
    const noSnapPoint = { snappingPointOpacity: 0, snappingPointOutlineOpacity: 0 };
    // One terra-draw mode per tool a mode handler can name.
    const tools: Record<DrawTool, TerraDrawPolygonMode | TerraDrawLineStringMode | TerraDrawRenderMode> = {
      polygon: new TerraDrawPolygonMode({ modeName: 'polygon', pointerDistance: 20, keyEvents: { cancel: 'Escape', finish: 'Enter' }, snapping, styles: noSnapPoint }),
      linestring: new TerraDrawLineStringMode({ modeName: 'linestring', pointerDistance: 20, keyEvents: { cancel: 'Escape', finish: 'Enter' }, snapping, styles: noSnapPoint }),
      idle: new TerraDrawRenderMode({ modeName: 'idle', styles: {} }),
    };
    this.draw = new TerraDraw({ adapter: new TerraDrawMapLibreGLAdapter({ map }), modes: Object.values(tools) });
    this.draw.start();
    this.draw.on('finish', (id) => {
      const f = this.draw?.getSnapshotFeature(id);
      const { drawn } = this.handler;
      // The drawn shape goes to the server; the draft source shows the result, so the sketch is dropped.
      this.draw?.clear();
      this.opts.onDrawing(null);
      if (f && (f.geometry.type === 'Polygon' || f.geometry.type === 'LineString')) drawn?.(this.modeContext, f.geometry as Polygon | LineString);
    });
    this.draw.on('change', (ids, type) => {
      // A delete is the sketch being cleared (by a finish or a mode change), not a change to the drawing.
      const { drawingChanged } = this.handler;
      if (!drawingChanged || type === 'delete') return;
      const f = ids.length ? this.draw?.getSnapshotFeature(ids[0]!) : undefined;
      drawingChanged(this.modeContext, f?.geometry ?? null);
    });
    this.ready = true;
    this.applyAll();
  }

  private applyAll() {
    this.setGrids(this.grids);
    this.setFindings(this.findings, this.focusedFinding);
    this.setPreview(this.preview);
    this.setComments(this.comments);
    this.setSelection(this.selectedKeys);
    this.setVertices(this.vertices);
    this.setMode(this.mode);
  }

  /** Drag handles: the vertices of the selected grid (empty when none or several are selected). */
  setVertices(vertices: Position[]) {
    this.vertices = vertices;
    this.vertexKeys.follow();
    this.renderVertices();
  }

  /** Snapping on or off (the toolbar's toggle): drawing, dragging and keyboard moves alike. */
  setSnapping(on: boolean) {
    this.snapping.setEnabled(on);
  }

  /** The street's community boundaries, snap targets besides the draft grids. */
  setSnapBoundaries(boundaries: MultiPolygon[]) {
    this.snapping.setBoundaries(boundaries);
  }

  setGrids(grids: FeatureCollection<MultiPolygon, DraftFeatureProps>) {
    this.grids = grids;
    this.snapping.setGrids(grids.features.map((f) => f.geometry));
    if (!this.ready) return;
    // Not idle until the new draft is drawn (the next 'idle' event): clicks before that hit the old shapes.
    this.opts.container.dataset.mapState = 'loading';
    (this.map.getSource(SOURCES.draft) as GeoJSONSource).setData(grids);
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
    (this.map.getSource(SOURCES.findings) as GeoJSONSource).setData(data);
  }

  setPreview(preview: FeatureCollection) {
    this.preview = preview;
    if (this.ready) (this.map.getSource(SOURCES.preview) as GeoJSONSource).setData(preview);
  }

  /** The places review comments are pinned to (plan-workflow.ts commentPlaces). */
  setComments(comments: FeatureCollection) {
    this.comments = comments;
    if (this.ready) (this.map.getSource(SOURCES.comments) as GeoJSONSource).setData(comments);
  }

  setSelection(keys: string[]) {
    this.selectedKeys = keys;
    if (this.ready) this.map.setFilter(LAYERS.draftSelected, ['in', ['get', 'key'], ['literal', keys]]);
  }

  setMode(mode: EditorMode) {
    this.mode = mode;
    const h = this.handler;
    if (!h.vertexHandles.keyboard && this.vertexKeys.chosen) {
      this.vertexKeys.letGo();
      this.renderVertices();
    }
    if (!this.ready || !this.draw) return;
    this.snapping.clearCue();
    this.draw.clear();
    this.draw.setMode(h.tool);
    this.map.getCanvas().style.cursor = h.cursor;
    this.map.setLayoutProperty(LAYERS.vertices, 'visibility', h.vertexHandles.visible ? 'visible' : 'none');
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
    this.opts.container.removeEventListener('keydown', this.vertexKeys.onKeyDown);
    try {
      this.draw?.stop();
    } catch {
      // The map may already be gone; nothing to release then.
    }
    this.map.remove();
  }
}
