import type { Geometry, Polygon } from 'geojson';
import type { CheckContext } from '../context';
import { FINDING_CODES as F } from '../finding-codes';
import { messages } from '../messages';
import { LONGEST_SHARED_EDGE } from './neighbour-target';

/** Slivers (thin or tiny grids or parts) and multipart grids, each with the neighbour to give them to. */
export async function checkShapes(ctx: CheckContext): Promise<void> {
  const rows = await ctx.tx.query<{
    key: string; code: string | null; parts: number; part_no: number; largest: boolean; gj: Geometry; area: number; thinness: number;
    target: string | null; shared: number | null; repaired: boolean;
  }>(
    // Prefilter on planar figures (degrees scaled by the local metre factor, with generous slack for
    // the lon/lat anisotropy), then decide on exact geodesic ones: same answer, a tenth of the work.
    `WITH part AS (
       SELECT c.idx, c.key, c.parent_id, c.repaired, p.code, ST_NumGeometries(c.geom) AS parts, d.path[1] AS part_no, d.geom,
              ST_Area(d.geom) AS a_deg, ST_Perimeter(d.geom) AS p_deg,
              111320.0 * 111320.0 * cos(radians((ST_YMin(d.geom) + ST_YMax(d.geom)) / 2)) AS k
       FROM topo_cand c LEFT JOIN topo_parent p ON p.id = c.parent_id CROSS JOIN LATERAL ST_Dump(c.geom) d
       WHERE c.in_set AND c.geom IS NOT NULL),
     maybe AS (
       SELECT * FROM part
       WHERE parts > 1 OR a_deg * k < $1::float8 * 1.5 OR 4 * pi() * a_deg / greatest(p_deg * p_deg, 1e-30) < $2::float8 * 2),
     exact AS (SELECT *, ST_Area(geom::geography) AS area, ST_Perimeter(geom::geography) AS perimeter FROM maybe),
     ranked AS (
       SELECT *, 4 * pi() * area / greatest(perimeter * perimeter, 1e-12) AS thinness,
              row_number() OVER (PARTITION BY idx ORDER BY area DESC, part_no) = 1 AS largest
       FROM exact),
     flagged AS (SELECT * FROM ranked WHERE (parts > 1 AND NOT largest) OR area < $1::float8 OR 4 * pi() * area / greatest(perimeter * perimeter, 1e-12) < $2::float8)
     SELECT f.key, f.code, f.parts, f.part_no, f.largest, ST_AsGeoJSON(f.geom, 8)::json AS gj, f.area, f.thinness, f.repaired, nb.target, nb.shared
     FROM flagged f LEFT JOIN ${LONGEST_SHARED_EDGE('f.geom', 'f.parent_id', 'n.key <> f.key')} ON true
     ORDER BY f.idx, f.part_no`,
    [ctx.settings.sliverAreaM2, ctx.settings.sliverThinness],
  );
  const strayByGrid = new Map<string, typeof rows>();
  for (const r of rows) {
    const repaired = r.repaired ? { repaired: true as const } : {};
    if (r.area < ctx.settings.sliverAreaM2 || r.thinness < ctx.settings.sliverThinness) {
      ctx.out.add({
        code: F.gridSliver, severity: 'warning', gridKeys: [r.key], geometry: r.gj, areaM2: r.area, communityCode: r.code, ...repaired,
        message: messages.sliver(ctx.label(r.key), r.area, r.thinness),
        ...(r.target ? { fix: { kind: 'give-to-neighbour' as const, gridKey: r.key, targetGridKey: r.target, sharedEdgeM: r.shared ?? 0 } } : {}),
      });
    }
    if (r.parts > 1 && !r.largest) (strayByGrid.get(r.key) ?? strayByGrid.set(r.key, []).get(r.key)!).push(r);
  }
  for (const [key, parts] of strayByGrid) {
    const area = parts.reduce((s, p) => s + p.area, 0);
    const best = parts.filter((p) => p.target).sort((a, b) => b.area - a.area)[0];
    const geoms = parts.map((p) => p.gj).filter((g): g is Polygon => g?.type === 'Polygon');
    ctx.out.add({
      code: F.gridMultipart, severity: 'warning', gridKeys: [key],
      geometry: geoms.length === 1 ? geoms[0]! : { type: 'MultiPolygon', coordinates: geoms.map((g) => g.coordinates) },
      areaM2: area, communityCode: parts[0]!.code, ...(parts[0]!.repaired ? { repaired: true as const } : {}),
      message: messages.multipart(ctx.label(key), parts[0]!.parts, area),
      ...(best ? { fix: { kind: 'give-to-neighbour' as const, gridKey: key, targetGridKey: best.target!, sharedEdgeM: best.shared ?? 0 } } : {}),
    });
  }
}
