/**
 * A geometry as a GeoPackage stores it (GeoPackage 1.3, §2.1.3 "GeoPackageBinary"): the header — "GP",
 * version 0, the flags, the SRS id — then the envelope [minX, maxX, minY, maxY] and the geometry as
 * ISO WKB, all little-endian. An empty geometry carries no envelope and sets the empty flag. Pure.
 */
import type { Geometry } from 'geojson';
import { envelopeOf, geometryToWkb } from './wkb';

/** Flag bits: byte order little-endian (bit 0), envelope contents (bits 1–3), empty geometry (bit 4). */
export const GPKG_FLAGS = { littleEndian: 0x01, envelopeXY: 1 << 1, empty: 1 << 4 } as const;

export function geoPackageGeometry(g: Geometry, srsId: number): Uint8Array {
  const envelope = envelopeOf(g);
  const wkb = geometryToWkb(g);
  const headerLength = 8 + (envelope ? 32 : 0);
  const bytes = new Uint8Array(headerLength + wkb.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x47; // 'G'
  bytes[1] = 0x50; // 'P'
  bytes[2] = 0; // version 1 of the format, written 0
  bytes[3] = GPKG_FLAGS.littleEndian | (envelope ? GPKG_FLAGS.envelopeXY : GPKG_FLAGS.empty);
  view.setInt32(4, srsId, true);
  if (envelope) envelope.forEach((v, i) => view.setFloat64(8 + 8 * i, v, true));
  bytes.set(wkb, headerLength);
  return bytes;
}
