import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { openDraft } from '../drafts/store';
import { seedDemoCity } from './demo-city';
import { compareWithDemoLoad, recordDemoLoad } from './load-record';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

describe('the record of the demo city load (what db:reset checks)', () => {
  it('tells an empty database, an unrecorded one, the demo city alone, and a database with more in it', async () => {
    expect(await compareWithDemoLoad(t.db)).toEqual({ kind: 'empty' });
    await seedDemoCity(t.db, { scale: 0.02, districtCodes: ['320102'] });
    expect(await compareWithDemoLoad(t.db)).toEqual({ kind: 'unrecorded' });
    await recordDemoLoad(t.db);
    expect(await compareWithDemoLoad(t.db)).toEqual({ kind: 'demo-only' });

    // An edited draft is more than the demo city.
    const [street] = await t.db.query<{ id: number }>('SELECT id FROM street ORDER BY id LIMIT 1');
    await openDraft(t.db, street!.id);
    const withDraft = await compareWithDemoLoad(t.db);
    expect(withDraft.kind).toBe('changed');
    if (withDraft.kind === 'changed') expect(withDraft.tables.map((x) => x.table)).toEqual(expect.arrayContaining(['grid_draft', 'grid_draft_grid']));
    await t.db.execute('DELETE FROM grid_draft');
    expect(await compareWithDemoLoad(t.db)).toEqual({ kind: 'demo-only' });

    // So is an edit in place that keeps every row count.
    await t.db.execute(`UPDATE app_setting SET value = '{"householdsMin": 250, "householdsMax": 500, "residentsMax": 2500}' WHERE key = 'grid_norm'`);
    expect(await compareWithDemoLoad(t.db)).toMatchObject({ kind: 'changed', tables: [{ table: 'app_setting' }] });
  });
});
