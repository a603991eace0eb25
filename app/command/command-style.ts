/**
 * The command map's style: the home map's own (app/map/style.ts: the offline background or the configured
 * basemap, the boundaries and grids exactly as drawn there, the key sites) without the layers this page
 * draws itself (the incidents, as live deck.gl points) or does not show (addresses), and with the grids
 * shaded by their open cases through feature state (the grids are keyed by code).
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { offlineStyle, overlayLayers, overlaySources, sourceId } from '@/app/map/style';
import { GRID_NO_OPEN_COLOUR, GRID_OPEN_RAMP } from './command-palette';

export interface CommandStyleOptions {
  /** The viewer may see key sites (their tiles need the key_sites capability). */
  keySites: boolean;
}

/** The home map's layers this page leaves out: it draws the cases itself and shows no addresses. */
const LEFT_OUT = new Set(['ga-incidents', 'ga-incidents-heat', 'ga-addresses', 'ga-addresses-aggregated']);
const LEFT_OUT_SOURCES = new Set([sourceId('incidents'), sourceId('addresses')]);

/** The grid feature state holding its open cases (set by the controller from the cases loaded). */
export const GRID_OPEN_STATE = 'open';
export const GRIDS_SOURCE = sourceId('grids');
export const GRIDS_SOURCE_LAYER = 'grids';

const openCases = ['to-number', ['coalesce', ['feature-state', GRID_OPEN_STATE], 0]] as unknown as ExpressionSpecification;

export const GRID_OPEN_FILL_COLOUR = [
  'case',
  ['>', openCases, 0],
  ['interpolate', ['linear'], openCases, ...GRID_OPEN_RAMP.flatMap(([n, c]) => [n, c])],
  GRID_NO_OPEN_COLOUR,
] as unknown as ExpressionSpecification;

export const GRID_OPEN_FILL_OPACITY = ['case', ['>', openCases, 0], 0.5, 0.06] as unknown as ExpressionSpecification;

export function commandLayers(layers: readonly LayerSpecification[], opts: CommandStyleOptions): LayerSpecification[] {
  return layers
    .filter((l) => !LEFT_OUT.has(l.id) && (opts.keySites || l.id !== 'ga-key-sites'))
    .map((l) =>
      l.id === 'ga-grids-fill' && l.type === 'fill' ? { ...l, paint: { ...l.paint, 'fill-color': GRID_OPEN_FILL_COLOUR, 'fill-opacity': GRID_OPEN_FILL_OPACITY } } : l,
    );
}

export function commandSources(sources: Readonly<Record<string, SourceSpecification>>, opts: CommandStyleOptions): Record<string, SourceSpecification> {
  const out: Record<string, SourceSpecification> = {};
  for (const [id, s] of Object.entries(sources)) {
    if (LEFT_OUT_SOURCES.has(id) || (!opts.keySites && id === sourceId('key_sites'))) continue;
    // Grid codes become feature ids, so a grid's open cases can be set by its code.
    out[id] = id === GRIDS_SOURCE && s.type === 'vector' ? { ...s, promoteId: { [GRIDS_SOURCE_LAYER]: 'code' } } : s;
  }
  return out;
}

/** The offline command map. */
export function commandStyle(origin: string, opts: CommandStyleOptions): StyleSpecification {
  const base = offlineStyle(origin, 'kind');
  return { ...base, name: 'GridAtlas command', sources: commandSources(base.sources, opts), layers: commandLayers(base.layers, opts) };
}

/** Our sources and layers over an online basemap style (as the home map puts its own over one). */
export function overOnlineBasemap(origin: string, next: StyleSpecification, opts: CommandStyleOptions): StyleSpecification {
  return {
    ...next,
    sources: { ...next.sources, ...commandSources(overlaySources(origin), opts) },
    layers: [...next.layers, ...commandLayers(overlayLayers('kind', { onlineBasemap: true }), opts)],
  };
}
