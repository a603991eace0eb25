import type { Geometry } from 'geojson';
import { localized } from '@/geo/text/localized-text';
import { GRID, type CheckContext } from '../context';
import { FINDING_CODES as F, type ArrangementRef } from '../finding-codes';
import { messages } from '../messages';

/**
 * An enclave lies inside another district while belonging to its home street, so its grids do not
 * spill from their community: they are found through the arrangement itself and always flagged.
 */
export async function checkEnclaves(ctx: CheckContext): Promise<void> {
  if (ctx.mode !== 'communities') return;
  const rows = await ctx.tx.query<{
    key: string; code: string | null; gj: Geometry; area: number; repaired: boolean; id: number; kind: ArrangementRef['kind']; name: string;
    status: ArrangementRef['status']; host: string;
  }>(
    `SELECT c.key, p.code, ST_AsGeoJSON(x.geom, 8)::json AS gj, ST_Area(x.geom::geography) AS area, c.repaired, a.id, a.kind, a.name, a.status, d.name AS host
     FROM topo_cand c JOIN topo_parent p ON p.id = c.parent_id
     JOIN jurisdiction_arrangement a ON a.kind = 'enclave' AND a.status <> 'resolved' AND a.geom && c.geom
     JOIN district d ON d.id = a.host_district_id
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(c.geom, a.geom, ${GRID}), 3) AS geom) x
     WHERE c.in_set AND c.geom IS NOT NULL AND ST_Relate(c.geom, a.geom, '2********')
     ORDER BY c.idx, a.id`,
  );
  for (const r of rows) {
    if (r.area < ctx.settings.gapAreaM2) continue;
    const arrangement: ArrangementRef = { id: r.id, kind: r.kind, name: r.name, status: r.status };
    ctx.out.add({
      code: F.crossJurisdiction, severity: 'warning', gridKeys: [r.key], geometry: r.gj, areaM2: r.area, communityCode: r.code, arrangement,
      ...(r.repaired ? { repaired: true as const } : {}),
      message: messages.crossJurisdiction(ctx.label(r.key), localized(`${r.host}境内（飞地）`, `${r.host} (an enclave)`), r.area, arrangement),
    });
  }
}
