/**
 * Where a drawn grid comes in pieces. Its shape is the union of its units' cells clipped to the area being
 * divided, and two units that are neighbours in the address graph can have cells that touch only outside
 * that area (across a kept grid, or round a bend of the community's outline). Each part away from the one
 * holding most of the grid's addresses gives a separation: the addresses in it and the grid's others are
 * not neighbours after all, and the community is divided again without that link. Pure; lon/lat or planar.
 */
import { pointInMultiPolygon, type MultiPolygon, type XY } from '../planar/polygon';

/** Addresses (ids) of `apart` are not neighbours of those of `from`. */
export interface Separation {
  apart: number[];
  from: number[];
}

export function strayParts(addresses: readonly { id: number; p: XY }[], shape: MultiPolygon): Separation[] {
  if (shape.length < 2) return [];
  const inPart = shape.map(() => new Set<number>());
  for (const a of addresses) {
    const i = shape.findIndex((polygon) => pointInMultiPolygon(a.p, [polygon]));
    if (i >= 0) inPart[i]!.add(a.id);
  }
  let main = 0;
  inPart.forEach((ids, i) => ids.size > inPart[main]!.size && (main = i));
  return inPart.flatMap((ids, i) =>
    i === main || ids.size === 0 ? [] : [{ apart: [...ids], from: addresses.flatMap((a) => (ids.has(a.id) ? [] : [a.id])) }],
  );
}
