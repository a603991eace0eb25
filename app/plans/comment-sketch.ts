/**
 * Placing a review comment on the map: the comment modes and what a click, a finish and a cancel do in
 * each, as a table of handlers over a small sketch state (pure; the map controller feeds it clicks in
 * lon/lat and draws what it returns).
 */
import type { FeatureCollection, Point, Polygon, Position } from 'geojson';

export const COMMENT_MODES = ['none', 'point', 'area'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Where a comment is pinned: a point, or one simple polygon (closed ring, no holes). */
export type CommentPlace = Point | Polygon;

export interface Sketch {
  mode: CommentMode;
  /** The vertices clicked so far (area mode), not closed. */
  ring: Position[];
}

/** What a step gives: the sketch after it, and, when the placing is over, the place or a cancel. */
export type SketchStep =
  | { kind: 'continue'; sketch: Sketch }
  | { kind: 'placed'; sketch: Sketch; place: CommentPlace }
  | { kind: 'cancelled'; sketch: Sketch }
  /** A finish with fewer than three distinct vertices: the sketch stays as it was. */
  | { kind: 'too_few'; sketch: Sketch };

interface SketchHandler {
  /** A click (or Space on the focused map, at the centre of the view). */
  add(s: Sketch, p: Position): SketchStep;
  /** A double click or Enter. */
  finish(s: Sketch, p: Position | null): SketchStep;
}

export const IDLE: Sketch = { mode: 'none', ring: [] };
/** Decimal places kept of a clicked position (7: about 1 cm, as the server writes GeoJSON). */
const PLACES = 7;
const round = (p: Position): Position => [Number(p[0]!.toFixed(PLACES)), Number(p[1]!.toFixed(PLACES))];
const same = (a: Position | undefined, b: Position) => !!a && a[0] === b[0] && a[1] === b[1];

const pointPlace = (p: Position): CommentPlace => ({ type: 'Point', coordinates: round(p) });

export const SKETCH_HANDLERS: Readonly<Record<CommentMode, SketchHandler>> = {
  none: {
    add: (s) => ({ kind: 'continue', sketch: s }),
    finish: (s) => ({ kind: 'continue', sketch: s }),
  },
  point: {
    add: (_s, p) => ({ kind: 'placed', sketch: IDLE, place: pointPlace(p) }),
    finish: (s, p) => (p ? { kind: 'placed', sketch: IDLE, place: pointPlace(p) } : { kind: 'continue', sketch: s }),
  },
  area: {
    // The two clicks of a double click land on the same spot: a repeated vertex is dropped.
    add: (s, p) => {
      const q = round(p);
      return { kind: 'continue', sketch: same(s.ring[s.ring.length - 1], q) ? s : { mode: 'area', ring: [...s.ring, q] } };
    },
    finish: (s) => {
      const ring = s.ring.filter((p, i) => !same(s.ring[i - 1], p));
      const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
      if (distinct < 3) return { kind: 'too_few', sketch: s };
      return { kind: 'placed', sketch: IDLE, place: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } };
    },
  },
};

export const startSketch = (mode: CommentMode): Sketch => ({ mode, ring: [] });
export const cancelSketch = (s: Sketch): SketchStep => ({ kind: s.mode === 'none' ? 'continue' : 'cancelled', sketch: IDLE });

/** The sketch on the map: the vertices, and the outline so far (closed back to the first vertex from three on). */
export function sketchFeatures(s: Sketch): FeatureCollection {
  const ring = s.ring;
  const features: FeatureCollection['features'] = ring.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }));
  if (ring.length >= 3) features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }, properties: {} });
  else if (ring.length === 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: {} });
  return { type: 'FeatureCollection', features };
}
