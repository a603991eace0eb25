import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import {
  ADDRESS_COLOUR,
  GRID_KIND_COLOURS,
  GRID_LOAD_COLOURS,
  INCIDENT_OVERDUE_RING,
  INCIDENT_PHASE_COLOURS,
} from './palette';
import type { GridFill, LayerId } from './state';
import { CLOSED_STATES, CLOSED_WORKLOAD_WEIGHT, statesInPhase } from '@/geo/incidents/incident-states';

/** The vector tile layers the app serves at /tiles/{layer}/{z}/{x}/{y}.mvt (source-layer = layer). */
export const TILE_LAYERS = ['districts', 'streets', 'communities', 'grids', 'addresses', 'key_sites', 'incidents'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

const SOURCE_PREFIX = 'ga-';
export const sourceId = (layer: TileLayer) => `${SOURCE_PREFIX}${layer}`;

/** Style layer ids that each toggle in the layer panel shows or hides. */
export const STYLE_LAYERS_BY_TOGGLE: Record<LayerId, string[]> = {
  districts: ['ga-districts-fill', 'ga-districts-line'],
  streets: ['ga-streets-line', 'ga-streets-hit'],
  communities: ['ga-communities-line', 'ga-communities-hit'],
  grids: ['ga-grids-fill', 'ga-grids-line'],
  addresses: ['ga-addresses-aggregated', 'ga-addresses'],
  workers: [],
  keySites: ['ga-key-sites'],
  incidents: ['ga-incidents'],
  incidentDensity: ['ga-incidents-heat'],
};

/** Style layers a click can land on, most specific first. */
export const CLICKABLE_LAYERS = [
  'ga-incidents',
  'ga-key-sites',
  'ga-addresses',
  'ga-grids-fill',
  'ga-communities-hit',
  'ga-streets-hit',
  'ga-districts-fill',
] as const;

/** The tile layers that follow the map's "as of" day (the tile route's `at`): the grids and what they sum. */
export const AS_OF_TILE_LAYERS: readonly TileLayer[] = ['grids', 'addresses'];

/** A layer's tile URL template; with an "as of" day (YYYY-MM-DD) for the layers that follow it. */
export function tileUrl(origin: string, layer: TileLayer, asOf: string | null = null): string {
  const at = asOf && AS_OF_TILE_LAYERS.includes(layer) ? `?at=${asOf}` : '';
  return `${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${at}`;
}

function tileSource(origin: string, layer: TileLayer, asOf: string | null): SourceSpecification {
  return {
    type: 'vector',
    tiles: [tileUrl(origin, layer, asOf)],
    minzoom: 0,
    // Tiles past z16 are over-zoomed from z16: the data has no finer detail.
    maxzoom: 16,
  };
}

const byZoom = (...stops: number[]): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...stops] as unknown as ExpressionSpecification;

/** value × a factor interpolated by zoom (zoom must be the top-level input of an interpolate). */
const scaledByZoom = (value: unknown, z0: number, f0: number, z1: number, f1: number): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], z0, ['*', f0, value], z1, ['*', f1, value]] as unknown as ExpressionSpecification;

export function gridFillColour(fill: GridFill): ExpressionSpecification {
  if (fill === 'load') {
    return ['match', ['get', 'load'], 'under', GRID_LOAD_COLOURS.under, 'over', GRID_LOAD_COLOURS.over, GRID_LOAD_COLOURS.within];
  }
  return [
    'case',
    ['==', ['get', 'kind'], 'dedicated'],
    [
      'match',
      ['get', 'dedicated_type'],
      'park', GRID_KIND_COLOURS.park,
      'school', GRID_KIND_COLOURS.school,
      'hospital', GRID_KIND_COLOURS.hospital,
      'enterprise', GRID_KIND_COLOURS.enterprise,
      'market', GRID_KIND_COLOURS.market,
      'government', GRID_KIND_COLOURS.government,
      GRID_KIND_COLOURS.park,
    ],
    GRID_KIND_COLOURS.comprehensive,
  ];
}

export function gridFillOpacity(fill: GridFill): ExpressionSpecification {
  // Load colours carry the message, so they are stronger; kind colours stay light over the boundaries.
  return fill === 'load' ? byZoom(8, 0.45, 14, 0.55) : byZoom(8, 0.16, 14, 0.22);
}

const statusColour: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  [...statesInPhase('open')], INCIDENT_PHASE_COLOURS.open,
  [...statesInPhase('handled')], INCIDENT_PHASE_COLOURS.handled,
  INCIDENT_PHASE_COLOURS.closed,
] as unknown as ExpressionSpecification;

/** Selection outlines: filtered by code, so they follow the selection without new data. */
export const SELECTION_LAYERS = {
  grid: 'ga-grids-selected',
  community: 'ga-communities-selected',
  street: 'ga-streets-selected',
  district: 'ga-districts-selected',
} as const;

const NOTHING: ExpressionSpecification = ['==', ['get', 'code'], '__none__'];

/** The app's own layers, drawn over the offline background or an online basemap. */
export function overlayLayers(fill: GridFill, opts: { onlineBasemap?: boolean } = {}): LayerSpecification[] {
  return [
    {
      id: 'ga-districts-fill',
      type: 'fill',
      source: sourceId('districts'),
      'source-layer': 'districts',
      // Over an online basemap the land fill would hide it; keep the layer (it is what a click hits).
      paint: { 'fill-color': '#fbfaf6', 'fill-opacity': opts.onlineBasemap ? 0.01 : 0.85 },
    },
    {
      id: 'ga-incidents-heat',
      type: 'heatmap',
      source: sourceId('incidents'),
      'source-layer': 'incidents',
      layout: { visibility: 'none' },
      paint: {
        // Open cases weigh more than closed ones: the density view is about the current workload. Below
        // the points' zoom the tiles carry one point per cell with the weights already summed.
        'heatmap-weight': [
          'case',
          ['to-boolean', ['get', 'aggregated']],
          ['to-number', ['get', 'weight']],
          ['match', ['get', 'status'], [...CLOSED_STATES], CLOSED_WORKLOAD_WEIGHT, 1],
        ],
        'heatmap-intensity': byZoom(8, 0.6, 15, 2),
        'heatmap-radius': byZoom(8, 6, 12, 14, 16, 28),
        'heatmap-opacity': 0.75,
        'heatmap-color': [
          'interpolate', ['linear'], ['heatmap-density'],
          0, 'rgba(255,255,255,0)',
          0.15, '#fde0c5',
          0.4, '#facba6',
          0.6, '#f59e72',
          0.8, '#eb7f54',
          1, '#b3203a',
        ],
      },
    },
    {
      id: 'ga-grids-fill',
      type: 'fill',
      source: sourceId('grids'),
      'source-layer': 'grids',
      paint: { 'fill-color': gridFillColour(fill), 'fill-opacity': gridFillOpacity(fill) },
    },
    {
      id: 'ga-grids-line',
      type: 'line',
      source: sourceId('grids'),
      'source-layer': 'grids',
      minzoom: 11,
      paint: { 'line-color': '#2f6fb5', 'line-opacity': byZoom(11, 0.35, 15, 0.8), 'line-width': byZoom(11, 0.3, 14, 0.8, 17, 1.6) },
    },
    // Wide transparent strokes make thin community/street boundaries clickable where no grid covers.
    {
      id: 'ga-communities-hit',
      type: 'fill',
      source: sourceId('communities'),
      'source-layer': 'communities',
      minzoom: 11,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    },
    {
      id: 'ga-streets-hit',
      type: 'fill',
      source: sourceId('streets'),
      'source-layer': 'streets',
      minzoom: 9,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    },
    {
      id: 'ga-communities-line',
      type: 'line',
      source: sourceId('communities'),
      'source-layer': 'communities',
      minzoom: 11,
      paint: {
        'line-color': '#7e6bb3',
        'line-width': byZoom(11, 0.5, 15, 1.6),
        'line-dasharray': [3, 2],
        'line-opacity': byZoom(11, 0.5, 13, 0.9),
      },
    },
    {
      id: 'ga-streets-line',
      type: 'line',
      source: sourceId('streets'),
      'source-layer': 'streets',
      minzoom: 9,
      paint: { 'line-color': '#6b7a90', 'line-width': byZoom(9, 0.6, 12, 1.4, 16, 2.6), 'line-opacity': 0.9 },
    },
    {
      id: 'ga-districts-line',
      type: 'line',
      source: sourceId('districts'),
      'source-layer': 'districts',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#3a4559', 'line-width': byZoom(7, 1.2, 12, 2.4, 16, 3.5) },
    },
    {
      id: SELECTION_LAYERS.district,
      type: 'line',
      source: sourceId('districts'),
      'source-layer': 'districts',
      filter: NOTHING,
      paint: { 'line-color': '#ff6a00', 'line-width': 3.5 },
    },
    {
      id: SELECTION_LAYERS.street,
      type: 'line',
      source: sourceId('streets'),
      'source-layer': 'streets',
      filter: NOTHING,
      paint: { 'line-color': '#ff6a00', 'line-width': 3 },
    },
    {
      id: SELECTION_LAYERS.community,
      type: 'line',
      source: sourceId('communities'),
      'source-layer': 'communities',
      filter: NOTHING,
      paint: { 'line-color': '#ff6a00', 'line-width': 3 },
    },
    {
      id: SELECTION_LAYERS.grid,
      type: 'line',
      source: sourceId('grids'),
      'source-layer': 'grids',
      filter: NOTHING,
      paint: { 'line-color': '#ff6a00', 'line-width': byZoom(10, 2, 16, 4) },
    },
    {
      id: 'ga-addresses-aggregated',
      type: 'circle',
      source: sourceId('addresses'),
      'source-layer': 'addresses',
      layout: { visibility: 'none' },
      filter: ['==', ['get', 'aggregated'], true],
      paint: {
        // Area proportional to households: radius grows with the square root.
        'circle-radius': scaledByZoom(['sqrt', ['max', ['to-number', ['get', 'households']], 0]], 9, 0.12, 13, 0.35),
        'circle-color': ADDRESS_COLOUR,
        'circle-opacity': 0.35,
        'circle-stroke-color': ADDRESS_COLOUR,
        'circle-stroke-width': 0.8,
      },
    },
    {
      id: 'ga-addresses',
      type: 'circle',
      source: sourceId('addresses'),
      'source-layer': 'addresses',
      layout: { visibility: 'none' },
      filter: ['!=', ['get', 'aggregated'], true],
      paint: {
        'circle-radius': scaledByZoom(['max', 1.5, ['sqrt', ['max', ['to-number', ['get', 'households']], 0]]], 14, 0.9, 17, 2),
        'circle-color': ADDRESS_COLOUR,
        'circle-opacity': 0.55,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 0.6,
      },
    },
    {
      id: 'ga-incidents',
      type: 'circle',
      source: sourceId('incidents'),
      'source-layer': 'incidents',
      minzoom: 11,
      paint: {
        'circle-radius': byZoom(11, 2.5, 16, 6),
        'circle-color': statusColour,
        'circle-opacity': 0.9,
        'circle-stroke-color': ['case', ['to-boolean', ['get', 'overdue']], INCIDENT_OVERDUE_RING, '#ffffff'],
        'circle-stroke-width': ['case', ['to-boolean', ['get', 'overdue']], 2, 0.8],
      },
    },
    {
      id: 'ga-key-sites',
      type: 'symbol',
      source: sourceId('key_sites'),
      'source-layer': 'key_sites',
      // Icons only, no text: a symbol layer without text needs no glyph server.
      layout: {
        'icon-image': ['concat', 'key-site-', ['get', 'category']],
        'icon-size': byZoom(9, 0.45, 13, 0.7, 16, 0.9),
        'icon-allow-overlap': ['step', ['zoom'], false, 13, true],
        'symbol-sort-key': ['-', 0, ['to-number', ['get', 'risk_level']]],
      },
    },
  ];
}

export function overlaySources(origin: string, asOf: string | null = null): Record<string, SourceSpecification> {
  return Object.fromEntries(TILE_LAYERS.map((l) => [sourceId(l), tileSource(origin, l, asOf)]));
}

export const BACKGROUND_COLOUR = '#e4e8ec';

/**
 * The offline basemap: a plain background, our own tiles and nothing else. No glyphs, sprites or tiles
 * from anywhere but this app, so it works on an intranet with no internet at all.
 */
export function offlineStyle(origin: string, fill: GridFill, asOf: string | null = null): StyleSpecification {
  return {
    version: 8,
    name: 'GridAtlas offline',
    sources: overlaySources(origin, asOf),
    layers: [{ id: 'ga-background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }, ...overlayLayers(fill)],
  };
}

/** The Tianditu servers' subdomains: tiles are spread over t0…t7. */
const TIANDITU_SUBDOMAINS = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * An online basemap from Tianditu (the national platform; a key is issued per organisation). Its Web
 * Mercator ("_w") vector map and Chinese annotation layers, which are CGCS2000 and so line up with our
 * WGS84 data (no GCJ-02 offset). Only used when GRIDATLAS_TIANDITU_KEY is set.
 */
export function tiandituStyle(key: string): StyleSpecification {
  const layer = (name: 'vec' | 'cva') => ({
    type: 'raster' as const,
    tileSize: 256,
    maxzoom: 18,
    attribution: '天地图 Tianditu',
    tiles: TIANDITU_SUBDOMAINS.map(
      (n) =>
        `https://t${n}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}` +
        `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
    ),
  });
  return {
    version: 8,
    name: 'Tianditu',
    sources: { 'tianditu-vec': layer('vec'), 'tianditu-cva': layer('cva') },
    layers: [
      { id: 'tianditu-vec', type: 'raster', source: 'tianditu-vec' },
      { id: 'tianditu-cva', type: 'raster', source: 'tianditu-cva' },
    ],
  };
}
