/** Step 15. Grid load, and the check the generator must pass before anything is committed; then the data versions. */
import type { Executor } from '../../db';
import { gridsInForce } from '../../data/grids';
import { DEMO_REFERENCE_TIME, type AddressPlan, type SeedContext } from './state';

/** Returns the households and residents of all standard addresses written. */
export async function checkLoadAndBumpVersions(tx: Executor, ctx: SeedContext, kept: readonly AddressPlan[]): Promise<{ households: number; residents: number }> {
  ctx.progress('grid load', 0.93);
  await tx.script(`SELECT refresh_grid_load();`);
  // Every address of a gridded community lies in exactly one grid: then the grids' address counts add up
  // to exactly those addresses (the tests check it address by address). grid_load holds every grid
  // version; the ones that count are those in force at the reference time.
  const expected = kept.filter((a) => a.gridKey !== null);
  const [load] = await tx.query<{ addresses: number; households: number }>(
    `SELECT coalesce(sum(l.addresses), 0)::int AS addresses, coalesce(sum(l.households), 0)::int AS households
     FROM grid_load l JOIN ${gridsInForce('$1')} g ON g.id = l.grid_id`,
    [DEMO_REFERENCE_TIME.toISOString()],
  );
  const expectedHouseholds = expected.reduce((s, a) => s + a.households, 0);
  if (load!.addresses !== expected.length || load!.households !== expectedHouseholds) {
    throw new Error(`demo city check failed: grids hold ${load!.addresses} addresses / ${load!.households} households, expected ${expected.length} / ${expectedHouseholds}`);
  }
  await tx.execute(
    `INSERT INTO data_version (layer, version) SELECT unnest($1::text[]), 1
     ON CONFLICT (layer) DO UPDATE SET version = data_version.version + 1`,
    [['districts', 'streets', 'communities', 'grids', 'addresses', 'key_sites', 'incidents', 'workers']],
  );
  const [totals] = await tx.query<{ households: number; residents: number }>(
    'SELECT coalesce(sum(households), 0)::int AS households, coalesce(sum(residents), 0)::int AS residents FROM standard_address',
  );
  return totals!;
}
