/** Decodes a tile the way MapLibre does (@mapbox/vector-tile + pbf), for assertions. */
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import type { Feature } from 'geojson';
import type { TileRequest } from '../tile-request';

export interface DecodedFeature {
  id: number | undefined;
  type: 0 | 1 | 2 | 3;
  properties: Record<string, string | number | boolean>;
  /** Rings or point lists in tile units. */
  rings: { x: number; y: number }[][];
  /** The same geometry back in lon/lat. */
  geojson: Feature;
}

export function decodeTile(bytes: Uint8Array, request: TileRequest): { layers: string[]; version?: number; extent?: number; features: DecodedFeature[] } {
  if (bytes.byteLength === 0) return { layers: [], features: [] };
  const tile = new VectorTile(new Pbf(bytes));
  const layer = tile.layers[request.layer];
  const features: DecodedFeature[] = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const f = layer.feature(i);
    features.push({
      id: f.id,
      type: f.type,
      properties: f.properties,
      rings: f.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y }))),
      geojson: f.toGeoJSON(request.x, request.y, request.z),
    });
  }
  return { layers: Object.keys(tile.layers), version: layer?.version, extent: layer?.extent, features };
}
