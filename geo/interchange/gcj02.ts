import gcoord from 'gcoord';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

/**
 * GCJ-02 (the offset coordinates of Gaode/Tencent maps) <-> WGS84, at the import/export boundary only:
 * nothing GCJ-02 is ever stored (DOMAIN.md). gcoord leaves points outside China unchanged.
 * Each ring's closing position is the same input as its first, so converted rings stay closed.
 */
export type Crs = 'wgs84' | 'gcj02';

const toGcj02 = (x: number, y: number) => gcoord.transform([x, y], gcoord.WGS84, gcoord.GCJ02) as [number, number];

/**
 * gcoord's GCJ-02 -> WGS84 is a one-step approximation, up to ~5e-7° (5 cm) off in Nanjing. A few
 * fixed-point steps against the exact forward transform bring it below 1e-10°, so an export to GCJ-02
 * and a re-import land on the same coordinates.
 */
function gcj02ToWgs84(x: number, y: number): [number, number] {
  let [wx, wy] = gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  for (let i = 0; i < 5; i++) {
    const [gx, gy] = toGcj02(wx, wy);
    const dx = gx - x;
    const dy = gy - y;
    wx -= dx;
    wy -= dy;
    if (Math.abs(dx) < 1e-12 && Math.abs(dy) < 1e-12) break;
  }
  return [wx, wy];
}

/** One position from one datum to the other (the two must differ). */
export function convertPosition(p: Position, from: Crs, to: Crs): Position {
  return from === 'gcj02' ? gcj02ToWgs84(p[0]!, p[1]!) : toGcj02(p[0]!, p[1]!);
}

export function convertGeometry<G extends Point | Polygon | MultiPolygon>(geometry: G, from: Crs, to: Crs): G {
  if (from === to) return geometry;
  if (geometry.type === 'Point') return { type: 'Point', coordinates: convertPosition(geometry.coordinates, from, to) } as G;
  const ring = (r: Position[]) => r.map((p) => convertPosition(p, from, to));
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) } as G;
  }
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(ring)) } as G;
}
