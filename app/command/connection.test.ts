import { describe, expect, it } from 'vitest';
import { nextConnection, retryDelayMs } from './connection';

describe('the feed connection as the operator reads it', () => {
  it('is connecting until the stream opens, connected while it is, reconnecting after it drops', () => {
    expect(nextConnection('connecting', { kind: 'state', state: 'connecting' })).toBe('connecting');
    expect(nextConnection('connecting', { kind: 'state', state: 'pending' })).toBe('connected');
    expect(nextConnection('connected', { kind: 'state', state: 'connecting' })).toBe('reconnecting');
    expect(nextConnection('reconnecting', { kind: 'data' })).toBe('connected');
    expect(nextConnection('connected', { kind: 'ended' })).toBe('reconnecting');
    expect(nextConnection('reconnecting', { kind: 'state', state: 'connecting' })).toBe('reconnecting');
    expect(nextConnection('reconnecting', { kind: 'started' })).toBe('connected');
    expect(nextConnection('connected', { kind: 'state', state: 'idle' })).toBe('connected');
  });

  it('waits longer after each failure in a row, up to 30 seconds', () => {
    expect([1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 30_000]);
  });
});
