/**
 * "The grids in force at time t", the one definition (grids_in_force, migration 0009), and a schema that
 * holds future versions and history of one code without two versions ever in force at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { seedSmallStreet } from '../drafts/__fixtures__/small-street';
import { DEFAULT_SETTINGS } from '../settings';
import { countGridsInForce, gridInForceByCode, gridName } from './grids';

let t: TestDatabase;
let communityA: number;
beforeAll(async () => {
  t = await openTestDatabase();
  ({ communityA } = await seedSmallStreet(t.db));
});
afterAll(async () => {
  await t?.dispose();
});

const CODE = '320102001001001';
const FILING = new Date('2027-03-01T00:00:00+08:00');
const box = (w: number, e: number) => `ST_Multi(ST_MakeEnvelope(${w}, 32.01, ${e}, 32.02, 4326))`;

describe('grids in force at t', () => {
  it('holds a future version of a code beside the current one, and history, never two at once', async () => {
    // The current version ends where a filing's new version begins.
    await t.db.execute(`UPDATE grid SET valid_to = $2 WHERE code = $1`, [CODE, FILING]);
    await t.db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom, valid_from) VALUES ($1, '一网格（调整后）', 'comprehensive', $2, ${box(118.0, 118.012)}, $3)`,
      [CODE, communityA, FILING],
    );
    const before = new Date(FILING.getTime() - 1);
    expect((await gridInForceByCode(t.db, CODE, before, DEFAULT_SETTINGS.norm))?.name).toBe('一网格');
    expect((await gridInForceByCode(t.db, CODE, FILING, DEFAULT_SETTINGS.norm))?.name).toBe('一网格（调整后）');
    // Before the oldest version, and for a code only in history, nothing is in force.
    expect(await gridInForceByCode(t.db, CODE, new Date('2020-01-01'), DEFAULT_SETTINGS.norm)).toBeNull();
    expect(await gridInForceByCode(t.db, '320102001002005', new Date(), DEFAULT_SETTINGS.norm)).toBeNull();
    expect(await gridInForceByCode(t.db, '320102001002005', new Date('2022-01-01'), DEFAULT_SETTINGS.norm)).not.toBeNull();
    // The names a code carried over time, and how many grids stand at each moment.
    expect(await gridName(t.db, CODE, before)).toBe('一网格');
    expect(await gridName(t.db, '320102001002005', new Date())).toBe('旧网格');
    expect(await countGridsInForce(t.db, [communityA], before)).toBe(4);
    expect(await countGridsInForce(t.db, [communityA], FILING)).toBe(4);
  });

  it('refuses a version whose period overlaps another version of the same code', async () => {
    const overlapping = t.db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom, valid_from, valid_to) VALUES ($1, '重叠', 'comprehensive', $2, ${box(118.0, 118.01)}, '2027-02-01', '2027-04-01')`,
      [CODE, communityA],
    );
    await expect(overlapping).rejects.toMatchObject({ constraint: 'grid_code_versions_do_not_overlap' });
    // Touching periods are fine: [a, b) and [b, c).
    await t.db.execute(
      `INSERT INTO grid (code, name, kind, community_id, geom, valid_from, valid_to) VALUES ('320102001001009', '前', 'comprehensive', $1, ${box(118.0, 118.01)}, '2027-01-01', '2027-02-01'),
                                                                                          ('320102001001009', '后', 'comprehensive', $1, ${box(118.0, 118.01)}, '2027-02-01', NULL)`,
      [communityA],
    );
  });

  it('is inlined by the planner: a box filter on grids_in_force uses the GiST index', async () => {
    await t.db.script('ANALYZE grid');
    const plan = await t.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM grids_in_force(now()) g WHERE g.geom && ST_MakeEnvelope(118.0, 32.0, 118.001, 32.001, 4326)`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    // No function scan: the body is part of the plan (a scan of grid itself).
    expect(text).not.toMatch(/Function Scan/);
    expect(text).toMatch(/on grid/);
  });
});
