import { describe, expect, it } from 'vitest';
import { CodeSequenceExhaustedError, mergeSurvivor, nextGridCodes, splitCodeOrder } from './assign-codes';
import { deepFreeze } from './__fixtures__/freeze';

const C = '320102001001';

describe('nextGridCodes', () => {
  it('starts at 001 in an empty community', () => {
    expect(nextGridCodes(C, [])).toEqual([`${C}001`]);
  });
  it('goes above the highest sequence ever used, never refilling holes, ignoring other communities and nulls', () => {
    expect(nextGridCodes(C, [`${C}001`, `${C}007`, null, '320102001002050', `${C}003`], 2)).toEqual([`${C}008`, `${C}009`]);
  });
  it('refuses to go past 999', () => {
    expect(() => nextGridCodes(C, [`${C}999`])).toThrow(CodeSequenceExhaustedError);
  });
});

describe('splitCodeOrder', () => {
  it('keeps the code on the largest part and numbers the rest west->east, north->south', () => {
    const parts = deepFreeze([
      { areaM2: 10, x: 118.02, y: 32.0 }, // south-east
      { areaM2: 50, x: 118.01, y: 32.0 }, // largest
      { areaM2: 10, x: 118.0, y: 32.0 }, // south-west
      { areaM2: 10, x: 118.03, y: 32.02 }, // north-east
    ]);
    expect(splitCodeOrder(parts, 0.005)).toEqual([1, 3, 2, 0]);
  });
  it('breaks a tie in size by reading order', () => {
    expect(splitCodeOrder([{ areaM2: 5, x: 2, y: 0 }, { areaM2: 5, x: 1, y: 0 }], 1)).toEqual([1, 0]);
  });
});

describe('mergeSurvivor', () => {
  it('picks the largest grid that has a code', () => {
    expect(mergeSurvivor([
      { key: 'g1', code: `${C}001`, areaM2: 10 },
      { key: 'g2', code: null, areaM2: 100 },
      { key: 'g3', code: `${C}002`, areaM2: 20 },
    ])).toBe('g3');
  });
  it('falls back to the lowest code, then the largest uncoded grid', () => {
    expect(mergeSurvivor([{ key: 'a', code: `${C}005`, areaM2: 1 }, { key: 'b', code: `${C}002`, areaM2: 1 }])).toBe('b');
    expect(mergeSurvivor([{ key: 'a', code: null, areaM2: 1 }, { key: 'b', code: null, areaM2: 2 }])).toBe('b');
    expect(() => mergeSurvivor([])).toThrow(RangeError);
  });
});
