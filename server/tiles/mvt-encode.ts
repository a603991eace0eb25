/**
 * A Mapbox Vector Tile v2 writer (https://github.com/mapbox/vector-tile-spec/tree/master/2.1) for the
 * embedded engine, whose PostGIS is built without protobuf (no ST_AsMVT). Geometry arrives already in
 * tile units (see tile-geometry.ts); this file only does the protobuf encoding.
 */
import Pbf from 'pbf';
import { TILE_EXTENT } from './tile-math';

export type TilePoint = [number, number];
export type PropertyValue = string | number | boolean;

export type TileGeometry =
  /** One or more points (integer tile units). */
  | { type: 'point'; points: TilePoint[] }
  /**
   * Polygons as rings in encoding order: each exterior ring (positive area in y-down tile units) is
   * followed by its holes (negative area). Rings are open: the closing point is not repeated.
   */
  | { type: 'polygon'; rings: TilePoint[][] };

export interface TileFeature {
  id: number;
  properties: Record<string, PropertyValue | null>;
  geometry: TileGeometry;
}

export interface TileLayerData {
  name: string;
  features: TileFeature[];
}

const GEOM_POINT = 1;
const GEOM_POLYGON = 3;
const CMD_MOVE_TO = 1;
const CMD_LINE_TO = 2;
const CMD_CLOSE_PATH = 7;

const command = (id: number, count: number) => (count << 3) | (id & 0x7);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

interface LayerContext {
  keys: string[];
  keyIndex: Map<string, number>;
  values: PropertyValue[];
  valueIndex: Map<string, number>;
}

function writeValue(value: PropertyValue, pbf: Pbf) {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (!Number.isInteger(value)) pbf.writeDoubleField(3, value);
  // Same choice as ST_AsMVT: non-negative integers as uint, negative ones as sint.
  else if (value < 0) pbf.writeSVarintField(6, value);
  else pbf.writeVarintField(5, value);
}

function geometryCommands(geometry: TileGeometry): number[] {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  const delta = ([x, y]: TilePoint) => {
    out.push(zigzag(x - cx), zigzag(y - cy));
    cx = x;
    cy = y;
  };
  if (geometry.type === 'point') {
    out.push(command(CMD_MOVE_TO, geometry.points.length));
    for (const p of geometry.points) delta(p);
    return out;
  }
  for (const ring of geometry.rings) {
    out.push(command(CMD_MOVE_TO, 1));
    delta(ring[0]);
    out.push(command(CMD_LINE_TO, ring.length - 1));
    for (let i = 1; i < ring.length; i++) delta(ring[i]);
    out.push(command(CMD_CLOSE_PATH, 1));
  }
  return out;
}

function writeFeature(feature: TileFeature, ctx: LayerContext, pbf: Pbf) {
  pbf.writeVarintField(1, feature.id);
  const tags: number[] = [];
  for (const [key, value] of Object.entries(feature.properties)) {
    // Like ST_AsMVT, a NULL property is simply absent.
    if (value === null || value === undefined) continue;
    let k = ctx.keyIndex.get(key);
    if (k === undefined) {
      k = ctx.keys.push(key) - 1;
      ctx.keyIndex.set(key, k);
    }
    const valueKey = `${typeof value}:${value}`;
    let v = ctx.valueIndex.get(valueKey);
    if (v === undefined) {
      v = ctx.values.push(value) - 1;
      ctx.valueIndex.set(valueKey, v);
    }
    tags.push(k, v);
  }
  pbf.writePackedVarint(2, tags);
  pbf.writeVarintField(3, feature.geometry.type === 'point' ? GEOM_POINT : GEOM_POLYGON);
  pbf.writePackedVarint(4, geometryCommands(feature.geometry));
}

function writeLayer(layer: TileLayerData, pbf: Pbf) {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const ctx: LayerContext = { keys: [], keyIndex: new Map(), values: [], valueIndex: new Map() };
  for (const feature of layer.features) {
    if (!isEncodable(feature.geometry)) continue;
    pbf.writeMessage(2, (f: TileFeature, p: Pbf) => writeFeature(f, ctx, p), feature);
  }
  for (const key of ctx.keys) pbf.writeStringField(3, key);
  for (const value of ctx.values) pbf.writeMessage(4, writeValue, value);
  pbf.writeVarintField(5, TILE_EXTENT);
}

function isEncodable(g: TileGeometry): boolean {
  return g.type === 'point' ? g.points.length > 0 : g.rings.length > 0 && g.rings.every((r) => r.length >= 3);
}

/** Encodes layers into one tile. Layers without features are left out, so an empty tile is 0 bytes. */
export function encodeTile(layers: TileLayerData[]): Uint8Array {
  const pbf = new Pbf();
  for (const layer of layers) {
    if (!layer.features.some((f) => isEncodable(f.geometry))) continue;
    pbf.writeMessage(3, writeLayer, layer);
  }
  return pbf.finish();
}
