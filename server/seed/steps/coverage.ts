/**
 * Step 7. First-cut pieces, then the exact coverage: every gridded community cut into its dedicated
 * rectangles and the power cells of its sites, every other community one piece; ../arrangement.ts then
 * nodes them all into the shared-edge coverage (temp table seed_final).
 */
import type { Executor } from '../../db';
import { powerCells } from '@/geo/partition/power-cells';
import { bboxOf } from '@/geo/planar/polygon';
import { buildCoverage, createPieceTable } from '../arrangement';
import { ringToWkt } from '../bulk';
import { GRID_SIZE } from '../clean-districts';
import { comprehensiveKey, type CommunityPlan, type SeedContext } from './state';

export async function seedCoverage(tx: Executor, ctx: SeedContext, communities: readonly CommunityPlan[]): Promise<void> {
  const { progress } = ctx;
  progress('first-cut pieces', 0.42);
  const gridded = communities.filter((c) => c.gridded);
  await createPieceTable(tx);
  await tx.script(`CREATE TEMP TABLE seed_rect (community text NOT NULL, grid_key text NOT NULL, geom geometry NOT NULL) ON COMMIT DROP;`);
  const rects = communities.flatMap((c) => c.dedicated.map((d) => ({ community: c.code, key: d.key, wkt: ringToWkt(d.ring) })));
  await tx.execute(
    `INSERT INTO seed_rect SELECT u.c, u.k, ST_SetSRID(ST_GeomFromText(u.w), 4326) FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, k, w)`,
    [rects.map((r) => r.community), rects.map((r) => r.key), rects.map((r) => r.wkt)],
  );
  const cellRows: { community: string; key: string; wkt: string }[] = [];
  for (const c of gridded) {
    const cells = powerCells(c.sites, bboxOf(c.region));
    cells.forEach((cell, i) => {
      if (cell) cellRows.push({ community: c.code, key: comprehensiveKey(c.code, i), wkt: ringToWkt(cell) });
    });
  }
  await tx.execute(
    `WITH cells AS (
       SELECT u.c, u.k, ST_SetSRID(ST_GeomFromText(u.w), 4326) AS cell FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, k, w)
     ), holes AS (SELECT community, ST_Union(geom, ${GRID_SIZE}) AS geom FROM seed_rect GROUP BY community)
     INSERT INTO seed_piece (district, street, community, grid_key, priority, geom)
     SELECT p.district, p.street, p.community, cells.k, 2,
            ST_CollectionExtract(CASE WHEN h.geom IS NULL THEN ST_Intersection(p.geom, cells.cell, ${GRID_SIZE})
                 ELSE ST_Difference(ST_Intersection(p.geom, cells.cell, ${GRID_SIZE}), h.geom, ${GRID_SIZE}) END, 3)
     FROM cells JOIN seed_community_piece p ON p.community = cells.c LEFT JOIN holes h ON h.community = cells.c`,
    [cellRows.map((r) => r.community), cellRows.map((r) => r.key), cellRows.map((r) => r.wkt)],
  );
  await tx.execute(
    `INSERT INTO seed_piece (district, street, community, grid_key, priority, geom)
     SELECT p.district, p.street, p.community, r.grid_key, 1, r.geom FROM seed_rect r JOIN seed_community_piece p ON p.community = r.community`,
  );
  await tx.execute(
    `INSERT INTO seed_piece (district, street, community, grid_key, priority, geom)
     SELECT district, street, community, NULL, 3, geom FROM seed_community_piece WHERE NOT (community = ANY ($1::text[]))`,
    [gridded.map((c) => c.code)],
  );
  progress('exact coverage', 0.5);
  await buildCoverage(tx, (step) => progress(`exact coverage: ${step}`, 0.55));
}
