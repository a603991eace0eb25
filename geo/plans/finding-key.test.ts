import { describe, expect, it } from 'vitest';
import { findingKey } from './finding-key';

describe('findingKey', () => {
  it('names the code, the sorted grids and the arrangement', () => {
    expect(findingKey({ code: 'LOAD_UNDER', gridKeys: ['g2', 'g10', 'g1'] })).toBe('LOAD_UNDER:g1,g10,g2');
    expect(findingKey({ code: 'CROSS_JURISDICTION', gridKeys: ['g3'], arrangement: { id: 2 } })).toBe('CROSS_JURISDICTION:g3#2');
  });

  it('stays within 600 characters for any number of grids, and stays stable', () => {
    const many = Array.from({ length: 500 }, (_, i) => `g${i + 1}`);
    const k = findingKey({ code: 'GAP', gridKeys: many });
    expect(k.length).toBeLessThanOrEqual(600);
    expect(k).toMatch(/^GAP:g1,g10,g100,.*\+\d+$/);
    expect(findingKey({ code: 'GAP', gridKeys: [...many].reverse() })).toBe(k);
  });
});
