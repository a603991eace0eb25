import type { XY } from '../../planar/polygon';
import type { UnitGraph } from '../tree-split';

/** A w×h lattice of units `spacing` apart (4-neighbours), `households(i)` each: the tests' community. */
export function lattice(w: number, h: number, households: (i: number) => number, spacing = 10): UnitGraph & { points: XY[] } {
  const neighbours: number[][] = [];
  const points: XY[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const n: number[] = [];
      if (x > 0) n.push(y * w + x - 1);
      if (x < w - 1) n.push(y * w + x + 1);
      if (y > 0) n.push((y - 1) * w + x);
      if (y < h - 1) n.push((y + 1) * w + x);
      neighbours.push(n);
      points.push([x * spacing, y * spacing]);
    }
  }
  return { households: Array.from({ length: w * h }, (_, i) => households(i)), neighbours, points };
}
