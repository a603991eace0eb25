import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { TilePoint } from './mvt-encode';
import { toTileGeometry } from './tile-geometry';
import { tileProjector } from './tile-math';

function segmentsCross(a: TilePoint, b: TilePoint, c: TilePoint, d: TilePoint): boolean {
  const o = (p: TilePoint, q: TilePoint, r: TilePoint) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

function selfCrossings(ring: TilePoint[]): number {
  let n = 0;
  for (let i = 0; i < ring.length; i++) {
    for (let j = i + 2; j < ring.length; j++) {
      if (i === 0 && j === ring.length - 1) continue;
      if (segmentsCross(ring[i], ring[(i + 1) % ring.length], ring[j], ring[(j + 1) % ring.length])) n++;
    }
  }
  return n;
}

describe('toTileGeometry', () => {
  // A grid of the demo city whose boundary runs 560 m up a street border and back at a hair-thin angle
  // (valid, 2 m² of spike). Snapped to tile units at z13 the two sides of the spike crossed, and the map
  // filled a wedge over the neighbouring grids.
  const spiky: Polygon = {
    type: 'Polygon',
    coordinates: [[
      [118.7874015, 32.0265272], [118.7878235, 32.0326668], [118.7882414, 32.0387462], [118.7878956, 32.0337148],
      [118.7942192, 32.0343821], [118.7989369, 32.0295618], [118.7976688, 32.0277256], [118.7873207, 32.0253515],
      [118.787343, 32.0256759], [118.7874015, 32.0265272],
    ]],
  };

  it('drops the tip of a hair-thin spike instead of emitting a self-crossing ring', () => {
    const tile = toTileGeometry(spiky, { z: 13, x: 6799, y: 3325 });
    expect(tile?.type).toBe('polygon');
    if (tile?.type !== 'polygon') return;
    for (const ring of tile.rings) expect(selfCrossings(ring)).toBe(0);
    // The spike's tip is gone: no vertex lies near where it projects.
    const [tipX, tipY] = tileProjector({ z: 13, x: 6799, y: 3325 })(118.7882414, 32.0387462);
    const nearest = Math.min(...tile.rings.flat().map(([x, y]) => Math.hypot(x - tipX, y - tipY)));
    expect(nearest).toBeGreaterThan(300);
  });

  it('keeps an ordinary sharp corner', () => {
    const wedge: Polygon = {
      type: 'Polygon',
      coordinates: [[[118.79, 32.03], [118.80, 32.03], [118.795, 32.04], [118.79, 32.03]]],
    };
    const tile = toTileGeometry(wedge, { z: 13, x: 6799, y: 3325 });
    expect(tile?.type === 'polygon' && tile.rings[0].length).toBe(3);
  });
});
