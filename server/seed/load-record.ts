/**
 * The record of what the demo city's load put in the database (migration 0013), and the comparison
 * `npm run db:reset` makes before it drops anything: a database that holds more than the demo city
 * (an edited draft, a changed setting, another city's data) is refused unless forced.
 */
import type { Executor } from '../db';

/**
 * Tables that are not data: the migration log, this record itself, and the traces of using the app
 * (sessions and the security log: signing in to the demo city does not make it hold real data).
 */
const NOT_DATA = ['schema_migration', 'demo_city_load', 'user_session', 'security_log'];

/** Tables the migrations themselves fill (settings and catalogues): rows there alone hold nothing of anyone's. */
const MIGRATION_FILLED = ['app_setting', 'department', 'incident_category', 'key_site_inspection_rule'];

interface TableState {
  table: string;
  rows: number;
  digest: number;
}

/** Every data table of the schema with its row count and an order-independent digest of its rows. */
async function tableStates(db: Executor): Promise<TableState[]> {
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relname = ANY ($1::text[]))
        -- Positions' day partitions are traces of use, like sessions; PostGIS's own tables belong to the
        -- extension, not to our data.
        AND NOT c.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY c.relname`,
    [NOT_DATA],
  );
  const states: TableState[] = [];
  for (const { name } of tables) {
    // Identifiers from the catalogue, quoted; no input reaches this text.
    const [r] = await db.query<{ rows: number; digest: number }>(
      `SELECT count(*)::bigint AS rows, coalesce(sum(hashtext(t::text)::bigint), 0)::bigint AS digest FROM public."${name.replace(/"/g, '""')}" t`,
    );
    states.push({ table: name, rows: r!.rows, digest: r!.digest });
  }
  return states;
}

/** Records the state of every table right after the demo city was loaded (replacing an older record). */
export async function recordDemoLoad(db: Executor): Promise<void> {
  await db.transaction(async (tx) => {
    const states = await tableStates(tx);
    await tx.execute('DELETE FROM demo_city_load');
    await tx.execute(
      `INSERT INTO demo_city_load (table_name, row_count, digest) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])`,
      [states.map((s) => s.table), states.map((s) => s.rows), states.map((s) => s.digest)],
    );
  });
}

/** Whether this database was loaded as the demo city (the simulator runs only there). */
export async function hasDemoLoadRecord(db: Executor): Promise<boolean> {
  const [r] = await db.query<{ recorded: boolean }>('SELECT EXISTS (SELECT 1 FROM demo_city_load) AS recorded');
  return r!.recorded;
}

export type LoadComparison =
  /** Nothing but the settings the migrations insert: nothing would be lost. */
  | { kind: 'empty' }
  /** Exactly what the demo city's load left. */
  | { kind: 'demo-only' }
  /** Data but no record of a demo load: not ours to judge. */
  | { kind: 'unrecorded' }
  | { kind: 'changed'; tables: { table: string; rows: number; loadedRows: number | null }[] };

/** How the database differs from the demo city's load as recorded. */
export async function compareWithDemoLoad(db: Executor): Promise<LoadComparison> {
  const [schema] = await db.query<{ migrated: boolean; recorded: boolean }>(
    `SELECT to_regclass('public.city') IS NOT NULL AS migrated, to_regclass('public.demo_city_load') IS NOT NULL AS recorded`,
  );
  if (!schema!.migrated) return { kind: 'empty' };
  const states = await tableStates(db);
  if (states.every((s) => s.rows === 0 || MIGRATION_FILLED.includes(s.table))) return { kind: 'empty' };
  const recorded = schema!.recorded
    ? await db.query<{ table_name: string; row_count: number; digest: number }>('SELECT table_name, row_count, digest FROM demo_city_load')
    : [];
  if (recorded.length === 0) return { kind: 'unrecorded' };
  const loaded = new Map(recorded.map((r) => [r.table_name, r]));
  const tables = states
    .filter((s) => {
      const l = loaded.get(s.table);
      return l ? l.row_count !== s.rows || l.digest !== s.digest : s.rows > 0;
    })
    .map((s) => ({ table: s.table, rows: s.rows, loadedRows: loaded.get(s.table)?.row_count ?? null }));
  return tables.length ? { kind: 'changed', tables } : { kind: 'demo-only' };
}
