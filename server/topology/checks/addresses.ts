import type { Point } from 'geojson';
import { loadStatusSql } from '../../data/grids';
import { normArguments } from '../../settings';
import { keyList, type CheckContext } from '../context';
import { FINDING_CODES as F } from '../finding-codes';
import { messages, notes } from '../messages';

/**
 * Every standard address of the checked parents in exactly one grid (地址关联), and the load of each
 * comprehensive grid against the norm (grid_load_status, the rule the map and the details panel use).
 * One spatial join (grid outer, GiST on the address points) feeds both checks.
 */
export async function checkAddressesAndLoad(ctx: CheckContext): Promise<void> {
  const scopeSql =
    ctx.mode === 'communities'
      ? `SELECT a.id, a.address, a.households, a.residents, a.geom, p.id AS parent_id, p.code AS parent_code
         FROM topo_parent p JOIN standard_address a ON a.community_id = p.community_id
         WHERE NOT (p.id = ANY ($1::int[]))`
      : `SELECT a.id, a.address, a.households, a.residents, a.geom, p.id AS parent_id, NULL::text AS parent_code
         FROM topo_parent p JOIN standard_address a ON a.geom && p.geom AND ST_Covers(p.geom, a.geom)
         WHERE NOT (p.id = ANY ($1::int[]))`;
  const [scoped] = await ctx.tx.query<{ any: boolean }>(`SELECT EXISTS (${scopeSql}) AS any`, [[...ctx.skipParents]]);
  if (!scoped?.any) {
    // A file for an area this database holds no base data for: counting zero households everywhere
    // would bury the real findings under load warnings. (Parents skipped for invalid grids have a note.)
    if (ctx.skipParents.size === 0) ctx.out.notes.push(notes.noAddresses());
    return;
  }
  await ctx.tx.script(`DROP TABLE IF EXISTS topo_pair`);
  // Grid outer, GiST on the address points: the same polygon repeats, so PostGIS's point-in-polygon
  // cache serves each grid's addresses.
  await ctx.tx.execute(
    ctx.source
      ? `CREATE TEMP TABLE topo_pair ON COMMIT DROP AS
         SELECT g.id AS idx, a.id AS address_id, a.households, a.residents
         FROM ${ctx.source.from('g')} JOIN standard_address a ON a.geom && g.geom AND ST_Intersects(g.geom, a.geom)
         WHERE ${ctx.source.where('g')}`
      : `CREATE TEMP TABLE topo_pair ON COMMIT DROP AS
         SELECT c.idx, a.id AS address_id, a.households, a.residents
         FROM topo_cand c JOIN standard_address a ON a.geom && c.geom AND ST_Intersects(c.geom, a.geom)
         WHERE c.geom IS NOT NULL`,
    ctx.source?.params ?? [],
  );
  // Few addresses are in several grids or in none: find those two small sets without aggregating all.
  // An address rests on a repaired grid when it lies in that grid's box (unassigned) or in that grid (several).
  const none = await ctx.tx.query<{ id: number; address: string; households: number; parent_code: string | null; gj: Point; keys: null; repaired: boolean }>(
    `WITH scope AS (${scopeSql})
     SELECT s.id, s.address, s.households, s.parent_code, ST_AsGeoJSON(s.geom, 8)::json AS gj, NULL AS keys,
            EXISTS (SELECT 1 FROM topo_cand r WHERE r.repaired AND r.raw && s.geom) AS repaired
     FROM scope s WHERE NOT EXISTS (SELECT 1 FROM topo_pair t WHERE t.address_id = s.id)`,
    [[...ctx.skipParents]],
  );
  const several = await ctx.tx.query<{ id: number; address: string; households: number; parent_code: string | null; gj: Point; keys: string[]; repaired: boolean }>(
    `WITH scope AS (${scopeSql}),
     several AS (
       SELECT t.address_id, array_agg(c.key ORDER BY c.idx) AS keys, bool_or(c.repaired) AS repaired
       FROM topo_pair t JOIN topo_cand c ON c.idx = t.idx
       WHERE t.address_id IN (SELECT address_id FROM topo_pair GROUP BY address_id HAVING count(*) > 1)
       GROUP BY t.address_id)
     SELECT s.id, s.address, s.households, s.parent_code, ST_AsGeoJSON(s.geom, 8)::json AS gj, x.keys, x.repaired
     FROM scope s JOIN several x ON x.address_id = s.id`,
    [[...ctx.skipParents]],
  );
  const addr = [...none, ...several].sort((a, b) => a.id - b.id);
  for (const a of addr) {
    const repaired = a.repaired ? { repaired: true as const } : {};
    if (!a.keys) {
      ctx.out.add({
        code: F.addressUnassigned, severity: 'blocking', gridKeys: [], geometry: a.gj, communityCode: a.parent_code, ...repaired,
        households: a.households, message: messages.addressUnassigned(a.address, a.households),
      });
    } else {
      ctx.out.add({
        code: F.addressInSeveral, severity: 'blocking', gridKeys: a.keys, geometry: a.gj, communityCode: a.parent_code, ...repaired,
        households: a.households, message: messages.addressInSeveral(a.address, a.keys.length, keyList(a.keys, ctx.label)),
      });
    }
  }
  const load = await ctx.tx.query<{ key: string; code: string | null; households: number; residents: number; repaired: boolean }>(
    `SELECT c.key, p.code, c.repaired, coalesce(sum(t.households), 0)::int AS households, coalesce(sum(t.residents), 0)::int AS residents
     FROM topo_cand c LEFT JOIN topo_parent p ON p.id = c.parent_id LEFT JOIN topo_pair t ON t.idx = c.idx
     WHERE c.in_set AND c.geom IS NOT NULL AND c.kind = 'comprehensive'
     GROUP BY c.idx, c.key, p.code, c.repaired
     HAVING ${loadStatusSql('coalesce(sum(t.households), 0)::int', 'coalesce(sum(t.residents), 0)::int', 1)} <> 'within'
     ORDER BY c.idx`,
    normArguments(ctx.settings.norm),
  );
  for (const l of load) {
    ctx.out.add({
      code: F.loadOutOfNorm, severity: 'warning', gridKeys: [l.key], geometry: null, communityCode: l.code, households: l.households, residents: l.residents,
      ...(l.repaired ? { repaired: true as const } : {}), message: messages.load(ctx.label(l.key), l.households, l.residents, ctx.settings.norm),
    });
  }
}
