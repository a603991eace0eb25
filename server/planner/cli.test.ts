/**
 * `npm run gridatlas -- rebalance` as a planner runs it: a real process on the configured database, here
 * one demo district (玄武区, scale 0.05) loaded for this file: a throwaway database on the DATABASE_URL
 * server, or an embedded data dir in a temporary folder (the CLI opens it through GRIDATLAS_DATA_DIR,
 * once this file has closed it). Exit codes, the printed figures, --json and --out.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioFigures } from '@/geo/rebalance/figures';
import { openDatabase, type Db } from '../db/engine';
import { migrate } from '../db/migrate';
import { seedDemoCity } from '../seed/demo-city';
import { embeddedTemplatePath, migrationsDigest, serverTemplateName } from '../testing/template';
import type { ScenarioFeatureProperties } from './scenario-features';

const DISTRICT = '320102';
let tmp: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | null = null;
let street: { code: string; communities: number; gridsToday: number };

/** A database a child process can open: a server database, or an embedded data dir on disk. */
async function openCliDatabase(): Promise<{ db: Db; env: NodeJS.ProcessEnv }> {
  const url = process.env.DATABASE_URL?.trim();
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DATABASE_URL;
  const digest = migrationsDigest();
  if (!url) {
    const dataDir = path.join(tmp, 'pglite');
    const template = embeddedTemplatePath(digest);
    const db = await openDatabase({ databaseUrl: null, dataDir }, { loadDataDir: existsSync(template) ? new Blob([readFileSync(template)]) : undefined });
    await migrate(db);
    return { db, env: { ...base, GRIDATLAS_DATA_DIR: dataDir } };
  }
  const name = `gridatlas_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: '' });
  const template = serverTemplateName(digest);
  const [t] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [template]);
  await admin.script(t!.n > 0 ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  dropDatabase = async () => {
    await admin.script(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  };
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: target.toString(), dataDir: '' });
  await migrate(db);
  return { db, env: { ...base, DATABASE_URL: target.toString() } };
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gridatlas-cli-'));
  const opened = await openCliDatabase();
  env = opened.env;
  try {
    await seedDemoCity(opened.db, { scale: 0.05, districtCodes: [DISTRICT] });
    // The street with the most grids in force: a scenario with something to re-divide.
    const [s] = await opened.db.query<{ code: string; communities: number; grids: number }>(
      `SELECT s.code, count(DISTINCT c.id)::int AS communities, count(g.id)::int AS grids
         FROM street s JOIN community c ON c.street_id = s.id LEFT JOIN grids_in_force(now()) g ON g.community_id = c.id
        GROUP BY s.code ORDER BY count(g.id) DESC, s.code LIMIT 1`,
    );
    street = { code: s!.code, communities: s!.communities, gridsToday: s!.grids };
  } finally {
    // The embedded data dir is opened by one process at a time: the CLI's, from here on.
    await opened.db.close();
  }
});
afterAll(async () => {
  await dropDatabase?.();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI in its own process, asynchronously (a blocking spawn would stall the test worker for its whole run). */
function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/gridatlas.ts', ...args], { env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

interface JsonSummary {
  scope: { codes: string[]; communities: number; addresses: number };
  params: { householdsMin: number; householdsMax: number; residentsMax: number; keepDedicated: boolean };
  pricing: { fullTimeMonthlyYuan: number };
  figures: ScenarioFigures;
  refusals: { refusal: { kind: string }; text: { 'zh-CN': string; en: string } }[];
  grids: number;
  durationMs: number;
}

describe('npm run gridatlas -- rebalance', () => {
  it('prints a street\'s figures beside today\'s in zh-CN and English, with the pricing used', async () => {
    const r = await run('rebalance', '--scope', street.code);
    expect(r.err).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(r.out).toContain(`(${street.code}): ${street.communities} 个社区 communities`);
    expect(r.out).toMatch(/户数标准 households per grid: 300–500/);
    expect(r.out).toContain('月补贴 monthly subsidy 专职 full-time 4500.00 元 yuan, 兼职 part-time 800.00 元 yuan');
    expect(r.out).toMatch(/^\s+\d+\s+\d+\s+[+-]?\d+\s+网格数 grids$/m);
    // Yuan with two decimals, today and scenario, and the change in yuan and percent.
    expect(r.out).toMatch(/^\s+\d+\.\d\d\s+\d+\.\d\d\s+[+-]?\d+\.\d\d\s+年度补贴（元） annual subsidy \(yuan\)$/m);
    expect(r.out).toMatch(/[+-]?\d+\.\d\d%\s+年度补贴变化 annual subsidy change/);
    expect(r.out).toMatch(r.code === 0 ? /every comprehensive grid is within the range/ : /grids left out of range: \d+/);
  });

  it('--json gives the figures, refusals with their text, pricing, parameters and duration; --out writes the grids', async () => {
    const out = path.join(tmp, 'street.geojson');
    const r = await run('rebalance', '--scope', street.code, '--min', '250', '--max', '450', '--json', '--out', out);
    expect(r.err).toBe('');
    const s = JSON.parse(r.out) as JsonSummary;
    expect(s.scope).toMatchObject({ codes: [street.code], communities: street.communities });
    expect(s.params).toMatchObject({ householdsMin: 250, householdsMax: 450, residentsMax: 2500, keepDedicated: true });
    expect(s.pricing.fullTimeMonthlyYuan).toBe(4500);
    expect(s.figures.today.grids).toBe(street.gridsToday);
    expect(s.durationMs).toBeGreaterThan(0);
    expect(r.code).toBe(s.refusals.length > 0 ? 1 : 0);
    for (const f of s.refusals) expect(f.text.en.length).toBeGreaterThan(0);
    // The file: one feature per scenario grid, each a MultiPolygon with its properties.
    const fc = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection<MultiPolygon, ScenarioFeatureProperties>;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(s.figures.scenario.grids);
    expect(s.grids).toBe(s.figures.scenario.grids);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
      expect(f.properties.community_code.startsWith(street.code)).toBe(true);
      expect(Object.keys(f.properties).sort()).toEqual(['addresses', 'code', 'community_code', 'grid_no', 'households', 'in_range', 'kind', 'residents', 'unchanged']);
    }
    const inRange = fc.features.filter((f) => f.properties.kind === 'comprehensive' && f.properties.in_range).length;
    expect(inRange).toBe(s.figures.scenario.withinRange);
    expect(fc.features.reduce((n, f) => n + f.properties.addresses, 0)).toBe(s.scope.addresses);
    // An unchanged grid keeps today's code and its shape from the grid table.
    for (const f of fc.features.filter((x) => x.properties.unchanged)) expect(f.properties.code).toMatch(/^\d{15}$/);
  });

  it('exits 2 with a message on a bad scope code, an unknown area or a range that cannot be', async () => {
    const bad = await run('rebalance', '--scope', '3201');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('a region code is 6, 9 or 12 digits: 3201');
    const unknown = await run('rebalance', '--scope', '320199');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/does not exist/);
    const range = await run('rebalance', '--scope', street.code, '--min', '600', '--max', '500');
    expect(range.code).toBe(2);
    expect(range.err).toMatch(/households minimum/);
    expect((await run('rebalance')).code).toBe(2);
  });
});
