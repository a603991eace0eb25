/**
 * The editor's own sources and layers on top of the map's style, and the data of the vertex handles.
 * The browser tests find the layers by these ids.
 */
import type maplibregl from 'maplibre-gl';
import type { FeatureCollection, Point, Position } from 'geojson';
import { gridFillColour, STYLE_LAYERS_BY_TOGGLE } from '@/app/map/style';
import { samePosition } from '@/geo/snap/snap-point';

export const SOURCES = {
  draft: 'ed-draft',
  findings: 'ed-findings',
  preview: 'ed-preview',
  vertices: 'ed-vertices',
  snapCue: 'ed-snap-cue',
  comments: 'ed-comments',
} as const;

/** The layers the controller reads or changes after setup. */
export const LAYERS = {
  draftFill: 'ed-draft-fill',
  draftSelected: 'ed-draft-selected',
  vertices: 'ed-vertices-circle',
} as const;

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Tile layers the editor does not need: the street's own work is about boundaries, not operations. */
const HIDDEN_TOGGLES = ['addresses', 'keySites', 'incidents', 'incidentDensity'] as const;
const FINDING_COLOUR = '#d62828';
/** Warnings in amber, so that red on the map always means blocking. */
const WARNING_COLOUR = '#e9c46a';
const PREVIEW_COLOUR = '#f77f00';
/** Neither red (blocking) nor amber (warning): the snap cue is not a finding. */
const SNAP_COLOUR = '#7b2cbf';
/** Review comments in magenta: not a finding, not the draft, not the snap cue. */
export const COMMENT_COLOUR = '#d0008f';

/** A vertex being moved (by the mouse or the keyboard): where it was, and where it would go. */
export interface VertexMove {
  from: [number, number];
  to: [number, number];
}

/**
 * The vertex handles' data. The vertex being moved is drawn where it would go; `active` is the vertex
 * chosen with the keyboard. Each handle keeps its own position in `lon`/`lat` (what a drag starts from).
 */
export function vertexFeatures(vertices: Position[], move: VertexMove | null, active: Position | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: vertices.map((p) => {
      const moved = !!move && samePosition(p, move.from);
      const isActive = !!active && samePosition(p, active);
      return { type: 'Feature', geometry: { type: 'Point', coordinates: moved ? move.to : p }, properties: { lon: p[0], lat: p[1], dragged: moved, active: isActive } };
    }),
  };
}

/**
 * Once the style has loaded: hides what the editor does not need, and adds the editor's sources (empty:
 * the controller's setters fill them) and layers, above the style's and below terra-draw's.
 */
export function addEditorLayers(map: maplibregl.Map, streetCode: string) {
  for (const toggle of HIDDEN_TOGGLES) for (const id of STYLE_LAYERS_BY_TOGGLE[toggle]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
  // The street's grids in force are what the draft replaces: showing both would double every edge.
  const notThisStreet: maplibregl.FilterSpecification = ['!=', ['slice', ['to-string', ['get', 'code']], 0, 9], streetCode];
  for (const id of STYLE_LAYERS_BY_TOGGLE.grids) if (map.getLayer(id)) map.setFilter(id, notThisStreet);

  for (const id of Object.values(SOURCES)) map.addSource(id, { type: 'geojson', data: EMPTY });
  map.addLayer({ id: LAYERS.draftFill, type: 'fill', source: SOURCES.draft, paint: { 'fill-color': gridFillColour('kind'), 'fill-opacity': 0.35 } });
  map.addLayer({ id: 'ed-draft-line', type: 'line', source: SOURCES.draft, paint: { 'line-color': '#1d3557', 'line-width': 1.5 } });
  map.addLayer({
    id: LAYERS.draftSelected,
    type: 'line',
    source: SOURCES.draft,
    filter: ['in', ['get', 'key'], ['literal', []]],
    paint: { 'line-color': '#0077b6', 'line-width': 4 },
  });
  const severityColour: maplibregl.ExpressionSpecification = ['match', ['get', 'severity'], 'blocking', FINDING_COLOUR, WARNING_COLOUR];
  map.addLayer({
    id: 'ed-findings-fill',
    type: 'fill',
    source: SOURCES.findings,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': severityColour, 'fill-opacity': ['case', ['boolean', ['get', 'focused'], false], 0.7, 0.45] },
  });
  map.addLayer({
    id: 'ed-findings-line',
    type: 'line',
    source: SOURCES.findings,
    paint: { 'line-color': severityColour, 'line-width': ['case', ['boolean', ['get', 'focused'], false], 4, 2] },
  });
  map.addLayer({
    id: 'ed-findings-point',
    type: 'circle',
    source: SOURCES.findings,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': severityColour, 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
  });
  // Where reviewers pinned their comments: an outline for an area, a dot for a point; resolved ones fainter.
  const commentOpacity: maplibregl.ExpressionSpecification = ['case', ['boolean', ['get', 'resolved'], false], 0.45, 1];
  const commentFocused: maplibregl.ExpressionSpecification = ['boolean', ['get', 'focused'], false];
  map.addLayer({
    id: 'ed-comments-fill',
    type: 'fill',
    source: SOURCES.comments,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': COMMENT_COLOUR, 'fill-opacity': ['case', commentFocused, 0.18, 0.06] },
  });
  map.addLayer({
    id: 'ed-comments-line',
    type: 'line',
    source: SOURCES.comments,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'line-color': COMMENT_COLOUR, 'line-width': ['case', commentFocused, 4, 2.5], 'line-dasharray': [3, 1.5], 'line-opacity': commentOpacity },
  });
  map.addLayer({
    id: 'ed-comments-point',
    type: 'circle',
    source: SOURCES.comments,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': COMMENT_COLOUR,
      'circle-radius': ['case', commentFocused, 9, 7],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
      'circle-opacity': commentOpacity,
    },
  });
  map.addLayer({ id: 'ed-preview-fill', type: 'fill', source: SOURCES.preview, paint: { 'fill-color': PREVIEW_COLOUR, 'fill-opacity': 0.5 } });
  map.addLayer({
    id: LAYERS.vertices,
    type: 'circle',
    source: SOURCES.vertices,
    paint: {
      // The vertex chosen with the keyboard stands out: larger, in the preview colour.
      'circle-radius': ['case', ['boolean', ['get', 'active'], false], 8, 5],
      'circle-color': ['case', ['boolean', ['get', 'active'], false], PREVIEW_COLOUR, '#ffffff'],
      'circle-stroke-color': '#0077b6',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'ed-snap-cue',
    type: 'circle',
    source: SOURCES.snapCue,
    // A ring: larger round a vertex, smaller on an edge.
    paint: {
      'circle-radius': ['match', ['get', 'kind'], 'vertex', 9, 6],
      'circle-opacity': 0,
      'circle-stroke-color': SNAP_COLOUR,
      'circle-stroke-width': 2.5,
    },
  });
}
