/**
 * The planner map's style and layers, as data: the app's offline background and boundaries, today's
 * grids from the app's own grid tiles (only those of the scope), and the scenario's grids from a GeoJSON
 * source, both coloured against the scenario's households range (below / within / above; dedicated
 * grids apart, since the norm is for comprehensive grids). Three ways to show them: the scenario
 * outlined over today's ('over'), and, side by side, today's alone or the scenario's alone. Pure, so
 * the tests and the legend can rely on the ids and colours.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { GRID_LOAD_COLOURS } from '@/app/map/palette';
import { offlineStyle, sourceId, type TileLayer } from '@/app/map/style';

export const SCENARIO_SOURCE = 'pn-scenario';
export const TODAY_SOURCE = sourceId('grids');

export const LAYERS = {
  todayFill: 'pn-today-fill',
  todayLine: 'pn-today-line',
  todaySelected: 'pn-today-selected',
  scenarioFill: 'pn-scenario-fill',
  scenarioLine: 'pn-scenario-line',
  scenarioSelected: 'pn-scenario-selected',
} as const;

/** The colours of the map and its legend (one place). */
export const NORM_COLOURS = {
  below: GRID_LOAD_COLOURS.under,
  within: GRID_LOAD_COLOURS.within,
  above: GRID_LOAD_COLOURS.over,
  dedicated: '#a7a0c4',
  todayOutline: '#c2185b',
  scenarioOutline: '#15253b',
  selected: '#ff6a00',
} as const;

export type MapSide = 'over' | 'today' | 'scenario';

export interface Norm {
  min: number;
  max: number;
}

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A grid's class against the range, as the figures count it: households only; dedicated grids apart. */
export function loadColour(norm: Norm | null): ExpressionSpecification {
  const households: ExpressionSpecification = ['to-number', ['get', 'households'], 0];
  if (!norm) return ['case', ['==', ['get', 'kind'], 'dedicated'], NORM_COLOURS.dedicated, NORM_COLOURS.within];
  return [
    'case',
    ['==', ['get', 'kind'], 'dedicated'], NORM_COLOURS.dedicated,
    ['<', households, norm.min], NORM_COLOURS.below,
    ['>', households, norm.max], NORM_COLOURS.above,
    NORM_COLOURS.within,
  ];
}

/** Today's grids of the scope: their codes start with a scope code (grid codes nest in area codes). */
export function todayFilter(scopeCodes: readonly string[]): FilterSpecification {
  if (scopeCodes.length === 0) return ['==', ['get', 'code'], '__none__'];
  return ['any', ...scopeCodes.map((c): ExpressionSpecification => ['==', ['slice', ['to-string', ['get', 'code']], 0, c.length], c])] as FilterSpecification;
}

export const scenarioSelectedFilter = (gridNo: number | null): FilterSpecification => ['==', ['get', 'gridNo'], gridNo ?? -1];
export const todaySelectedFilter = (code: string | null): FilterSpecification => ['==', ['to-string', ['get', 'code']], code ?? '__none__'];

/** The tiles kept from the app's offline style: the boundaries, and the grids for the planner's own layers. */
const TILE_SOURCES: readonly TileLayer[] = ['districts', 'streets', 'communities', 'grids'];

/** The offline style with the planner's layers; nothing is fetched from anywhere but this app. */
export function plannerMapStyle(origin: string, scopeCodes: readonly string[], norm: Norm | null): StyleSpecification {
  const base = offlineStyle(origin, 'kind');
  const keep = new Set(TILE_SOURCES.map(sourceId));
  const layer = (id: string) => base.layers.find((l) => l.id === id)!;
  const today: LayerSpecification[] = [
    {
      id: LAYERS.todayFill,
      type: 'fill',
      source: TODAY_SOURCE,
      'source-layer': 'grids',
      filter: todayFilter(scopeCodes),
      paint: { 'fill-color': loadColour(norm), 'fill-opacity': 0 },
    },
  ];
  // Today's dashed outlines over the scenario's wider solid ones: where both run, the dashes sit on the line.
  const scenario: LayerSpecification[] = [
    { id: LAYERS.scenarioFill, type: 'fill', source: SCENARIO_SOURCE, paint: { 'fill-color': loadColour(norm), 'fill-opacity': 0.45 } },
    {
      id: LAYERS.scenarioLine,
      type: 'line',
      source: SCENARIO_SOURCE,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': NORM_COLOURS.scenarioOutline, 'line-width': 2.6 },
    },
    {
      id: LAYERS.todayLine,
      type: 'line',
      source: TODAY_SOURCE,
      'source-layer': 'grids',
      filter: todayFilter(scopeCodes),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': NORM_COLOURS.todayOutline, 'line-width': 1.6, 'line-dasharray': [3, 2] },
    },
  ];
  const selected: LayerSpecification[] = [
    {
      id: LAYERS.todaySelected,
      type: 'line',
      source: TODAY_SOURCE,
      'source-layer': 'grids',
      filter: todaySelectedFilter(null),
      paint: { 'line-color': NORM_COLOURS.selected, 'line-width': 4 },
    },
    {
      id: LAYERS.scenarioSelected,
      type: 'line',
      source: SCENARIO_SOURCE,
      filter: scenarioSelectedFilter(null),
      paint: { 'line-color': NORM_COLOURS.selected, 'line-width': 4 },
    },
  ];
  return {
    version: 8,
    name: 'GridAtlas planner',
    sources: {
      ...Object.fromEntries(Object.entries(base.sources).filter(([id]) => keep.has(id))),
      [SCENARIO_SOURCE]: { type: 'geojson', data: EMPTY },
    },
    layers: [
      layer('ga-background'),
      layer('ga-districts-fill'),
      ...today,
      layer('ga-communities-line'),
      layer('ga-streets-line'),
      layer('ga-districts-line'),
      ...scenario,
      ...selected,
    ],
  };
}

/** What each way of showing changes: visibility and paint of the grid layers. */
export interface SidePaint {
  visible: Record<string, boolean>;
  todayFillOpacity: number;
  todayLineColour: string;
  todayLineDash: boolean;
}

export function sidePaint(side: MapSide): SidePaint {
  const all = (on: boolean, ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, on]));
  const todayIds = [LAYERS.todayFill, LAYERS.todayLine, LAYERS.todaySelected];
  const scenarioIds = [LAYERS.scenarioFill, LAYERS.scenarioLine, LAYERS.scenarioSelected];
  switch (side) {
    case 'over':
      // Today's outlines dashed under the scenario's filled grids.
      return { visible: { ...all(true, todayIds), ...all(true, scenarioIds) }, todayFillOpacity: 0, todayLineColour: NORM_COLOURS.todayOutline, todayLineDash: true };
    case 'today':
      return { visible: { ...all(true, todayIds), ...all(false, scenarioIds) }, todayFillOpacity: 0.45, todayLineColour: NORM_COLOURS.scenarioOutline, todayLineDash: false };
    case 'scenario':
      return { visible: { ...all(false, todayIds), ...all(true, scenarioIds) }, todayFillOpacity: 0, todayLineColour: NORM_COLOURS.todayOutline, todayLineDash: true };
  }
}

/** The layers a click or Enter picks from, most specific first. */
export function pickLayers(side: MapSide): string[] {
  return side === 'today' ? [LAYERS.todayFill] : side === 'scenario' ? [LAYERS.scenarioFill] : [LAYERS.scenarioFill, LAYERS.todayFill];
}

export type NormClass = 'below' | 'within' | 'above' | 'dedicated';

/** The same classes as loadColour, for the details and the list (households only, dedicated apart). */
export function normClass(households: number, kind: string | null, norm: Norm): NormClass {
  if (kind === 'dedicated') return 'dedicated';
  return households < norm.min ? 'below' : households > norm.max ? 'above' : 'within';
}
