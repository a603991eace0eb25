import type { Geometry } from 'geojson';
import { GRID, type CheckContext } from '../context';
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
  await ctx.tx.script(`DROP TABLE IF EXISTS topo_overlap; CREATE TEMP TABLE topo_overlap (ai bigint, bi bigint) ON COMMIT DROP;`);
  if (ctx.source) {
    // The pair search on `grid` itself (parallel on the server); the detail query below then only
    // revisits the pairs found, with the very same predicate.
    const src = ctx.source;
    await ctx.tx.execute(
      `INSERT INTO topo_overlap (ai, bi)
       SELECT a.id, b.id FROM ${src.from('a')} JOIN ${src.from('b')} ON a.id < b.id AND a.geom && b.geom
       WHERE (${src.where('a')}) AND (${src.where('b')}) AND (${src.inSet('a')} OR ${src.inSet('b')})
         AND ST_Relate(a.geom, b.geom, '2********')
       ORDER BY a.id, b.id LIMIT ${maxOverlapPairs + 1}`,
      src.params,
    );
  } else {
    await ctx.tx.execute(
      `INSERT INTO topo_overlap (ai, bi)
       SELECT a.idx, b.idx FROM topo_cand a JOIN topo_cand b ON a.idx < b.idx AND a.geom && b.geom
       WHERE (a.in_set OR b.in_set) AND a.geom IS NOT NULL AND b.geom IS NOT NULL AND ST_Relate(a.geom, b.geom, '2********')
       ORDER BY a.idx, b.idx LIMIT ${maxOverlapPairs + 1}`,
    );
  }
  const [stats] = await ctx.tx.query<{ pairs: number; parents: number[] | null }>(
    `SELECT count(DISTINCT (o.ai, o.bi))::int AS pairs, array_agg(DISTINCT p.parent_id) FILTER (WHERE p.parent_id IS NOT NULL) AS parents
       FROM topo_overlap o JOIN topo_cand p ON p.idx IN (o.ai, o.bi)`,
  );
  const pairs = Math.min(stats!.pairs, maxOverlapPairs);
  if (pairs === 0) return;
  if (stats!.pairs > maxOverlapPairs) {
    const all = await ctx.tx.query<{ id: number }>(`SELECT id FROM topo_parent`);
    for (const p of all) ctx.dirtyParents.add(p.id);
    ctx.out.notes.push(notes.overlapPairsBounded(maxOverlapPairs));
  } else for (const p of stats!.parents ?? []) ctx.dirtyParents.add(p);

  const rows = await ctx.tx.query<{ a: string; b: string; gj: Geometry | null; area: number; repaired: boolean }>(
    `SELECT a, b, ST_AsGeoJSON(o, 8)::json AS gj, coalesce(ST_Area(o::geography), 0) AS area, repaired FROM (
       SELECT a.key AS a, b.key AS b, a.idx AS ai, b.idx AS bi, a.repaired OR b.repaired AS repaired,
              ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${GRID}), 3) AS o
       FROM (SELECT ai, bi FROM topo_overlap ORDER BY ai, bi LIMIT $1::int) x
       JOIN topo_cand a ON a.idx = x.ai JOIN topo_cand b ON b.idx = x.bi) y
     ORDER BY ai, bi`,
    [maxFindingsPerCode],
  );
  for (const r of rows) {
    const blocking = r.area >= ctx.settings.overlapAreaM2;
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
  ctx.out.addUnlisted(F.gridOverlap, 'blocking', pairs - rows.length);
}
