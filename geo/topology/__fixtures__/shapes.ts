import type { Polygon } from 'geojson';

/** Deep-freezes a fixture so that a function mutating its input fails the test. */
export function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v as object)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

const D = 0.002;
export const square = (x: number, y: number, s = 1): Polygon =>
  frozen({ type: 'Polygon', coordinates: [[[118.7 + x * D, 32 + y * D], [118.7 + (x + s) * D, 32 + y * D], [118.7 + (x + s) * D, 32 + (y + s) * D], [118.7 + x * D, 32 + (y + s) * D], [118.7 + x * D, 32 + y * D]]] });
export const bowTie: Polygon = frozen({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] });
export const holeCrossingShell: Polygon = frozen({
  type: 'Polygon',
  coordinates: [
    [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
    [[3, 1], [5, 1], [5, 2], [3, 2], [3, 1]],
  ],
});
export const holeInside: Polygon = frozen({
  type: 'Polygon',
  coordinates: [
    [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
    [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]],
  ],
});
export const tooFew: Polygon = frozen({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] });
export const spike: Polygon = frozen({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] });
export const touchingSelf: Polygon = frozen({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [2, 2], [4, 4], [0, 4], [2, 2], [0, 0]]] });
