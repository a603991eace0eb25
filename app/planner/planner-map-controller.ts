import maplibregl, { type GeoJSONSource, type MapGeoJSONFeature, type PointLike } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { createAppMap } from '@/app/map/create-map';
import { fitBox, frameAreas, type BBox } from '@/app/map/map-fit';
import { CITY_BOUNDS } from '@/app/map/state';
import {
  EMPTY,
  LAYERS,
  loadColour,
  pickLayers,
  plannerMapStyle,
  SCENARIO_SOURCE,
  scenarioSelectedFilter,
  sidePaint,
  todayFilter,
  todaySelectedFilter,
  type MapSide,
  type Norm,
} from './planner-map-style';
import type { ScopeLevel } from './scope';

/** What a click (or Enter at the centre) picked: a scenario grid by its number, or a grid in force. */
export type MapPick =
  | { kind: 'scenario'; gridNo: number }
  | { kind: 'today'; code: string; households: number | null; residents: number | null; gridKind: string | null };

export interface PlannerMapOptions {
  container: HTMLElement;
  origin: string;
  side: MapSide;
  /** MapLibre's own strings, translated (the canvas's label is 'Map.Title'). */
  locale: Record<string, string>;
  onPick: (pick: MapPick | null) => void;
}

const TILE_OF_LEVEL = { district: 'districts', street: 'streets', community: 'communities' } as const;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Owns one maplibregl.Map of the planner page outside React's render loop (as the plan and assessment
 * controllers do): React passes the scope, the norm, the scenario's grids, the selection and what to
 * frame through the setters; a pick goes back through the callback. The style is the app's offline one.
 */
export class PlannerMapController {
  readonly map: maplibregl.Map;
  private readonly opts: PlannerMapOptions;
  private ready = false;
  private side: MapSide;
  private scope: readonly string[] = [];
  private norm: Norm | null = null;
  private scenario: FeatureCollection = EMPTY;
  private selected: MapPick | null = null;
  private pendingFit: { bbox: BBox; animate: boolean } | null = null;
  private pendingFrame: { level: ScopeLevel; codes: string[] } | null = null;
  /** Bumped by every framing request, so that a late answer to an old one does nothing. */
  private frameRun = 0;

  constructor(opts: PlannerMapOptions) {
    this.opts = opts;
    this.side = opts.side;
    this.map = createAppMap({
      container: opts.container,
      style: plannerMapStyle(opts.origin, [], null),
      bounds: CITY_BOUNDS,
      minZoom: 6,
      maxZoom: 19,
      locale: opts.locale,
    });
    this.map.on('load', () => this.onLoaded());
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    this.map.on('click', (e) => this.pickAt(e.point));
    this.map.on('mousemove', (e) => {
      if (!this.ready) return;
      this.map.getCanvas().style.cursor = this.hit(e.point) ? 'pointer' : '';
    });
    // Keyboard: Enter picks the grid at the centre of the view (arrows and +/- move the map).
    this.map.getCanvas().addEventListener('keydown', this.onKeyDown);
  }

  private onLoaded() {
    this.ready = true;
    this.applyScope();
    this.applyNorm();
    this.applySide();
    this.applySelected();
    (this.map.getSource(SCENARIO_SOURCE) as GeoJSONSource).setData(this.scenario);
    if (this.pendingFit) this.fitBounds(this.pendingFit.bbox, this.pendingFit.animate);
    else if (this.pendingFrame) this.frameCodes(this.pendingFrame.level, this.pendingFrame.codes);
  }

  setSide(side: MapSide) {
    this.side = side;
    this.applySide();
  }

  private applySide() {
    if (!this.ready) return;
    const p = sidePaint(this.side);
    for (const [id, on] of Object.entries(p.visible)) this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    this.map.setPaintProperty(LAYERS.todayFill, 'fill-opacity', p.todayFillOpacity);
    this.map.setPaintProperty(LAYERS.todayLine, 'line-color', p.todayLineColour);
    this.map.setPaintProperty(LAYERS.todayLine, 'line-dasharray', p.todayLineDash ? [3, 2] : [1, 0]);
  }

  /** The scope's codes: today's grids are those whose codes start with one of them. */
  setScope(codes: readonly string[]) {
    this.scope = codes;
    this.applyScope();
  }

  private applyScope() {
    if (!this.ready) return;
    this.map.setFilter(LAYERS.todayFill, todayFilter(this.scope));
    this.map.setFilter(LAYERS.todayLine, todayFilter(this.scope));
  }

  /** The households range the grids are coloured against (the scenario's parameters). */
  setNorm(norm: Norm | null) {
    this.norm = norm;
    this.applyNorm();
  }

  private applyNorm() {
    if (!this.ready) return;
    this.map.setPaintProperty(LAYERS.todayFill, 'fill-color', loadColour(this.norm));
    this.map.setPaintProperty(LAYERS.scenarioFill, 'fill-color', loadColour(this.norm));
  }

  setScenario(fc: FeatureCollection) {
    this.scenario = fc;
    if (this.ready) (this.map.getSource(SCENARIO_SOURCE) as GeoJSONSource).setData(fc);
  }

  setSelected(pick: MapPick | null) {
    this.selected = pick;
    this.applySelected();
  }

  private applySelected() {
    if (!this.ready) return;
    const s = this.selected;
    this.map.setFilter(LAYERS.scenarioSelected, scenarioSelectedFilter(s?.kind === 'scenario' ? s.gridNo : null));
    this.map.setFilter(LAYERS.todaySelected, todaySelectedFilter(s?.kind === 'today' ? s.code : null));
  }

  private hit(point: maplibregl.Point): MapGeoJSONFeature | undefined {
    const box: [PointLike, PointLike] = [
      [point.x - 2, point.y - 2],
      [point.x + 2, point.y + 2],
    ];
    for (const layer of pickLayers(this.side)) {
      const f = this.map.queryRenderedFeatures(box, { layers: [layer] })[0];
      if (f) return f;
    }
    return undefined;
  }

  private pickAt(point: maplibregl.Point) {
    if (!this.ready) return;
    const f = this.hit(point);
    const p = f?.properties ?? {};
    if (f && f.layer.id === LAYERS.scenarioFill && typeof p.gridNo === 'number') {
      this.opts.onPick({ kind: 'scenario', gridNo: p.gridNo });
    } else if (f && f.layer.id === LAYERS.todayFill && p.code != null) {
      this.opts.onPick({ kind: 'today', code: String(p.code), households: num(p.households), residents: num(p.residents), gridKind: typeof p.kind === 'string' ? p.kind : null });
    } else {
      this.opts.onPick(null);
    }
  }

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const c = this.map.getCanvas();
    this.pickAt(new maplibregl.Point(c.clientWidth / 2, c.clientHeight / 2));
  };

  /** Frames a box (lon/lat); before the style has loaded, once it has. */
  fitBounds(bbox: BBox, animate = true) {
    // A framing of the chosen areas still waiting for tiles gives way to this one.
    this.frameRun++;
    this.pendingFrame = null;
    if (!this.ready) {
      this.pendingFit = { bbox, animate };
      return;
    }
    this.pendingFit = null;
    this.fit(bbox, animate);
  }

  private fit(bbox: BBox, animate: boolean) {
    fitBox(this.map, bbox, { minSpan: 0.002, padding: 32, maxZoom: 17, animate });
  }

  /** Frames the chosen areas (before a scenario has grids of its own) from their boundary tiles. */
  frameCodes(level: ScopeLevel, codes: readonly string[]) {
    const run = ++this.frameRun;
    if (codes.length === 0) return;
    if (!this.ready) {
      this.pendingFit = null;
      this.pendingFrame = { level, codes: [...codes] };
      return;
    }
    frameAreas(this.map, { layer: TILE_OF_LEVEL[level], codes, fit: (bbox) => this.fit(bbox, true), superseded: () => run !== this.frameRun });
  }

  destroy() {
    this.frameRun++;
    this.map.getCanvas().removeEventListener('keydown', this.onKeyDown);
    this.map.remove();
  }
}
