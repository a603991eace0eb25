/**
 * The precision every draft geometry lives at, and the one way client geometry becomes stored
 * geometry. Overlays run at a fixed precision on valid input only (STACK.md: PGlite swallows GEOS errors).
 */
import type { MultiPolygon } from 'geojson';
import { checkPolygonInput } from '@/geo/grid/check-geometry-input';
import { localized } from '@/geo/text/localized-text';
import { geosReasonText } from '@/geo/topology/geos-reasons';
import type { Executor } from '../db';
import { DraftError, geometryInputError } from './errors';

/**
 * Fixed precision of every overlay and of stored geometry, in degrees (~1 mm). Every vertex a draft
 * stores lies on this grid (new points such as split cut points and snap targets are rounded onto it),
 * so a fixed-precision overlay never moves an existing vertex and shared edges stay shared exactly.
 */
export const GRID_PRECISION = 1e-8;
/** Two vertices closer than this (degrees, ~0.1 mm) are the same vertex for topological editing. */
export const VERTEX_TOLERANCE = 1e-9;
/**
 * Below this (m², geodesic) an area is rounding dust of the 1e-8 overlays, not territory: an overlap
 * between two grids, an area to give, a part outside the community. (The engine ignores gaps below 1 m².)
 */
export const DUST_M2 = 0.01;
/** Parts of a "fill the rest" result smaller than this (m²) are rounding dust, not territory. */
export const FILL_MIN_PART_M2 = 1;
/** Upper bound of the snapping tolerance (m): beyond this, snapping redraws boundaries instead of fixing them. */
export const MAX_SNAP_TOLERANCE_M = 50;

/** SQL: the geometry of hex WKB bound at `param`, in SRID 4326. */
export const FROM_WKB = (param: string) => `ST_SetSRID(ST_GeomFromWKB(decode(${param}, 'hex')), 4326)`;

/** Client geometry through the structural checks of geo/grid (the same the editor runs). */
export function parsePolygon(value: unknown): MultiPolygon {
  const checked = checkPolygonInput(value);
  if (!checked.valid) throw geometryInputError(checked.reason);
  return checked.geometry;
}

/**
 * Builds client geometry in PostGIS, refuses it unless ST_IsValid, and puts it on the 1e-8 grid so that
 * later fixed-precision overlays do not move its vertices. Returns hex WKB.
 */
export async function buildGeometry(tx: Executor, geometry: MultiPolygon): Promise<string> {
  const [check] = await tx.query<{ valid: boolean; reason: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s`,
    [JSON.stringify(geometry)],
  );
  if (!check!.valid) throw new DraftError('GRID_GEOMETRY_INVALID', geosReasonText(check!.reason));
  const [row] = await tx.query<{ wkb: string; empty: boolean }>(
    `SELECT encode(ST_AsBinary(r), 'hex') AS wkb, ST_IsEmpty(r) AS empty
       FROM (SELECT ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), $2::float8), 3)) AS r) s`,
    [JSON.stringify(geometry), GRID_PRECISION],
  );
  if (row!.empty) throw new DraftError('GRID_GEOMETRY_INVALID', localized('在 1 毫米精度下退化为空', 'collapses at 1 mm precision'));
  return row!.wkb;
}

/**
 * buildGeometry for a file imported with "make valid": a geometry that is not valid is repaired
 * (grid_repair, migration 0012) instead of refused, and `reason` is what ST_IsValidReason said before
 * (null when it was valid: then this is exactly buildGeometry). Draft rows are CHECKed valid, so a file
 * is the only way an invalid shape can arrive, and this the only place it is repaired before storing.
 * A repair that leaves nothing valid, or no area, is still refused.
 */
export async function buildRepairedGeometry(tx: Executor, geometry: MultiPolygon): Promise<{ wkb: string; reason: string | null }> {
  // A valid geometry is not repaired (r is NULL): it goes through buildGeometry unchanged.
  const [r] = await tx.query<{ was_valid: boolean; was_reason: string; empty: boolean; valid: boolean; reason: string; wkb: string }>(
    `SELECT ST_IsValid(g) AS was_valid, ST_IsValidReason(g) AS was_reason,
            ST_IsEmpty(r) AS empty, ST_IsValid(r) AS valid, ST_IsValidReason(r) AS reason, encode(ST_AsBinary(r), 'hex') AS wkb
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s,
            LATERAL (SELECT CASE WHEN NOT ST_IsValid(s.g) THEN
                       ST_Multi(ST_CollectionExtract(ST_ReducePrecision(grid_repair(s.g), $2::float8), 3))
                     END AS r) m`,
    [JSON.stringify(geometry), GRID_PRECISION],
  );
  if (r!.was_valid) return { wkb: await buildGeometry(tx, geometry), reason: null };
  const before = geosReasonText(r!.was_reason);
  if (r!.empty) throw new DraftError('GRID_GEOMETRY_INVALID', localized(`${before['zh-CN']}；修复后没有面积`, `${before.en}; no area left after repair`));
  if (!r!.valid) {
    const after = geosReasonText(r!.reason);
    throw new DraftError('GRID_GEOMETRY_INVALID', localized(`${before['zh-CN']}；修复后：${after['zh-CN']}`, `${before.en}; after repair: ${after.en}`));
  }
  return { wkb: r!.wkb, reason: r!.was_reason };
}
