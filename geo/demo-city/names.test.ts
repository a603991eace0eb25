import { describe, expect, it } from 'vitest';
import { communityName, personName, phoneNumber, roadName, unitName } from './names';
import { createRng } from '../random/prng';

describe('names', () => {
  it('makes unique community and village names with the right suffix', () => {
    const rng = createRng(1);
    const taken = new Set<string>();
    const names = Array.from({ length: 300 }, (_, i) => communityName(rng, i % 2 ? 'village' : 'community', taken));
    expect(new Set(names).size).toBe(300);
    names.forEach((n, i) => expect(n.endsWith(i % 2 ? '村' : '社区')).toBe(true));
  });

  it('makes plausible roads, people, phones and units', () => {
    const rng = createRng(2);
    expect(roadName(rng, new Set())).toMatch(/(路|街|大道|巷)$/);
    expect(personName(rng)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    expect(phoneNumber(rng)).toMatch(/^1\d{10}$/);
    expect(unitName(rng, 'school', new Set())).toMatch(/^南京市/);
  });
});
