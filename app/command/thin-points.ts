/**
 * The cases the map draws for a view: those in the view (with a margin on every side, so that a drag
 * stays covered until the next moveend), and of the cases falling on the same few screen pixels only the
 * most prominent (the largest dot: an overdue case before an open one, an open one before a closed one).
 * What is left out is hidden under a kept dot or off screen, so the map looks the same; but a frame costs
 * in proportion to the dots drawn, and over a whole city of 100,000 cases a few thousand cells are lit.
 * Pure: the controller calls it at each moveend and each change of the cases.
 */
import type { BinaryPoints } from './point-buffers';

/** The side of a cell of the screen in which one case is drawn, in CSS pixels. */
export const THIN_CELL_PX = 3;
/** The margin kept around the view, as a share of its width and height on each side. */
export const VIEW_MARGIN = 0.5;

export interface ThinView {
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  zoom: number;
}

export interface ThinnedPoints {
  points: BinaryPoints;
  /** The slot in the source of each point drawn. */
  slotAt: Uint32Array;
}

/** Web Mercator world pixels (512-pixel tiles, as MapLibre) of a longitude and latitude at a zoom. */
function worldPx(lon: number, lat: number, scale: number): [number, number] {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

export function thinPoints(src: BinaryPoints, view: ThinView): ThinnedPoints {
  const a = src.attributes;
  const pos = a.getPosition.value;
  const radius = a.getRadius.value;
  const [w, s, e, n] = view.bounds;
  const mx = (e - w) * VIEW_MARGIN;
  const my = (n - s) * VIEW_MARGIN;
  const west = w - mx, east = e + mx, south = s - my, north = n + my;
  const scale = 512 * 2 ** view.zoom;
  // Cells counted from the margin's north-west corner: a few thousand across, so a key is a safe integer.
  const [x0, y0] = worldPx(west, north, scale);
  // One slot per lit cell: the one with the largest radius (the first of equals).
  const best = new Map<number, number>();
  for (let i = 0; i < src.length; i++) {
    const lon = pos[i * 2]!;
    const lat = pos[i * 2 + 1]!;
    const r = radius[i]!;
    if (r <= 0 || lon < west || lon > east || lat < south || lat > north) continue;
    const [x, y] = worldPx(lon, lat, scale);
    const key = Math.floor((x - x0) / THIN_CELL_PX) * 1_048_576 + Math.floor((y - y0) / THIN_CELL_PX);
    const held = best.get(key);
    if (held === undefined || radius[held]! < r) best.set(key, i);
  }
  // In slot order, so that the drawing order (later on top) is the source's.
  const slotAt = Uint32Array.from(best.values()).sort();
  return { points: gather(src, slotAt), slotAt };
}

/** The source's attributes of the given slots, as new arrays. */
function gather(src: BinaryPoints, slots: Uint32Array): BinaryPoints {
  const a = src.attributes;
  const pick = <T extends Float64Array | Float32Array | Uint8Array>(attr: { value: T; size: number }, make: (n: number) => T): T => {
    const out = make(slots.length * attr.size);
    for (let k = 0; k < slots.length; k++) {
      const from = slots[k]! * attr.size;
      for (let c = 0; c < attr.size; c++) out[k * attr.size + c] = attr.value[from + c]!;
    }
    return out;
  };
  const like = <T extends Float64Array | Float32Array | Uint8Array>(v: T) => (n: number) => new (v.constructor as new (n: number) => T)(n);
  const copy = <K extends keyof BinaryPoints['attributes']>(k: K) => ({ ...a[k], value: pick(a[k], like(a[k].value)) });
  return {
    length: slots.length,
    attributes: {
      getPosition: copy('getPosition'),
      getFillColor: copy('getFillColor'),
      getLineColor: copy('getLineColor'),
      getRadius: copy('getRadius'),
      getLineWidth: copy('getLineWidth'),
      getColorWeight: copy('getColorWeight'),
    },
  };
}
