/**
 * The approval workflow's figures (issue 9 §5), on the demo city: filing a street of about 60 grids (the
 * transaction, which closes the street's grids, inserts the plan's, ends removed grids' assignments,
 * fills their load and records the topology digest), the diff and impact table of that plan as the
 * reviewer opens it, the "as of" tile of the filed street (before and after the filing), and 50
 * simultaneous conflicting saves of one plan, as counts.
 */
import { performance } from 'node:perf_hooks';
import { findingKey } from '../geo/plans/finding-key';
import { addChinaDays, chinaDayOf, endOfChinaDay } from '../geo/time/china-day';
import type { Actor } from '../server/auth/actor';
import type { Db } from '../server/db/engine';
import { moveSharedVertex } from '../server/drafts/operations/move-shared-vertex';
import { setAttributes } from '../server/drafts/operations/set-attributes';
import { getDraft, openDraft } from '../server/drafts/store';
import { validateDraft } from '../server/drafts/validate-draft';
import { planDiff } from '../server/plans/diff';
import { filePlan } from '../server/plans/filing';
import { movePlan } from '../server/plans/moves';
import { setWarningReason } from '../server/plans/plan-topology';
import { planById } from '../server/plans/store';
import { ensureDemoAccounts } from '../server/seed/demo-accounts';
import { createTestUser, signInTestUser } from '../server/testing/users';
import { tileAt } from '../server/tiles/tile-math';
import { createTileService, type TileEncoder } from '../server/tiles/tile-service';
import { quantile, round1 } from './stats';

export interface WorkflowFigures {
  engine: 'embedded' | 'server';
  street: { name: string; grids: number; reshaped: number };
  filingMs: number;
  diffMs: { p50Ms: number; p95Ms: number; changes: number; addressesMoved: number };
  asOfTile: { tile: string; beforeFiling: { p50Ms: number; bytes: number }; afterFilingAsOfYesterday: { p50Ms: number; bytes: number }; afterFilingNow: { p50Ms: number; bytes: number } };
  conflict: { saves: number; succeeded: number; conflicts: number; other: number; finalVersionGain: number };
}

async function actorFor(db: Db, username: string, grants: Parameters<typeof createTestUser>[2]): Promise<Actor> {
  const [existing] = await db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [username]);
  const id = existing?.id ?? (await createTestUser(db, username, grants));
  return (await signInTestUser(db, id)).actor;
}

const ms = (xs: number[]) => ({ p50Ms: round1(quantile(xs, 0.5)), p95Ms: round1(quantile(xs, 0.95)) });

export async function benchWorkflow(db: Db, opts: { rounds: number; encoder: TileEncoder; log: (m: string) => void }): Promise<WorkflowFigures> {
  opts.log(`${db.engine}: workflow (filing a street of ~60 grids)…`);
  await ensureDemoAccounts(db);
  const [street] = await db.query<{ id: number; code: string; name: string; district: string; grids: number }>(
    `SELECT s.id, s.code::text AS code, s.name, d.code::text AS district, count(*)::int AS grids
       FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      -- Not a street of the enclave or the pending transfer: their plans need the arrangement approved first.
      WHERE NOT EXISTS (SELECT 1 FROM jurisdiction_arrangement a WHERE a.geom && s.geom AND ST_Intersects(a.geom, s.geom))
      GROUP BY s.id, d.code ORDER BY abs(count(*) - 60), s.code LIMIT 1`,
  );
  if (!street) throw new Error('the workflow bench needs the demo city');
  const editor = await actorFor(db, 'bench-editor', [{ role: 'street_editor', level: 'street', code: street.code }]);
  const reviewer = await actorFor(db, 'bench-reviewer', [{ role: 'district_reviewer', level: 'district', code: street.district }]);
  const filer = await actorFor(db, 'bench-filer', [{ role: 'city_filer', level: 'city', code: street.district.slice(0, 4) + '00' }]);
  const by = { id: editor.userId, username: editor.username };
  const draft = await openDraft(db, street.id, by);
  const v = async () => (await planById(db, draft.draftId))!.version;

  // Reshape: move up to 10 vertices each shared by two grids of one community, 3 m, well inside it.
  const vertices = await db.query<{ x: number; y: number }>(
    `WITH p AS (SELECT g.community_id, (ST_DumpPoints(g.geom)).geom AS pt FROM grid_draft_grid g WHERE g.draft_id = $1),
          shared AS (SELECT community_id, pt FROM p GROUP BY community_id, pt HAVING count(*) = 2)
     SELECT ST_X(s.pt) AS x, ST_Y(s.pt) AS y FROM shared s JOIN community c ON c.id = s.community_id
      WHERE ST_Distance(ST_Boundary(c.geom)::geography, s.pt::geography) > 30 ORDER BY ST_X(s.pt), ST_Y(s.pt) LIMIT 10`,
    [draft.draftId],
  );
  let reshaped = 0;
  for (const p of vertices) {
    try {
      await moveSharedVertex(db, { draftId: draft.draftId, expectedVersion: await v(), by }, { from: [p.x, p.y], to: [p.x + 0.00003, p.y] });
      reshaped++;
    } catch {
      // A vertex whose move would break a rule is left where it is.
    }
  }
  const report = await validateDraft(db, draft.draftId);
  if (report.blocking > 0) throw new Error(`the bench's plan has ${report.blocking} blocking findings`);
  for (const f of report.findings.filter((x) => x.severity === 'warning')) {
    await setWarningReason(db, editor, { draftId: draft.draftId, expectedVersion: await v(), findingKey: findingKey(f), reason: 'bench' }, new Date());
  }
  await movePlan(db, editor, { draftId: draft.draftId, expectedVersion: await v(), action: 'submit' }, new Date());
  await movePlan(db, reviewer, { draftId: draft.draftId, expectedVersion: await v(), action: 'start_review' }, new Date());

  const diffTimes: number[] = [];
  let diff!: Awaited<ReturnType<typeof planDiff>>;
  for (let i = 0; i < Math.max(3, opts.rounds * 3); i++) {
    const t0 = performance.now();
    diff = await planDiff(db, (await planById(db, draft.draftId))!, new Date(), { personalData: true });
    diffTimes.push(performance.now() - t0);
  }
  await movePlan(db, reviewer, { draftId: draft.draftId, expectedVersion: await v(), action: 'approve' }, new Date());

  const [centre] = await db.query<{ x: number; y: number }>(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM street WHERE id = $1`,
    [street.id],
  );
  const coord = tileAt(centre!.x, centre!.y, 14);
  const tiles = createTileService({ db, capabilities: { asMvt: opts.encoder === 'postgis' }, encoder: opts.encoder, cache: false });
  const tileTimes = async (at?: Date) => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const r = await tiles.getTile({ layer: 'grids', ...coord, ...(at ? { at } : {}) });
      times.push(performance.now() - t0);
      bytes = r.bytes.byteLength;
    }
    return { p50Ms: round1(quantile(times, 0.5)), bytes };
  };
  const beforeFiling = await tileTimes();

  const today = chinaDayOf(new Date());
  const t0 = performance.now();
  await filePlan(db, filer, { draftId: draft.draftId, expectedVersion: await v(), filingNumber: `BENCH-${Date.now()}`, effectiveDate: today }, new Date());
  const filingMs = round1(performance.now() - t0);
  const afterFilingAsOfYesterday = await tileTimes(endOfChinaDay(addChinaDays(today, -1)));
  const afterFilingNow = await tileTimes();

  // 50 saves of one plan, all made against the same version.
  const next = await openDraft(db, street.id, by);
  const base = (await getDraft(db, next.draftId)).version;
  const key = next.grids.features[0]!.properties.key;
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) => setAttributes(db, { draftId: next.draftId, expectedVersion: base, by }, { key, attributes: { notes: `bench ${i}` } })),
  );
  const conflicts = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'PLAN_STALE_VERSION').length;
  const succeeded = results.filter((r) => r.status === 'fulfilled').length;
  return {
    engine: db.engine,
    street: { name: street.name, grids: street.grids, reshaped },
    filingMs,
    diffMs: { ...ms(diffTimes), changes: diff.changes.length, addressesMoved: diff.impact.addressesMoved },
    asOfTile: { tile: `${coord.z}/${coord.x}/${coord.y}`, beforeFiling, afterFilingAsOfYesterday, afterFilingNow },
    conflict: { saves: 50, succeeded, conflicts, other: 50 - succeeded - conflicts, finalVersionGain: (await getDraft(db, next.draftId)).version - base },
  };
}
