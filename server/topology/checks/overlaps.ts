import type { Geometry } from 'geojson';
import { GRID, widerThanNoise, type CheckContext } from '../context';
import { FINDING_CODES as F } from '../finding-codes';
import { messages, notes } from '../messages';

/**
 * Overlapping grids (sharing area, not just an edge). The pair search is bounded (limits.maxOverlapPairs:
 * 600 copies of one square are 179,700 pairs); only the first maxFindingsPerCode pairs get their overlap
 * geometry and area, the rest are counted, as blocking (unmeasured). When the search hits its bound,
 * every parent takes the gap check's slow path, since which parents overlap is then not fully known.
 */
export async function checkOverlaps(ctx: CheckContext): Promise<void> {
  const { maxOverlapPairs, maxFindingsPerCode } = ctx.limits;
  // The pair search returns ids and parents and nothing else. On the grids in force (ctx.source) it is a
  // plain SELECT on `grid` itself, which the server runs in parallel; an ORDER BY ... LIMIT there would
  // turn it into one ordered nested loop (measured: twice as slow), so those pairs are ordered and cut
  // here. A set from outside (temp tables, never scanned in parallel) is bounded in SQL.
  const src = ctx.source;
  const byIds = (x: { ai: number; bi: number }, y: { ai: number; bi: number }) => x.ai - y.ai || x.bi - y.bi;
  const pairs = src
    ? (
        await ctx.tx.query<{ ai: number; bi: number; pa: number | null; pb: number | null }>(
          `SELECT a.id AS ai, b.id AS bi, a.community_id AS pa, b.community_id AS pb
           FROM ${src.from('a')} JOIN ${src.from('b')} ON a.id < b.id AND a.geom && b.geom
           WHERE (${src.where('a')}) AND (${src.where('b')}) AND (${src.inSet('a')} OR ${src.inSet('b')})
             AND ST_Relate(a.geom, b.geom, '2********')`,
          src.params,
        )
      ).sort(byIds)
    : await ctx.tx.query<{ ai: number; bi: number; pa: number | null; pb: number | null }>(
        `SELECT a.idx AS ai, b.idx AS bi, a.parent_id AS pa, b.parent_id AS pb
         FROM topo_cand a JOIN topo_cand b ON a.idx < b.idx AND a.geom && b.geom
         WHERE (a.in_set OR b.in_set) AND a.geom IS NOT NULL AND b.geom IS NOT NULL AND ST_Relate(a.geom, b.geom, '2********')
         ORDER BY a.idx, b.idx LIMIT ${maxOverlapPairs + 1}`,
      );
  if (pairs.length === 0) return;
  if (pairs.length > maxOverlapPairs) {
    pairs.length = maxOverlapPairs;
    for (const p of await ctx.tx.query<{ id: number }>(`SELECT id FROM topo_parent`)) ctx.dirtyParents.add(p.id);
    ctx.out.notes.push(notes.overlapPairsBounded(maxOverlapPairs));
  } else {
    for (const p of pairs) for (const parent of [p.pa, p.pb]) if (parent != null) ctx.dirtyParents.add(parent);
  }

  const detailed = pairs.slice(0, maxFindingsPerCode);
  const rows = await ctx.tx.query<{ a: string; b: string; gj: Geometry | null; area: number; repaired: boolean; wide: boolean }>(
    `SELECT a, b, ST_AsGeoJSON(o, 8)::json AS gj, area, repaired, ${widerThanNoise('o', 'area')} AS wide FROM (
     SELECT *, coalesce(ST_Area(o::geography), 0) AS area FROM (
       SELECT a.key AS a, b.key AS b, a.idx AS ai, b.idx AS bi, a.repaired OR b.repaired AS repaired,
              ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${GRID}), 3) AS o
       FROM unnest($1::bigint[], $2::bigint[]) AS x(ai, bi)
       JOIN topo_cand a ON a.idx = x.ai JOIN topo_cand b ON b.idx = x.bi) y) z
     ORDER BY ai, bi`,
    [detailed.map((p) => p.ai), detailed.map((p) => p.bi)],
  );
  for (const r of rows) {
    const blocking = r.area >= ctx.settings.overlapAreaM2 && r.wide;
    ctx.out.add({
      code: F.gridOverlap,
      severity: blocking ? 'blocking' : 'warning',
      gridKeys: [r.a, r.b],
      geometry: r.gj,
      areaM2: r.area,
      ...(r.repaired ? { repaired: true } : {}),
      message: messages.overlap(ctx.label(r.a), ctx.label(r.b), r.area, blocking),
      fix: { kind: 'snap-to-neighbours', gridKey: r.b.startsWith('inforce:') ? r.a : r.b, neighbourKeys: [r.b.startsWith('inforce:') ? r.b : r.a] },
    });
  }
  ctx.out.addUnlisted(F.gridOverlap, 'blocking', pairs.length - rows.length);
}
