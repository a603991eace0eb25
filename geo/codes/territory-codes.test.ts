import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CODE_REASONS,
  addressCode,
  checkCode,
  communityCode,
  gridCode,
  isValidCode,
  parseGridCode,
  streetCode,
  streetCodeFromTownRow,
} from './territory-codes';

describe('territory codes', () => {
  it('builds each level from its parent', () => {
    const s = streetCode('320102', 2);
    const c = communityCode(s, 11);
    expect(s).toBe('320102002');
    expect(c).toBe('320102002011');
    expect(gridCode(c, 7)).toBe('320102002011007');
    expect(addressCode(c, 123)).toBe('320102002011000123');
  });

  it('rejects sequences that do not fit or are zero', () => {
    expect(() => gridCode('320102002011', 0)).toThrow(RangeError);
    expect(() => gridCode('320102002011', 1000)).toThrow(RangeError);
    expect(() => gridCode('32010200201', 1)).toThrow(RangeError);
    expect(() => addressCode('320102002011', 1.5)).toThrow(RangeError);
  });

  it('checks length, digits, zero sequence and parent prefix', () => {
    expect(checkCode('grid', '320102002011007')).toEqual({ valid: true });
    expect(checkCode('grid', '32010200201100')).toEqual({ valid: false, reason: CODE_REASONS.wrongLength });
    expect(checkCode('grid', '32010200201100x')).toEqual({ valid: false, reason: CODE_REASONS.notDigits });
    expect(checkCode('grid', '')).toEqual({ valid: false, reason: CODE_REASONS.notDigits });
    expect(checkCode('grid', '320102002011000')).toEqual({ valid: false, reason: CODE_REASONS.zeroSequence });
    expect(checkCode('grid', '320102002011007', '320102002012')).toEqual({ valid: false, reason: CODE_REASONS.wrongParent });
    expect(isValidCode('district', '320102')).toBe(true);
    expect(isValidCode('address', '320102002011000123', '320102002011')).toBe(true);
  });

  it('parses a grid code back into its parents', () => {
    expect(parseGridCode('320115010205012')).toEqual({
      valid: true,
      districtCode: '320115',
      streetCode: '320115010',
      communityCode: '320115010205',
      sequence: 12,
    });
    expect(parseGridCode('abc').valid).toBe(false);
  });

  it('round-trips any sequence (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), (s, c, g) => {
        const code = gridCode(communityCode(streetCode('320115', s), c), g);
        const parsed = parseGridCode(code);
        return parsed.valid && parsed.sequence === g && parsed.streetCode === streetCode('320115', s);
      }),
    );
  });

  it('derives street codes from town.csv rows', () => {
    expect(streetCodeFromTownRow('320102', '002000')).toBe('320102002');
    expect(() => streetCodeFromTownRow('320102', '2000')).toThrow();
  });
});
