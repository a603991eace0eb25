/**
 * The assessment map's style and layers, as data: the app's offline background (nothing from outside
 * this app: no glyphs, sprites or foreign tiles), the district land and boundaries, and the chosen
 * grouping's tile layer filled by the figure, outlined, and the chosen area highlighted. Only the tile
 * sources a visible layer uses are fetched, so a district grouping never asks for grid tiles.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { offlineStyle, sourceId, type TileLayer } from '@/app/map/style';
import { MAP_LAYER, type MapGroup } from './choropleth';

export const LAYERS = {
  fill: 'as-fill',
  outline: 'as-outline',
  selected: 'as-selected',
} as const;

/** The base layers kept from the app's offline style (ids from app/map/style.ts). */
const BASE_LAYERS = ['ga-background', 'ga-districts-fill', 'ga-streets-line', 'ga-districts-line'] as const;
/** The base street lines: under the grids they show where streets part; for streets the outline is theirs. */
export const STREET_LINES = 'ga-streets-line';
const SOURCES: readonly TileLayer[] = ['districts', 'streets', 'grids'];

export const SELECTED_COLOUR = '#ff6a00';

/** The style the map starts from: background, district land, street and district lines; no figure yet. */
export function assessmentMapStyle(origin: string): StyleSpecification {
  const base = offlineStyle(origin, 'kind');
  const keep = new Set<string>(SOURCES.map(sourceId));
  const layers = new Set<string>(BASE_LAYERS);
  return {
    ...base,
    name: 'GridAtlas assessment',
    sources: Object.fromEntries(Object.entries(base.sources).filter(([id]) => keep.has(id))),
    layers: base.layers.filter((l) => layers.has(l.id)),
  };
}

const none = (): FilterSpecification => ['==', ['get', 'code'], '__none__'];

/** The selected area's outline (a code, or none). */
export const selectedFilter = (code: string | null): FilterSpecification => (code === null ? none() : ['==', ['to-string', ['get', 'code']], code]);

/**
 * The grouping's own layers: the fill (inserted under the base lines) and the outline and highlight
 * (on top). Grids are many and small: their outlines start once a grid is more than a few pixels wide.
 */
export function groupLayers(group: MapGroup, fill: ExpressionSpecification | string, selected: string | null): { under: LayerSpecification[]; over: LayerSpecification[] } {
  const layer = MAP_LAYER[group];
  const source = { source: sourceId(layer), 'source-layer': layer };
  return {
    under: [
      { id: LAYERS.fill, type: 'fill', ...source, paint: { 'fill-color': fill, 'fill-opacity': 0.88 } },
      {
        id: LAYERS.outline,
        type: 'line',
        ...source,
        ...(group === 'grid' ? { minzoom: 11 } : {}),
        paint: { 'line-color': '#ffffff', 'line-width': group === 'grid' ? 0.6 : 1, 'line-opacity': 0.9 },
      },
    ],
    over: [
      {
        id: LAYERS.selected,
        type: 'line',
        ...source,
        filter: selectedFilter(selected),
        layout: { 'line-join': 'round' },
        paint: { 'line-color': SELECTED_COLOUR, 'line-width': 3.5 },
      },
    ],
  };
}

/** Whether the base street lines show for a grouping (under grids; the streets' own outline otherwise). */
export const showStreetLines = (group: MapGroup) => group === 'grid';
