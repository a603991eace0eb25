import { describe, expect, it } from 'vitest';
import { strayParts } from './drawn-parts';
import type { MultiPolygon } from '../planar/polygon';

const square = (x: number, y: number, s: number) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] as MultiPolygon[number];

describe('strayParts', () => {
  const addresses = [
    { id: 1, p: [0.5, 0.5] as [number, number] },
    { id: 2, p: [1.5, 0.5] as [number, number] },
    { id: 3, p: [10.5, 0.5] as [number, number] },
    { id: 4, p: [50, 50] as [number, number] },
  ];

  it('finds nothing in a grid of one piece', () => {
    expect(strayParts(addresses, [square(0, 0, 20)])).toEqual([]);
  });

  it('separates the addresses of a part away from the one holding most of them', () => {
    const shape = [square(10, 0, 1), square(0, 0, 2), square(30, 30, 1)];
    // The empty part gives nothing; an address outside every part (4) is on no side of the one found.
    expect(strayParts(addresses, shape)).toEqual([{ apart: [3], from: [1, 2, 4] }]);
  });
});
