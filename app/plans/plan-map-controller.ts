import { createAppMap } from '@/app/map/create-map';
import maplibregl, { type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import type { FeatureCollection, Position } from 'geojson';
import { fitBox, type BBox } from '@/app/map/map-fit';
import { CITY_BOUNDS } from '@/app/map/state';
import { cancelSketch, IDLE, SKETCH_HANDLERS, sketchFeatures, startSketch, type CommentMode, type CommentPlace, type Sketch, type SketchStep } from './comment-sketch';
import { EMPTY, HATCH_IMAGE, hatchImage, LAYERS, planLayers, planMapStyle, SOURCES } from './plan-map-layers';

export type { BBox };

export interface PlanMapOptions {
  container: HTMLElement;
  origin: string;
  /** The viewer may see the boundary tiles (the 'map' capability); else a plain background. */
  boundaries: boolean;
  /** MapLibre's own strings, translated (the canvas's label is 'Map.Title'). */
  locale: Record<string, string>;
  onGridClick?: (cid: string) => void;
  onCommentClick?: (commentId: number) => void;
  /** A comment's place was pinned or drawn (the mode is over). */
  onPlaced?: (place: CommentPlace) => void;
  /** Placing went on (vertices so far), was cancelled, or an area was finished with too few vertices. */
  onSketch?: (event: { kind: 'vertices'; count: number } | { kind: 'cancelled' } | { kind: 'too_few' }) => void;
}

/**
 * Owns one maplibregl.Map of the plan page, outside React's render loop (as app/map/controller.ts and the
 * editor's controller do): React passes the data in through the setters, the map reports clicks and the
 * placing of a comment back through callbacks. The style is offline; nothing is fetched from elsewhere.
 */
export class PlanMapController {
  readonly map: maplibregl.Map;
  private readonly opts: PlanMapOptions;
  private ready = false;
  private data: Record<string, FeatureCollection> = {
    [SOURCES.diff]: EMPTY,
    [SOURCES.markers]: EMPTY,
    [SOURCES.arrangements]: EMPTY,
    [SOURCES.comments]: EMPTY,
  };
  private highlight: string | null = null;
  private sketch: Sketch = IDLE;
  private pending: CommentPlace | null = null;
  private pendingFit: { bbox: BBox; animate: boolean } | null = null;

  constructor(opts: PlanMapOptions) {
    this.opts = opts;
    this.map = createAppMap({
      container: opts.container,
      style: planMapStyle(opts.origin, opts.boundaries),
      bounds: CITY_BOUNDS,
      minZoom: 6,
      maxZoom: 20,
      locale: opts.locale,
      // A double click finishes an area being drawn; zoom with the wheel, the buttons or +/-.
      doubleClickZoom: false,
    });

    this.map.on('load', () => this.onLoaded());
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    this.map.on('click', (e) => this.onClick(e));
    this.map.on('dblclick', (e) => {
      if (this.sketch.mode === 'none') return;
      e.preventDefault();
      this.apply(SKETCH_HANDLERS[this.sketch.mode].finish(this.sketch, [e.lngLat.lng, e.lngLat.lat]));
    });
    this.map.on('mousemove', (e) => {
      if (!this.ready || this.sketch.mode !== 'none') return;
      const hit = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.commentsPoint, LAYERS.commentsFill, LAYERS.diffFill] }).length > 0;
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
    // Keyboard placing, at the centre of the view (the page shows a crosshair there): Space or Enter pins
    // a point; in an area, Space adds a vertex and Enter finishes; Escape cancels.
    this.map.getCanvas().addEventListener('keydown', this.onKeyDown);
  }

  private onLoaded() {
    const map = this.map;
    if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
    for (const id of [...Object.values(SOURCES)]) map.addSource(id, { type: 'geojson', data: EMPTY });
    for (const layer of planLayers()) map.addLayer(layer);
    this.ready = true;
    for (const [id, fc] of Object.entries(this.data)) (map.getSource(id) as GeoJSONSource).setData(fc);
    this.applyHighlight();
    this.renderSketch();
    if (this.pendingFit) this.fitBounds(this.pendingFit.bbox, this.pendingFit.animate);
  }

  private setSource(id: string, fc: FeatureCollection) {
    this.data[id] = fc;
    if (this.ready) (this.map.getSource(id) as GeoJSONSource).setData(fc);
  }

  setDiff(fc: FeatureCollection) {
    this.setSource(SOURCES.diff, fc);
  }

  setMarkers(fc: FeatureCollection) {
    this.setSource(SOURCES.markers, fc);
  }

  setArrangements(fc: FeatureCollection) {
    this.setSource(SOURCES.arrangements, fc);
  }

  setComments(fc: FeatureCollection) {
    this.setSource(SOURCES.comments, fc);
  }

  setHighlight(cid: string | null) {
    this.highlight = cid;
    this.applyHighlight();
  }

  private applyHighlight() {
    if (this.ready) this.map.setFilter(LAYERS.highlight, ['==', ['get', 'cid'], this.highlight ?? '__none__']);
  }

  /** The comment mode from the page's buttons: starts a new sketch (or ends the current one). */
  setCommentMode(mode: CommentMode) {
    if (mode === this.sketch.mode) return;
    this.sketch = startSketch(mode);
    this.map.getCanvas().style.cursor = mode === 'none' ? '' : 'crosshair';
    this.renderSketch();
  }

  /** The place of the comment being written (drawn until it is sent or dropped). */
  setPendingPlace(place: CommentPlace | null) {
    this.pending = place;
    this.renderSketch();
  }

  private renderSketch() {
    if (!this.ready) return;
    const fc = sketchFeatures(this.sketch);
    if (this.pending) fc.features.push({ type: 'Feature', geometry: this.pending, properties: {} });
    (this.map.getSource(SOURCES.sketch) as GeoJSONSource).setData(fc);
  }

  private apply(step: SketchStep) {
    this.sketch = step.sketch;
    if (step.sketch.mode === 'none') this.map.getCanvas().style.cursor = '';
    this.renderSketch();
    if (step.kind === 'placed') this.opts.onPlaced?.(step.place);
    else if (step.kind === 'cancelled') this.opts.onSketch?.({ kind: 'cancelled' });
    else if (step.kind === 'too_few') this.opts.onSketch?.({ kind: 'too_few' });
    else if (step.sketch.mode === 'area') this.opts.onSketch?.({ kind: 'vertices', count: step.sketch.ring.length });
  }

  private onClick(e: MapMouseEvent) {
    // Placing needs only the position, so it works before the style has loaded; picking needs the layers.
    if (this.sketch.mode !== 'none') {
      this.apply(SKETCH_HANDLERS[this.sketch.mode].add(this.sketch, [e.lngLat.lng, e.lngLat.lat]));
      return;
    }
    if (!this.ready) return;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [e.point.x - 3, e.point.y - 3],
      [e.point.x + 3, e.point.y + 3],
    ];
    const comment = this.map.queryRenderedFeatures(box, { layers: [LAYERS.commentsPoint, LAYERS.commentsFill] })[0];
    if (comment && typeof comment.properties?.id === 'number') {
      this.opts.onCommentClick?.(comment.properties.id);
      return;
    }
    const grid = this.map.queryRenderedFeatures(box, { layers: [LAYERS.markers, LAYERS.diffFill] })[0];
    if (grid && typeof grid.properties?.cid === 'string') this.opts.onGridClick?.(grid.properties.cid);
  }

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (this.sketch.mode === 'none') return;
    const centre = (): Position => {
      const c = this.map.getCenter();
      return [c.lng, c.lat];
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      this.apply(cancelSketch(this.sketch));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.apply(SKETCH_HANDLERS[this.sketch.mode].finish(this.sketch, centre()));
    } else if (e.key === ' ') {
      e.preventDefault();
      this.apply(SKETCH_HANDLERS[this.sketch.mode].add(this.sketch, centre()));
    }
  };

  /** Cancels placing from outside the map (the page's Escape or a mode button). */
  cancelSketch() {
    this.apply(cancelSketch(this.sketch));
  }

  /** Frames a box (lon/lat); before the style has loaded, once it has. */
  fitBounds(bbox: BBox, animate = true) {
    if (!this.ready) {
      this.pendingFit = { bbox, animate };
      return;
    }
    this.pendingFit = null;
    fitBox(this.map, bbox, { minSpan: 0.0008, padding: 40, maxZoom: 18, animate });
  }

  destroy() {
    this.map.getCanvas().removeEventListener('keydown', this.onKeyDown);
    this.map.remove();
  }
}
