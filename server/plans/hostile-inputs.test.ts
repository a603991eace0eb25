/**
 * The plan procedures as an outsider calls them over HTTP: ids out of range, NUL and control characters,
 * a foreign district, a batch of 60 calls, two reviewers at once. Every answer is a 4xx with a message in
 * both languages, never a 500 or database text, and nothing stored changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideDatabase } from '../db';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { expectClientError } from '../testing/client-errors';
import { batchedQueryStatus, trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';

let t: TestDatabase;
let fx: AccessFixture;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const name of ['street-hongshan', 'district-xuanwu', 'district-qinhuai', 'city-filer']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
    tokens.set(name, (await signInTestUser(t.db, u!.id)).token);
  }
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

const call = (who: string, path: string, input: unknown, method: 'GET' | 'POST' = 'POST') => trpcCall(path, input, method, { token: tokens.get(who)! });


describe('plans over HTTP, with hostile input', () => {
  it('ids of 2³¹ and beyond, zero and negatives: not found or invalid, never a 500', async () => {
    for (const draftId of [2 ** 31, 2 ** 31 - 1, 2 ** 53 - 1]) {
      expectClientError(await call('district-xuanwu', 'plans.get', { draftId }, 'GET'), 404);
      expectClientError(await call('district-xuanwu', 'plans.move', { draftId, expectedVersion: 1, action: 'start_review' }), 404);
    }
    for (const draftId of [0, -1, 1.5, 2 ** 53, '1']) expectClientError(await call('district-xuanwu', 'plans.get', { draftId }, 'GET'), 400);
    expectClientError(await call('district-xuanwu', 'plans.gridTimeline', { code: '3201020080010010' }, 'GET'), 400);
  });

  it('a NUL or control character in a comment, a filing number or a reason is refused, and nothing is stored', async () => {
    const s = fx.streets['320102008'];
    expectClientError(await call('district-xuanwu', 'plans.addComment', { draftId: s.draftId, body: '意见\u0000' }), 400);
    expectClientError(await call('city-filer', 'plans.file', { draftId: s.draftId, expectedVersion: 1, filingNumber: '宁\u0000备', effectiveDate: '2199-01-01' }), 400);
    expectClientError(await call('street-hongshan', 'plans.setWarningReason', { draftId: s.draftId, expectedVersion: 1, findingKey: 'A:g1\u0007', reason: 'x' }), 400);
    expectClientError(await call('district-xuanwu', 'plans.addComment', { draftId: s.draftId, body: 'x', place: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 1], [1, 0], [0, 0]]] } }), 400);
    expectClientError(await call('district-xuanwu', 'plans.addComment', { draftId: s.draftId, body: 'x', place: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }), 400);
    expectClientError(await call('city-filer', 'plans.file', { draftId: s.draftId, expectedVersion: 1, filingNumber: 'N', effectiveDate: '2026-02-30' }), 400);
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_comment')) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('a reviewer of another district sees no plan and can move none', async () => {
    const s = fx.streets['320102008'];
    expectClientError(await call('district-qinhuai', 'plans.get', { draftId: s.draftId }, 'GET'), 404);
    expectClientError(await call('district-qinhuai', 'plans.diff', { draftId: s.draftId }, 'GET'), 404);
    expectClientError(await call('district-qinhuai', 'plans.comments', { draftId: s.draftId }, 'GET'), 404);
    expectClientError(await call('district-qinhuai', 'plans.addComment', { draftId: s.draftId, body: '越权意见' }), 404);
    const queue = await call('district-qinhuai', 'plans.queue', {}, 'GET');
    expect((queue.result as { plans: { streetCode: string }[] }).plans.every((p) => p.streetCode.startsWith('320104'))).toBe(true);
    // A street editor cannot file or review, even in its own street.
    const [{ version }] = (await t.db.query<{ version: number }>('SELECT version FROM grid_draft WHERE id = $1', [s.draftId])) as [{ version: number }];
    expectClientError(await call('street-hongshan', 'plans.file', { draftId: s.draftId, expectedVersion: version, filingNumber: 'N1', effectiveDate: '2199-01-01' }), 403);
    expectClientError(await call('street-hongshan', 'plans.move', { draftId: s.draftId, expectedVersion: version, action: 'start_review' }), 409);
  });

  it('60 calls in one batch are refused as a whole with a clear error', async () => {
    const status = await batchedQueryStatus('plans.queue', 60, tokens.get('district-xuanwu')!);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('two reviewers starting the review at once: one moves it, the other gets a conflict', async () => {
    const s = fx.streets['320102003'];
    // Submitted by its editor's grant, directly: the move under test is the reviewers'.
    await t.db.execute(`UPDATE grid_draft SET status = 'submitted', submitted_at = now(), version = version + 1 WHERE id = $1`, [s.draftId]);
    const [{ version }] = (await t.db.query<{ version: number }>('SELECT version FROM grid_draft WHERE id = $1', [s.draftId])) as [{ version: number }];
    const [{ id: second }] = (await t.db.query<{ id: number }>(
      `INSERT INTO app_user (username, display_name, password_hash) SELECT 'second-reviewer', '第二审核员', password_hash FROM app_user WHERE username = 'district-xuanwu' RETURNING id`,
    )) as [{ id: number }];
    await t.db.execute(`INSERT INTO user_grant (user_id, role, level, district_id) SELECT $1, 'district_reviewer', 'district', id FROM district WHERE code = '320102'`, [second]);
    tokens.set('second-reviewer', (await signInTestUser(t.db, second)).token);
    const answers = await Promise.all(
      ['district-xuanwu', 'second-reviewer'].map((who) => call(who, 'plans.move', { draftId: s.draftId, expectedVersion: version, action: 'start_review' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const log = await t.db.query<{ action: string }>('SELECT action FROM plan_log WHERE draft_id = $1', [s.draftId]);
    expect(log.map((l) => l.action)).toEqual(['start_review']);
  });
});
