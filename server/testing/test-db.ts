import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { openDatabase, type Db } from '../db/engine';
import { migrate } from '../db/migrate';
import { detectCapabilities, type PostgisCapabilities } from '../db/capabilities';
import { embeddedTemplatePath, migrationsDigest, serverTemplateName } from './template';

export interface TestDatabase {
  db: Db;
  capabilities: PostgisCapabilities;
  /** Closes the connection and drops the throwaway database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory embedded engine, or, when DATABASE_URL
 * is set, a new database on that server (dropped afterwards). Tests never touch ./.data. Both start from
 * the run's migrated template when the global setup made one (a clone takes seconds less than a build).
 */
export async function openTestDatabase(opts: { engine?: 'configured' | 'embedded' } = {}): Promise<TestDatabase> {
  // 'embedded': an embedded one even when a server is configured (a test comparing the two engines).
  const url = opts.engine === 'embedded' ? undefined : process.env.DATABASE_URL?.trim();
  const digest = migrationsDigest();
  if (!url) {
    const template = embeddedTemplatePath(digest);
    const loadDataDir = existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
    const db = await openDatabase({ databaseUrl: null, dataDir: '' }, { inMemory: true, loadDataDir });
    // A clone of the template is migrated already (this finds nothing to apply); without one, it builds.
    await migrate(db);
    return { db, capabilities: await detectCapabilities(db), dispose: () => db.close() };
  }
  const name = `gridatlas_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
  const template = serverTemplateName(digest);
  const [hasTemplate] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [template]);
  await admin.script(hasTemplate!.n > 0 ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: testUrl.toString(), dataDir: '' });
  await migrate(db);
  return {
    db,
    capabilities: await detectCapabilities(db),
    async dispose() {
      await db.close();
      await admin.script(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    },
  };
}
