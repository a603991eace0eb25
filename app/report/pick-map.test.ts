import { describe, expect, it } from 'vitest';
import { CITY_BOUNDS } from '@/app/map/state';
import { initialBounds, pickMapStyle } from './pick-map';
import { uploadFailure } from './photo-upload';

describe('the patrol map', () => {
  it("draws only the app's own tiles of boundaries and grids, from this origin", () => {
    const style = pickMapStyle('http://10.0.0.5:3000');
    expect(Object.keys(style.sources).sort()).toEqual(['ga-communities', 'ga-districts', 'ga-grids', 'ga-streets']);
    for (const s of Object.values(style.sources)) {
      for (const url of (s as { tiles: string[] }).tiles) expect(url.startsWith('http://10.0.0.5:3000/tiles/')).toBe(true);
    }
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers[0]!.type).toBe('background');
    expect(style.layers.some((l) => l.id.endsWith('-hit'))).toBe(false);
  });

  it("frames the worker's grids with a margin, else the city", () => {
    expect(initialBounds([])).toEqual(CITY_BOUNDS);
    const [w, s, e, n] = initialBounds([
      [118.0, 32.0, 118.01, 32.01],
      [118.01, 32.0, 118.02, 32.02],
    ]);
    expect(w).toBeCloseTo(117.998);
    expect(s).toBeCloseTo(31.998);
    expect(e).toBeCloseTo(118.022);
    expect(n).toBeCloseTo(32.022);
  });
});

describe('a refused photo upload', () => {
  it("keeps the server's words in both languages", () => {
    const message = { 'zh-CN': '照片过大（每张不超过 5 MB）', en: 'The photo is too large (5 MB at most)' };
    expect(uploadFailure(413, { error: { code: 'PHOTO_TOO_LARGE', message } })).toEqual({ kind: 'server', code: 'PHOTO_TOO_LARGE', text: message });
  });

  it('falls back to what the page knows when the answer is not the route error', () => {
    expect(uploadFailure(413, null)).toEqual({ kind: 'local', reason: 'too_large' });
    expect(uploadFailure(0, null)).toEqual({ kind: 'local', reason: 'network' });
    expect(uploadFailure(502, '<html>')).toEqual({ kind: 'local', reason: 'network' });
    expect(uploadFailure(400, { error: { code: 'X', message: { en: 'only english' } } })).toEqual({ kind: 'local', reason: 'network' });
  });
});
