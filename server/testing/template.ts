/**
 * One migrated template database per test run, cloned by every test file instead of building its own:
 * an embedded cluster's dump (PGlite's dumpDataDir), or a server database used as CREATE DATABASE ...
 * TEMPLATE. Named after a digest of the migrations, so a changed migration never reuses a stale one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR, migrationFiles } from '../db/migrate';

export function migrationsDigest(): string {
  const h = createHash('sha256');
  // An embedded dump is only good for the PGlite that made it.
  h.update(readFileSync(path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  for (const f of migrationFiles()) h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 12);
}

/** Where the embedded template's dump is written (ignored by git). */
export const embeddedTemplatePath = (digest: string) => path.join(process.cwd(), '.test-data', `template-${digest}.tgz`);
/** The server template database's name. */
export const serverTemplateName = (digest: string) => `gridatlas_test_template_${digest}`;
