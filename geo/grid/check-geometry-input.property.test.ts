import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inChinaLat, inChinaLon } from '../extent/china-extent';
import { checkPolygonInput } from './check-geometry-input';
import { oddPolygon } from './__fixtures__/odd-polygons';

describe('checkPolygonInput on generated bad and odd geometry', () => {
  it('never throws, and what it accepts is well-formed: finite, in China, closed rings of 4+ positions', () => {
    fc.assert(
      fc.property(oddPolygon({ west: 118.0, south: 32.0, east: 118.04, north: 32.02 }), (input) => {
        const checked = checkPolygonInput(input);
        if (!checked.valid) return;
        expect(checked.geometry.type).toBe('MultiPolygon');
        for (const polygon of checked.geometry.coordinates) {
          for (const ring of polygon) {
            expect(ring.length).toBeGreaterThanOrEqual(4);
            expect(ring[0]).toEqual(ring[ring.length - 1]);
            for (const [lon, lat] of ring) expect(inChinaLon(lon!) && inChinaLat(lat!)).toBe(true);
          }
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
