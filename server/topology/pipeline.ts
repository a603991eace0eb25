/**
 * The topology engine: one call, one report. The authority on whether a set of grids tiles its
 * communities (or a given boundary) without gaps, overlaps, spills or stray addresses. The entry points
 * load a run (./load.ts), run the checks (./checks/*) in order within the run's budget, and build the
 * report (./report.ts). See ./context.ts for how the engine stays correct on both engines.
 */
import type { Executor } from '../db';
import { gridsInForce } from '../data/grids';
import { readSettings } from '../settings';
import { checkAddressesAndLoad } from './checks/addresses';
import { checkCodes } from './checks/codes';
import { checkEnclaves } from './checks/enclaves';
import { checkGaps } from './checks/gaps';
import { checkOverlaps } from './checks/overlaps';
import { checkShapes } from './checks/shapes';
import { checkSpills } from './checks/spills';
import { reportUngridded } from './checks/ungridded';
import { reportValidity } from './checks/validity';
import {
  DEFAULT_RUN_LIMITS,
  Findings,
  gridLabel,
  timed,
  type CheckContext,
  type InForceScope,
  type RunLimits,
  type ValidateGridSetInput,
} from './context';
import { FINDING_CODES as F, type TopologyReport, type TopologySettings } from './finding-codes';
import {
  checkValidity,
  createTempTables,
  indexCandidates,
  loadBoundaryParent,
  loadCandidates,
  loadCommunityParents,
  loadGridsInForce,
  loadInForceNeighboursAround,
  loadNeighboursInForce,
} from './load';
import { messages, notes } from './messages';
import { buildReport } from './report';

/** The city's settings for a run, with a caller's overrides (tests, what-if checks). */
async function runSettings(tx: Executor, override: Partial<TopologySettings> = {}): Promise<TopologySettings> {
  const { norm, tolerances } = await readSettings(tx);
  return { ...tolerances, ...override, norm: { ...norm, ...override.norm } };
}

/**
 * Runs fn in one transaction (a savepoint inside a caller's). Geometry functions carry huge cost
 * estimates, so the server would JIT-compile every statement here (~170 ms each, measured) for no gain;
 * the server also gets a statement timeout from the run's budget (PGlite has no timers: there the budget
 * is checked between checks).
 */
function inTransaction<T>(db: Executor, limits: RunLimits, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(`SET LOCAL jit = off`);
    await tx.execute(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.max(1000, Math.round(limits.budgetMs)))]);
    return fn(tx);
  });
}

function newContext(tx: Executor, settings: TopologySettings, limits: RunLimits, started: number, patch: Partial<CheckContext>): CheckContext {
  return {
    tx, label: gridLabel, settings, limits, mode: 'communities', parentName: '', out: new Findings(limits.maxFindingsPerCode),
    skipParents: new Set(), dirtyParents: new Set(), inForce: false, started, timings: {}, skipped: [], ...patch,
  };
}

async function runChecks(ctx: CheckContext): Promise<void> {
  ctx.timings.load = Math.round(performance.now() - ctx.started);
  const invalid = await reportValidity(ctx);
  const repaired = invalid.filter((r) => r.repaired);
  const broken = invalid.filter((r) => !r.repaired);
  for (const r of repaired) if (r.parent_id != null) ctx.dirtyParents.add(r.parent_id);
  const withBroken = new Set(broken.map((r) => r.parent_id).filter((p): p is number => p != null));
  if (ctx.mode === 'geometry' && broken.length > 0) withBroken.add(1);
  for (const id of withBroken) ctx.skipParents.add(id);
  if (repaired.length > 0) ctx.out.notes.push(notes.repaired(repaired.length));
  if (broken.length > 0) ctx.out.notes.push(notes.unrepairable(broken.length, withBroken.size));
  // Grids in force: a community with none is "not gridded yet", reported once. In a set (a draft) a
  // community listed but left empty is a gap like any other, found by checkGaps.
  if (ctx.inForce) for (const id of await reportUngridded(ctx)) ctx.skipParents.add(id);
  await timed(ctx, 'codes', () => checkCodes(ctx));
  await timed(ctx, 'overlaps', () => checkOverlaps(ctx));
  await timed(ctx, 'spills', () => checkSpills(ctx));
  await timed(ctx, 'gaps', () => checkGaps(ctx));
  await timed(ctx, 'enclaves', () => checkEnclaves(ctx));
  await timed(ctx, 'shapes', () => checkShapes(ctx));
  await timed(ctx, 'addresses', () => checkAddressesAndLoad(ctx));
}

async function parentCount(tx: Executor): Promise<number> {
  const [parents] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM topo_parent`);
  return parents!.n;
}

/** Validates any set of grids (a draft, an imported file) against the communities or a given boundary. */
export async function validateGridSet(db: Executor, input: ValidateGridSetInput): Promise<TopologyReport> {
  const started = performance.now();
  const limits = { ...DEFAULT_RUN_LIMITS, ...input.limits };
  const at = input.at ?? new Date();
  return inTransaction(db, limits, async (tx) => {
    const settings = await runSettings(tx, input.settings);
    await createTempTables(tx);
    await loadCandidates(tx, input.grids);
    await checkValidity(tx);
    const labels = new Map(input.grids.map((g) => [g.key, g.code ?? g.name ?? g.key]));
    const ctx = newContext(tx, settings, limits, started, { label: (key) => labels.get(key) ?? gridLabel(key), mode: input.parent.kind });

    if (input.parent.kind === 'geometry') {
      ctx.parentName = input.parent.name ?? 'the given boundary';
      await loadBoundaryParent(tx, input.parent, ctx.parentName);
    } else {
      for (const u of await loadCommunityParents(tx, input.parent.communityCodes ?? [])) {
        ctx.out.add({
          code: F.communityUnknown, severity: 'blocking', gridKeys: [u.key], geometry: null, communityCode: u.community_code,
          message: messages.communityUnknown(ctx.label(u.key), u.community_code),
        });
      }
    }
    const neighbours = input.neighbours === 'in-force' ? await loadNeighboursInForce(tx, at) : 0;
    await timed(ctx, 'index', () => indexCandidates(tx));
    await runChecks(ctx);
    return buildReport(db.engine, ctx, { grids: input.grids.length, parents: await parentCount(tx), neighbours });
  });
}

/** Validates the grids in force at `at` of the city, a street or a district (neighbours across the border included). */
export async function validateGridsInForce(
  db: Executor,
  opts: { scope: InForceScope; settings?: Partial<TopologySettings>; at?: Date; limits?: Partial<RunLimits> },
): Promise<TopologyReport> {
  const started = performance.now();
  const limits = { ...DEFAULT_RUN_LIMITS, ...opts.limits };
  const at = opts.at ?? new Date();
  const scope = opts.scope;
  return inTransaction(db, limits, async (tx) => {
    const settings = await runSettings(tx, opts.settings);
    await createTempTables(tx);
    // idx = grid.id, so that the joins reading `grid` directly (ctx.source) name the same rows.
    const loaded = await loadGridsInForce(tx, scope, at);
    const neighbours = scope === 'city' ? 0 : await loadInForceNeighboursAround(tx, loaded.box, loaded.communityIds, at);
    const ctx = newContext(tx, settings, limits, started, {
      inForce: true,
      // Exactly the rows loaded above: the scope's grids, plus (street/district) the neighbours in the box.
      // Only arrays and constants here: a temp table in these queries would keep them out of parallel workers.
      source:
        scope === 'city'
          ? { from: (t) => `${gridsInForce('$1')} ${t}`, where: () => 'true', inSet: () => 'true', params: [at] }
          : {
              from: (t) => `${gridsInForce('$3')} ${t}`,
              where: (t) => `(${t}.community_id = ANY ($1::int[]) OR ${t}.geom && ST_GeomFromEWKT($2))`,
              inSet: (t) => `${t}.community_id = ANY ($1::int[])`,
              params: [loaded.communityIds, loaded.box, at],
            },
    });
    // Let the server run the joins on `grid` in parallel even though the planner thinks them small
    // (it cannot see how costly each geometry predicate is). Local to this transaction.
    await tx.script(`SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0;`);
    await timed(ctx, 'index', () => indexCandidates(tx));
    await runChecks(ctx);
    return buildReport(db.engine, ctx, { grids: loaded.grids, parents: await parentCount(tx), neighbours });
  });
}
