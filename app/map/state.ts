/**
 * The map's shareable state (view, layers, grid colouring, selection, the "as of" day) and its URL form,
 * so that a link reproduces what the sender saw:
 * `/?c=118.7969,32.0603&z=12.5&l=districts,grids&fill=load&sel=grid:320102001001001&asOf=2025-06-30`.
 */
import { isChinaDay } from '@/geo/time/china-day';

export const LAYER_IDS = [
  'districts',
  'streets',
  'communities',
  'grids',
  'addresses',
  'workers',
  'keySites',
  'incidents',
  'incidentDensity',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export const LAYER_GROUPS: { id: 'groupBoundaries' | 'groupGrids' | 'groupOperations'; layers: LayerId[] }[] = [
  { id: 'groupBoundaries', layers: ['districts', 'streets', 'communities'] },
  { id: 'groupGrids', layers: ['grids', 'addresses'] },
  { id: 'groupOperations', layers: ['workers', 'keySites', 'incidents', 'incidentDensity'] },
];

export const DEFAULT_LAYERS: readonly LayerId[] = ['districts', 'streets', 'communities', 'grids', 'workers', 'keySites', 'incidents'];

export type GridFill = 'kind' | 'load';

/** Worker positions are drawn from this zoom on: a whole city of dots says nothing and hides the rest. */
export const WORKERS_MIN_ZOOM = 11;

export type Selection =
  | { kind: 'grid'; code: string }
  | { kind: 'district' | 'street' | 'community' | 'address' | 'keySite' | 'incident' | 'worker'; id: number };

export interface MapView {
  center: [number, number];
  zoom: number;
}

export interface MapUrlState {
  view: MapView;
  layers: LayerId[];
  gridFill: GridFill;
  selection: Selection | null;
  /** The day (YYYY-MM-DD, in China) whose grids in force the map shows; null: now. */
  asOf: string | null;
}

/** Nanjing as a whole: 11 districts from 六合 in the north to 高淳 in the south. */
export const DEFAULT_VIEW: MapView = { center: [118.85, 31.93], zoom: 8.6 };
export const CITY_BOUNDS: [number, number, number, number] = [117.9, 30.9, 119.8, 32.95];

/** How far a city map may be panned: the city with a margin of 1.5° (the maps' `maxBounds`). */
export const CITY_MAX_BOUNDS: [[number, number], [number, number]] = [
  [CITY_BOUNDS[0] - 1.5, CITY_BOUNDS[1] - 1.5],
  [CITY_BOUNDS[2] + 1.5, CITY_BOUNDS[3] + 1.5],
];

const SELECTION_KINDS = ['district', 'street', 'community', 'address', 'keySite', 'incident', 'worker'] as const;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function param(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

export function parseSelection(text: string | undefined): Selection | null {
  if (!text) return null;
  const [kind, key] = text.split(':', 2);
  if (kind === 'grid' && /^[0-9]{15}$/.test(key ?? '')) return { kind: 'grid', code: key! };
  const id = Number(key);
  if ((SELECTION_KINDS as readonly string[]).includes(kind) && Number.isInteger(id) && id > 0) {
    return { kind: kind as (typeof SELECTION_KINDS)[number], id };
  }
  return null;
}

export function selectionKey(selection: Selection): string {
  return selection.kind === 'grid' ? `grid:${selection.code}` : `${selection.kind}:${selection.id}`;
}

/** Reads the state from URL parameters; anything malformed falls back to the default. */
export function parseUrlState(params: Params): MapUrlState {
  const view = { ...DEFAULT_VIEW, center: [...DEFAULT_VIEW.center] as [number, number] };
  const c = param(params, 'c')?.split(',').map(Number);
  if (c && c.length === 2 && c.every(Number.isFinite) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 85) {
    view.center = [c[0], c[1]];
  }
  const z = Number(param(params, 'z'));
  if (param(params, 'z') !== undefined && Number.isFinite(z) && z >= 0 && z <= 22) view.zoom = z;
  const l = param(params, 'l');
  const layers =
    l === undefined
      ? [...DEFAULT_LAYERS]
      : LAYER_IDS.filter((id) => l.split(',').includes(id));
  const gridFill: GridFill = param(params, 'fill') === 'load' ? 'load' : 'kind';
  const asOf = param(params, 'asOf');
  return { view, layers, gridFill, selection: parseSelection(param(params, 'sel')), asOf: asOf && isChinaDay(asOf) ? asOf : null };
}

/** The URL query string for a state (view rounded to what a screen can tell apart). */
export function serializeUrlState(state: MapUrlState): string {
  const q = new URLSearchParams();
  q.set('c', `${state.view.center[0].toFixed(5)},${state.view.center[1].toFixed(5)}`);
  q.set('z', state.view.zoom.toFixed(2));
  q.set('l', LAYER_IDS.filter((id) => state.layers.includes(id)).join(','));
  if (state.gridFill !== 'kind') q.set('fill', state.gridFill);
  if (state.selection) q.set('sel', selectionKey(state.selection));
  if (state.asOf) q.set('asOf', state.asOf);
  // Commas and colons are legal in a query; keep links readable.
  return q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
