import type { MultiPolygon, Position } from 'geojson';

/** Where a vertex sits in a MultiPolygon: polygon, ring and position indexes (0-based). */
export interface VertexPath {
  polygon: number;
  ring: number;
  index: number;
}

/**
 * Returns a new MultiPolygon with the given vertices moved. A ring's first and last positions are one
 * vertex: moving either moves both, so the ring stays closed. The input is never mutated.
 */
export function replaceVertices(geometry: MultiPolygon, moves: readonly (VertexPath & { to: Position })[]): MultiPolygon {
  const coordinates = geometry.coordinates.map((poly) => poly.map((ring) => ring.map((p) => [...p])));
  for (const m of moves) {
    const ring = coordinates[m.polygon]?.[m.ring];
    if (!ring || m.index < 0 || m.index >= ring.length) throw new RangeError(`no vertex at ${m.polygon}/${m.ring}/${m.index}`);
    const last = ring.length - 1;
    ring[m.index] = [...m.to];
    if (m.index === 0) ring[last] = [...m.to];
    if (m.index === last) ring[0] = [...m.to];
  }
  return { type: 'MultiPolygon', coordinates };
}

/**
 * Moves every vertex lying within `tolerance` degrees of `from` to exactly `to`: the core of
 * topological editing, where a vertex shared by neighbouring grids must move in all of them at once.
 * Returns the new geometry and how many distinct vertices moved (closing positions not counted twice).
 */
export function moveVertex(geometry: MultiPolygon, from: Position, to: Position, tolerance = 0): { geometry: MultiPolygon; moved: number } {
  const moves: (VertexPath & { to: Position })[] = [];
  geometry.coordinates.forEach((poly, polygon) =>
    poly.forEach((ring, r) =>
      ring.forEach((p, index) => {
        if (index === ring.length - 1) return; // the closing position follows the first
        if (Math.abs(p[0]! - from[0]!) <= tolerance && Math.abs(p[1]! - from[1]!) <= tolerance) {
          moves.push({ polygon, ring: r, index, to });
        }
      }),
    ),
  );
  return { geometry: moves.length ? replaceVertices(geometry, moves) : geometry, moved: moves.length };
}
