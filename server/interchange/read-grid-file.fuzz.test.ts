import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertWellFormedResult, mutatedDocument, validFeature } from '@/geo/interchange/fuzz-helpers';
import { parseGridFeatureCollection } from '@/geo/interchange/parse-grid-feature-collection';
import { readGridFileSync } from './read-grid-file';
import { writeGridFile } from './write-grid-file';

/**
 * Property tests of the file path (~3,700 inputs; with the parser's own ~9,500 the 10,000 are
 * exceeded): random and damaged bytes in every format never make readGridFile throw or accept a bad
 * geometry, and valid grids survive a write/read round trip in every format.
 */
const seed = 20_240_604;
const settings = (numRuns: number) => ({ numRuns, seed });
const formats = [['geojson', 'x.geojson'], ['shapefile', 'x.zip'], ['kml', 'x.kml']] as const;

const validGrids = fc.array(validFeature, { minLength: 1, maxLength: 3 }).map((features) => {
  const r = parseGridFeatureCollection({ type: 'FeatureCollection', features });
  return r.ok ? r.grids : null;
}).filter((g) => g !== null);

describe('readGridFile under fuzzing', () => {
  it('survives random bytes under every extension (1,500)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('a.zip', 'a.kml', 'a.geojson'), (bytes, name) => {
      assertWellFormedResult(readGridFileSync(bytes, name));
    }), settings(1_500));
  });

  it('survives damaged shapefile archives: flipped bytes, truncation (800)', () => {
    fc.assert(fc.property(validGrids, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.nat()),
      (grids, flips, cut) => {
        const bytes = writeGridFile(grids, 'shapefile').bytes.slice();
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        const damaged = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
        assertWellFormedResult(readGridFileSync(damaged, 'x.zip'));
      }), settings(800));
  });

  it('survives damaged KML and GeoJSON text (800)', () => {
    fc.assert(fc.property(validGrids, fc.constantFrom('kml' as const, 'geojson' as const), fc.nat(), fc.string({ maxLength: 12 }), fc.nat(40),
      (grids, format, at, insert, remove) => {
        const text = new TextDecoder().decode(writeGridFile(grids, format).bytes);
        const i = at % text.length;
        const damaged = text.slice(0, i) + insert + text.slice(i + remove);
        assertWellFormedResult(readGridFileSync(new TextEncoder().encode(damaged), format === 'kml' ? 'x.kml' : 'x.geojson'));
      }), settings(800));
  });

  it('reads mutated documents as files like the parser does (300)', () => {
    fc.assert(fc.property(mutatedDocument, (doc) => {
      const text = JSON.stringify(doc) ?? 'null';
      if (text.length > 2_000_000) return;
      assertWellFormedResult(readGridFileSync(new TextEncoder().encode(text), 'x.json'));
    }), settings(300));
  });

  it('round-trips valid grids through every format and both coordinate systems (300)', () => {
    fc.assert(fc.property(validGrids, fc.constantFrom(...formats), fc.constantFrom('wgs84' as const, 'gcj02' as const), (grids, [format, name], crs) => {
      const read = readGridFileSync(writeGridFile(grids, format, { crs }).bytes, name, { crs });
      assertWellFormedResult(read);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.grids.map((g) => [g.code, g.name, g.kind, g.dedicatedType])).toEqual(grids.map((g) => [g.code, g.name, g.kind, g.dedicatedType]));
      read.grids.forEach((g, i) => {
        const flat = (x: typeof g) => JSON.stringify(x.geometry.coordinates).match(/-?[0-9.e-]+/g)!.map(Number);
        // Shapefile rings come back wound the other way round and multipolygons of one part as polygons:
        // compare the sorted coordinate values, which such changes do not alter.
        const a = flat(g).sort((p, q) => p - q);
        const b = flat(grids[i]!).sort((p, q) => p - q);
        expect(a.length).toBe(b.length);
        a.forEach((v, k) => expect(Math.abs(v - b[k]!)).toBeLessThan(1e-7));
      });
    }), settings(300));
  });
});
