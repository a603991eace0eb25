import { describe, expect, it } from 'vitest';
import { TILE_EXTENT, tileAt, tileBounds, tileProjector } from './tile-math';

describe('tile math', () => {
  it('z0 covers the Web Mercator world', () => {
    const b = tileBounds({ z: 0, x: 0, y: 0 });
    expect(b.west).toBeCloseTo(-180, 9);
    expect(b.east).toBeCloseTo(180, 9);
    expect(b.north).toBeCloseTo(85.0511287798, 8);
    expect(b.south).toBeCloseTo(-85.0511287798, 8);
  });

  it('finds the tile of central Nanjing and projects its corners onto the tile edges', () => {
    const t = tileAt(118.784, 32.0418, 10);
    expect(t).toEqual({ z: 10, x: 849, y: 415 });
    const b = tileBounds(t);
    // ST_Transform(ST_TileEnvelope(10, 849, 415), 4326) on PostGIS 3.3:
    expect(b.west).toBeCloseTo(118.4765625, 9);
    expect(b.east).toBeCloseTo(118.828125, 9);
    expect(b.south).toBeCloseTo(31.952162238024968, 9);
    expect(b.north).toBeCloseTo(32.24997445586331, 9);
    const project = tileProjector(t);
    const [x0, y0] = project(b.west, b.north);
    const [x1, y1] = project(b.east, b.south);
    expect(x0).toBeCloseTo(0, 6);
    expect(y0).toBeCloseTo(0, 6);
    expect(x1).toBeCloseTo(TILE_EXTENT, 6);
    expect(y1).toBeCloseTo(TILE_EXTENT, 6);
  });

  it('grows the bounds by the buffer in tile units', () => {
    const t = { z: 14, x: 13604, y: 6616 };
    const b = tileBounds(t, 64);
    const project = tileProjector(t);
    const [x0, y0] = project(b.west, b.north);
    const [x1, y1] = project(b.east, b.south);
    expect(x0).toBeCloseTo(-64, 6);
    expect(y0).toBeCloseTo(-64, 6);
    expect(x1).toBeCloseTo(TILE_EXTENT + 64, 6);
    expect(y1).toBeCloseTo(TILE_EXTENT + 64, 6);
  });
});
