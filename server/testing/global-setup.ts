/**
 * Vitest global setup: builds the migrated template the test files clone (server/testing/template.ts),
 * once per run, on the engine the run uses. The server template is dropped at the end; the embedded
 * dump stays in .test-data for the next run with the same migrations.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dumpEmbedded, openDatabase } from '../db/engine';
import { migrate } from '../db/migrate';
import { embeddedTemplatePath, migrationsDigest, serverTemplateName } from './template';

export default async function setup(): Promise<() => Promise<void>> {
  const digest = migrationsDigest();
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const file = embeddedTemplatePath(digest);
    if (!existsSync(file)) {
      const db = await openDatabase({ databaseUrl: null, dataDir: '' }, { inMemory: true });
      await migrate(db);
      const dump = Buffer.from(await (await dumpEmbedded(db)).arrayBuffer());
      await db.close();
      mkdirSync(path.dirname(file), { recursive: true });
      // Written whole, then renamed: a reader never sees half a dump.
      writeFileSync(`${file}.partial`, dump);
      renameSync(`${file}.partial`, file);
    }
    return async () => undefined;
  }
  const name = serverTemplateName(digest);
  const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
  await admin.script(`DROP DATABASE IF EXISTS ${name}`);
  await admin.script(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: target.toString(), dataDir: '' });
  await migrate(db);
  // A template must have no connection open while it is copied.
  await db.close();
  return async () => {
    await admin.script(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
  };
}
