/** Import of grid files into a draft and export back out, on the fixture street of small-street.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRequestBody } from '../topology/service';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { getDraft, openDraft } from './store';
import { undo } from './edit';
import { DraftError } from './errors';
import { exportGrids } from './export-draft';
import { importGrids } from './operations/import-grids';
import { validateDraft } from './validate-draft';
import { seedSmallStreet, type SmallStreet } from './__fixtures__/small-street';
import { draftState } from './__fixtures__/draft-assertions';

let t: TestDatabase;
let street: SmallStreet;
let draftId: number;

beforeAll(async () => {
  t = await openTestDatabase();
  street = await seedSmallStreet(t.db);
  draftId = (await openDraft(t.db, street.streetId)).draftId;
});
afterAll(async () => t?.dispose());

const ref = async () => ({ draftId, expectedVersion: (await getDraft(t.db, draftId)).version });
const codesOf = async () => (await getDraft(t.db, draftId)).grids.features.map((f) => f.properties.code).sort();
const text = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
const state = () => draftState(t.db, draftId);

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const collection = (...geometries: object[]) => ({
  type: 'FeatureCollection',
  features: geometries.map((geometry) => ({ type: 'Feature', properties: {}, geometry })),
});

describe('draft import and export', () => {
  it('round-trips the draft through every format, keeping codes, names and geometry', async () => {
    const before = await getDraft(t.db, draftId);
    for (const format of ['geojson', 'shapefile', 'kml'] as const) {
      const file = await exportGrids(t.db, draftId, format);
      expect(file.fileName).toMatch(/^grids-320102001-draft\d+\./);
      const { result } = await importGrids(t.db, await ref(), { bytes: file.bytes, fileName: file.fileName });
      expect(result).toMatchObject({ imported: 6, recoded: [] });
      const after = await getDraft(t.db, draftId);
      const summary = (d: typeof after) =>
        d.grids.features
          .map((f) => `${f.properties.code}|${f.properties.name}|${f.properties.communityId}|${f.properties.sourceGridId}|${f.properties.areaM2.toFixed(0)}`)
          .sort();
      expect(summary(after)).toEqual(summary(before));
    }
  });

  it('converts a declared GCJ-02 file to WGS84 on the way in', async () => {
    const wgs = await exportGrids(t.db, draftId, 'geojson');
    const gcj = await exportGrids(t.db, draftId, 'geojson', 'gcj02');
    expect(new TextDecoder().decode(gcj.bytes)).not.toEqual(new TextDecoder().decode(wgs.bytes));
    await importGrids(t.db, await ref(), { bytes: gcj.bytes, fileName: 'gcj.geojson', crs: 'gcj02' });
    const areas = (await getDraft(t.db, draftId)).grids.features.map((f) => Math.round(f.properties.areaM2 / 1000));
    expect(areas.every((a) => a > 0)).toBe(true);
    expect(await codesOf()).toHaveLength(6);
  });

  it('gives new codes where the file code cannot be kept, and is one undo step', async () => {
    const before = await codesOf();
    const file = {
      type: 'FeatureCollection',
      features: [
        // A grid of community B without a code, and one claiming a code retired to history (005).
        { type: 'Feature', properties: { name: '新网格' }, geometry: square(118.02, 32.0, 118.03, 32.02) },
        { type: 'Feature', properties: { code: '320102001002005' }, geometry: square(118.03, 32.0, 118.04, 32.02) },
      ],
    };
    const { result } = await importGrids(t.db, await ref(), { bytes: text(file), fileName: 'new.geojson' });
    expect(result.imported).toBe(2);
    // 005 lives in history: never reused. Both get codes above every code ever used in community B.
    expect(result.recoded.map((r) => r.code).sort()).toEqual(['320102001002006', '320102001002007']);
    await undo(t.db, await ref());
    expect(await codesOf()).toEqual(before);
  });

  it('refuses a bad file whole, with coded errors in both languages, and changes nothing', async () => {
    const before = await getDraft(t.db, draftId);
    const unclosed = { type: 'Polygon', coordinates: [[[118.0, 32.0], [118.01, 32.0], [118.01, 32.01], [118.0, 32.01]]] };
    const err = await importGrids(t.db, await ref(), { bytes: text(unclosed), fileName: 'bad.geojson' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DraftError);
    expect((err as DraftError).code).toBe('IMPORT_REFUSED');
    expect((err as DraftError & { errors: { code: string }[] }).errors[0]!.code).toBe('INPUT_RING_NOT_CLOSED');
    expect((err as DraftError).text['zh-CN']).toMatch(/^文件未导入/);
    const bowtie = { type: 'Polygon', coordinates: [[[118.0, 32.0], [118.01, 32.01], [118.01, 32.0], [118.0, 32.01], [118.0, 32.0]]] };
    const invalid = await importGrids(t.db, await ref(), { bytes: text(bowtie), fileName: 'bowtie.geojson' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DraftError);
    expect((invalid as DraftError).code).toBe('GRID_GEOMETRY_INVALID');
    const after = await getDraft(t.db, draftId);
    expect(after.version).toBe(before.version);
    expect(after.grids).toEqual(before.grids);
  });
});

describe('import with "make valid" (repairInvalid)', () => {
  // A bow-tie over community A's SW quadrant (two triangles meeting at its centre), and a good grid in B.
  const bowTie = { type: 'Polygon', coordinates: [[[118.0, 32.0], [118.01, 32.01], [118.01, 32.0], [118.0, 32.01], [118.0, 32.0]]] };
  const file = text(collection(bowTie, square(118.02, 32.0, 118.03, 32.02)));

  it('refuses the file without the option (the draft unchanged); with it, repairs the bow-tie in the same undo step', async () => {
    const before = await state();
    const { expectedVersion: version } = await ref();
    const refused = await importGrids(t.db, await ref(), { bytes: file, fileName: 'bowtie.geojson' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DraftError);
    expect((refused as DraftError).code).toBe('GRID_GEOMETRY_INVALID');
    expect((refused as DraftError).text.en).toMatch(/: feature-0: Self-intersection/);
    expect(await state()).toEqual(before);
    expect((await getDraft(t.db, draftId)).version).toBe(version);

    const { result } = await importGrids(t.db, await ref(), { bytes: file, fileName: 'bowtie.geojson', repairInvalid: true });
    expect(result.imported).toBe(2);
    expect(result.repaired).toHaveLength(1);
    expect(result.repaired[0]!.key).toBe('feature-0');
    expect(result.repaired[0]!.reason).toMatch(/^Self-intersection\[118\.005 32\.005\]/);
    // The bow-tie became its two triangles (half the quadrant); the good grid is the file's square as is.
    const grids = await t.db.query<{ valid: boolean; parts: number; half: boolean; box: boolean }>(
      `SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts,
              abs(ST_Area(geom) - 0.5 * ST_Area(ST_MakeEnvelope(118.0, 32.0, 118.01, 32.01, 4326))) < 1e-14 AS half,
              ST_Equals(geom, ST_MakeEnvelope(118.02, 32.0, 118.03, 32.02, 4326)) AS box
         FROM grid_draft_grid WHERE draft_id = $1 ORDER BY ST_XMin(geom)`,
      [draftId],
    );
    expect(grids).toEqual([
      { valid: true, parts: 2, half: true, box: false },
      { valid: true, parts: 1, half: false, box: true },
    ]);
    const report = await validateDraft(t.db, draftId);
    expect(report.findings.filter((f) => f.fix?.kind === 'make-valid' || ['GRID_INVALID', 'GRID_SELF_INTERSECTION'].includes(f.code))).toEqual([]);

    await undo(t.db, await ref());
    expect(await state()).toEqual(before);
  });

  it('imports a valid file the same with or without the option, with nothing repaired', async () => {
    const before = await state();
    const good = text(collection(square(118.0, 32.0, 118.02, 32.02), square(118.02, 32.0, 118.04, 32.02)));
    const plain = await importGrids(t.db, await ref(), { bytes: good, fileName: 'good.geojson' });
    expect(plain.result.repaired).toEqual([]);
    const imported = await state();
    await undo(t.db, await ref());
    const repairing = await importGrids(t.db, await ref(), { bytes: good, fileName: 'good.geojson', repairInvalid: true });
    expect(repairing.result.repaired).toEqual([]);
    // Same geometry and attributes; only the new grids' keys, codes and default names differ (a code
    // once used in the draft's log is never handed out again).
    const unkeyed = (st: Record<string, string>) => Object.values(st).map((v) => v.split('|').slice(2).join('|'));
    expect(unkeyed(await state())).toEqual(unkeyed(imported));
    await undo(t.db, await ref());
    expect(await state()).toEqual(before);
  });

  it("absorbs a part nested in another (method=structure: 'linework' would cut it out as a hole)", async () => {
    const nested = {
      type: 'MultiPolygon',
      coordinates: [square(118.0, 32.01, 118.01, 32.02).coordinates, square(118.003, 32.013, 118.006, 32.016).coordinates],
    };
    const { result } = await importGrids(t.db, await ref(), { bytes: text(collection(nested)), fileName: 'nested.geojson', repairInvalid: true });
    expect(result.repaired).toEqual([{ key: 'feature-0', reason: expect.stringMatching(/^Nested shells/) as unknown as string }]);
    const [g] = await t.db.query<{ eq: boolean }>(
      `SELECT ST_Equals(geom, ST_MakeEnvelope(118.0, 32.01, 118.01, 32.02, 4326)) AS eq FROM grid_draft_grid WHERE draft_id = $1`,
      [draftId],
    );
    expect(g!.eq).toBe(true);
    await undo(t.db, await ref());
  });

  it('still refuses a grid whose repair leaves no area, naming it, and changes nothing', async () => {
    const before = await state();
    const { expectedVersion: version } = await ref();
    // A ring folded onto a line: nothing polygonal survives ST_MakeValid.
    const folded = { type: 'Polygon', coordinates: [[[118.0, 32.01], [118.01, 32.01], [118.005, 32.01], [118.0, 32.01]]] };
    const err = await importGrids(t.db, await ref(), {
      bytes: text(collection(square(118.02, 32.0, 118.03, 32.02), folded)),
      fileName: 'folded.geojson',
      repairInvalid: true,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DraftError);
    expect((err as DraftError).code).toBe('GRID_GEOMETRY_INVALID');
    expect((err as DraftError).text.en).toMatch(/: feature-1: .*no area left after repair/);
    expect(await state()).toEqual(before);
    expect((await getDraft(t.db, draftId)).version).toBe(version);
  });

  it('the validate API still reports the invalid grid with a make-valid fix (files are checked, not repaired)', async () => {
    const outcome = await validateRequestBody(t.db, JSON.parse(new TextDecoder().decode(file)));
    expect(outcome.status).toBe(200);
    if (outcome.status !== 200) return;
    const invalid = outcome.report.findings.filter((f) => f.fix?.kind === 'make-valid');
    expect(invalid.map((f) => [f.code, f.gridKeys])).toEqual([['GRID_SELF_INTERSECTION', ['feature-0']]]);
  });
});
