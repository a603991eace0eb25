import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../db/engine';
import { migrate } from '../db/migrate';
import { detectCapabilities, type PostgisCapabilities } from '../db/capabilities';

export interface TestDatabase {
  db: Db;
  capabilities: PostgisCapabilities;
  /** Closes the connection and drops the throwaway database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory embedded engine, or, when DATABASE_URL
 * is set, a new database on that server (dropped afterwards). Tests never touch ./.data.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const db = await openDatabase({ databaseUrl: null, dataDir: '' }, { inMemory: true });
    await migrate(db);
    return { db, capabilities: await detectCapabilities(db), dispose: () => db.close() };
  }
  const name = `gridatlas_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
  await admin.script(`CREATE DATABASE ${name}`);
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
