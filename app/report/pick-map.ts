/**
 * The patrol form's small map, as data: the app's offline style (a plain background and the app's own
 * tiles, nothing from anywhere else) with the boundaries and the grids in force, so the worker sees which
 * grid a tap falls in; no incidents, workers or sites to tap by mistake. And the first view.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { offlineStyle, sourceId, type TileLayer } from '@/app/map/style';
import { CITY_BOUNDS } from '@/app/map/state';

const PICK_TILES: readonly TileLayer[] = ['districts', 'streets', 'communities', 'grids'];

export function pickMapStyle(origin: string): StyleSpecification {
  const base = offlineStyle(origin, 'kind');
  const keep = new Set(PICK_TILES.map(sourceId));
  return {
    ...base,
    name: 'GridAtlas report',
    sources: Object.fromEntries(Object.entries(base.sources).filter(([id]) => keep.has(id))),
    // The "-hit" layers only catch clicks on the main map; here every tap sets the point.
    layers: base.layers.filter((l) => l.type === 'background' || ('source' in l && keep.has(l.source as string) && !l.id.endsWith('-hit'))),
  };
}

export type Bounds = [number, number, number, number];

/** What the map frames first: the worker's own grids (with a margin), else the whole city. */
export function initialBounds(grids: readonly Bounds[]): Bounds {
  if (grids.length === 0) return CITY_BOUNDS;
  const [w, s, e, n] = grids.reduce<Bounds>((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [...grids[0]!]);
  const pad = Math.max(e - w, n - s) * 0.1 || 0.002;
  return [w - pad, s - pad, e + pad, n + pad];
}
