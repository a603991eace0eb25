import { describe, expect, it } from 'vitest';
import type { SearchResult } from '@/server/services/search';
import { addressChoices, addressQuery, moveActive } from './address-search';

const result = (kind: SearchResult['kind'], key: string, code: string, name: string): SearchResult => ({ kind, key, code, name, context: '玄武区 · 红山街道 · 某社区', bbox: null, point: [118.8, 32.1] });

describe('the hotline address finder', () => {
  it('searches from two characters on', () => {
    expect(addressQuery(' 红 ')).toBeNull();
    expect(addressQuery('红山')).toBe('红山');
    expect(addressQuery('  ')).toBeNull();
  });

  it('offers the standard addresses only, by id', () => {
    const choices = addressChoices([
      result('street', '3', '320102008', '红山街道'),
      result('address', '1201', '320102008001000123 ', '和燕路 1 号'),
      result('address', 'x', '320102008001000124', '坏的'),
    ]);
    expect(choices).toEqual([{ addressId: 1201, code: '320102008001000123', address: '和燕路 1 号', context: '玄武区 · 红山街道 · 某社区' }]);
  });

  it('moves through the options with the arrow keys, stopping at the ends', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(2);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(0);
    expect(moveActive(-1, 'ArrowUp', 3)).toBe(0);
    expect(moveActive(1, 'End', 3)).toBe(2);
    expect(moveActive(2, 'Home', 3)).toBe(0);
    expect(moveActive(1, 'ArrowDown', 0)).toBe(-1);
    expect(moveActive(1, 'x', 3)).toBe(1);
  });
});
