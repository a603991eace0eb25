/**
 * A collection's selection as one file (/ogc/collections/{id}/export.{geojson|zip|kml|csv|gpkg}): the same
 * features, fields and filters as its items (public fields, and those a department's key opens), all of
 * them at once, in WGS84 or, when asked, GCJ-02 for partners whose maps are Gaode's or Tencent's.
 */
import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { convertGeometry } from '@/geo/interchange/gcj02';
import type { Executor } from '../db';
import { shapefileKind, writeFeatureFileAsync, type FeatureFileFormat, type WritableCollection, type WrittenFile } from '../interchange/write-feature-file';
import type { CollectionDef } from './collections';
import { OgcError } from './errors';
import { featureRows, momentOf } from './features';
import type { ItemsQuery } from './query';

/** The most features one export holds (all the city's standard addresses fit). */
export const EXPORT_MAX = 300_000;

export const EXPORT_FORMATS: Readonly<Record<string, FeatureFileFormat>> = { geojson: 'geojson', zip: 'shapefile', kml: 'kml', csv: 'csv', gpkg: 'geopackage' };

export async function exportCollection(
  db: Executor,
  c: CollectionDef,
  q: ItemsQuery,
  at: Date,
  fields: ReadonlySet<string>,
  format: FeatureFileFormat,
  max = EXPORT_MAX,
): Promise<WrittenFile> {
  // One more than the most: a selection past it is refused, and nothing needs counting.
  const features = await featureRows(db, c, { ...q, limit: max + 1, offset: 0 }, momentOf(c, q.datetime, at), fields);
  if (features.length > max) throw new OgcError('EXPORT_TOO_LARGE', String(max));
  const collection: WritableCollection = {
    type: 'FeatureCollection',
    features: features.flatMap((f) => {
      const g = f.geometry ? (JSON.parse(f.geometry) as Geometry) : null;
      // The collections' shapes are points and polygons; anything else has no place in these files.
      if (!g || (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return [];
      // The id as a property: a file's readers take a feature's own id as their row number, or drop it.
      return [{ type: 'Feature' as const, properties: { id: f.id, ...f.properties }, geometry: convertGeometry(g as Point | Polygon | MultiPolygon, 'wgs84', q.crs) }];
    }),
  };
  if (format === 'shapefile' && !shapefileKind(collection)) throw new OgcError('EXPORT_MIXED_GEOMETRY');
  const day = at.toISOString().slice(0, 10);
  // A GeoPackage's layer is named as the collection is (the OAPIF driver's layer name too).
  return writeFeatureFileAsync(collection, format, `${c.id}-${day}${q.crs === 'gcj02' ? '-gcj02' : ''}`, { layerName: c.id, at });
}
