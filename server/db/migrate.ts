import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './engine';

const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

export const MIGRATIONS_DIR = path.join(process.cwd(), 'migrations');

/** The SQL files of a migrations directory, in the order they are applied. */
export const migrationFiles = (dir = MIGRATIONS_DIR): string[] => readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the plain SQL files of `migrations/` in name order, each in its own transaction, and records
 * them in schema_migration. Safe to re-run: applied files are skipped. Forward-only: a file that was
 * applied is never edited, a change is a new file.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await db.script(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  );
  COMMENT ON TABLE schema_migration IS 'The files of migrations/ applied to this database, in order.';`);
  const files = migrationFiles(dir);
  const bad = files.filter((f) => !MIGRATION_NAME.test(f));
  if (bad.length) throw new Error(`Migration file names must look like 0001_verb_subject.sql: ${bad.join(', ')}`);
  const done = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = await readFile(path.join(dir, file), 'utf8');
    await db.transaction(async (tx) => {
      await tx.script(sql);
      await tx.execute('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
    });
    applied.push(file);
  }
  return { applied, alreadyApplied: done.size };
}
