import { describe, expect, it } from 'vitest';
import { isConnected } from './is-connected';

describe('isConnected', () => {
  it('accepts a chain and refuses two islands', () => {
    expect(isConnected(['a', 'b', 'c'], [['a', 'b'], ['c', 'b']])).toBe(true);
    expect(isConnected(['a', 'b', 'c'], [['a', 'b']])).toBe(false);
  });
  it('ignores edges to nodes outside the group (a path through another grid does not count)', () => {
    expect(isConnected(['a', 'c'], [['a', 'b'], ['b', 'c']])).toBe(false);
  });
  it('a single node is connected, none is not', () => {
    expect(isConnected(['a'], [])).toBe(true);
    expect(isConnected([], [])).toBe(false);
  });
});
