import { describe, expect, it } from 'vitest';
import { dissolveTiles } from './dissolve';
import { areaOf, type XY } from './polygon';

const square = (x: number, y: number, cw = false): XY[] => {
  const r: XY[] = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];
  return cw ? r.reverse() : r;
};

describe('dissolveTiles', () => {
  it('joins tiles that share edges into one ring, whatever their orientation', () => {
    const u = dissolveTiles([square(0, 0), square(1, 0, true), square(2, 0)]);
    expect(u).toHaveLength(1);
    expect(u[0]).toHaveLength(1);
    expect(areaOf(u)).toBeCloseTo(3);
    // Only the outline's corners and the points where tiles met on it: no inner edge is left.
    expect(u[0]![0]!.length).toBe(9);
  });

  it('keeps a hole where the tiles go round a missing one, and apart tiles apart', () => {
    const ring = [];
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) ring.push(square(x, y));
    const u = dissolveTiles([...ring, square(10, 10)]);
    expect(u).toHaveLength(2);
    const framed = u.find((p) => p.length === 2)!;
    expect(areaOf([framed])).toBeCloseTo(8);
    expect(areaOf(u)).toBeCloseTo(9);
  });

  it('drops tiles with no area', () => {
    expect(dissolveTiles([[[0, 0], [1, 1], [2, 2], [0, 0]], [[0, 0], [0, 0]]])).toEqual([]);
  });
});
