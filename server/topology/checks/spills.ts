import type { Geometry } from 'geojson';
import { localized } from '@/geo/text/localized-text';
import { GRID, widerThanNoise, type CheckContext } from '../context';
import { FINDING_CODES as F, type ArrangementRef } from '../finding-codes';
import { messages } from '../messages';

/**
 * Parts of a grid outside its parent. Against communities: a part in another street is a
 * cross-jurisdiction case (a warning when a jurisdiction arrangement covers it, blocking otherwise);
 * within the same street, or outside every community, it is a spill.
 */
export async function checkSpills(ctx: CheckContext): Promise<void> {
  // Any stray piece, even below the tolerance, breaks the gap fast path's arithmetic for that parent.
  const stray = await ctx.tx.query<{ idx: number; parent_id: number }>(
    `SELECT c.idx, c.parent_id FROM topo_cand c JOIN topo_parent p ON p.id = c.parent_id
     WHERE c.in_set AND c.geom IS NOT NULL AND NOT ST_CoveredBy(c.geom, p.geom)`,
  );
  for (const p of stray) ctx.dirtyParents.add(p.parent_id);
  if (stray.length === 0) return;
  const rows = await ctx.tx.query<{
    key: string; parent_id: number; own_code: string | null; own_street: number | null; gj: Geometry; area: number; repaired: boolean;
    street_id: number | null; street_name: string | null; district_id: number | null; district_name: string | null; own_district: number | null;
    arr_id: number | null; arr_kind: ArrangementRef['kind'] | null; arr_name: string | null; arr_status: ArrangementRef['status'] | null;
  }>(
    `WITH stray AS (
       SELECT c.idx, c.key, c.repaired, p.id AS parent_id, p.code AS own_code, p.street_id AS own_street, p.district_id AS own_district,
              (ST_Dump(ST_CollectionExtract(ST_Difference(c.geom, p.geom, ${GRID}), 3))).geom AS geom
       FROM topo_cand c JOIN topo_parent p ON p.id = c.parent_id
       WHERE c.idx = ANY ($3::bigint[])),
     part AS (SELECT *, ST_Area(geom::geography) AS area, ST_PointOnSurface(geom) AS pt FROM stray)
     SELECT s.key, s.parent_id, s.own_code, s.own_street, s.own_district, s.repaired, ST_AsGeoJSON(s.geom, 8)::json AS gj, s.area,
            loc.street_id, loc.street_name, loc.district_id, loc.district_name,
            arr.id AS arr_id, arr.kind AS arr_kind, arr.name AS arr_name, arr.status AS arr_status
     FROM part s
     LEFT JOIN LATERAL (
       SELECT st.id AS street_id, st.name AS street_name, d.id AS district_id, d.name AS district_name
       FROM community cm JOIN street st ON st.id = cm.street_id JOIN district d ON d.id = st.district_id
       WHERE $2 AND cm.geom && s.pt AND ST_Covers(cm.geom, s.pt) ORDER BY cm.id LIMIT 1) loc ON true
     LEFT JOIN LATERAL (
       SELECT a.id, a.kind, a.name, a.status FROM jurisdiction_arrangement a
       WHERE $2 AND a.status <> 'resolved' AND a.geom && s.geom
         AND ST_Area(ST_Intersection(a.geom, s.geom, ${GRID})::geography) >= 0.9 * s.area
         AND (a.to_street_id = s.own_street OR a.home_street_id = s.own_street)
       ORDER BY a.id LIMIT 1) arr ON true
     WHERE s.area >= $1::float8 AND ${widerThanNoise('s.geom', 's.area')}
     ORDER BY s.idx, s.area DESC`,
    [ctx.settings.gapAreaM2, ctx.mode === 'communities', stray.map((r) => r.idx)],
  );
  for (const r of rows) {
    const repaired = r.repaired ? { repaired: true as const } : {};
    const elsewhere = ctx.mode === 'communities' && r.street_id != null && r.street_id !== r.own_street;
    if (!elsewhere) {
      const parent = ctx.mode === 'communities' ? localized(`社区 ${r.own_code}`, `community ${r.own_code}`) : localized(ctx.parentName, ctx.parentName);
      ctx.out.add({
        code: F.gridSpill, severity: 'blocking', gridKeys: [r.key], geometry: r.gj, areaM2: r.area, communityCode: r.own_code, ...repaired,
        message: messages.spill(ctx.label(r.key), parent, r.area), fix: { kind: 'clip-to-parent', gridKey: r.key },
      });
      continue;
    }
    const otherDistrict = r.district_id !== r.own_district;
    const where = otherDistrict
      ? localized(`${r.district_name}${r.street_name}（其他区）`, `another district (${r.district_name} ${r.street_name})`)
      : localized(`${r.street_name}（其他街道）`, `another street (${r.street_name})`);
    const arrangement: ArrangementRef | null = r.arr_id != null ? { id: r.arr_id, kind: r.arr_kind!, name: r.arr_name!, status: r.arr_status! } : null;
    ctx.out.add({
      code: F.crossJurisdiction, severity: arrangement ? 'warning' : 'blocking', gridKeys: [r.key], geometry: r.gj, areaM2: r.area,
      communityCode: r.own_code, ...repaired, message: messages.crossJurisdiction(ctx.label(r.key), where, r.area, arrangement),
      ...(arrangement ? { arrangement } : { fix: { kind: 'clip-to-parent' as const, gridKey: r.key } }),
    });
  }
}
