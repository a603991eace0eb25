/**
 * The CLI as GIS staff run it: a real process on fixture files, checking exit codes and output.
 * Uses --parent, so it needs no configured database (an in-memory engine, or DATABASE_URL when set).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => `server/topology/__fixtures__/${name}`;
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gridatlas.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run gridatlas -- validate', () => {
  it('exits 0 on a clean file, printing zh-CN and English', () => {
    const r = run('validate', fixture('clean-grids.geojson'), '--parent', fixture('parent.geojson'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('没有阻断问题');
    expect(r.out).toContain('nothing blocking');
  });
  it('exits 1 on a blocking overlap, and --json gives the report', () => {
    const r = run('validate', fixture('overlapping-grids.geojson'), '--parent', fixture('parent.geojson'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; findings: { code: string; severity: string }[] };
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.severity === 'blocking').map((f) => f.code)).toEqual(['GRID_OVERLAP']);
  });
  it('reads a zipped Shapefile (through the interchange reader) the same way', () => {
    const r = run('validate', fixture('overlapping-grids.shp.zip'), '--parent', fixture('parent.geojson'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('GRID_OVERLAP  320102001001001, 320102001001002');
  });
  it('exits 2 on bad input: an unclosed ring, a missing file, bad usage', () => {
    const unclosed = run('validate', fixture('unclosed.geojson'), '--parent', fixture('parent.geojson'));
    expect(unclosed.code).toBe(2);
    expect(unclosed.err).toMatch(/not closed/);
    expect(run('validate', fixture('nope.geojson'), '--parent', fixture('parent.geojson')).code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
  });
});
