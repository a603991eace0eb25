/**
 * Snapping a pointer to the vertices and edges of neighbouring grids and of the community boundaries,
 * so that a vertex placed in the browser lands exactly on the existing one (the same two doubles), and
 * shared edges are shared exactly, not almost. Pure: the caller passes the map's projection.
 */
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

export type SnapGeometry = Polygon | MultiPolygon | LineString | MultiLineString;

/**
 * A draft grid's vertices move when a shared vertex is dragged (moveSharedVertex moves it in every draft
 * grid); a community boundary stays where it is.
 */
export type SnapRole = 'grid' | 'boundary';

export interface SnapTarget {
  geometry: SnapGeometry;
  role: SnapRole;
}

export type SnapKind = 'vertex' | 'edge' | 'none';

export interface Snapped {
  position: Position;
  kind: SnapKind;
}

export interface SnapQuery {
  /** How near, in screen pixels, the pointer must be. */
  tolerancePx: number;
  /** lng/lat to screen pixels. */
  project: (p: Position) => [number, number];
  /** Screen pixels to lng/lat. */
  unproject: (xy: [number, number]) => Position;
  /**
   * The draft-grid vertex being moved: every grid vertex at exactly this position moves with it, so
   * neither those vertices nor the grid edges that end there can be snapped to. Boundaries stay snappable.
   */
  moving?: Position;
}

/** Segments per run: a run is the unit of the box prefilter (small enough to skip most of a long ring). */
const RUN_SEGMENTS = 16;

interface Run {
  line: Position[];
  /** Points line[from..to] (inclusive), i.e. segments from..to-1. */
  from: number;
  to: number;
  grid: boolean;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function linesOf(g: SnapGeometry): Position[][] {
  switch (g.type) {
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat();
  }
}

/** The same position, bit for bit (what snapping guarantees of a shared vertex). */
export const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * The snap targets of one street, cut into short runs of segments with their bounding boxes: a pointer
 * move tests a few thousand boxes and measures only the segments near the pointer, which keeps it well
 * under a frame for a street's few hundred grids.
 */
export class SnapIndex {
  private readonly runs: Run[] = [];

  constructor(targets: readonly SnapTarget[]) {
    for (const t of targets) {
      for (const line of linesOf(t.geometry)) {
        if (line.length === 0) continue;
        // A single point (a degenerate line) is still one run: a vertex to snap to.
        const last = line.length - 1;
        let from = 0;
        do {
          const to = Math.min(from + RUN_SEGMENTS, last);
          let minX = Infinity;
          let minY = Infinity;
          let maxX = -Infinity;
          let maxY = -Infinity;
          for (let i = from; i <= to; i++) {
            const p = line[i]!;
            if (p[0]! < minX) minX = p[0]!;
            if (p[0]! > maxX) maxX = p[0]!;
            if (p[1]! < minY) minY = p[1]!;
            if (p[1]! > maxY) maxY = p[1]!;
          }
          this.runs.push({ line, from, to, grid: t.role === 'grid', minX, minY, maxX, maxY });
          from = to;
        } while (from < last);
      }
    }
  }

  /**
   * The pointer snapped: to the nearest vertex within the tolerance (its exact coordinates), else to the
   * nearest point of an edge within the tolerance, else the pointer itself. A vertex wins over a nearer
   * edge, because a vertex is where grids meet and an edge point would add a near-duplicate vertex.
   */
  snap(pointer: Position, q: SnapQuery): Snapped {
    const tol = q.tolerancePx;
    const [px, py] = q.project(pointer);
    // The search box in lng/lat: the four corners of the tolerance square around the pointer.
    let bx0 = Infinity;
    let by0 = Infinity;
    let bx1 = -Infinity;
    let by1 = -Infinity;
    for (const [dx, dy] of [
      [-tol, -tol],
      [tol, -tol],
      [tol, tol],
      [-tol, tol],
    ] as const) {
      const c = q.unproject([px + dx, py + dy]);
      bx0 = Math.min(bx0, c[0]!);
      bx1 = Math.max(bx1, c[0]!);
      by0 = Math.min(by0, c[1]!);
      by1 = Math.max(by1, c[1]!);
    }
    const inBox = (p: Position) => p[0]! >= bx0 && p[0]! <= bx1 && p[1]! >= by0 && p[1]! <= by1;
    const moving = q.moving;

    let vertex: Position | null = null;
    let vertexD = tol;
    let edge: Position | null = null;
    let edgeD = tol;
    for (const r of this.runs) {
      if (r.maxX < bx0 || r.minX > bx1 || r.maxY < by0 || r.minY > by1) continue;
      const excluded = (p: Position) => r.grid && moving !== undefined && samePosition(p, moving);
      for (let i = r.from; i <= r.to; i++) {
        const v = r.line[i]!;
        if (!inBox(v) || excluded(v)) continue;
        const [vx, vy] = q.project(v);
        const d = Math.hypot(vx - px, vy - py);
        if (d <= vertexD) {
          vertexD = d;
          vertex = v;
        }
      }
      // Once a vertex is in reach no edge can win, but the remaining runs may hold a nearer vertex.
      if (vertex) continue;
      for (let i = r.from; i < r.to; i++) {
        const a = r.line[i]!;
        const b = r.line[i + 1]!;
        if (Math.max(a[0]!, b[0]!) < bx0 || Math.min(a[0]!, b[0]!) > bx1 || Math.max(a[1]!, b[1]!) < by0 || Math.min(a[1]!, b[1]!) > by1) continue;
        if (excluded(a) || excluded(b) || samePosition(a, b)) continue;
        const [ax, ay] = q.project(a);
        const [cx, cy] = q.project(b);
        const ux = cx - ax;
        const uy = cy - ay;
        const len2 = ux * ux + uy * uy;
        if (len2 === 0) continue;
        const t = Math.min(1, Math.max(0, ((px - ax) * ux + (py - ay) * uy) / len2));
        const d = Math.hypot(ax + t * ux - px, ay + t * uy - py);
        if (d <= edgeD) {
          edgeD = d;
          // Interpolated in lng/lat, not unprojected: the edge is straight in lng/lat (as PostGIS sees it).
          edge = t === 0 ? a : t === 1 ? b : [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
        }
      }
    }
    if (vertex) return { position: [vertex[0]!, vertex[1]!], kind: 'vertex' };
    if (edge) return { position: [edge[0]!, edge[1]!], kind: 'edge' };
    return { position: pointer, kind: 'none' };
  }
}
