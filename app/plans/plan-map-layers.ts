/**
 * The plan map's style and layers, as data: the offline background with the boundaries (no grids in
 * force: the diff draws both sides itself), the diff of the plan's grids, the jurisdiction arrangements,
 * the review comments and the comment being placed. Pure, so the browser tests and the legend can rely
 * on the ids and colours.
 */
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { BACKGROUND_COLOUR, offlineStyle, sourceId, type TileLayer } from '@/app/map/style';
import type { PlanArrangementView } from '@/server/plans/arrangements';
import type { PlanComment } from '@/server/plans/comments';
import type { GridDiffEntry, GridDiffProperties, PlanDiff } from '@/server/plans/diff';

export const SOURCES = {
  diff: 'pl-diff',
  markers: 'pl-markers',
  arrangements: 'pl-arrangements',
  comments: 'pl-comments',
  sketch: 'pl-sketch',
} as const;

export const LAYERS = {
  diffFill: 'pl-diff-fill',
  highlight: 'pl-diff-highlight',
  markers: 'pl-markers-circle',
  arrangementsFill: 'pl-arrangements-fill',
  commentsFill: 'pl-comments-fill',
  commentsLine: 'pl-comments-line',
  commentsPoint: 'pl-comments-point',
} as const;

/** The colours of the map and its legend (one place). */
export const DIFF_COLOURS = {
  added: '#2e7d32',
  removed: '#c62828',
  reshapedOld: '#6b7280',
  reshapedNew: '#ef6c00',
  attributes: '#1f6feb',
  unchanged: '#aab3bf',
  arrangement: '#7b2cbf',
  comment: '#d35400',
  commentResolved: '#7d8796',
  highlight: '#ffd400',
} as const;

export const HATCH_IMAGE = 'pl-hatch';

export type CompareSide = 'all' | 'old' | 'new';

/** Which change a grid feature belongs to: code and key together name it on both sides. */
export const changeId = (c: { code: string | null; key: string | null }): string => `${c.code ?? ''}|${c.key ?? ''}`;

export type DiffFeature = Feature<Geometry, GridDiffProperties & { cid: string }>;

/**
 * The diff's features for one map: everything (overlay), or one side. The old side is what is in force:
 * removed and reshaped grids' old outlines, plus the unchanged and attribute-changed grids, whose only
 * feature is the new one with the same outline; the new side is the plan's grids.
 */
export function diffFeatures(diff: PlanDiff | undefined, side: CompareSide): FeatureCollection<Geometry, DiffFeature['properties']> {
  const features = (diff?.features.features ?? [])
    .filter((f) => {
      if (side === 'all') return true;
      if (side === 'new') return f.properties.side === 'new';
      return f.properties.side === 'old' || f.properties.change === 'unchanged' || f.properties.change === 'attributes';
    })
    .map((f) => ({ ...f, properties: { ...f.properties, cid: changeId(f.properties) } }));
  return { type: 'FeatureCollection', features };
}

/** A marker at the middle of each grid whose attributes changed (no text: the map has no glyph server). */
export function attributeMarkers(changes: readonly GridDiffEntry[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: changes
      .filter((c) => c.change === 'attributes')
      .map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [(c.bbox[0] + c.bbox[2]) / 2, (c.bbox[1] + c.bbox[3]) / 2] },
        properties: { cid: changeId(c) },
      })),
  };
}

export function arrangementFeatures(arrangements: readonly PlanArrangementView[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: arrangements.map((a) => ({ type: 'Feature', geometry: a.geometry, properties: { id: a.arrangementId, name: a.name } })),
  };
}

/** The threads pinned to a place (replies have none), with whether each is resolved or chosen. */
export function commentFeatures(comments: readonly PlanComment[], selected: number | null): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: comments
      .filter((c) => c.parentId === null && c.place)
      .map((c) => ({ type: 'Feature', geometry: c.place!, properties: { id: c.id, resolved: c.resolvedAt !== null, selected: c.id === selected } })),
  };
}

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Boundaries the viewer may see ('map' capability); never the grids in force, which the diff replaces. */
const BOUNDARY_TILES: readonly TileLayer[] = ['districts', 'streets', 'communities'];

/** The offline style (nothing from outside this app): a plain background, and the boundaries when allowed. */
export function planMapStyle(origin: string, boundaries: boolean): StyleSpecification {
  const background: LayerSpecification = { id: 'ga-background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } };
  if (!boundaries) return { version: 8, name: 'GridAtlas plan', sources: {}, layers: [background] };
  const base = offlineStyle(origin, 'kind');
  const keep = new Set(BOUNDARY_TILES.map(sourceId));
  return {
    ...base,
    name: 'GridAtlas plan',
    sources: Object.fromEntries(Object.entries(base.sources).filter(([id]) => keep.has(id))),
    layers: base.layers.filter((l) => l.type === 'background' || ('source' in l && keep.has(l.source as string) && !l.id.endsWith('-hit'))),
  };
}

/** An 8×8 tile of diagonal stripes for the arrangements' hatching, drawn here (no sprite server). */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      data.set(on ? [123, 44, 191, 150] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

const change = (c: string) => ['==', ['get', 'change'], c] as const;
const sideIs = (s: string) => ['==', ['get', 'side'], s] as const;

/** The plan's layers, bottom to top. The highlight filter is replaced as the chosen change moves. */
export function planLayers(): LayerSpecification[] {
  return [
    { id: LAYERS.arrangementsFill, type: 'fill', source: SOURCES.arrangements, paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.8 } },
    {
      id: 'pl-arrangements-line',
      type: 'line',
      source: SOURCES.arrangements,
      paint: { 'line-color': DIFF_COLOURS.arrangement, 'line-width': 2, 'line-dasharray': [4, 2] },
    },
    {
      id: LAYERS.diffFill,
      type: 'fill',
      source: SOURCES.diff,
      // Also what a click on a grid hits, so every grid has a fill (transparent but added and removed).
      paint: {
        'fill-color': ['match', ['get', 'change'], 'added', DIFF_COLOURS.added, 'removed', DIFF_COLOURS.removed, '#000000'],
        'fill-opacity': ['match', ['get', 'change'], 'added', 0.32, 'removed', 0.3, 0],
      },
    },
    {
      id: LAYERS.highlight,
      type: 'line',
      source: SOURCES.diff,
      filter: ['==', ['get', 'cid'], '__none__'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': DIFF_COLOURS.highlight, 'line-width': 8, 'line-opacity': 0.9 },
    },
    { id: 'pl-diff-unchanged', type: 'line', source: SOURCES.diff, filter: change('unchanged'), paint: { 'line-color': DIFF_COLOURS.unchanged, 'line-width': 1 } },
    { id: 'pl-diff-attributes', type: 'line', source: SOURCES.diff, filter: change('attributes'), paint: { 'line-color': DIFF_COLOURS.attributes, 'line-width': 2.2 } },
    { id: 'pl-diff-added', type: 'line', source: SOURCES.diff, filter: change('added'), paint: { 'line-color': DIFF_COLOURS.added, 'line-width': 1.8 } },
    {
      id: 'pl-diff-removed',
      type: 'line',
      source: SOURCES.diff,
      filter: change('removed'),
      paint: { 'line-color': DIFF_COLOURS.removed, 'line-width': 2, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'pl-diff-reshaped-old',
      type: 'line',
      source: SOURCES.diff,
      filter: ['all', change('reshaped'), sideIs('old')],
      paint: { 'line-color': DIFF_COLOURS.reshapedOld, 'line-width': 2, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'pl-diff-reshaped-new',
      type: 'line',
      source: SOURCES.diff,
      filter: ['all', change('reshaped'), sideIs('new')],
      paint: { 'line-color': DIFF_COLOURS.reshapedNew, 'line-width': 2.6 },
    },
    {
      id: LAYERS.markers,
      type: 'circle',
      source: SOURCES.markers,
      paint: { 'circle-radius': 5.5, 'circle-color': '#ffffff', 'circle-stroke-color': DIFF_COLOURS.attributes, 'circle-stroke-width': 2.5 },
    },
    {
      id: LAYERS.commentsFill,
      type: 'fill',
      source: SOURCES.comments,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': DIFF_COLOURS.comment, 'fill-opacity': ['case', ['get', 'selected'], 0.22, 0.1] },
    },
    {
      id: LAYERS.commentsLine,
      type: 'line',
      source: SOURCES.comments,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: {
        'line-color': ['case', ['get', 'resolved'], DIFF_COLOURS.commentResolved, DIFF_COLOURS.comment],
        'line-width': ['case', ['get', 'selected'], 3.5, 2],
      },
    },
    {
      id: LAYERS.commentsPoint,
      type: 'circle',
      source: SOURCES.comments,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': ['case', ['get', 'selected'], 9, 7],
        'circle-color': ['case', ['get', 'resolved'], DIFF_COLOURS.commentResolved, DIFF_COLOURS.comment],
        'circle-stroke-color': ['case', ['get', 'selected'], '#15253b', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'selected'], 3, 2],
      },
    },
    {
      id: 'pl-sketch-fill',
      type: 'fill',
      source: SOURCES.sketch,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': DIFF_COLOURS.comment, 'fill-opacity': 0.15 },
    },
    {
      id: 'pl-sketch-line',
      type: 'line',
      source: SOURCES.sketch,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': DIFF_COLOURS.comment, 'line-width': 2, 'line-dasharray': [2, 1] },
    },
    {
      id: 'pl-sketch-vertices',
      type: 'circle',
      source: SOURCES.sketch,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': DIFF_COLOURS.comment, 'circle-stroke-width': 2.5 },
    },
  ] as LayerSpecification[];
}
