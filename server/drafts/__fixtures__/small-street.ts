import type { Executor } from '../../db';

/**
 * A tiny street with two square communities side by side, small enough to reason about exactly:
 *   community A 320102001001: [118.00, 118.02] x [32.00, 32.02], four quadrant grids in force
 *     001 NW, 002 NE, 003 SW, 004 SE (all sharing the centre vertex 118.01, 32.01);
 *   community B 320102001002: [118.02, 118.04] x [32.00, 32.02], grids 001 (west half), 002 (east half)
 *     in force, and 005 in history only (so a new grid of B must take 006, never 005).
 */
export interface SmallStreet {
  streetId: number;
  communityA: number;
  communityB: number;
}

const box = (w: number, s: number, e: number, n: number) =>
  `ST_Multi(ST_GeomFromText('POLYGON((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}))', 4326))`;

export async function seedSmallStreet(db: Executor): Promise<SmallStreet> {
  const [city] = await db.query<{ id: number }>(`INSERT INTO city (code, name, geom) VALUES ('320100', '南京市', ${box(118, 32, 118.04, 32.02)}) RETURNING id`);
  const [district] = await db.query<{ id: number }>(
    `INSERT INTO district (city_id, code, name, geom) VALUES ($1, '320102', '玄武区', ${box(118, 32, 118.04, 32.02)}) RETURNING id`,
    [city!.id],
  );
  const [street] = await db.query<{ id: number }>(
    `INSERT INTO street (district_id, code, name, geom) VALUES ($1, '320102001', '测试街道', ${box(118, 32, 118.04, 32.02)}) RETURNING id`,
    [district!.id],
  );
  const [a] = await db.query<{ id: number }>(
    `INSERT INTO community (street_id, code, name, geom) VALUES ($1, '320102001001', '东社区', ${box(118, 32, 118.02, 32.02)}) RETURNING id`,
    [street!.id],
  );
  const [b] = await db.query<{ id: number }>(
    `INSERT INTO community (street_id, code, name, geom) VALUES ($1, '320102001002', '西社区', ${box(118.02, 32, 118.04, 32.02)}) RETURNING id`,
    [street!.id],
  );
  const grids: [string, number, string, [number, number, number, number]][] = [
    ['320102001001001', a!.id, '一网格', [118.0, 32.01, 118.01, 32.02]],
    ['320102001001002', a!.id, '二网格', [118.01, 32.01, 118.02, 32.02]],
    ['320102001001003', a!.id, '三网格', [118.0, 32.0, 118.01, 32.01]],
    ['320102001001004', a!.id, '四网格', [118.01, 32.0, 118.02, 32.01]],
    ['320102001002001', b!.id, '五网格', [118.02, 32.0, 118.03, 32.02]],
    ['320102001002002', b!.id, '六网格', [118.03, 32.0, 118.04, 32.02]],
  ];
  for (const [code, communityId, name, [w, s, e, n]] of grids) {
    await db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom, valid_from) VALUES ($1, $2, 'comprehensive', $3, ${box(w, s, e, n)}, '2024-07-01')`,
      [code, name, communityId],
    );
  }
  await db.execute(
    `INSERT INTO grid (code, name, kind, community_id, geom, valid_from, valid_to)
     VALUES ('320102001002005', '旧网格', 'comprehensive', $1, ${box(118.03, 32.0, 118.04, 32.01)}, '2020-01-01', '2024-07-01')`,
    [b!.id],
  );
  return { streetId: street!.id, communityA: a!.id, communityB: b!.id };
}
