/**
 * The access matrix: every tRPC procedure and every HTTP route, called over HTTP as every demo account,
 * once about something inside the account's jurisdiction and once about something outside it, checked
 * against the policy table (policy.ts). A procedure added without a policy entry fails here twice: the
 * table check, and its calls (which the server refuses with NO_POLICY while the table says nothing).
 * Runs on the engine of the run (embedded, or DATABASE_URL's server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { POST as validate } from '@/app/api/topology/validate/route';
import { POST as importAddresses } from '@/app/api/addresses/import/route';
import { provideDatabase } from '../db';
import { appRouter } from '../routers/_app';
import { procedure, router } from '../trpc';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo-accounts';
import { FIXTURE_STREETS, seedAccessFixture, type AccessFixture, type FixtureStreetCode } from '../testing/access-fixture';
import { browserHeaders, TEST_ORIGIN, trpcCall, trpcSubscribe, type TrpcErrorShape } from '../testing/http-calls';
import { workerInScope } from '../field/live';
import { signInTestUser } from '../testing/users';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { tileAt } from '../tiles/tile-math';
import { decodeTile } from '../tiles/__fixtures__/decode-tile';
import type { Actor } from './actor';
import { codeInScope, PROCEDURE_POLICY, ROUTE_POLICY, scopeOf, TILE_LAYER_CAPABILITY, type Capability } from './policy';

type Street = AccessFixture['streets'][FixtureStreetCode];

let t: TestDatabase;
let fx: AccessFixture;
const accounts = new Map<string, { token: string; actor: Actor; userId: number }>();
/** A user every administrator call can name without touching a demo account. */
let targetUser: { id: number };

const STALE = 2 ** 31 - 1;
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;

/** One call of a procedure as the browser makes it: a query (GET), a mutation (POST), or a subscription's first message. */
async function callAs(path: string, input: unknown, token: string | null | undefined): Promise<{ status: number; error?: TrpcErrorShape }> {
  const type = procedures[path]!._def.type;
  if (type !== 'subscription') return trpcCall(path, input, type === 'query' ? 'GET' : 'POST', { token });
  const r = await trpcSubscribe(path, input, { token, timeoutMs: 1200 });
  return { status: r.error?.data.httpStatus ?? r.status, error: r.error };
}

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  fx = await seedAccessFixture(t.db);
  for (const a of DEMO_ACCOUNTS) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [a.username]);
    expect(u, `demo account ${a.username}`).toBeDefined();
    accounts.set(a.username, { ...(await signInTestUser(t.db, u!.id)), userId: u!.id });
  }
  [targetUser] = await t.db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash) SELECT 'target-user', 'target', password_hash FROM app_user WHERE username = 'admin' RETURNING id`,
  );
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.tileService')];
  await t?.dispose();
});

/** The street an account's "inside" call is about, and one outside its jurisdiction. */
const PLACES: Record<string, { inside: FixtureStreetCode; outside: FixtureStreetCode }> = {
  'street-hongshan': { inside: '320102008', outside: '320104001' },
  'street-xinjiekou': { inside: '320102003', outside: '320102008' },
  'district-xuanwu': { inside: '320102008', outside: '320104001' },
  'district-qinhuai': { inside: '320104001', outside: '320102008' },
  'worker-hongshan': { inside: '320102008', outside: '320102003' },
  // City-wide accounts have no outside in this city: both calls must be allowed where the role is.
  'city-filer': { inside: '320102008', outside: '320104001' },
  command: { inside: '320102008', outside: '320104001' },
  planner: { inside: '320102008', outside: '320104001' },
  'dept-police': { inside: '320102008', outside: '320104001' },
  admin: { inside: '320102008', outside: '320104001' },
};

const edit = (s: Street, more: Record<string, unknown> = {}) => ({ draftId: s.draftId, expectedVersion: STALE, ...more });
let created = 0;

/**
 * A valid input of every procedure about street `s`. Mutations are made harmless where they would
 * change something (a stale version, a too-short password): an allowed call then fails with an
 * ordinary 4xx of the service, which is not a refusal of access.
 */
const SAMPLES: Record<string, (s: Street) => unknown> = {
  'session.me': () => undefined,
  'session.changePassword': () => ({ currentPassword: DEMO_PASSWORD, newPassword: 'short' }),
  'search.places': (s) => ({ query: FIXTURE_STREETS.find((f) => fx.streets[f.code] === s)!.name }),
  'details.get': (s) => ({ kind: 'incident', id: s.incidentIds[0] }),
  'map.labels': (s) => ({ bbox: s.bbox, zoom: 13 }),
  'map.norm': () => undefined,
  'map.workers': (s) => ({ bbox: s.bbox }),
  'drafts.streets': () => undefined,
  'drafts.streetCommunities': (s) => ({ streetId: s.id }),
  'drafts.open': (s) => ({ streetId: s.id }),
  'drafts.get': (s) => ({ draftId: s.draftId }),
  'drafts.validate': (s) => ({ draftId: s.draftId }),
  'drafts.exportFile': (s) => ({ draftId: s.draftId, format: 'geojson' }),
  'drafts.createGrid': (s) => edit(s, { geometry: null }),
  'drafts.updateGeometry': (s) => edit(s, { key: 'g1', geometry: null }),
  'drafts.moveSharedVertex': (s) => edit(s, { from: [118.75, 32.05], to: [118.751, 32.05] }),
  'drafts.splitGrid': (s) => edit(s, { key: 'g1', line: null }),
  'drafts.mergeGrids': (s) => edit(s, { keys: ['g1', 'g2'] }),
  'drafts.deleteGrid': (s) => edit(s, { key: 'g1' }),
  'drafts.fillRest': (s) => edit(s, { communityId: s.communityId }),
  'drafts.setAttributes': (s) => edit(s, { key: 'g1', attributes: { name: '新名字' } }),
  'drafts.snapToNeighbours': (s) => edit(s, { key: 'g1', toleranceMetres: 1 }),
  'drafts.reshapeSharedBoundary': (s) => edit(s, { keys: ['g1', 'g2'], line: null }),
  'drafts.clipToCommunity': (s) => edit(s, { key: 'g1' }),
  'drafts.giveAreaToNeighbour': (s) => edit(s, { area: null, fromKey: null, toKey: 'g1' }),
  'drafts.undo': (s) => edit(s),
  'drafts.redo': (s) => edit(s),
  'drafts.importFile': (s) => edit(s, { fileName: 'grids.geojson', contentBase64: '' }),
  'plans.queue': () => ({}),
  'plans.get': (s) => ({ draftId: s.draftId }),
  'plans.diff': (s) => ({ draftId: s.draftId }),
  'plans.move': (s) => edit(s, { action: 'submit' }),
  'plans.file': (s) => edit(s, { filingNumber: '宁网备〔2026〕1号', effectiveDate: '2099-01-01' }),
  'plans.setWarningReason': (s) => edit(s, { findingKey: 'LOAD_UNDER:g1', reason: '理由' }),
  'plans.recordArrangement': (s) => edit(s, { arrangementId: 1, responsibilities: { public_security: 'host' } }),
  'plans.arrangementsAwaiting': () => undefined,
  'plans.approveArrangement': (s) => edit(s, { arrangementId: 1 }),
  'plans.comments': (s) => ({ draftId: s.draftId }),
  // A comment is a write, made harmless by naming a thread that does not exist.
  'plans.addComment': (s) => ({ draftId: s.draftId, body: '意见', parentId: STALE }),
  'plans.resolveComment': (s) => ({ draftId: s.draftId, commentId: STALE }),
  'plans.gridTimeline': (s) => ({ code: s.grids[0] }),
  // A day still to come: an allowed restore is refused as RESTORE_DATE_INVALID, changing nothing.
  'plans.restore': (s) => ({ streetId: s.id, date: '2199-01-01' }),
  'plans.notifications': () => ({}),
  'plans.markRead': () => ({ ids: [STALE] }),
  'incidents.categories': () => undefined,
  'incidents.updateCategory': () => ({ code: 'street_lamp', expectedVersion: STALE }),
  'incidents.placeOfCode': (s) => ({ kind: 'address', code: `${streetCode(s)}001000001` }),
  // A real report at a point of the street's first grid: refused outside a grid worker's own grids.
  'incidents.report': (s) => ({ categoryCode: 'dispute', description: '矩阵测试', place: { kind: 'point', lon: s.bbox[0] + 0.01, lat: 32.05 }, source: 'patrol' }),
  'incidents.get': (s) => ({ id: s.incidentIds[0] }),
  'incidents.list': () => ({ limit: 5 }),
  'incidents.kpis': () => ({}),
  'incidents.assessment': () => ({ groupBy: 'district', from: new Date(Date.now() - 86_400_000), to: new Date() }),
  'incidents.move': (s) => ({ incidentId: s.incidentIds[0], expectedVersion: STALE, action: 'accept' }),
  'incidents.feed': () => ({}),
  'incidents.suggestDispatch': (s) => ({ incidentId: s.incidentIds[0] }),
  'incidents.dispatch': (s) => ({ incidentId: s.incidentIds[0], expectedVersion: STALE, workerId: null }),
  'incidents.partnerKeys': () => undefined,
  'incidents.issuePartnerKey': () => ({ name: '' }),
  'incidents.revokePartnerKey': () => ({ id: STALE }),
  'opendata.restrictedFields': () => undefined,
  'opendata.departmentKeys': () => undefined,
  // Made harmless: an empty name is refused before anything is stored.
  'opendata.issueDepartmentKey': () => ({ name: '', departmentCode: 'police', collections: ['addresses'], fields: [] }),
  'opendata.revokeDepartmentKey': () => ({ id: STALE }),
  'opendata.departmentKeyUses': () => ({ id: STALE }),
  'opendata.webhookSubscriptions': () => undefined,
  // Made harmless: a key that does not exist, a URL that is none; subscriptions that do not exist.
  'opendata.createWebhookSubscription': () => ({ departmentKeyId: STALE, url: 'ftp://nowhere', events: ['grids.filed'] }),
  'opendata.disableWebhookSubscription': () => ({ id: STALE }),
  'opendata.webhookDeliveries': () => ({ id: STALE }),
  'opendata.sendTestWebhook': () => ({ id: STALE }),
  'baseData.imports': () => undefined,
  'command.replay': () => ({ since: new Date(Date.now() - 3_600_000), until: new Date() }),
  'field.report': () => ({ positions: [{ lon: 200, lat: 32 }] }),
  'field.setDuty': () => ({ onDuty: true }),
  'field.me': () => undefined,
  'field.positions': () => ({}),
  'field.trails': () => ({ minutes: 5 }),
  'field.track': (s) => ({ workerId: s.workerIds[0], day: '2026-12-01' }),
  'field.coverage': (s) => ({ workerId: s.workerIds[0], from: new Date(Date.now() - 3_600_000), to: new Date() }),
  'field.patrolLog': (s) => ({ workerId: s.workerIds[0], day: '2026-12-01' }),
  'field.savePatrolLog': () => ({ day: '2000-01-01', body: '日志' }),
  'field.inspectionsDue': () => ({ limit: 5 }),
  'field.recordInspection': (s) => ({ keySiteId: s.keySiteId, result: 'ok' }),
  'field.simulator': () => undefined,
  'field.setSimulator': () => ({ running: false }),
  'planner.settings': () => undefined,
  'planner.areas': () => undefined,
  'planner.barrierLayers': () => undefined,
  // Writes made harmless: a file that is no GeoJSON of lines, a range upside down, a scenario that does not exist.
  'planner.importBarriers': () => ({ name: '矩阵', geojson: '{}' }),
  'planner.run': (s) => ({ name: '矩阵', scope: [streetCode(s)], householdsMin: 500, householdsMax: 300, residentsMax: 2500, keepDedicated: true, barrierLayerId: null }),
  'planner.list': () => undefined,
  'planner.get': () => ({ id: STALE }),
  'planner.grids': () => ({ id: STALE }),
  'planner.save': () => ({ id: STALE, name: '矩阵' }),
  'planner.delete': () => ({ id: STALE }),
  'planner.exportFile': () => ({ id: STALE, format: 'csv' }),
  'planner.promote': () => ({ id: STALE }),
  'planner.pricing': () => undefined,
  'planner.setPricing': () => ({ fullTimePerGrid: -1, partTimePerGrid: 1, fullTimeMonthlyYuan: 1, partTimeMonthlyYuan: 1 }),
  'admin.users': () => undefined,
  'admin.jurisdictions': () => undefined,
  'admin.workers': (s) => ({ streetId: s.id }),
  'admin.createUser': (s) => ({
    username: `new-user-${++created}`,
    displayName: '新用户',
    password: 'short',
    grants: [{ role: 'planner', level: 'street', jurisdictionId: s.id }],
  }),
  'admin.updateUser': () => ({ userId: targetUser.id, expectedVersion: STALE, displayName: '改名' }),
  'admin.setDisabled': () => ({ userId: targetUser.id, expectedVersion: STALE, disabled: true }),
  'admin.setGrants': (s) => ({ userId: targetUser.id, expectedVersion: STALE, grants: [{ role: 'planner', level: 'street', jurisdictionId: s.id }] }),
  'admin.resetPassword': () => ({ userId: targetUser.id, expectedVersion: STALE, newPassword: 'short' }),
  'admin.securityLog': () => ({ limit: 5 }),
  'staffing.streets': () => undefined,
  'staffing.compliance': (s) => ({ level: 'street', withinCode: streetCode(s) }),
  'staffing.grids': (s) => ({ streetId: s.id }),
  'staffing.workers': (s) => ({ streetId: s.id }),
  'staffing.worker': (s) => ({ workerId: s.workerIds[0] }),
  // Changes made harmless: a stage the worker is not at (409), a period still to come, a grid code not in force.
  // Made harmless: the street's first worker again (same name and phone), a double entry (409).
  'staffing.recruit': (s) => ({
    communityCode: `${streetCode(s)}001`, name: `${FIXTURE_STREETS.find((f) => fx.streets[f.code] === s)!.name}网格员甲`, phone: '13800000001',
    employment: 'full_time', recruitmentSource: 'open_recruitment',
  }),
  'staffing.changeStage': (s) => ({ workerId: s.workerIds[0], fromStage: 'recruited', toStage: 'in_training' }),
  'staffing.recordAssessment': (s) => ({ workerId: s.workerIds[0], period: '2099', result: 'competent' }),
  'staffing.assign': (s) => ({ workerId: s.workerIds[0], gridCode: `${streetCode(s)}001999` }),
  'staffing.unassign': (s) => ({ workerId: s.workerIds[0], gridCode: `${streetCode(s)}001999` }),
  'academy.streets': () => undefined,
  'academy.courses': () => undefined,
  // The first allowed call adds an elective course (harmless: the training rule reads required ones); the second is a double (409).
  'academy.createCourse': () => ({ code: 'MX-001', nameZh: '矩阵测试课', nameEn: 'Matrix test', hours: 1, passMark: 60, required: false }),
  // Made harmless: a course that does not exist.
  'academy.updateCourse': () => ({ courseId: STALE, required: true }),
  'academy.sessions': () => ({}),
  // Made harmless: a session or course that does not exist (404 once access is granted).
  'academy.session': () => ({ sessionId: STALE }),
  'academy.scheduleSession': (s) => ({
    courseId: STALE, areaCode: FIXTURE_STREETS.find((f) => fx.streets[f.code] === s)!.district, startsAt: new Date('2099-01-01T01:00:00Z'),
    endsAt: new Date('2099-01-01T03:00:00Z'), place: '培训室', online: false, teacher: '矩阵', capacity: null,
  }),
  'academy.enrol': (s) => ({ sessionId: STALE, workerId: s.workerIds[0] }),
  'academy.recordAttendance': (s) => ({ sessionId: STALE, workerId: s.workerIds[0], present: true }),
  'academy.recordScore': (s) => ({ workerId: s.workerIds[0], courseId: STALE, score: 60 }),
  'academy.worker': (s) => ({ workerId: s.workerIds[0] }),
  'academy.workers': (s) => ({ streetId: s.id }),
  'academy.figures': () => ({}),
};

/**
 * Procedures whose service narrows by the kind of thing asked for (policy.ts says so in a comment):
 * the capability and code that decide the sample call.
 */
const NARROWED: Record<string, { capability: Capability; code: (s: Street) => string } | ((actor: Actor, s: Street) => boolean)> = {
  'details.get': { capability: 'incidents', code: (s) => s.grids[0] },
  'incidents.report': { capability: 'incident_report', code: (s) => s.grids[0] },
  'incidents.get': { capability: 'incidents', code: (s) => s.grids[0] },
  // The loop's duty: accepting is the command centre's, over the case's grid.
  'incidents.move': { capability: 'incident_command', code: (s) => s.grids[0] },
  'incidents.suggestDispatch': { capability: 'incident_command', code: (s) => s.grids[0] },
  'incidents.dispatch': { capability: 'incident_command', code: (s) => s.grids[0] },
  'field.recordInspection': { capability: 'incident_handle', code: (s) => s.grids[0] },
  // A scenario is run over areas of the planning scope (outside it the scope answers as not found).
  'planner.run': { capability: 'planning', code: (s) => streetCode(s) },
  // The pricing is the city's: a district administrator is refused.
  'planner.pricing': (actor) => scopeOf(actor, 'catalogue_admin')?.all === true,
  'planner.setPricing': (actor) => scopeOf(actor, 'catalogue_admin')?.all === true,
  // A worker's track and log: of the workers the scope covers (their community, or themself).
  'field.track': (actor, s) => workerInScope(scopeOf(actor, 'worker_positions')!, { workerId: s.workerIds[0], communityCode: `${streetCode(s)}001` }),
  'field.coverage': (actor, s) => workerInScope(scopeOf(actor, 'worker_positions')!, { workerId: s.workerIds[0], communityCode: `${streetCode(s)}001` }),
  'field.patrolLog': (actor, s) => workerInScope(scopeOf(actor, 'worker_positions')!, { workerId: s.workerIds[0], communityCode: `${streetCode(s)}001` }),
  // Staffing: a worker is read within the 'staffing' scope and changed within 'staffing_manage', by their community.
  'staffing.worker': { capability: 'staffing', code: (s) => `${streetCode(s)}001` },
  'staffing.recruit': { capability: 'staffing_manage', code: (s) => `${streetCode(s)}001` },
  'staffing.changeStage': { capability: 'staffing_manage', code: (s) => `${streetCode(s)}001` },
  'staffing.recordAssessment': { capability: 'staffing_manage', code: (s) => `${streetCode(s)}001` },
  'staffing.assign': { capability: 'staffing_manage', code: (s) => `${streetCode(s)}001` },
  'staffing.unassign': { capability: 'staffing_manage', code: (s) => `${streetCode(s)}001` },
  // The academy: the syllabus is the city's; a session's district and a worker's community decide the rest.
  'academy.createCourse': (actor) => scopeOf(actor, 'academy_manage')?.all === true,
  'academy.updateCourse': (actor) => scopeOf(actor, 'academy_manage')?.all === true,
  'academy.scheduleSession': { capability: 'academy_manage', code: (s) => FIXTURE_STREETS.find((f) => fx.streets[f.code] === s)!.district },
  'academy.enrol': { capability: 'academy', code: (s) => `${streetCode(s)}001` },
  'academy.recordAttendance': { capability: 'academy_manage', code: (s) => `${streetCode(s)}001` },
  'academy.recordScore': { capability: 'academy_manage', code: (s) => `${streetCode(s)}001` },
  'academy.worker': { capability: 'academy', code: (s) => `${streetCode(s)}001` },
};

const streetCode = (s: Street) => FIXTURE_STREETS.find((f) => fx.streets[f.code] === s)!.code;

/** What the policy table says about `actor` calling `path` about street `s`. */
function expected(path: string, actor: Actor, s: Street): 'allowed' | 'denied' {
  const policy = PROCEDURE_POLICY[path];
  if (!policy) return 'denied';
  if ('signedInOnly' in policy) return 'allowed';
  const scope = scopeOf(actor, policy.capability);
  if (!scope) return 'denied';
  if (policy.jurisdiction && !codeInScope(scope, streetCode(s))) return 'denied';
  const narrowed = NARROWED[path];
  if (typeof narrowed === 'function' && !narrowed(actor, s)) return 'denied';
  if (narrowed && typeof narrowed !== 'function' && !codeInScope(scopeOf(actor, narrowed.capability), narrowed.code(s))) return 'denied';
  return 'allowed';
}

/** The refusals of access: not signed in, not allowed, or (for another street's draft) not found. */
const REFUSALS = new Set([
  'SIGN_IN_REQUIRED', 'SESSION_EXPIRED', 'ACCESS_DENIED', 'OUT_OF_JURISDICTION', 'NO_POLICY', 'PASSWORD_CHANGE_REQUIRED', 'DRAFT_NOT_FOUND',
  // The incident loop's and the field's: a case or worker outside the scope answers as missing; a step
  // that is not the caller's duty, a place outside a worker's grids.
  'INCIDENT_NOT_FOUND', 'NOT_YOUR_DUTY', 'OUTSIDE_YOUR_GRIDS', 'WORKER_NOT_FOUND', 'KEY_SITE_NOT_IN_YOUR_GRIDS',
  // The planner's: areas outside the planning scope; the pricing outside a city administrator.
  'SCOPE_NOT_FOUND', 'PRICING_CITY_ONLY',
  // Staffing's: a worker or grid outside the streets the caller manages.
  'STAFFING_OUT_OF_JURISDICTION',
  // The academy's: a session, worker or area outside what the caller manages; the syllabus outside the city's administrators.
  'ACADEMY_OUT_OF_JURISDICTION', 'SYLLABUS_CITY_ONLY',
]);

function outcome(r: { status: number; error?: { data: { reason: string } } }): 'allowed' | 'denied' {
  if (!r.error) return 'allowed';
  expect(r.status, JSON.stringify(r.error)).toBeLessThan(500);
  return REFUSALS.has(r.error.data.reason) ? 'denied' : 'allowed';
}

describe('the policy table', () => {
  it('has an entry for every procedure, and none for a procedure that does not exist', () => {
    const paths = Object.keys(procedures).sort();
    expect(paths.filter((p) => !PROCEDURE_POLICY[p])).toEqual([]);
    expect(Object.keys(PROCEDURE_POLICY).filter((p) => !procedures[p])).toEqual([]);
    // Every procedure has a sample here, so the matrix below covers it.
    expect(paths.filter((p) => !SAMPLES[p])).toEqual([]);
  });

  it('refuses a procedure whose policy names a jurisdiction it does not check, before it runs', async () => {
    let ran = false;
    const careless = router({
      drafts: router({
        get: procedure.input(z.object({ draftId: z.number() })).query(() => {
          ran = true;
          return 'leaked';
        }),
      }),
    });
    const { actor } = accounts.get('street-hongshan')!;
    const caller = careless.createCaller({ db: t.db, at: new Date(), session: { state: 'active', actor }, address: 'test', sessionToken: null });
    await expect(caller.drafts.get({ draftId: fx.streets['320102008'].draftId })).rejects.toMatchObject({ code: 'FORBIDDEN', cause: { code: 'NO_POLICY' } });
    expect(ran).toBe(false);
  });
});

describe('every procedure as every demo account, inside and outside its jurisdiction', () => {
  for (const account of DEMO_ACCOUNTS.map((a) => a.username)) {
    it(account, async () => {
      const { token, actor } = accounts.get(account)!;
      const mismatches: string[] = [];
      // An allowed subscription is one that stays open without an error for its whole listening time
      // (callAs): those listen while the other calls run, instead of each holding up the ones after it.
      const check = async (path: string, side: 'inside' | 'outside') => {
        const s = fx.streets[PLACES[account]![side]];
        const r = await callAs(path, SAMPLES[path]!(s), token);
        const want = expected(path, actor, s);
        const got = outcome(r);
        if (got !== want) mismatches.push(`${path} (${side}): expected ${want}, got ${got} ${r.error ? `${r.status} ${r.error.data.reason}` : ''}`);
      };
      const paths = Object.keys(procedures).sort();
      const isSubscription = (path: string) => procedures[path]!._def.type === 'subscription';
      const listening = paths.filter(isSubscription).flatMap((path) => [check(path, 'inside'), check(path, 'outside')]);
      for (const path of paths.filter((p) => !isSubscription(p))) {
        await check(path, 'inside');
        await check(path, 'outside');
      }
      await Promise.all(listening);
      expect(mismatches.sort()).toEqual([]);
    }, 120_000);
  }

  it('refuses every procedure without a session, asking to sign in', async () => {
    for (const path of Object.keys(procedures)) {
      const r = await callAs(path, SAMPLES[path]!(fx.streets['320102008']), null);
      expect([path, r.status, r.error?.data.reason]).toEqual([path, 401, 'SIGN_IN_REQUIRED']);
      expect(r.error?.data.text['zh-CN']).toBe('请先登录');
    }
  });
});

describe('what the policy table says, in plain facts', () => {
  const call = (account: string, path: string, input: unknown, method: 'GET' | 'POST' = 'GET') =>
    trpcCall(path, input, method, { token: accounts.get(account)!.token });

  it('a street editor lists and opens only their own street; another street answers out of jurisdiction', async () => {
    const streets = (await call('street-hongshan', 'drafts.streets', undefined)).result as { code: string }[];
    expect(streets.map((s) => s.code)).toEqual(['320102008']);
    const other = await call('street-xinjiekou', 'drafts.open', { streetId: fx.streets['320102008'].id }, 'POST');
    expect([other.status, other.error?.data.reason]).toEqual([403, 'OUT_OF_JURISDICTION']);
  });

  it("another street's draft id answers exactly as a missing draft", async () => {
    const theirs = await call('street-xinjiekou', 'drafts.get', { draftId: fx.streets['320102008'].draftId });
    const missing = await call('street-xinjiekou', 'drafts.get', { draftId: 2 ** 31 });
    expect([theirs.status, theirs.error?.data.reason]).toEqual([404, 'DRAFT_NOT_FOUND']);
    expect([missing.status, missing.error?.data.reason]).toEqual([404, 'DRAFT_NOT_FOUND']);
    expect(theirs.error?.data.text['zh-CN']).toMatch(/^草稿不存在/);
  });

  it('district reviewers and city filers read drafts of their jurisdiction but never edit them', async () => {
    expect((await call('district-xuanwu', 'drafts.get', { draftId: fx.streets['320102008'].draftId })).status).toBe(200);
    expect((await call('district-qinhuai', 'drafts.get', { draftId: fx.streets['320102008'].draftId })).status).toBe(404);
    expect((await call('city-filer', 'drafts.get', { draftId: fx.streets['320104001'].draftId })).status).toBe(200);
    const v = ((await call('district-xuanwu', 'drafts.get', { draftId: fx.streets['320102008'].draftId })).result as { version: number }).version;
    const edit = await call('district-xuanwu', 'drafts.deleteGrid', { draftId: fx.streets['320102008'].draftId, expectedVersion: v, key: 'g1' }, 'POST');
    expect([edit.status, edit.error?.data.reason]).toEqual([403, 'ACCESS_DENIED']);
  });

  it('the author of an edit is the signed-in user, whatever the client sends', async () => {
    const s = fx.streets['320102008'];
    const v = ((await call('street-hongshan', 'drafts.get', { draftId: s.draftId })).result as { version: number }).version;
    const spoof = await call('street-hongshan', 'drafts.setAttributes', { draftId: s.draftId, expectedVersion: v, key: 'g1', attributes: { name: '改名' }, author: 'someone-else' }, 'POST');
    expect([spoof.status, spoof.error?.data.reason]).toEqual([400, 'INPUT_INVALID']);
    const ok = await call('street-hongshan', 'drafts.setAttributes', { draftId: s.draftId, expectedVersion: v, key: 'g1', attributes: { name: '改名' } }, 'POST');
    expect(ok.status).toBe(200);
    const [log] = await t.db.query<{ author: string; author_id: number }>(
      'SELECT author, author_id FROM grid_draft_edit WHERE draft_id = $1 ORDER BY seq DESC LIMIT 1',
      [s.draftId],
    );
    expect(log).toEqual({ author: 'street-hongshan', author_id: accounts.get('street-hongshan')!.userId });
  });

  it('personal data: names and phones inside the jurisdiction, counts outside', async () => {
    const grid = fx.streets['320102008'].grids[0];
    const inside = (await call('street-hongshan', 'details.get', { kind: 'grid', code: grid })).result as { workers: { name: string }[]; workerCounts: { fullTime: number } };
    expect(inside.workers.map((w) => w.name)).toEqual(['红山街道网格员甲']);
    const outside = (await call('district-qinhuai', 'details.get', { kind: 'grid', code: grid })).result as typeof inside;
    expect(outside.workers).toEqual([]);
    expect(outside.workerCounts.fullTime).toBe(1);
    const planner = (await call('planner', 'details.get', { kind: 'grid', code: grid })).result as typeof inside;
    expect(planner.workers).toEqual([]);
    const worker = await call('command', 'details.get', { kind: 'worker', id: fx.streets['320104001'].workerIds[0] });
    expect((worker.result as { phone: string }).phone).toBe('13800000001');
    const refused = await call('street-hongshan', 'details.get', { kind: 'worker', id: fx.streets['320104001'].workerIds[0] });
    expect([refused.status, refused.error?.data.reason]).toEqual([403, 'OUT_OF_JURISDICTION']);
  });

  it('worker positions: the jurisdiction for operators and reviewers, only themself for a grid worker', async () => {
    const all = [fx.streets['320102008'].bbox[0], 32.0, fx.streets['320104001'].bbox[2], 32.1];
    const ids = async (account: string) => ((await call(account, 'map.workers', { bbox: all })).result as { id: number }[]).map((w) => w.id).sort((a, b) => a - b);
    const of = (...codes: FixtureStreetCode[]) => codes.flatMap((c) => fx.streets[c].workerIds).sort((a, b) => a - b);
    expect(await ids('command')).toEqual(of('320102008', '320102003', '320104001'));
    expect(await ids('district-xuanwu')).toEqual(of('320102008', '320102003'));
    expect(await ids('street-hongshan')).toEqual(of('320102008'));
    expect(await ids('worker-hongshan')).toEqual([fx.streets['320102008'].workerIds[0]]);
    expect((await call('planner', 'map.workers', { bbox: all })).status).toBe(403);
  });

  it('a grid worker sees the incidents of their own grids only', async () => {
    const own = await call('worker-hongshan', 'details.get', { kind: 'incident', id: fx.streets['320102008'].incidentIds[0] });
    const neighbour = await call('worker-hongshan', 'details.get', { kind: 'incident', id: fx.streets['320102008'].incidentIds[1] });
    expect(own.status).toBe(200);
    expect([neighbour.status, neighbour.error?.data.reason]).toEqual([403, 'OUT_OF_JURISDICTION']);
  });

  it('a department reader of base data reads addresses and key sites, not incidents, and edits nothing', async () => {
    expect((await call('dept-police', 'details.get', { kind: 'address', id: fx.streets['320102008'].addressId })).status).toBe(200);
    expect((await call('dept-police', 'details.get', { kind: 'keySite', id: fx.streets['320102008'].keySiteId })).status).toBe(200);
    expect((await call('dept-police', 'details.get', { kind: 'incident', id: fx.streets['320102008'].incidentIds[0] })).status).toBe(403);
    expect((await call('dept-police', 'drafts.streets', undefined)).status).toBe(403);
  });

  it('every refusal of a signed-in user is in the security log with who, what and why', async () => {
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM security_log WHERE action = 'denied'`);
    await call('dept-police', 'admin.users', undefined);
    const [entry] = await t.db.query<{ username: string; target: string; reason: string; n: number }>(
      `SELECT username, target, reason, (SELECT count(*)::int FROM security_log WHERE action = 'denied') AS n
         FROM security_log WHERE action = 'denied' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toEqual({ username: 'dept-police', target: 'admin.users', reason: 'ACCESS_DENIED', n: before[0]!.n + 1 });
  });
});

describe('the HTTP routes as every demo account', () => {
  let tileGET: (req: Request, ctx: { params: Promise<{ layer: string; z: string; x: string; y: string }> }) => Promise<Response>;
  beforeAll(async () => {
    ({ GET: tileGET } = await import('@/app/tiles/[layer]/[z]/[x]/[y]/route'));
  });

  const tile = (layer: string, token: string | null, lon: number) => {
    const { z, x, y } = tileAt(lon, 32.03, 14);
    const segments = { layer, z: String(z), x: String(x), y: `${y}.mvt` };
    return tileGET(new Request(`${TEST_ORIGIN}/tiles/${layer}/${z}/${x}/${y}.mvt`, { headers: browserHeaders({ token }) }), { params: Promise.resolve(segments) });
  };

  it('every route has a policy entry', () => {
    expect(Object.keys(ROUTE_POLICY).sort()).toEqual(
      [
        'GET /', 'GET /account/password', 'GET /admin', 'GET /api/health', 'GET /editor', 'GET /sign-in',
        'GET /tiles/{layer}/{z}/{x}/{y}', 'POST /api/auth/sign-in', 'POST /api/auth/sign-out', 'POST /api/topology/validate',
        'GET /plans', 'GET /plans/{id}', 'GET /api/notifications/stream', 'POST /api/test/clock',
        'GET /report', 'GET /r/{kind}/{code}', 'GET /qr/grid/{code}', 'GET /command', 'GET /incidents/{id}', 'GET /assessment',
        'GET /api/assessment/{group}', 'GET /admin/catalogue', 'POST /api/incidents/photos', 'GET /api/incidents/photos/{id}', 'GET /planner',
        'GET /open311/v2/services', 'GET /open311/v2/services/{code}', 'GET /open311/v2/requests', 'GET /open311/v2/requests/{id}', 'POST /open311/v2/requests',
        'GET /tiles/{layer}.json', 'GET /ogc', 'GET /ogc/conformance', 'GET /ogc/api', 'GET /ogc/collections', 'GET /ogc/collections/{collectionId}',
        'GET /ogc/collections/{collectionId}/items', 'GET /ogc/collections/{collectionId}/items/{featureId}', 'GET /ogc/collections/{collectionId}/export.{format}',
        'POST /api/addresses/import', 'GET /base-data', 'GET /staffing', 'GET /academy',
      ].sort(),
    );
  });

  for (const account of DEMO_ACCOUNTS.map((a) => a.username)) {
    it(`${account}: tiles of each layer, inside and outside, and the validate API`, async () => {
      const { token, actor } = accounts.get(account)!;
      for (const [layer, capability] of Object.entries(TILE_LAYER_CAPABILITY)) {
        for (const side of ['inside', 'outside'] as const) {
          const s = fx.streets[PLACES[account]![side]];
          const res = await tile(layer, token, s.bbox[0] + 0.009);
          const scope = scopeOf(actor, capability);
          expect([layer, side, res.status]).toEqual([layer, side, scope ? expect.any(Number) : 403]);
          if (!scope) continue;
          expect([200, 204]).toContain(res.status);
          if (layer !== 'incidents') continue;
          // An incident tile holds only incidents the viewer may see: none outside the scope.
          const features = res.status === 200 ? decodeTile(new Uint8Array(await res.arrayBuffer()), { layer, ...tileAt(s.bbox[0] + 0.009, 32.03, 14) }).features : [];
          const visible = codeInScope(scope, s.grids[0]);
          expect([side, features.length > 0]).toEqual([side, visible]);
        }
      }
      const body = JSON.stringify({ type: 'FeatureCollection', features: [] });
      const res = await validate(new Request(`${TEST_ORIGIN}/api/topology/validate`, { method: 'POST', body, headers: browserHeaders({ token }, true) }));
      expect([account, res.status === 403]).toEqual([account, scopeOf(actor, 'topology_validate') === null]);
    }, 60_000);
  }

  for (const account of DEMO_ACCOUNTS.map((a) => a.username)) {
    it(`${account}: the address import checks a row inside and one outside its jurisdiction`, async () => {
      const { token, actor } = accounts.get(account)!;
      const scope = scopeOf(actor, 'address_import');
      for (const side of ['inside', 'outside'] as const) {
        const s = fx.streets[PLACES[account]![side]];
        const body = `address,building_type,households,residents,lon,lat\n测试地址1号,mid_rise,1,2,${s.bbox[0] + 0.009},32.03\n`;
        const res = await importAddresses(
          new Request(`${TEST_ORIGIN}/api/addresses/import?mode=check&name=a.csv`, { method: 'POST', body, headers: { ...browserHeaders({ token }, true), 'content-type': 'text/csv' } }),
        );
        // Refused without the capability; with it, a row outside the jurisdiction is rejected (422), never written.
        const want = !scope ? 403 : codeInScope(scope, streetCode(s)) ? 200 : 422;
        expect([account, side, res.status]).toEqual([account, side, want]);
      }
    });
  }

  it('refuses tiles and the validate API without a session', async () => {
    const res = await tile('grids', null, 118.71);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_REQUIRED');
    const v = await validate(new Request(`${TEST_ORIGIN}/api/topology/validate`, { method: 'POST', body: '{}', headers: browserHeaders({}, true) }));
    expect(v.status).toBe(401);
  });

  it('never serves one scope the cached incident tile of another', async () => {
    // The same tile, first for the whole city, then for a street editor of another district.
    const lon = fx.streets['320104001'].bbox[0] + 0.009;
    const city = await tile('incidents', accounts.get('command')!.token, lon);
    expect(city.status).toBe(200);
    const other = await tile('incidents', accounts.get('street-hongshan')!.token, lon);
    expect(other.status).toBe(204);
    expect(other.headers.get('etag')).not.toBe(city.headers.get('etag'));
  });
});
