/**
 * The planner as an outsider calls it over HTTP: ids of 2³¹, NUL and control characters, a barrier file
 * that is not one, ranges upside down, an area of another district, two planners at once, a batch of 60.
 * Every answer is a 4xx with a message in both languages, never a 500 or database text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideDatabase } from '../db';
import { seedAccessFixture } from '../testing/access-fixture';
import { expectClientError } from '../testing/client-errors';
import { batchedQueryStatus, trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { createTestUser, signInTestUser } from '../testing/users';
import { settleScenarioRuns } from './scenarios';

let t: TestDatabase;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  await seedAccessFixture(t.db);
  for (const name of ['planner', 'admin', 'district-xuanwu']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    tokens.set(name, (await signInTestUser(t.db, u!.id)).token);
  }
  const qinhuai = await createTestUser(t.db, 'planner-qinhuai', [{ role: 'planner', level: 'district', code: '320104' }]);
  tokens.set('planner-qinhuai', (await signInTestUser(t.db, qinhuai)).token);
  const second = await createTestUser(t.db, 'planner-second', [{ role: 'planner', level: 'city', code: '320100' }]);
  tokens.set('planner-second', (await signInTestUser(t.db, second)).token);
}, 120_000);
afterAll(async () => {
  await settleScenarioRuns();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const call = (who: string, path: string, input: unknown, method: 'GET' | 'POST' = 'POST') => trpcCall(path, input, method, { token: tokens.get(who)! });


const run = (more: Record<string, unknown> = {}) => ({
  name: '测算', scope: ['320102008'], householdsMin: 300, householdsMax: 500, residentsMax: 2500, keepDedicated: true, barrierLayerId: null, ...more,
});

describe('the planner over HTTP, with hostile input', () => {
  it('ids of 2³¹ and beyond, zero and negatives: not found or invalid, never a 500', async () => {
    for (const id of [2 ** 31, 2 ** 31 - 1, 2 ** 53 - 1]) {
      expectClientError(await call('planner', 'planner.get', { id }, 'GET'), 404);
      expectClientError(await call('planner', 'planner.promote', { id }), 404);
    }
    for (const id of [0, -1, 1.5, 2 ** 53, '1']) expectClientError(await call('planner', 'planner.get', { id }, 'GET'), 400);
    expectClientError(await call('planner', 'planner.run', run({ barrierLayerId: 2 ** 31 })), 400);
    expectClientError(await call('planner', 'planner.run', run({ barrierLayerId: 2 ** 31 - 1 })), 404);
  });

  it('NUL and control characters in names, codes that are not codes, ranges that cannot be', async () => {
    expectClientError(await call('planner', 'planner.run', run({ name: '测\u0000算' })), 400);
    expectClientError(await call('planner', 'planner.run', run({ name: '   ' })), 400);
    expectClientError(await call('planner', 'planner.run', run({ scope: ['32010200'] })), 400);
    expectClientError(await call('planner', 'planner.run', run({ scope: ["320102008' OR 1=1"] })), 400);
    expectClientError(await call('planner', 'planner.run', run({ scope: [] })), 400);
    expectClientError(await call('planner', 'planner.run', run({ scope: Array.from({ length: 201 }, (_, i) => `320102008${String(i).padStart(3, '0')}`) })), 400);
    expectClientError(await call('planner', 'planner.run', run({ householdsMin: 600 })), 400);
    expectClientError(await call('planner', 'planner.run', run({ householdsMin: 0 })), 400);
    expectClientError(await call('planner', 'planner.run', run({ householdsMax: 1e12 })), 400);
    expectClientError(await call('planner', 'planner.run', run({ scope: ['320102', '320102008'] })), 400);
    expectClientError(await call('planner', 'planner.run', run({ scope: ['320199'] })), 404);
    expectClientError(await call('planner', 'planner.run', run({ extra: 1 })), 400);
    expectClientError(await call('planner', 'planner.save', { id: 1, name: 'a\u0007b' }), 400);
  });

  it('a barrier file that is not GeoJSON of lines, and one that is, with a control character in a line name', async () => {
    for (const geojson of ['not json', '{}', JSON.stringify({ type: 'Point', coordinates: [118.7, 32] }), JSON.stringify({ type: 'LineString', coordinates: [[118.7, 32]] }),
      JSON.stringify({ type: 'LineString', coordinates: [[118.7, 32], [1e9, 32]] }), JSON.stringify({ type: 'FeatureCollection', features: [] })]) {
      expectClientError(await call('planner', 'planner.importBarriers', { name: '主干道', geojson }), 400);
    }
    expect((await call('planner', 'planner.barrierLayers', undefined, 'GET')).result).toEqual([]);
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '中山\u0000路', lanes: 6 }, geometry: { type: 'LineString', coordinates: [[118.75, 32.0], [118.75, 32.1]] } }] };
    const r = await call('planner', 'planner.importBarriers', { name: '主干道', geojson: JSON.stringify(file) });
    expect(r.error).toBeUndefined();
    const [line] = await t.db.query<{ name: string }>('SELECT name FROM barrier_line');
    expect(line!.name).toBe('中山路');
  });

  it('an area of another district answers as not found, and so does its scenario', async () => {
    expectClientError(await call('planner-qinhuai', 'planner.run', run()), 404);
    const mine = await call('planner', 'planner.run', run({ name: '红山' }));
    expect(mine.error).toBeUndefined();
    const id = (mine.result as { id: number }).id;
    await settleScenarioRuns();
    expect((await call('planner', 'planner.get', { id }, 'GET')).result).toMatchObject({ status: 'done' });
    expectClientError(await call('planner-qinhuai', 'planner.get', { id }, 'GET'), 404);
    expectClientError(await call('planner-qinhuai', 'planner.exportFile', { id, format: 'geojson' }, 'GET'), 404);
    // Another city-wide planner may read it, not change it.
    expect((await call('planner-second', 'planner.get', { id }, 'GET')).result).toMatchObject({ mine: false });
    expectClientError(await call('planner-second', 'planner.delete', { id }), 404);
    expectClientError(await call('planner-second', 'planner.promote', { id }), 404);
    // A district reviewer holds no planning at all.
    expectClientError(await call('district-xuanwu', 'planner.get', { id }, 'GET'), 403);
  });

  it('two planners at once each run their own; the same planner twice is told to wait', async () => {
    const [a, b, c] = await Promise.all([
      call('planner', 'planner.run', run({ name: '甲', scope: ['320102'] })),
      call('planner-second', 'planner.run', run({ name: '乙' })),
      call('planner', 'planner.run', run({ name: '丙', scope: ['320102'] })),
    ]);
    expect(b.error).toBeUndefined();
    // Of the planner's two at once, one runs and the other is told to wait.
    const mine = [a, c];
    expect(mine.filter((r) => !r.error)).toHaveLength(1);
    expectClientError(mine.find((r) => r.error)!, 429);
    await settleScenarioRuns();
  });

  it('the pricing is the city administrator\'s, within bounds', async () => {
    expectClientError(await call('planner', 'planner.setPricing', { fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: 1, partTimeMonthlyYuan: 1 }), 403);
    expectClientError(await call('admin', 'planner.setPricing', { fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: 4500.001, partTimeMonthlyYuan: 800 }), 400);
    expectClientError(await call('admin', 'planner.setPricing', { fullTimePerGrid: 1, partTimePerGrid: 1, fullTimeMonthlyYuan: -1, partTimeMonthlyYuan: 800 }), 400);
    const r = await call('admin', 'planner.setPricing', { fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyYuan: 5000, partTimeMonthlyYuan: 600.5 });
    expect(r.result).toEqual({ fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyYuan: 5000, partTimeMonthlyYuan: 600.5 });
    expect((await call('planner', 'planner.settings', undefined, 'GET')).result).toMatchObject({ pricing: { fullTimeMonthlyYuan: 5000 } });
  });

  it('60 calls in one batch are refused as a whole with a clear error', async () => {
    const status = await batchedQueryStatus('planner.list', 60, tokens.get('planner')!);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});
