/**
 * A small city with the demo accounts' jurisdictions, for access tests and the authorization benchmark:
 * 南京市 with 玄武区 (红山街道, 新街口街道) and 秦淮区 (秦虹街道), one community per street split into two
 * grids, a full-time worker per grid, an address, a key site and an incident in each grid, and an open
 * draft per street. Then the demo accounts themselves (server/seed/demo-accounts.ts), exactly as the
 * demo city gets them.
 */
import type { Db } from '../db';
import { openDraft } from '../drafts/store';
import { ensureDemoAccounts } from '../seed/demo-accounts';

const box = (x0: number, y0: number, x1: number, y1: number) => `ST_Multi(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326))`;

/** The streets of the fixture, west to east, each 0.1° wide. */
export const FIXTURE_STREETS = [
  { code: '320102008', name: '红山街道', district: '320102', x: 118.7 },
  { code: '320102003', name: '新街口街道', district: '320102', x: 118.8 },
  { code: '320104001', name: '秦虹街道', district: '320104', x: 118.9 },
] as const;
export type FixtureStreetCode = (typeof FIXTURE_STREETS)[number]['code'];

export interface AccessFixture {
  streets: Record<FixtureStreetCode, {
    id: number;
    communityId: number;
    /** The street's two grid codes. */
    grids: [string, string];
    workerIds: [number, number];
    incidentIds: [number, number];
    addressId: number;
    keySiteId: number;
    draftId: number;
    /** A box inside the street. */
    bbox: [number, number, number, number];
  }>;
}

export async function seedAccessFixture(db: Db): Promise<AccessFixture> {
  await db.script(`
    INSERT INTO city (code, name, geom) VALUES ('320100', '南京市', ${box(118.7, 32.0, 119.0, 32.1)});
    INSERT INTO district (city_id, code, name, geom) VALUES
      ((SELECT id FROM city), '320102', '玄武区', ${box(118.7, 32.0, 118.9, 32.1)}),
      ((SELECT id FROM city), '320104', '秦淮区', ${box(118.9, 32.0, 119.0, 32.1)});
  `);
  const streets = {} as AccessFixture['streets'];
  for (const s of FIXTURE_STREETS) {
    const [x0, x1, xm] = [s.x, s.x + 0.1, s.x + 0.05];
    const community = `${s.code}001`;
    const grids: [string, string] = [`${community}001`, `${community}002`];
    const [street] = await db.query<{ id: number }>(
      `INSERT INTO street (district_id, code, name, geom) SELECT id, $1, $2, ${box(x0, 32.0, x1, 32.1)} FROM district WHERE code = $3 RETURNING id`,
      [s.code, s.name, s.district],
    );
    const [c] = await db.query<{ id: number }>(
      `INSERT INTO community (street_id, code, name, geom) VALUES ($1, $2, $3, ${box(x0, 32.0, x1, 32.1)}) RETURNING id`,
      [street!.id, community, `${s.name}第一社区`],
    );
    await db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom) VALUES
         ($1, $3 || '一网格', 'comprehensive', $4, ${box(x0, 32.0, xm, 32.1)}),
         ($2, $3 || '二网格', 'comprehensive', $4, ${box(xm, 32.0, x1, 32.1)})`,
      [grids[0], grids[1], s.name, c!.id],
    );
    const workers = await db.query<{ id: number }>(
      `INSERT INTO grid_worker (name, employment, phone, community_id, position, position_at) VALUES
         ($1 || '网格员甲', 'full_time', '13800000001', $2, ST_Point($3, 32.05, 4326), now()),
         ($1 || '网格员乙', 'full_time', '13800000002', $2, ST_Point($4, 32.05, 4326), now())
       RETURNING id`,
      [s.name, c!.id, x0 + 0.02, xm + 0.02],
    );
    const workerIds: [number, number] = [workers[0]!.id, workers[1]!.id];
    await db.execute('INSERT INTO grid_assignment (worker_id, grid_code) VALUES ($1, $3), ($2, $4)', [...workerIds, ...grids]);
    const incidents = await db.query<{ id: number }>(
      `INSERT INTO incident (code, class, category, status, source, geom, grid_code, reported_at) VALUES
         ($1 || '-1', 'event', 'dispute', 'reported', 'patrol', ST_Point($2, 32.03, 4326), $4, now() - interval '1 day'),
         ($1 || '-2', 'event', 'dispute', 'reported', 'patrol', ST_Point($3, 32.03, 4326), $5, now() - interval '1 day')
       RETURNING id`,
      [`SJ-${s.code}`, x0 + 0.01, xm + 0.01, ...grids],
    );
    const [a] = await db.query<{ id: number }>(
      `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
       VALUES ($1, $2, 'high_rise', 300, 700, $3, ST_Point($4, 32.07, 4326)) RETURNING id`,
      [`${community}000001`, `${s.name}1号`, c!.id, x0 + 0.01],
    );
    const [k] = await db.query<{ id: number }>(
      `INSERT INTO key_site (name, category, risk_level, geom) VALUES ($1, 'school', 2, ST_Point($2, 32.08, 4326)) RETURNING id`,
      [`${s.name}小学`, x0 + 0.03],
    );
    streets[s.code] = {
      id: street!.id,
      communityId: c!.id,
      grids,
      workerIds,
      incidentIds: [incidents[0]!.id, incidents[1]!.id],
      addressId: a!.id,
      keySiteId: k!.id,
      draftId: 0,
      bbox: [x0 + 0.001, 32.001, x1 - 0.001, 32.099],
    };
  }
  await db.script('SELECT refresh_grid_load()');
  for (const s of FIXTURE_STREETS) streets[s.code].draftId = (await openDraft(db, streets[s.code].id)).draftId;
  await ensureDemoAccounts(db);
  return { streets };
}
