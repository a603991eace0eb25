import { describe, expect, it } from 'vitest';
import { readingOrder, typicalRowHeight } from './reading-order';

describe('readingOrder', () => {
  it('numbers a 3x2 block west->east, north->south', () => {
    // Given in scrambled order; expected: top row west to east, then bottom row.
    const pts = [
      { x: 2, y: 0 }, // 0 bottom-right
      { x: 0, y: 1 }, // 1 top-left
      { x: 1, y: 0 }, // 2 bottom-middle
      { x: 2, y: 1 }, // 3 top-right
      { x: 0, y: 0 }, // 4 bottom-left
      { x: 1, y: 1 }, // 5 top-middle
    ];
    expect(readingOrder(pts, 0.5)).toEqual([1, 5, 3, 4, 2, 0]);
  });

  it('treats slightly uneven rows as one row', () => {
    const pts = [
      { x: 1, y: 0.95 },
      { x: 0, y: 1.0 },
      { x: 2, y: 1.05 },
      { x: 0.5, y: 0.1 },
    ];
    expect(readingOrder(pts, 0.5)).toEqual([1, 0, 2, 3]);
  });

  it('is total and stable for identical points', () => {
    const pts = [{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }];
    expect(readingOrder(pts, 1)).toEqual([0, 1, 2]);
  });

  it('handles empty input and rejects a bad row height', () => {
    expect(readingOrder([], 1)).toEqual([]);
    expect(() => readingOrder([{ x: 0, y: 0 }], 0)).toThrow(RangeError);
  });

  it('returns a permutation', () => {
    const pts = Array.from({ length: 40 }, (_, i) => ({ x: (i * 37) % 11, y: (i * 17) % 7 }));
    const order = readingOrder(pts, typicalRowHeight(77, 40));
    expect([...order].sort((a, b) => a - b)).toEqual(pts.map((_, i) => i));
  });
});
