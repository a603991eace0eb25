import maplibregl, { type ExpressionSpecification, type MapMouseEvent } from 'maplibre-gl';
import { createAppMap } from '@/app/map/create-map';
import { fitBox, frameAreas } from '@/app/map/map-fit';
import { CITY_BOUNDS } from '@/app/map/state';
import { MAP_LAYER, NO_DATA_COLOUR, type MapGroup } from './choropleth';
import { assessmentMapStyle, groupLayers, LAYERS, selectedFilter, showStreetLines, STREET_LINES } from './choropleth-style';

export interface ChoroplethOptions {
  container: HTMLElement;
  origin: string;
  group: MapGroup;
  /** MapLibre's own strings, translated (the canvas's label is 'Map.Title'). */
  locale: Record<string, string>;
  /** An area was clicked: its code and, when its tile carries one, its name. */
  onAreaClick: (code: string, name: string | null) => void;
}

/**
 * Owns the assessment page's maplibregl.Map outside React's render loop (as the plan and editor
 * controllers do): React passes the grouping, the fill, the selection and what to frame in through the
 * setters; a click on an area goes back through the callback. The style is the app's offline one.
 */
export class ChoroplethController {
  readonly map: maplibregl.Map;
  private readonly opts: ChoroplethOptions;
  private ready = false;
  private group: MapGroup;
  private fill: ExpressionSpecification | string = NO_DATA_COLOUR;
  private selected: string | null = null;
  /** Bumped by every framing request, so that a late answer to an old one does nothing. */
  private frameRun = 0;
  private pendingFrame: { codes: string[]; animate: boolean } | null = null;

  constructor(opts: ChoroplethOptions) {
    this.opts = opts;
    this.group = opts.group;
    this.map = createAppMap({
      container: opts.container,
      style: assessmentMapStyle(opts.origin),
      bounds: CITY_BOUNDS,
      minZoom: 6,
      maxZoom: 18,
      locale: opts.locale,
    });
    this.map.on('load', () => this.onLoaded());
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    this.map.on('click', (e) => this.onClick(e));
    this.map.on('mousemove', (e) => {
      if (!this.ready) return;
      const hit = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.fill] }).length > 0;
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
  }

  private onLoaded() {
    this.ready = true;
    this.addGroupLayers();
    if (this.pendingFrame) {
      const { codes, animate } = this.pendingFrame;
      this.pendingFrame = null;
      this.frame(codes, animate);
    }
  }

  private addGroupLayers() {
    const { under, over } = groupLayers(this.group, this.fill, this.selected);
    for (const layer of under) this.map.addLayer(layer, STREET_LINES);
    for (const layer of over) this.map.addLayer(layer);
    this.map.setLayoutProperty(STREET_LINES, 'visibility', showStreetLines(this.group) ? 'visible' : 'none');
  }

  /** Another grouping of the three: its tile layer takes the fill, outline and highlight. */
  setGroup(group: MapGroup) {
    if (group === this.group) return;
    this.group = group;
    if (!this.ready) return;
    for (const id of Object.values(LAYERS)) if (this.map.getLayer(id)) this.map.removeLayer(id);
    this.addGroupLayers();
  }

  /** The fill colour expression (from choropleth.ts fillColour). */
  setFill(fill: ExpressionSpecification | string) {
    this.fill = fill;
    if (this.ready) this.map.setPaintProperty(LAYERS.fill, 'fill-color', fill);
  }

  setSelected(code: string | null) {
    this.selected = code;
    if (this.ready) this.map.setFilter(LAYERS.selected, selectedFilter(code));
  }

  /** Frames the areas of these codes, from the loaded tiles of the grouping's layer. */
  frame(codes: readonly string[], animate: boolean) {
    const run = ++this.frameRun;
    if (codes.length === 0) return;
    if (!this.ready) {
      this.pendingFrame = { codes: [...codes], animate };
      return;
    }
    frameAreas(this.map, {
      layer: MAP_LAYER[this.group],
      codes,
      fit: (bbox) => fitBox(this.map, bbox, { minSpan: 0.002, padding: 24, maxZoom: 16, animate }),
      superseded: () => run !== this.frameRun,
    });
  }

  private onClick(e: MapMouseEvent) {
    if (!this.ready) return;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [e.point.x - 2, e.point.y - 2],
      [e.point.x + 2, e.point.y + 2],
    ];
    const hit = this.map.queryRenderedFeatures(box, { layers: [LAYERS.fill] })[0];
    const code = hit?.properties?.code;
    if (code === undefined || code === null) return;
    const name = hit?.properties?.name;
    this.opts.onAreaClick(String(code), typeof name === 'string' && name ? name : null);
  }

  resize() {
    this.map.resize();
  }

  destroy() {
    this.frameRun++;
    this.map.remove();
  }
}
