import { describe, expect, it } from 'vitest';
import { coveragePercent, todaySoFar, trackData } from './worker-day';

describe("a worker's day in the worker panel", () => {
  it('runs today from 00:00 in China to now, whatever the browser\'s zone', () => {
    // 2026-12-01 23:30 UTC is 07:30 on 2 December in China.
    const now = new Date('2026-12-01T23:30:00Z');
    expect(todaySoFar(now)).toEqual({ day: '2026-12-02', from: new Date('2026-12-01T16:00:00Z'), to: now });
    // At midnight itself the period is still not empty.
    const midnight = new Date('2026-12-01T16:00:00Z');
    expect(todaySoFar(midnight).to.getTime()).toBeGreaterThan(todaySoFar(midnight).from.getTime());
  });

  it('shows the coverage with one decimal, never 100 with an address missed nor 0 with one passed', () => {
    expect(coveragePercent({ passed: 25, addresses: 40 })).toBe(62.5);
    expect(coveragePercent({ passed: 1, addresses: 3 })).toBe(33.3);
    expect(coveragePercent({ passed: 2, addresses: 3 })).toBe(66.7);
    expect(coveragePercent({ passed: 0, addresses: 40 })).toBe(0);
    expect(coveragePercent({ passed: 40, addresses: 40 })).toBe(100);
    expect(coveragePercent({ passed: 1, addresses: 5000 })).toBe(0.1);
    expect(coveragePercent({ passed: 4999, addresses: 5000 })).toBe(99.9);
    expect(coveragePercent({ passed: 0, addresses: 0 })).toBeNull();
  });

  it('hands the track to deck.gl as one typed array of [lon, lat], and no line below two points', () => {
    const path = Object.freeze([
      Object.freeze([118.78, 32.04, 1]),
      Object.freeze([118.79, 32.05, 2]),
      Object.freeze([118.8, 32.06, 3]),
    ]) as unknown as [number, number, number][];
    const d = trackData(path)!;
    expect(d.length).toBe(1);
    expect([...d.startIndices]).toEqual([0, 3]);
    expect(d.attributes.getPath.size).toBe(2);
    expect([...d.attributes.getPath.value]).toEqual([118.78, 32.04, 118.79, 32.05, 118.8, 32.06]);
    expect(trackData([[118.78, 32.04, 1]])).toBeNull();
    expect(trackData([])).toBeNull();
  });
});
