import type { Db } from '../db';
import { seedDemoCity } from './demo-city';
import { demoAccountsEnabled, disableDemoAccounts, ensureDemoAccounts, ensureDemoPartner, missingDemoAccounts } from './demo-accounts';
import { compareWithDemoLoad, recordDemoLoad } from './load-record';

/**
 * Loads the demo city unless a city is already present (first run of `npm start`).
 * GRIDATLAS_DEMO_SCALE scales households (and so grids, addresses, workers, incidents): 1 is the full
 * city; browser tests use a smaller city to start fast.
 */
export async function ensureDemoCity(db: Db, log: (message: string) => void): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM city');
  if (n > 0) return ensureAccountsOfDemoCity(db, log, { recorded: true });
  const t0 = Date.now();
  log('loading the Nanjing demo city (first run)…');
  const scale = Number(process.env.GRIDATLAS_DEMO_SCALE ?? 1);
  if (!(scale > 0 && scale <= 10)) throw new Error('GRIDATLAS_DEMO_SCALE must be a number in (0, 10]');
  const summary = await seedDemoCity(db, {
    scale,
    onProgress: (step, fraction) => log(`  ${Math.round(fraction * 100)}% ${step}`),
  });
  await ensureAccountsOfDemoCity(db, log, { recorded: false });
  // What the load left, so that db:reset can later tell a pure demo city from a database with more in it.
  await recordDemoLoad(db);
  log(`demo city loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
}

/**
 * The demo accounts, unless turned off (then those made before are disabled). On a later start (`recorded`: the load is on record) only for
 * the demo city itself, and a database that was exactly the demo load stays recorded as one, accounts
 * included, so db:reset still knows it is safe to rebuild.
 */
async function ensureAccountsOfDemoCity(db: Db, log: (message: string) => void, { recorded }: { recorded: boolean }): Promise<void> {
  const partner = await ensureDemoPartner(db, demoAccountsEnabled());
  if (partner) log(`demo Open311 partner key ${partner} (the key is in the README)`);
  if (!demoAccountsEnabled()) {
    const disabled = await disableDemoAccounts(db);
    if (disabled.length) log(`GRIDATLAS_DEMO_ACCOUNTS=off: demo accounts disabled: ${disabled.join(', ')}`);
    return;
  }
  if ((await missingDemoAccounts(db)).length === 0) return;
  const pure = recorded ? (await compareWithDemoLoad(db)).kind === 'demo-only' : false;
  if (recorded && !pure && (await db.query('SELECT 1 FROM demo_city_load LIMIT 1')).length === 0) return;
  const created = await ensureDemoAccounts(db);
  if (created.length) log(`demo accounts created (password in the README): ${created.join(', ')}`);
  if (created.length && pure) await recordDemoLoad(db);
}
