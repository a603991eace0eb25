import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GridCandidate } from '../topology/grid-candidate';
import { convertGeometry, type Crs } from './gcj02';

/** The property names written on export: the same names the importer reads first (grid-properties.ts). */
export interface ExportedGridProperties {
  code: string | null;
  name: string | null;
  kind: GridCandidate['kind'];
  dedicated_type: GridCandidate['dedicatedType'];
  community_code: string | null;
}

/**
 * Grids as a GeoJSON FeatureCollection for export, in WGS84 or (when asked, for Gaode/Tencent users)
 * converted to GCJ-02 on the way out. The input grids are not modified.
 */
export function gridsToFeatureCollection(
  grids: readonly GridCandidate[],
  crs: Crs = 'wgs84',
): FeatureCollection<Polygon | MultiPolygon, ExportedGridProperties> {
  return {
    type: 'FeatureCollection',
    features: grids.map((g): Feature<Polygon | MultiPolygon, ExportedGridProperties> => ({
      type: 'Feature',
      properties: {
        code: g.code,
        name: g.name,
        kind: g.kind,
        dedicated_type: g.dedicatedType,
        community_code: g.communityCode,
      },
      geometry: convertGeometry(g.geometry, 'wgs84', crs),
    })),
  };
}
