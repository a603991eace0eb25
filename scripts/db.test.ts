/**
 * `npm run db:reset` from outside, as an operator runs it: it never drops a database by accident.
 * A new embedded database here (this file's, and the one the script creates) starts from the run's
 * migrated template (server/testing/template.ts; GRIDATLAS_EMBEDDED_TEMPLATE for the script, see
 * server/db/engine.ts) instead of building the schema again; migrate() still runs on it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/engine';
import { migrate } from '../server/db/migrate';
import { compareWithDemoLoad } from '../server/seed/load-record';
import { embeddedTemplatePath, migrationsDigest } from '../server/testing/template';

const template = embeddedTemplatePath(migrationsDigest());
const hasTemplate = existsSync(template);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dbScript(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const fromTemplate = hasTemplate ? { GRIDATLAS_EMBEDDED_TEMPLATE: template } : {};
    execFile(process.execPath, ['--import', 'tsx', 'scripts/db.ts', ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...fromTemplate, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout, err: stderr });
    });
  });
}

describe('npm run db:reset', () => {
  it('refuses without --yes, saying so in both languages, and changes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridatlas-reset-'));
    dirs.push(dir);
    const dataDir = path.join(dir, 'pglite');
    // An embedded database that holds something that is not a demo city load: a city row of its own.
    const db = await openDatabase({ databaseUrl: null, dataDir }, { loadDataDir: hasTemplate ? new Blob([readFileSync(template)]) : undefined });
    await migrate(db);
    await db.execute(`INSERT INTO city (code, name, geom) VALUES ('320100', '南京市', ST_Multi(ST_MakeEnvelope(118, 31, 119, 32, 4326)))`);
    await db.close();

    const env = { DATABASE_URL: '', GRIDATLAS_DATA_DIR: dataDir };
    const noYes = await dbScript(['reset'], env);
    expect(noYes.code).toBe(2);
    // Refused before anything was confirmed: this database is not a recorded demo load.
    expect(noYes.err).toMatch(/--force/);
    expect(noYes.err).toMatch(/不是演示城市/);
    const yes = await dbScript(['reset', '--yes'], env);
    expect(yes.code).toBe(2);
    expect(yes.err).toMatch(/not a recorded demo city load/);
    expect(existsSync(dataDir)).toBe(true);
    const again = await openDatabase({ databaseUrl: null, dataDir });
    const [row] = await again.query<{ n: number }>('SELECT count(*)::int AS n FROM city');
    await again.close();
    expect(row!.n).toBe(1);
  }, 240_000);

  it('refuses a bad option and an unknown command', async () => {
    expect((await dbScript(['reset', '--yess'], {})).code).toBe(2);
    expect((await dbScript(['drop'], {})).code).toBe(2);
  });

  it('needs --yes even for an empty database', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridatlas-reset-'));
    dirs.push(dir);
    const r = await dbScript(['reset'], { DATABASE_URL: '', GRIDATLAS_DATA_DIR: path.join(dir, 'none') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Add --yes to confirm/);
  });

  it('with --yes, rebuilds an empty database into a recorded demo city (which a later reset accepts)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridatlas-reset-'));
    dirs.push(dir);
    const dataDir = path.join(dir, 'pglite');
    const r = await dbScript(['reset', '--yes'], { DATABASE_URL: '', GRIDATLAS_DATA_DIR: dataDir, GRIDATLAS_DEMO_SCALE: '0.01' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const db = await openDatabase({ databaseUrl: null, dataDir });
    try {
      expect(await compareWithDemoLoad(db)).toEqual({ kind: 'demo-only' });
    } finally {
      await db.close();
    }
  }, 240_000);
});
