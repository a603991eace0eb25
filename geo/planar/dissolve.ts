/**
 * The union of polygons that tile without overlapping and share their edges exactly (the same vertices on
 * both sides, as the cells of one Voronoi diagram do, rounded alike): an edge two of them share is inside
 * the union, the others are its boundary, chained into rings. Linear in the edges, where a general
 * polygon union (GEOS's, snap-rounding on a grid) took most of a scenario's drawing time. Rings that touch
 * at a vertex may come out chained as one (a figure of eight): the caller makes the result valid.
 */
import { pointInMultiPolygon, type MultiPolygon, type XY } from './polygon';

const keyOf = (p: XY) => `${p[0]},${p[1]}`;

/** Twice the signed area (positive counter-clockwise) of a ring, closed or not. */
function signedArea2(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return s;
}

/** The ring's vertices without the closing one and without repeats. */
function openRing(ring: readonly XY[]): XY[] {
  const out: XY[] = [];
  for (const p of ring) {
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out.at(-1)![0] && out[0]![1] === out.at(-1)![1]) out.pop();
  return out;
}

export function dissolveTiles(tiles: readonly (readonly XY[])[]): MultiPolygon {
  // Each tile counter-clockwise; a directed edge cancels the same edge run the other way by a neighbour.
  const edges = new Map<string, { from: XY; to: XY }>();
  for (const tile of tiles) {
    let ring = openRing(tile);
    if (ring.length < 3) continue;
    const area = signedArea2(ring);
    if (area === 0) continue;
    if (area < 0) ring = ring.reverse();
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      const back = `${keyOf(b)}|${keyOf(a)}`;
      if (edges.has(back)) edges.delete(back);
      else edges.set(`${keyOf(a)}|${keyOf(b)}`, { from: a, to: b });
    }
  }
  // The boundary edges by the vertex they leave, walked into rings.
  const leaving = new Map<string, { from: XY; to: XY }[]>();
  for (const e of edges.values()) {
    const k = keyOf(e.from);
    const list = leaving.get(k);
    if (list) list.push(e);
    else leaving.set(k, [e]);
  }
  const rings: XY[][] = [];
  for (const start of edges.values()) {
    const first = leaving.get(keyOf(start.from));
    if (!first || !first.includes(start)) continue;
    const ring: XY[] = [start.from];
    let e: { from: XY; to: XY } | undefined = start;
    first.splice(first.indexOf(start), 1);
    while (e) {
      ring.push(e.to);
      if (e.to[0] === start.from[0] && e.to[1] === start.from[1]) break;
      const next = leaving.get(keyOf(e.to));
      e = next?.pop();
    }
    if (ring.length >= 4) rings.push(ring);
  }
  // Counter-clockwise rings are shells; clockwise ones holes, each in the smallest shell around it.
  const shells = rings.filter((r) => signedArea2(r) > 0).map((r) => ({ ring: r, area: signedArea2(r), holes: [] as XY[][] }));
  for (const hole of rings.filter((r) => signedArea2(r) < 0)) {
    const mid: XY = [(hole[0]![0] + hole[1]![0]) / 2, (hole[0]![1] + hole[1]![1]) / 2];
    const around = shells.filter((s) => pointInMultiPolygon(mid, [[s.ring]])).sort((a, b) => a.area - b.area)[0];
    around?.holes.push(hole);
  }
  return shells.map((s) => [s.ring, ...s.holes]);
}
