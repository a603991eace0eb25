/**
 * Moving the whole common boundary of two neighbouring grids in one edit (the road it followed moved):
 * the editor selects the two grids and draws the boundary's new course from one junction to the other.
 * Both grids change together, as one undo step: their union is cut by the drawn line, so the area of
 * the pair is unchanged and the new common edge is the line itself, shared vertex for vertex.
 *
 * Only grids of the same community: the boundary between two communities is the community border,
 * which is fixed and not the draft's to move (BOUNDARY_IS_COMMUNITY_BORDER).
 */
import type { MultiPoint, MultiPolygon } from 'geojson';
import { localized } from '@/geo/text/localized-text';
import { checkLineInput } from '@/geo/grid/check-geometry-input';
import { snapLineEnds } from '@/geo/grid/snap-line-ends';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { setGeometry, shareVerticesOfAll } from '../draft-grids';
import { DraftError, geometryInputError } from '../errors';
import { FROM_WKB, GRID_PRECISION } from '../precision';
import type { DraftRef } from '../store';

/** How far (m) a drawn end may lie from the outline of the two grids: drawing noise, not a different junction. */
export const BOUNDARY_END_TOLERANCE_M = 0.5;

export interface SharedBoundaryResult {
  keys: [string, string];
  /** Geodesic area (m²) of each grid after the edit. */
  areaM2: Record<string, number>;
  /** Other grids that took a line end as a new vertex (an end landing mid-edge of their boundary). */
  neighboursChanged: string[];
}

/**
 * Reshapes the common boundary of grids `keys[0]` and `keys[1]` to follow `line`. The part of the
 * pair's union that overlaps the first grid most becomes the first grid, the other part the second;
 * keys, codes and attributes stay.
 */
export async function reshapeSharedBoundary(
  db: Executor,
  ref: DraftRef,
  input: { keys: readonly string[]; line?: unknown },
): Promise<MutationResult<SharedBoundaryResult>> {
  const checked = checkLineInput(input.line);
  if (!checked.valid) throw geometryInputError(checked.reason);
  const [a, b] = input.keys;
  if (input.keys.length !== 2 || a === undefined || b === undefined || a === b) {
    throw new DraftError('BOUNDARY_NOT_SHARED', localized('请恰好选择两个不同的网格', 'select exactly two different grids'));
  }
  return runEdit(db, ref, 'reshapeSharedBoundary', { keys: [a, b], line: checked.geometry }, async (ctx) => {
    const rows = await ctx.tx.query<{ grid_key: string; community_id: number }>(
      'SELECT grid_key, community_id FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = ANY($2::text[])',
      [ctx.draft.id, [a, b]],
    );
    const missing = [a, b].filter((k) => !rows.some((r) => r.grid_key === k));
    if (missing.length) throw new DraftError('GRID_NOT_FOUND', missing.join(', '));
    if (rows[0]!.community_id !== rows[1]!.community_id) {
      throw new DraftError('BOUNDARY_IS_COMMUNITY_BORDER');
    }

    // The pair must meet along a line, not just at a point; their union is then one area to divide.
    // Built in key order, so the result does not depend on which grid the editor picked first.
    const [first, second] = [a, b].sort();
    const [pair] = await ctx.tx.query<{ shared: boolean; valid: boolean; parts: number; wkb: string; outline: MultiPolygon }>(
      `WITH x AS (SELECT geom FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2),
            y AS (SELECT geom FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $3),
            u AS (SELECT ST_Multi(ST_CollectionExtract(ST_Union(x.geom, y.geom, $4::float8), 3)) AS geom FROM x, y)
       SELECT ST_Relate(x.geom, y.geom, '****1****') AS shared, ST_IsValid(u.geom) AS valid, ST_NumGeometries(u.geom) AS parts,
              encode(ST_AsBinary(u.geom), 'hex') AS wkb, ST_AsGeoJSON(u.geom, 15)::json AS outline
         FROM x, y, u`,
      [ctx.draft.id, first, second, GRID_PRECISION],
    );
    if (!pair!.shared) throw new DraftError('BOUNDARY_NOT_SHARED', `${a}, ${b}`);
    if (!pair!.valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', localized('两个网格合并后几何无效', 'union of the two grids is not valid'));
    // A multipart grid: two single polygons could not cover the pair, whatever the line.
    if (pair!.parts !== 1) throw new DraftError('BOUNDARY_LINE_INVALID', localized(`两个网格合起来是 ${pair!.parts} 块互不相连的区域`, `the two grids together form ${pair!.parts} separate areas`));
    const outline = pair!.outline;

    const snapped = snapLineEnds(checked.geometry, outline.coordinates.flat(), {
      toleranceMetres: BOUNDARY_END_TOLERANCE_M,
      precision: GRID_PRECISION,
    });
    if (!snapped.valid) {
      throw new DraftError(
        'BOUNDARY_LINE_INVALID',
        snapped.reason === 'endOffOutline'
          ? localized(`线的${snapped.end === 'start' ? '起点' : '终点'}距外轮廓 ${snapped.distanceMetres.toFixed(1)} 米`, `its ${snapped.end} is ${snapped.distanceMetres.toFixed(1)} m from the outline`)
          : localized('线只有一个点', 'the line is a single point'),
      );
    }
    const line = snapped.line;
    const ends: MultiPoint = { type: 'MultiPoint', coordinates: [line.coordinates[0]!, line.coordinates[line.coordinates.length - 1]!] };

    // An end that fell between two outline vertices becomes one (ST_Snap inserts it into that edge), so
    // the line ends exactly on the outline. Then the line must run inside the area from one outline
    // point to another without touching the outline on the way ('1FFF0F***'), and not cross itself.
    const [cut] = await ctx.tx.query<{ u_valid: boolean; simple: boolean; inside: boolean; wkb: string }>(
      `WITH u AS (SELECT ST_Snap(${FROM_WKB('$1')}, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), $3::float8) AS geom),
            l AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($4), 4326) AS geom)
       SELECT ST_IsValid(u.geom) AS u_valid, ST_IsSimple(l.geom) AS simple, ST_Relate(l.geom, u.geom, '1FFF0F***') AS inside,
              encode(ST_AsBinary(u.geom), 'hex') AS wkb
         FROM u, l`,
      [pair!.wkb, JSON.stringify(ends), GRID_PRECISION, JSON.stringify(line)],
    );
    if (!cut!.u_valid) throw new DraftError('GEOMETRY_OPERATION_FAILED', localized('插入线端点后外轮廓无效', 'outline not valid after inserting the line ends'));
    if (!cut!.simple) throw new DraftError('BOUNDARY_LINE_INVALID', localized('线自相交', 'the line crosses itself'));
    if (!cut!.inside) throw new DraftError('BOUNDARY_LINE_INVALID', localized('线没有在两个网格内部从外轮廓一点连到另一点', 'the line does not run inside the two grids from one point of their outline to another'));

    // The line lies strictly inside, so the split adds no vertex but the ones of the line and the outline.
    const parts = await ctx.tx.query<{ wkb: string; valid: boolean; area_m2: number; overlap_a: number }>(
      `WITH a AS (SELECT geom FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2)
       SELECT encode(ST_AsBinary(ST_Multi(p.geom)), 'hex') AS wkb, ST_IsValid(p.geom) AS valid, ST_Area(p.geom::geography) AS area_m2,
              ST_Area(ST_Intersection(p.geom, a.geom, $5::float8)) AS overlap_a
         FROM a, LATERAL ST_Dump(ST_CollectionExtract(ST_Split(${FROM_WKB('$3')}, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)), 3)) p
        ORDER BY overlap_a DESC, ST_X(ST_PointOnSurface(p.geom)), ST_Y(ST_PointOnSurface(p.geom))`,
      [ctx.draft.id, a, cut!.wkb, JSON.stringify(line), GRID_PRECISION],
    );
    if (parts.length !== 2) throw new DraftError('BOUNDARY_LINE_INVALID', localized(`线把两个网格分成了 ${parts.length} 块`, `the line cuts the two grids into ${parts.length} parts`));
    if (!parts.every((p) => p.valid)) throw new DraftError('GEOMETRY_OPERATION_FAILED', localized('分割后的部分几何无效', 'a part of the split is not valid'));
    const [newA, newB] = parts as [(typeof parts)[0], (typeof parts)[0]];

    await setGeometry(ctx, a, newA.wkb);
    await setGeometry(ctx, b, newB.wkb);
    // A line end inserted mid-edge must reach the third grid across that edge too: no T-junction.
    return { keys: [a, b], areaM2: { [a]: newA.area_m2, [b]: newB.area_m2 }, neighboursChanged: await shareVerticesOfAll(ctx, [a, b]) };
  });
}
