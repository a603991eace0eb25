import type { MultiPolygon, Polygon } from 'geojson';

export type GridKind = 'comprehensive' | 'dedicated';
export type DedicatedType = 'park' | 'school' | 'hospital' | 'enterprise' | 'market' | 'government';

/**
 * A grid as it arrives for checking: from a draft, from an imported file, from the grids in force.
 * Geometry is lon/lat WGS84 and has passed input sanitation (numbers finite, rings closed, within the
 * vertex limit) but may still be topologically invalid: that is what the topology engine reports.
 */
export interface GridCandidate {
  /** Stable key within the set (draft grid id, feature index, grid code): findings refer to it. */
  key: string;
  /** 15-digit code, or null when not yet assigned (a new grid in a draft). */
  code: string | null;
  name: string | null;
  kind: GridKind;
  dedicatedType: DedicatedType | null;
  /** 12-digit code of the community the grid belongs to, when known. */
  communityCode: string | null;
  geometry: Polygon | MultiPolygon;
}
