import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache';

const bytes = (n: number) => new Uint8Array(n);

describe('TileCache', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new TileCache({ maxEntries: 2, maxBytes: 1000 });
    cache.set('a', bytes(1));
    cache.set('b', bytes(1));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('c', bytes(1));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('keeps the total size under maxBytes and refuses a tile larger than the whole cache', () => {
    const cache = new TileCache({ maxEntries: 100, maxBytes: 10 });
    cache.set('a', bytes(4));
    cache.set('b', bytes(4));
    cache.set('c', bytes(4));
    expect(cache.totalBytes).toBe(8);
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', bytes(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.totalBytes).toBe(8);
  });

  it('expires entries with a time to live', () => {
    const cache = new TileCache({ maxEntries: 10, maxBytes: 100 });
    cache.set('a', bytes(3), 1000, 0);
    expect(cache.get('a', 999)).toBeDefined();
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.totalBytes).toBe(0);
  });

  it('stores nothing when disabled', () => {
    const cache = new TileCache({ maxEntries: 0, maxBytes: 100 });
    cache.set('a', bytes(1));
    expect(cache.get('a')).toBeUndefined();
  });
});
