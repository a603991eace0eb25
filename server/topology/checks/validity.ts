import type { Point } from 'geojson';
import type { CheckContext } from '../context';
import { geosReasonText, invalidityFinding } from '@/geo/topology/geos-reasons';
import { FINDING_CODES as F } from '../finding-codes';
import { messages } from '../messages';

/** One blocking finding per invalid grid of the set, with GEOS's reason and where it is. */
export async function reportValidity(ctx: CheckContext): Promise<{ parent_id: number | null; repaired: boolean }[]> {
  const invalid = await ctx.tx.query<{ key: string; reason: string; location: Point | null; parent_id: number | null; repaired: boolean }>(
    `SELECT key, reason, ST_AsGeoJSON(location, 8)::json AS location, parent_id, repaired FROM topo_cand WHERE in_set AND NOT valid ORDER BY idx`,
  );
  for (const r of invalid) {
    const reason = r.reason ?? 'invalid';
    const code = invalidityFinding(reason);
    const label = ctx.label(r.key);
    const text = geosReasonText(reason);
    const message =
      code === F.gridSelfIntersection ? messages.selfIntersection(label, text) : code === F.gridEmptyPart ? messages.emptyPart(label, text) : messages.invalid(label, text);
    ctx.out.add({ code, severity: 'blocking', gridKeys: [r.key], geometry: r.location, reason, message, fix: { kind: 'make-valid', gridKey: r.key } });
  }
  return invalid;
}
