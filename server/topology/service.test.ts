import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { validateRequestBody, tooLarge } from './service';
import { CODES, cleanC1, rect, seedFixtureTerritory } from './__fixtures__/territory';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.transaction((tx) => seedFixtureTerritory(tx));
});
afterAll(async () => {
  await t?.dispose();
});

const fc = (grids = cleanC1()) => ({
  type: 'FeatureCollection',
  features: grids.map((g) => ({ type: 'Feature', properties: { code: g.code, name: g.name, community_code: g.communityCode }, geometry: g.geometry })),
});

describe('validateRequestBody (POST /api/topology/validate)', () => {
  it('a bare FeatureCollection is checked against the communities in the database', async () => {
    const r = await validateRequestBody(t.db, fc());
    expect(r.status).toBe(200);
    if (r.status === 200) expect(r.report).toMatchObject({ ok: true, grids: 4, parents: 1, findings: [] });
  });
  it('{ grids, parent } is checked against the given boundary', async () => {
    const r = await validateRequestBody(t.db, { grids: fc(), parent: { type: 'Feature', properties: {}, geometry: rect(0, 0, 1.5, 2) } });
    expect(r.status).toBe(200);
    if (r.status === 200) expect(r.report.findings.map((f) => f.code)).toEqual(['GRID_SPILL', 'GRID_SPILL']);
  });
  it('400 with bilingual errors for malformed input', async () => {
    const r = await validateRequestBody(t.db, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[118.7, 32], [118.71, 32], [118.71, 32.01]]] } }] });
    expect(r.status).toBe(400);
    if (r.status !== 200) expect(r.errors[0]!.message['zh-CN'].length).toBeGreaterThan(0);
    const bowTieParent = await validateRequestBody(t.db, { grids: fc(), parent: { type: 'Polygon', coordinates: [[[118.7, 32], [118.71, 32.01], [118.71, 32], [118.7, 32.01], [118.7, 32]]] } });
    expect(bowTieParent).toMatchObject({ status: 400, errors: [{ code: 'PARENT_INVALID' }] });
    expect(await validateRequestBody(t.db, { type: 'FeatureCollection', features: [] })).toMatchObject({ status: 400 });
  });
  // The route's own answers (413, 400 on a body that is not JSON, 401 without a session) are tried over
  // HTTP in server/http/limits.test.ts.
  it('413 above the size limit', () => {
    expect(tooLarge(21 * 1024 * 1024)?.status).toBe(413);
  });
});
describe('validateRequestBody with a real community tiling (the outside check of the validator)', () => {
  const read = (name: string) => JSON.parse(readFileSync(`server/topology/__fixtures__/${name}`, 'utf8')) as unknown;
  it('accepts the boundary file as the parent (its 12-digit code is a label, not a grid code)', async () => {
    const r = await validateRequestBody(t.db, { grids: read('community-25-grids.geojson'), parent: read('community-boundary.geojson') });
    expect(r.status).toBe(200);
    if (r.status === 200) expect(r.report).toMatchObject({ ok: true, grids: 25, parents: 1, findings: [] });
  });
  it('reports the gap beside a self-intersecting grid, the findings on its repaired shape marked', async () => {
    const r = await validateRequestBody(t.db, { grids: read('community-25-grids-defects.geojson'), parent: read('community-boundary.geojson') });
    expect(r.status).toBe(200);
    if (r.status !== 200) return;
    const byCode = (code: string) => r.report.findings.filter((f) => f.code === code);
    expect(byCode('GRID_SELF_INTERSECTION').map((f) => f.gridKeys)).toEqual([['320102001001013']]);
    expect(byCode('COVERAGE_GAP').filter((f) => !f.repaired).map((f) => f.gridKeys)).toEqual([['320102001001025']]);
    expect(byCode('COVERAGE_GAP').filter((f) => f.repaired)).toHaveLength(2);
    expect(r.report.ok).toBe(false);
  });
});
void CODES;
