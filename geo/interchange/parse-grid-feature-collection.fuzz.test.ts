import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertWellFormedResult, mutatedDocument, validFeature } from './fuzz-helpers';
import { parseGridFeatureCollection } from './parse-grid-feature-collection';

/**
 * Property tests: ~9,000 generated bad and odd inputs. parseGridFeatureCollection never throws, always
 * returns a well-formed result, and every grid it accepts has finite, in-range, 2D positions in closed
 * rings of at least 4. The seed is fixed so a failure reproduces; fast-check prints the counterexample.
 */
const seed = 20_240_603;
const run = (runs: number, property: fc.IPropertyWithHooks<never> | fc.IProperty<never>) =>
  fc.assert(property as fc.IProperty<never>, { numRuns: runs, seed });

describe('parseGridFeatureCollection under fuzzing', () => {
  it('survives random JSON values and their text (3,000)', () => {
    run(1_500, fc.property(fc.jsonValue(), (v) => assertWellFormedResult(parseGridFeatureCollection(v))) as never);
    run(1_500, fc.property(fc.jsonValue(), (v) => assertWellFormedResult(parseGridFeatureCollection(JSON.stringify(v)))) as never);
  });

  it('survives arbitrary JS values, null prototypes and boxed values included (1,000)', () => {
    run(1_000, fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withObjectString: true }),
      (v) => assertWellFormedResult(parseGridFeatureCollection(v))) as never);
  });

  it('survives random text (1,000)', () => {
    run(1_000, fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => assertWellFormedResult(parseGridFeatureCollection(s))) as never);
  });

  it('survives mutated valid grids: NaN, huge numbers, swapped order, unclosed, duplicated, empty, deep, enormous (4,000)', () => {
    let refused = 0;
    run(4_000, fc.property(mutatedDocument, (doc) => {
      const r = parseGridFeatureCollection(doc);
      assertWellFormedResult(r);
      if (!r.ok) refused++;
    }) as never);
    // The mutations mostly break things: if nearly nothing is refused, the generator has stopped mutating.
    expect(refused).toBeGreaterThan(2_000);
  });

  it('accepts every unmutated valid document (500)', () => {
    run(500, fc.property(fc.array(validFeature, { minLength: 1, maxLength: 4 }), (features) => {
      const doc = { type: 'FeatureCollection', features };
      const r = parseGridFeatureCollection(doc);
      assertWellFormedResult(r);
      // Only property mistakes the generator makes on purpose ('abc' codes, dedicated without type) may refuse.
      if (!r.ok) expect(r.errors.every((e) => e.code.startsWith('INPUT_') && /CODE|KIND|DEDICATED/.test(e.code))).toBe(true);
    }) as never);
  });
});
