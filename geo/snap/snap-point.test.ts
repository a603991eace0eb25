import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SnapIndex, type SnapQuery, type SnapTarget } from './snap-point';

/** Web Mercator in screen pixels at a zoom (512 px tiles, as MapLibre), with its inverse. */
function mercator(zoom: number) {
  const size = 512 * 2 ** zoom;
  const project = (p: Position): [number, number] => [
    ((p[0]! + 180) / 360) * size,
    ((180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (p[1]! * Math.PI) / 360))) / 360) * size,
  ];
  const unproject = ([x, y]: [number, number]): Position => [
    (x / size) * 360 - 180,
    (360 / Math.PI) * Math.atan(Math.exp(((180 - (y / size) * 360) * Math.PI) / 180)) - 90,
  ];
  return { project, unproject };
}

const at17 = mercator(17);
const query = (extra: Partial<SnapQuery> = {}): SnapQuery => ({ tolerancePx: 10, ...at17, ...extra });
/** The lng/lat `dx`, `dy` screen pixels away from `p` at zoom 17. */
const offset = (p: Position, dx: number, dy: number): Position => {
  const [x, y] = at17.project(p);
  return at17.unproject([x + dx, y + dy]);
};

// Vertices with every bit of a double in use: what PostGIS hands back after an overlay.
const A: Position = [118.78912345678901, 32.04123456789012];
const B: Position = [118.79187654321098, 32.04123456789012];
const C: Position = [118.79187654321098, 32.04398765432109];
const D: Position = [118.78912345678901, 32.04398765432109];
const square: Polygon = { type: 'Polygon', coordinates: [[A, B, C, D, A]] };

describe('SnapIndex.snap', () => {
  it('snaps to a vertex within the tolerance with its exact coordinates', () => {
    const index = new SnapIndex([{ geometry: square, role: 'grid' }]);
    const s = index.snap(offset(C, 4, -3), query());
    expect(s.kind).toBe('vertex');
    // Bit-identical, not merely close.
    expect(Object.is(s.position[0], C[0])).toBe(true);
    expect(Object.is(s.position[1], C[1])).toBe(true);
  });

  it('snaps to the nearest point of an edge when no vertex is in reach, on the edge itself', () => {
    const index = new SnapIndex([{ geometry: square, role: 'grid' }]);
    const mid: Position = [(A[0]! + B[0]!) / 2, A[1]!];
    const s = index.snap(offset(mid, 2, 6), query());
    expect(s.kind).toBe('edge');
    // The edge A–B is a parallel: the snapped point has its latitude exactly, and the pointer's longitude.
    expect(s.position[1]).toBe(A[1]);
    expect(s.position[0]).toBeCloseTo(offset(mid, 2, 0)[0]!, 9);
  });

  it('prefers a vertex to a nearer edge', () => {
    const index = new SnapIndex([{ geometry: square, role: 'grid' }]);
    // 1 px from the edge A–B, 8 px along it from A.
    const s = index.snap(offset(A, 8, 1), query());
    expect(s).toEqual({ position: A, kind: 'vertex' });
  });

  it('gives the pointer itself when nothing is within the tolerance', () => {
    const index = new SnapIndex([{ geometry: square, role: 'grid' }]);
    const pointer = offset(A, -15, 15);
    const s = index.snap(pointer, query());
    expect(s.kind).toBe('none');
    expect(s.position).toBe(pointer);
  });

  it('measures the tolerance in screen pixels, so it depends on the zoom', () => {
    const index = new SnapIndex([{ geometry: square, role: 'grid' }]);
    const pointer = offset(A, -6, 0); // 6 px at zoom 17, 3 px at zoom 16, 12 px at zoom 18
    expect(index.snap(pointer, { tolerancePx: 10, ...mercator(16) }).kind).toBe('vertex');
    expect(index.snap(pointer, { tolerancePx: 10, ...mercator(18) }).kind).toBe('none');
  });

  it('takes the nearest of several vertices in reach', () => {
    const near: Position = offset(A, 5, 0);
    const line: SnapTarget = { geometry: { type: 'LineString', coordinates: [near, offset(A, 5, 40)] }, role: 'boundary' };
    const index = new SnapIndex([{ geometry: square, role: 'grid' }, line]);
    expect(index.snap(offset(A, 4, 0), query()).position).toEqual(near);
    expect(index.snap(offset(A, 1, 0), query()).position).toEqual(A);
  });

  it('snaps to holes and to every polygon of a multipolygon', () => {
    const hole = [offset(A, 30, -30), offset(A, 60, -30), offset(A, 60, -60), offset(A, 30, -30)];
    const far: Position[] = [offset(A, 500, 0), offset(A, 600, 0), offset(A, 600, -100), offset(A, 500, 0)];
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[A, B, C, D, A], hole], [far]] };
    const index = new SnapIndex([{ geometry: multi, role: 'boundary' }]);
    expect(index.snap(offset(hole[1]!, 3, 3), query()).position).toEqual(hole[1]);
    expect(index.snap(offset(far[2]!, -2, 2), query()).position).toEqual(far[2]);
  });

  it('skips the vertex being moved and the grid edges ending there, but not a boundary through it', () => {
    const grid = new SnapIndex([{ geometry: square, role: 'grid' }]);
    // Near A: its own position and the edges A–B, D–A move with it; nothing else is in reach.
    expect(grid.snap(offset(A, 3, 2), query({ moving: A })).kind).toBe('none');
    // Without `moving` the same pointer snaps to A.
    expect(grid.snap(offset(A, 3, 2), query()).kind).toBe('vertex');
    // A community boundary through A stays where it is: A and its edges remain targets.
    const both = new SnapIndex([
      { geometry: square, role: 'grid' },
      { geometry: square, role: 'boundary' },
    ]);
    expect(both.snap(offset(A, 3, 2), query({ moving: A }))).toEqual({ position: A, kind: 'vertex' });
    const onEdge = both.snap(offset(A, 40, 3), query({ moving: A }));
    expect(onEdge.kind).toBe('edge');
    expect(onEdge.position[1]).toBe(A[1]);
  });

  it('measures only the segments near the pointer (the box prefilter)', () => {
    // 400 grids of 200 vertices each, in a 20 × 20 block: 80,000 segments.
    const targets: SnapTarget[] = [];
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const ring: Position[] = [];
        for (let k = 0; k < 200; k++) {
          const a = (2 * Math.PI * k) / 200;
          ring.push([118.7 + i * 0.002 + 0.0009 * Math.cos(a), 32.0 + j * 0.002 + 0.0009 * Math.sin(a)]);
        }
        ring.push(ring[0]!);
        targets.push({ geometry: { type: 'Polygon', coordinates: [ring] }, role: 'grid' });
      }
    }
    const index = new SnapIndex(targets);
    let projected = 0;
    const counting: SnapQuery = {
      tolerancePx: 10,
      unproject: at17.unproject,
      project: (p) => {
        projected++;
        return at17.project(p);
      },
    };
    const v = (targets[210]!.geometry as Polygon).coordinates[0]![37]!;
    expect(index.snap(offset(v, 2, 2), counting)).toEqual({ position: v, kind: 'vertex' });
    expect(projected).toBeLessThan(100);
  });
});
