import type { Geometry } from 'geojson';
import { GRID, widerThanNoise, type CheckContext } from '../context';
import { FINDING_CODES as F } from '../finding-codes';
import { messages } from '../messages';
import { LONGEST_SHARED_EDGE } from './neighbour-target';

/**
 * Gaps. Fast path, exact by arithmetic: where a parent's grids neither overlap nor stray outside it,
 * the area they cover IS the sum of their areas, so parent area minus that sum is the total gap; when it
 * is below half the tolerance no gap piece can reach the tolerance, and the union is skipped. Only the
 * other parents (a few in a clean city) pay for ST_Union + ST_Difference. The 0.5 margin absorbs the
 * planar-to-geodesic factor, taken per parent. A parent with a repaired grid goes the slow way, and the
 * pieces within that grid's box say that they rest on its repaired form.
 */
export async function checkGaps(ctx: CheckContext): Promise<void> {
  const open = await ctx.tx.query<{ id: number }>(
    `SELECT p.id FROM topo_parent p
     JOIN topo_cand c ON c.parent_id = p.id AND c.in_set AND c.geom IS NOT NULL
     WHERE NOT (p.id = ANY ($1::int[]))
     GROUP BY p.id, p.geom
     HAVING p.id = ANY ($2::int[])
         OR (ST_Area(p.geom) - sum(ST_Area(c.geom))) * ST_Area(p.geom::geography) / greatest(ST_Area(p.geom), 1e-30) >= $3::float8 * 0.5`,
    [[...ctx.skipParents], [...ctx.dirtyParents], ctx.settings.gapAreaM2],
  );
  // Parents with no grid of their own (a boundary file's parent, grids matched elsewhere) also go the slow way.
  const orphan = await ctx.tx.query<{ id: number }>(
    `SELECT p.id FROM topo_parent p WHERE NOT (p.id = ANY ($1::int[]))
       AND NOT EXISTS (SELECT 1 FROM topo_cand c WHERE c.parent_id = p.id AND c.in_set AND c.geom IS NOT NULL)`,
    [[...ctx.skipParents]],
  );
  const slow = [...open, ...orphan].map((r) => r.id);
  ctx.timings.gapSlowParents = slow.length;
  if (slow.length === 0) return;
  const rows = await ctx.tx.query<{
    parent: number; code: string | null; name: string; gj: Geometry; area: number; hole_of: string | null; target: string | null; shared: number | null;
    near_repaired: boolean;
  }>(
    `WITH cover AS (
       SELECT p.id, ST_Union(c.geom, ${GRID}) AS u
       FROM topo_parent p JOIN topo_cand c ON c.geom && p.geom AND ST_Intersects(c.geom, p.geom)
       WHERE p.id = ANY ($1::int[])
       GROUP BY p.id),
     gap AS (
       SELECT p.id, p.code, p.name, (ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, cv.u, ${GRID}), 3))).geom AS geom
       FROM topo_parent p JOIN cover cv ON cv.id = p.id),
     big AS (SELECT *, ST_Area(geom::geography) AS area FROM gap)
     SELECT b.id AS parent, b.code, b.name, ST_AsGeoJSON(b.geom, 8)::json AS gj, b.area,
            (SELECT h.key FROM topo_cand h
              WHERE h.geom && b.geom AND h.geom IS NOT NULL
                AND ST_Covers((SELECT ST_Collect(ST_MakePolygon(ST_ExteriorRing(d.geom))) FROM ST_Dump(h.geom) d), ST_PointOnSurface(b.geom))
              ORDER BY h.idx LIMIT 1) AS hole_of,
            nb.target, nb.shared,
            -- Within the box of a grid that was repaired: the piece may exist only because of the repair.
            EXISTS (SELECT 1 FROM topo_cand r WHERE r.repaired AND r.raw && b.geom) AS near_repaired
     FROM big b LEFT JOIN ${LONGEST_SHARED_EDGE('b.geom', 'b.id', 'n.in_set')} ON true
     WHERE b.area >= $2::float8 AND ${widerThanNoise('b.geom', 'b.area')}
     ORDER BY b.id, b.area DESC`,
    [slow, ctx.settings.gapAreaM2],
  );
  for (const r of rows) {
    const parentName = ctx.mode === 'communities' ? `${r.name}（${r.code}）` : ctx.parentName;
    const repaired = r.near_repaired ? { repaired: true as const } : {};
    const fix = r.target ? { kind: 'give-to-neighbour' as const, gridKey: null, targetGridKey: r.target, sharedEdgeM: r.shared ?? 0 } : undefined;
    if (r.hole_of) {
      ctx.out.add({
        code: F.gridHole, severity: 'blocking', gridKeys: [r.hole_of], geometry: r.gj, areaM2: r.area, communityCode: r.code, ...repaired,
        message: messages.hole(ctx.label(r.hole_of), r.area), fix: { kind: 'give-to-neighbour', gridKey: null, targetGridKey: r.hole_of, sharedEdgeM: r.shared ?? 0 },
      });
    } else {
      ctx.out.add({
        code: F.coverageGap, severity: 'blocking', gridKeys: r.target ? [r.target] : [], geometry: r.gj, areaM2: r.area,
        communityCode: r.code, ...repaired, message: messages.gap(parentName, r.area), ...(fix ? { fix } : {}),
      });
    }
  }
}
