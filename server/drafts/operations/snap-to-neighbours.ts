import type { Position } from 'geojson';
import { replaceVertices, type VertexPath } from '@/geo/grid/replace-vertices';
import { localized } from '@/geo/text/localized-text';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { gridGeoJson, gridRow, setGeoJsonGeometry, shareVerticesWithNeighbours } from '../draft-grids';
import { DraftError } from '../errors';
import { GRID_PRECISION, MAX_SNAP_TOLERANCE_M } from '../precision';
import type { DraftRef } from '../store';

/**
 * Snaps a grid onto its neighbours: each of its vertices within `toleranceMetres` of a neighbouring draft
 * grid or of the street's community boundaries moves onto the nearest vertex there, else onto the nearest
 * point of an edge. Then every neighbouring draft grid gets the grid's new vertices inserted where they
 * lie on its edges (shareVerticesWithNeighbours), so the shared edges are shared vertex for vertex. Edge
 * points are rounded onto the GRID_PRECISION grid like every stored vertex.
 */
export async function snapToNeighbours(
  db: Executor,
  ref: DraftRef,
  input: { key: string; toleranceMetres: number },
): Promise<MutationResult<{ key: string; movedVertices: number; neighboursChanged: string[] }>> {
  const tol = input.toleranceMetres;
  if (!(tol > 0 && tol <= MAX_SNAP_TOLERANCE_M)) {
    throw new DraftError('GRID_ATTRIBUTES_INVALID', localized(`吸附容差须大于 0 且不超过 ${MAX_SNAP_TOLERANCE_M} 米`, `tolerance must be in (0, ${MAX_SNAP_TOLERANCE_M}] m`));
  }
  return runEdit(db, ref, 'snapToNeighbours', input, async (ctx) => {
    await gridRow(ctx, input.key);
    // Candidate search in degrees (generous: a metre is at most 1/(111 km·cos 54°) of a degree in China),
    // then the exact test on the spheroid in metres.
    const tolDeg = tol / (111_000 * Math.cos((54 * Math.PI) / 180));
    const moves = await ctx.tx.query<{ path: number[]; x: number; y: number }>(
      `WITH me AS (SELECT geom FROM grid_draft_grid WHERE draft_id = $1 AND grid_key = $2),
            refs AS (
              SELECT ST_Boundary(n.geom) AS b FROM grid_draft_grid n, me
               WHERE n.draft_id = $1 AND n.grid_key <> $2 AND ST_DWithin(n.geom, me.geom, $4)
              UNION ALL
              SELECT ST_Boundary(c.geom) FROM community c, me WHERE c.street_id = $3 AND ST_DWithin(c.geom, me.geom, $4)),
            ref AS (SELECT ST_Collect(b) AS g FROM refs),
            ref_pts AS (SELECT DISTINCT (ST_DumpPoints(g)).geom AS p FROM ref),
            pts AS (SELECT (d).path AS path, (d).geom AS p FROM me, LATERAL ST_DumpPoints(me.geom) d)
       SELECT pts.path, ST_X(s.q) AS x, ST_Y(s.q) AS y
         FROM pts, ref,
              LATERAL (SELECT coalesce(
                (SELECT r.p FROM ref_pts r WHERE ST_DWithin(r.p::geography, pts.p::geography, $5) ORDER BY r.p <-> pts.p LIMIT 1),
                CASE WHEN ST_DWithin(ST_ClosestPoint(ref.g, pts.p)::geography, pts.p::geography, $5)
                     THEN ST_ReducePrecision(ST_ClosestPoint(ref.g, pts.p), $6::float8) END) AS q) s
        WHERE ref.g IS NOT NULL AND s.q IS NOT NULL AND (ST_X(s.q) <> ST_X(pts.p) OR ST_Y(s.q) <> ST_Y(pts.p))`,
      [ctx.draft.id, input.key, ctx.draft.streetId, tolDeg, tol, GRID_PRECISION],
    );
    let changed = false;
    if (moves.length) {
      // ST_DumpPoints paths of a MultiPolygon are 1-based {polygon, ring, vertex}.
      const paths: (VertexPath & { to: Position })[] = moves.map((m) => ({ polygon: m.path[0]! - 1, ring: m.path[1]! - 1, index: m.path[2]! - 1, to: [m.x, m.y] }));
      await setGeoJsonGeometry(ctx, input.key, replaceVertices(await gridGeoJson(ctx, input.key), paths));
      changed = true;
    }
    const neighboursChanged = await shareVerticesWithNeighbours(ctx, input.key);
    if (!changed && neighboursChanged.length === 0) throw new DraftError('NOTHING_TO_SNAP');
    return { key: input.key, movedVertices: moves.length, neighboursChanged };
  });
}
