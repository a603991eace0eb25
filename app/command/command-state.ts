/**
 * The command map's shareable state and its URL form, so that a link reproduces what the sender saw:
 * `/command?c=118.79690,32.06030&z=12.50&w=7d&cat=manhole_cover&st=phase:open&area=320102&overdue=1&view=density&sel=123`.
 * The view is parsed as the home map parses it (app/map/state.ts).
 */
import { parseUrlState, type MapView } from '@/app/map/state';
import { DEFAULT_FILTERS, TIME_WINDOWS, isAreaCode, isCategoryCode, isStateChoice, type CommandFilters, type TimeWindow } from './filters';

export type PointMode = 'points' | 'density';

export interface CommandUrlState {
  view: MapView;
  filters: CommandFilters;
  mode: PointMode;
  /** The case open in the panel. */
  selected: number | null;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function param(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads the state from URL parameters; anything malformed falls back to the default. */
export function parseCommandUrl(params: Params): CommandUrlState {
  const { view } = parseUrlState(params);
  const w = param(params, 'w');
  const cat = param(params, 'cat');
  const st = param(params, 'st');
  const area = param(params, 'area');
  const sel = Number(param(params, 'sel'));
  return {
    view,
    filters: {
      window: w && (TIME_WINDOWS as readonly string[]).includes(w) ? (w as TimeWindow) : DEFAULT_FILTERS.window,
      category: cat && isCategoryCode(cat) ? cat : null,
      state: st && isStateChoice(st) ? st : DEFAULT_FILTERS.state,
      areaCode: area && isAreaCode(area) ? area : null,
      overdueOnly: param(params, 'overdue') === '1',
    },
    mode: param(params, 'view') === 'density' ? 'density' : 'points',
    selected: Number.isSafeInteger(sel) && sel > 0 ? sel : null,
  };
}

/** The URL query string of a state (defaults left out). */
export function serializeCommandUrl(s: CommandUrlState): string {
  const q = new URLSearchParams();
  q.set('c', `${s.view.center[0].toFixed(5)},${s.view.center[1].toFixed(5)}`);
  q.set('z', s.view.zoom.toFixed(2));
  if (s.filters.window !== DEFAULT_FILTERS.window) q.set('w', s.filters.window);
  if (s.filters.category) q.set('cat', s.filters.category);
  if (s.filters.state !== 'all') q.set('st', s.filters.state);
  if (s.filters.areaCode) q.set('area', s.filters.areaCode);
  if (s.filters.overdueOnly) q.set('overdue', '1');
  if (s.mode !== 'points') q.set('view', s.mode);
  if (s.selected !== null) q.set('sel', String(s.selected));
  return q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
