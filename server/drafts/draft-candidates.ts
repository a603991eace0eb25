import type { MultiPolygon } from 'geojson';
import type { Executor } from '../db';
import type { DedicatedType, GridCandidate, GridKind } from '@/geo/topology/grid-candidate';

/** The grids of a draft as the topology engine takes them (key = draft grid key). */
export async function draftCandidates(tx: Executor, draftId: number): Promise<GridCandidate[]> {
  const rows = await tx.query<{
    grid_key: string; code: string | null; name: string; kind: GridKind; dedicated_type: DedicatedType | null;
    community_code: string; geometry: MultiPolygon;
  }>(
    `SELECT g.grid_key, g.code, g.name, g.kind, g.dedicated_type, c.code AS community_code, ST_AsGeoJSON(g.geom, 15)::json AS geometry
       FROM grid_draft_grid g JOIN community c ON c.id = g.community_id
      WHERE g.draft_id = $1 ORDER BY g.grid_key`,
    [draftId],
  );
  return rows.map((r) => ({
    key: r.grid_key,
    code: r.code,
    name: r.name === '' ? null : r.name,
    kind: r.kind,
    dedicatedType: r.dedicated_type,
    communityCode: r.community_code,
    geometry: r.geometry,
  }));
}
