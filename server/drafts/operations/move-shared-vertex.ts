import type { MultiPolygon, Position } from 'geojson';
import { checkPositionInput } from '@/geo/grid/check-geometry-input';
import { moveVertex } from '@/geo/grid/replace-vertices';
import type { Executor } from '../../db';
import { runEdit, type MutationResult } from '../edit';
import { setGeoJsonGeometry, shareVerticesOfAll } from '../draft-grids';
import { DraftError, geometryInputError } from '../errors';
import { GRID_PRECISION, VERTEX_TOLERANCE } from '../precision';
import type { DraftRef } from '../store';

/**
 * Topological editing: moves a vertex in every draft grid that has it (within VERTEX_TOLERANCE), to the
 * same exact coordinates, so neighbours that shared it still share it. The target is put on the 1e-8 grid.
 */
export async function moveSharedVertex(db: Executor, ref: DraftRef, input: { from: unknown; to: unknown }): Promise<MutationResult<{ keys: string[] }>> {
  const from = checkPositionInput(input.from);
  if (!from.valid) throw geometryInputError(from.reason);
  const to = checkPositionInput(input.to);
  if (!to.valid) throw geometryInputError(to.reason);
  return runEdit(db, ref, 'moveSharedVertex', { from: from.geometry, to: to.geometry }, async (ctx) => {
    const [snapped] = await ctx.tx.query<{ x: number; y: number }>(
      'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_ReducePrecision(ST_MakePoint($1::float8, $2::float8), $3::float8) AS p) s',
      [to.geometry[0], to.geometry[1], GRID_PRECISION],
    );
    const target: Position = [snapped!.x, snapped!.y];
    const rows = await ctx.tx.query<{ grid_key: string; geometry: MultiPolygon }>(
      `SELECT grid_key, ST_AsGeoJSON(geom, 15)::json AS geometry FROM grid_draft_grid
        WHERE draft_id = $1 AND geom && ST_Expand(ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326), $4::float8)
        ORDER BY grid_key`,
      [ctx.draft.id, from.geometry[0], from.geometry[1], VERTEX_TOLERANCE],
    );
    const keys: string[] = [];
    for (const r of rows) {
      const moved = moveVertex(r.geometry, from.geometry, target, VERTEX_TOLERANCE);
      if (moved.moved === 0) continue;
      await setGeoJsonGeometry(ctx, r.grid_key, moved.geometry);
      keys.push(r.grid_key);
    }
    if (keys.length === 0) throw new DraftError('VERTEX_NOT_FOUND', `${from.geometry[0]},${from.geometry[1]}`);
    // A vertex dropped onto another grid's edge becomes a vertex of that grid too: no T-junction.
    await shareVerticesOfAll(ctx, keys);
    return { keys };
  });
}
