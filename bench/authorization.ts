/**
 * The latency the authorization check adds to every request (issue 8): resolving the session cookie to
 * an actor (one statement: session, user and grants) and applying the policy, for the three kinds of
 * policy entry: a capability alone (map.labels), a street's jurisdiction (drafts.open) and a draft's
 * (drafts.get, one more look-up). Beside it, in the same run, the cheapest round trip the request
 * makes anyway (SELECT 1), so the figure reads as "n round trips' worth".
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../server/db/engine';
import { authorize, checkJurisdiction } from '../server/auth/authorize';
import { PROCEDURE_POLICY } from '../server/auth/policy';
import { createSession, resolveSession } from '../server/auth/sessions';
import { openDraft } from '../server/drafts/store';
import { ensureDemoAccounts } from '../server/seed/demo-accounts';
import { quantile, round1 } from './stats';

export const AUTH_P95_TARGET_MS = { server: 5, embedded: 10 } as const;

export interface AuthorizationFigures {
  engine: 'embedded' | 'server';
  samples: number;
  checks: { procedure: string; account: string; p50Ms: number; p95Ms: number }[];
  baselineSelect1: { p50Ms: number; p95Ms: number };
  targetP95Ms: number;
  met: boolean;
}

const ms = (xs: number[]) => ({ p50Ms: round1(quantile(xs, 0.5)), p95Ms: round1(quantile(xs, 0.95)) });

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, n); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export async function benchAuthorization(db: Db, opts: { rounds: number; log: (m: string) => void }): Promise<AuthorizationFigures> {
  opts.log(`${db.engine}: authorization check…`);
  await ensureDemoAccounts(db);
  const samples = 200 * opts.rounds;
  const [hongshan] = await db.query<{ id: number }>(`SELECT id FROM street WHERE code = '320102008'`);
  if (!hongshan) throw new Error('the authorization bench needs the demo city (红山街道)');
  const draftId = (await openDraft(db, hongshan.id)).draftId;
  const token = async (username: string) => {
    const [u] = await db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [username]);
    return (await createSession(db, u!.id, { address: 'bench', userAgent: 'bench', at: new Date() })).token;
  };
  const cases = [
    { procedure: 'map.labels', account: 'planner', input: {} },
    { procedure: 'drafts.open', account: 'street-hongshan', input: { streetId: hongshan.id } },
    { procedure: 'drafts.get', account: 'district-xuanwu', input: { draftId } },
    // A grid worker's grants carry the grids they hold at the moment: the costliest actor to load.
    { procedure: 'details.get', account: 'worker-hongshan', input: {} },
  ];
  const checks: AuthorizationFigures['checks'] = [];
  for (const c of cases) {
    const t = await token(c.account);
    const policy = PROCEDURE_POLICY[c.procedure]!;
    const jurisdiction = 'jurisdiction' in policy ? policy.jurisdiction : undefined;
    const times = await timed(samples, async () => {
      const session = await resolveSession(db, t, new Date());
      const { actor, scope } = await authorize(db, { session, address: 'bench' }, c.procedure, policy);
      if (jurisdiction && scope) await checkJurisdiction(db, { actor, address: 'bench' }, c.procedure, jurisdiction, scope, c.input);
    });
    checks.push({ procedure: c.procedure, account: c.account, ...ms(times) });
  }
  const baseline = ms(await timed(samples, () => db.query('SELECT 1')));
  const targetP95Ms = AUTH_P95_TARGET_MS[db.engine];
  return { engine: db.engine, samples, checks, baselineSelect1: baseline, targetP95Ms, met: checks.every((c) => c.p95Ms < targetP95Ms) };
}
