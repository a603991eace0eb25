import type { Point } from 'geojson';
import type { CheckContext } from '../context';
import { FINDING_CODES as F, type FindingCode } from '../finding-codes';
import { messages } from '../messages';

/**
 * GEOS's fixed vocabulary of invalidity (IsValidOp / TopologyValidationError), as ST_IsValidReason gives
 * it before the location in brackets, and the engine's own words for empty input: which finding each is.
 * A lookup of known phrases, not a pattern over free text; an unknown phrase is GRID_INVALID.
 */
const REASON_CODES: Readonly<Record<string, FindingCode>> = {
  'Self-intersection': F.gridSelfIntersection,
  'Ring Self-intersection': F.gridSelfIntersection,
  'Too few points in geometry component': F.gridEmptyPart,
  'Too few distinct points in geometry component': F.gridEmptyPart,
  'Empty geometry': F.gridEmptyPart,
  'Empty part': F.gridEmptyPart,
};

/** The finding code of an ST_IsValidReason text such as "Self-intersection[118.7 32.005]". */
export function invalidityCode(reason: string): FindingCode {
  const phrase = reason.split('[')[0]!.trim();
  return REASON_CODES[phrase] ?? F.gridInvalid;
}

/** One blocking finding per invalid grid of the set, with GEOS's reason and where it is. */
export async function reportValidity(ctx: CheckContext): Promise<{ parent_id: number | null; repaired: boolean }[]> {
  const invalid = await ctx.tx.query<{ key: string; reason: string; location: Point | null; parent_id: number | null; repaired: boolean }>(
    `SELECT key, reason, ST_AsGeoJSON(location, 8)::json AS location, parent_id, repaired FROM topo_cand WHERE in_set AND NOT valid ORDER BY idx`,
  );
  for (const r of invalid) {
    const reason = r.reason ?? 'invalid';
    const code = invalidityCode(reason);
    const label = ctx.label(r.key);
    const message =
      code === F.gridSelfIntersection ? messages.selfIntersection(label, reason) : code === F.gridEmptyPart ? messages.emptyPart(label, reason) : messages.invalid(label, reason);
    ctx.out.add({ code, severity: 'blocking', gridKeys: [r.key], geometry: r.location, reason, message, fix: { kind: 'make-valid', gridKey: r.key } });
  }
  return invalid;
}
