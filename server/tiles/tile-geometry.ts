/**
 * Lon/lat GeoJSON -> MVT geometry in integer tile units, for the JS encoder. Mirrors what
 * ST_AsMVTGeom(geom, tile, 4096, 64, true) does on the server engine: drop features smaller than half
 * a unit, simplify at half a unit, clip to the buffered tile, snap to the integer grid, drop what
 * collapsed, and orient rings as the MVT spec wants (exterior positive area in y-down units).
 */
import type { Geometry, Position } from 'geojson';
import type { TileGeometry, TilePoint } from './mvt-encode';
import { TILE_BUFFER, TILE_EXTENT, tileProjector, type TileCoord } from './tile-math';

type Ring = TilePoint[];

/** Twice the signed area in y-down tile units; positive = clockwise on screen = MVT exterior. */
function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return sum;
}

function sqSegDist(p: TilePoint, a: TilePoint, b: TilePoint): number {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Douglas–Peucker on a closed ring given with its closing point; keeps first and last. */
function simplifyClosed(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4 || tolerance <= 0) return ring;
  const sqTol = tolerance * tolerance;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxSq = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(ring[i], ring[first], ring[last]);
      if (d > maxSq) {
        maxSq = d;
        index = i;
      }
    }
    if (index >= 0 && maxSq > sqTol) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

/** Sutherland–Hodgman against one axis-aligned edge. `inside` and `cross` define the edge. */
function clipEdge(ring: Ring, axis: 0 | 1, bound: number, keepGreater: boolean): Ring {
  const out: Ring = [];
  const inside = (p: TilePoint) => (keepGreater ? p[axis] >= bound : p[axis] <= bound);
  for (let i = 0; i < ring.length; i++) {
    const cur = ring[i];
    const prev = ring[(i + ring.length - 1) % ring.length];
    const curIn = inside(cur);
    const prevIn = inside(prev);
    if (curIn !== prevIn) {
      const t = (bound - prev[axis]) / (cur[axis] - prev[axis]);
      const p: TilePoint = axis === 0 ? [bound, prev[1] + t * (cur[1] - prev[1])] : [prev[0] + t * (cur[0] - prev[0]), bound];
      out.push(p);
    }
    if (curIn) out.push(cur);
  }
  return out;
}

/** Clips an open ring to the buffered tile square. */
function clipRing(ring: Ring, min: number, max: number): Ring {
  let r = ring;
  r = clipEdge(r, 0, min, true);
  if (r.length) r = clipEdge(r, 0, max, false);
  if (r.length) r = clipEdge(r, 1, min, true);
  if (r.length) r = clipEdge(r, 1, max, false);
  return r;
}

/** sin(2°): a ring turning back at a sharper angle than this has a spike, not a corner. */
const SPIKE_SINE = Math.sin((2 * Math.PI) / 180);

function isCollinearOrSpike(a: TilePoint, b: TilePoint, c: TilePoint): boolean {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const bcx = c[0] - b[0];
  const bcy = c[1] - b[1];
  const cross = abx * bcy - aby * bcx;
  if (cross === 0) return true;
  const turnsBack = abx * bcx + aby * bcy < 0;
  return turnsBack && Math.abs(cross) <= SPIKE_SINE * Math.hypot(abx, aby) * Math.hypot(bcx, bcy);
}

/** Snaps to integers, drops repeated and collinear points and spike tips; null when the ring collapsed. */
function snapRing(ring: Ring): Ring | null {
  const snapped: Ring = [];
  for (const [x, y] of ring) {
    const p: TilePoint = [Math.round(x), Math.round(y)];
    const last = snapped[snapped.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) snapped.push(p);
  }
  while (snapped.length > 1 && snapped[0][0] === snapped[snapped.length - 1][0] && snapped[0][1] === snapped[snapped.length - 1][1]) {
    snapped.pop();
  }
  // Remove points lying on the straight line between their neighbours, and the tips of spikes: a
  // point where the ring turns back on itself at a hair-thin angle. Snapped to integers, such a spike's
  // two sides cross each other and the renderer fills a wedge that is not there; ST_AsMVTGeom removes
  // them too when it makes its output valid. Repeat until stable.
  let changed = true;
  let r = snapped;
  while (changed && r.length >= 3) {
    changed = false;
    const next: Ring = [];
    for (let i = 0; i < r.length; i++) {
      const a = next.length ? next[next.length - 1] : r[(i + r.length - 1) % r.length];
      const b = r[i];
      const c = r[(i + 1) % r.length];
      if (isCollinearOrSpike(a, b, c)) {
        changed = true;
        continue;
      }
      next.push(b);
    }
    r = next;
  }
  if (r.length < 3 || signedArea2(r) === 0) return null;
  return r;
}

function orient(ring: Ring, exterior: boolean): Ring {
  const positive = signedArea2(ring) > 0;
  return positive === exterior ? ring : ring.slice().reverse();
}

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonsOf);
  return [];
}

function pointsOf(geometry: Geometry): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'MultiPoint') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(pointsOf);
  return [];
}

/**
 * Turns one lon/lat geometry into tile geometry for tile `tile`; null when nothing of it is left
 * inside the buffered tile.
 */
export function toTileGeometry(geometry: Geometry, tile: TileCoord, buffer = TILE_BUFFER): TileGeometry | null {
  const project = tileProjector(tile);
  const min = -buffer;
  const max = TILE_EXTENT + buffer;

  const points = pointsOf(geometry);
  if (points.length) {
    const kept: TilePoint[] = [];
    for (const [lon, lat] of points) {
      // Snap first, then test: ST_AsMVTGeom keeps a point that lands on the buffer edge once rounded.
      const [x, y] = project(lon, lat).map(Math.round) as TilePoint;
      if (x >= min && x <= max && y >= min && y <= max) kept.push([x, y]);
    }
    return kept.length ? { type: 'point', points: kept } : null;
  }

  const polygons = polygonsOf(geometry).map((rings) => rings.map((ring) => ring.map(([lon, lat]) => project(lon, lat))));
  // A feature smaller than half a unit both ways would be a speck: ST_AsMVTGeom drops it too.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygons) {
    for (const [x, y] of rings[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (!(maxX - minX >= 0.5 || maxY - minY >= 0.5)) return null;

  const out: Ring[] = [];
  for (const rings of polygons) {
    let exteriorKept = false;
    rings.forEach((closed, index) => {
      if (index > 0 && !exteriorKept) return;
      const simplified = simplifyClosed(closed, 0.5);
      const open = simplified.slice(0, -1);
      const clipped = clipRing(open, min, max);
      const snapped = clipped.length >= 3 ? snapRing(clipped) : null;
      if (!snapped) return;
      out.push(orient(snapped, index === 0));
      if (index === 0) exteriorKept = true;
    });
  }
  return out.length ? { type: 'polygon', rings: out } : null;
}
