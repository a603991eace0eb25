/**
 * Orders features the way grid sequences are numbered (DOMAIN.md): west -> east, north -> south,
 * i.e. like reading a page. Irregular polygons never line up exactly, so the representative points are
 * grouped into rows (bands) of a given height counted down from the northernmost point; within a row
 * they go west to east. Ties are broken by latitude (north first), then by input position, so the order
 * is total and stable.
 */
export interface Positioned {
  /** Longitude, or any eastward coordinate. */
  x: number;
  /** Latitude, or any northward coordinate. */
  y: number;
}

/** Returns the indexes of `points` in reading order. `rowHeight` is in the units of y and must be > 0. */
export function readingOrder(points: readonly Positioned[], rowHeight: number): number[] {
  if (!(rowHeight > 0)) throw new RangeError('rowHeight must be positive');
  if (points.length === 0) return [];
  let top = -Infinity;
  for (const p of points) if (p.y > top) top = p.y;
  const row = (p: Positioned) => Math.floor((top - p.y) / rowHeight);
  return points
    .map((p, i) => ({ i, r: row(p), x: p.x, y: p.y }))
    .sort((a, b) => a.r - b.r || a.x - b.x || b.y - a.y || a.i - b.i)
    .map((e) => e.i);
}

/** A row height that suits n features spread over an area (same units squared): about one feature's size. */
export function typicalRowHeight(area: number, n: number): number {
  return Math.sqrt(area / Math.max(1, n));
}
