/**
 * The CLI as GIS staff run it: a real process on fixture files, checking exit codes and output.
 * Uses --parent, so it needs no configured database (an in-memory engine, or DATABASE_URL when set).
 * The in-memory engine starts from the run's migrated template (GRIDATLAS_EMBEDDED_TEMPLATE, see
 * server/db/engine.ts) instead of building the schema in every process; its migrate() still runs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embeddedTemplatePath, migrationsDigest } from '../testing/template';

const fixture = (name: string) => `server/topology/__fixtures__/${name}`;
const template = embeddedTemplatePath(migrationsDigest());
const env = { ...process.env, ...(existsSync(template) ? { GRIDATLAS_EMBEDDED_TEMPLATE: template } : {}) };
/** Runs the CLI in its own process, asynchronously (a blocking spawn would stall the test worker for its whole run). */
function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/gridatlas.ts', ...args], { env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

describe('npm run gridatlas -- validate', () => {
  it('exits 0 on a clean file, printing zh-CN and English', async () => {
    const r = await run('validate', fixture('clean-grids.geojson'), '--parent', fixture('parent.geojson'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('没有阻断问题');
    expect(r.out).toContain('nothing blocking');
  });
  it('exits 1 on a blocking overlap, and --json gives the report', async () => {
    const r = await run('validate', fixture('overlapping-grids.geojson'), '--parent', fixture('parent.geojson'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; findings: { code: string; severity: string }[] };
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.severity === 'blocking').map((f) => f.code)).toEqual(['GRID_OVERLAP']);
  });
  it('reads a zipped Shapefile (through the interchange reader) the same way', async () => {
    const r = await run('validate', fixture('overlapping-grids.shp.zip'), '--parent', fixture('parent.geojson'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('GRID_OVERLAP  320102001001001, 320102001001002');
  });
  it('exits 2 on bad input: an unclosed ring, a missing file, bad usage', async () => {
    const unclosed = await run('validate', fixture('unclosed.geojson'), '--parent', fixture('parent.geojson'));
    expect(unclosed.code).toBe(2);
    expect(unclosed.err).toMatch(/not closed/);
    expect((await run('validate', fixture('nope.geojson'), '--parent', fixture('parent.geojson'))).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('takes a community boundary file as the parent, whatever its attributes, and labels the findings with it', async () => {
    const r = await run('validate', fixture('community-25-grids.geojson'), '--parent', fixture('community-boundary.geojson'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { ok: boolean; grids: number; findings: unknown[] };
    expect(report).toMatchObject({ ok: true, grids: 25, findings: [] });
  });
  it('one self-intersecting grid does not hide the gap elsewhere in the community', async () => {
    const r = await run('validate', fixture('community-25-grids-defects.geojson'), '--parent', fixture('community-boundary.geojson'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: { code: string; gridKeys: string[]; repaired?: boolean; message: { 'zh-CN': string } }[] };
    const gaps = report.findings.filter((f) => f.code === 'COVERAGE_GAP');
    // The gap left by grid 025 stopping short, found although grid 013 is a bow-tie, and not resting on it.
    expect(gaps.filter((g) => !g.repaired).map((g) => g.gridKeys)).toEqual([['320102001001025']]);
    expect(gaps.find((g) => !g.repaired)!.message['zh-CN']).toContain('长江路社区（320102001001）');
    // The bow-tie itself, and what its repaired shape leaves uncovered, marked as such.
    expect(report.findings.filter((f) => f.code === 'GRID_SELF_INTERSECTION').map((f) => f.gridKeys)).toEqual([['320102001001013']]);
    expect(gaps.filter((g) => g.repaired)).toHaveLength(2);
    expect(report.findings.some((f) => f.code.startsWith('CODE_'))).toBe(false);
  });
});
